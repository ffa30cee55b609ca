"""Complaints and conduct: forms, one module per stage."""
