"""Signing backends. Each module offers `sign(...) -> tte.signing.SignResult` with the keyword
arguments of `tte.signing.sign_pdf`; `tte.signing.get_backend` picks one from settings.TTE_BACKEND."""
