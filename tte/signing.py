"""The signing API the letter code calls with PDF bytes. The backend (settings.TTE_BACKEND) is the
Pemda's own CA ("lokal") or BSrE's esign API ("bsre").

Call it inside the request that received the passphrase: the passphrase must never be put on a
Celery queue, stored or logged.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from audit.services import record
from organisasi.models import Pegawai
from tte.pades import Box

logger = logging.getLogger(__name__)

# Where a visible signature goes when the caller asks for one without a box: lower left, in points.
DEFAULT_BOX: Box = (56, 56, 256, 116)


@dataclass(frozen=True)
class SignResult:
    pdf_bytes: bytes
    sertifikat_serial: str  # hexadecimal serial of the signer's certificate
    signed_at: datetime.datetime
    id_dokumen: str = ""  # BSrE's document id (header id_dokumen); empty for the lokal backend

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf_bytes).hexdigest()


def get_backend() -> Callable[..., SignResult]:
    if settings.TTE_BACKEND == "bsre":
        from tte.backends import bsre

        return bsre.sign
    from tte.backends import lokal

    return lokal.sign


@sensitive_variables("passphrase")
def sign_pdf(
    *,
    pegawai: Pegawai,
    passphrase: str,
    pdf_bytes: bytes,
    reason: str,
    location: str,
    field_name: str = "TTE",
    visible: bool = False,
    box: Box | None = None,
    page: int | None = None,
    link_qr: str = "",
) -> SignResult:
    """Sign `pdf_bytes` as `pegawai` (the caller has checked that they may sign this document).

    `page` is 1-based (None: the last page) and only matters for a visible signature; `link_qr` is
    passed to BSrE for its QR. Raises PassphraseSalah, SertifikatTidakAda or LayananTteGagal (all
    TteError, with a message for the user); nothing is stored when it fails. Records an audit event
    with the signed document's SHA-256 inside the caller's transaction.
    """
    sign = get_backend()
    result = sign(
        pegawai=pegawai,
        passphrase=passphrase,
        pdf_bytes=pdf_bytes,
        reason=reason,
        location=location,
        field_name=field_name,
        box=(box or DEFAULT_BOX) if visible else None,
        page=page,
        link_qr=link_qr,
    )
    record(
        actor=pegawai,
        aksi="tte.tandatangan",
        backend=settings.TTE_BACKEND,
        serial=result.sertifikat_serial,
        sha256=result.sha256,
        id_dokumen=result.id_dokumen,
        alasan=reason,
    )
    logger.info(
        "PDF ditandatangani: pegawai=%s backend=%s serial=%s",
        pegawai.pk,
        settings.TTE_BACKEND,
        result.sertifikat_serial,
    )
    return result
