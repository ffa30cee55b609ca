"""Reading PSD's files for the cross-checks: by content (``reading``), which column holds which
field (``fields``), and what each row becomes (``parsing``). The service that writes the rows is
``registers.crosschecks.services.imports``."""
