"""Every read of CCU material, one module per stage, always through ``standards.access.policy``:
missing and out of sight are the same 404."""
