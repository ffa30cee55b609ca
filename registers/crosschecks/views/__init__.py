"""The cross-checks' pages: imports (PSD), findings (PSD and, apart, the CCU's) and runs."""
