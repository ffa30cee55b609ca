"""PSD's complaint and conduct pages, one module per stage."""
