"""The CCU's demo seeders, one module per stage, each registered from ``CcuConfig.ready()`` in
the order the stages depend on each other (operations, then reports, then what follows them)."""
