"""Signing backends. Each module offers `sign(...) -> SignResult` with the keyword arguments of
`tte.signing.sign_pdf`; `tte.signing.get_backend` picks one from settings.TTE_BACKEND. The result type
lives here, with the backends that make it, so they never import tte.signing (which imports them)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

# What a backend signs: the PDF, or a callable that returns it (a render still running in its child;
# the lokal backend opens the signer's key first, so scrypt runs while the letter is laid out).
PdfAtauRender = bytes | Callable[[], bytes]


def pdf_dari(pdf: PdfAtauRender) -> bytes:
    return pdf() if callable(pdf) else pdf


@dataclass(frozen=True)
class SignResult:
    pdf_bytes: bytes
    sertifikat_serial: str  # hexadecimal serial of the signer's certificate
    signed_at: datetime.datetime
    # Expiry of the newest document timestamp's certificate (the archive task renews before it).
    cap_waktu_sampai: datetime.datetime | None = None
    id_dokumen: str = ""  # BSrE's document id (header id_dokumen); empty for the lokal backend

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf_bytes).hexdigest()
