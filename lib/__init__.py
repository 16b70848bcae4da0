"""The ground floor: small helpers every app uses (errors, storage paths, rate limiting, paging,
upload fields, the read-only admin, export escaping, signals after commit, reference data, the text-size
cookie). Imports Django and the standard library, never one of our apps (tests/test_layers.py)."""
