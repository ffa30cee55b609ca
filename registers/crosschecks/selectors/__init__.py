"""Reads of the cross-checks' protected rows, one module per stage (findings, runs, imports)."""
