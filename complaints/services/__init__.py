"""Complaints and conduct: services, one module per stage."""
