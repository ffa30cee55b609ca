"""Complaints and conduct: views, one module per stage."""
