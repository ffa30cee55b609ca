"""Forms for complaints and conduct, one module per stage, built from standards.core.forms."""
