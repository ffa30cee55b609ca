"""The cross-checks' forms, one module per stage (imports, findings)."""
