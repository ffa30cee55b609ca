"""The CCU's forms, one module per stage, built from ``standards.core.forms`` and ``fields``."""
