"""Every change to complaints and conduct material, one module per stage."""
