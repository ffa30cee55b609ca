// built by make assets
