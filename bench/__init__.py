"""Benchmarks run against a throwaway PostgreSQL database (see bench/README.md)."""
