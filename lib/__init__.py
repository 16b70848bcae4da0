"""The ground floor: small helpers every app uses (errors, storage paths, rate limiting, paging,
upload fields, admin mixins, export escaping). Imports Django and the standard library, never one of
our apps."""
