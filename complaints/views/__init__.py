"""PSD's complaints and conduct pages, one module per stage (access, service, response)."""
