"""Every change of state of complaints and conduct material, one module per stage."""
