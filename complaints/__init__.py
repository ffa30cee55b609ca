"""Public complaints and conduct matters: recording, allegations, severity, proceedings, reviews."""
