"""Complaints and conduct pages: one module per stage (intake, case, conduct, letters...)."""
