"""Every read of complaints and conduct material, always through the access policy
(complaints/rules.py). One module per stage, like ``services``: ``cases`` (the case and its
lists), ``intake``, ``investigation``, ``outcomes``, ``letters``, ``reviews``."""
