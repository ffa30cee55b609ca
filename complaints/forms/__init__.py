"""Complaints and conduct forms: one module per stage (intake, case, conduct, letters...)."""
