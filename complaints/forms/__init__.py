"""Forms for complaints and conduct, one module per stage."""
