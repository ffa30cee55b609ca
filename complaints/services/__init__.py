"""Every change of state in complaints and conduct, one module per stage."""
