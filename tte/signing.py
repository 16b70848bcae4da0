"""The signing API the letter code calls with PDF bytes. The backend (settings.TTE_BACKEND) is the
Pemda's own CA ("lokal") or BSrE's esign API ("bsre").

Call it inside the request that received the passphrase: the passphrase must never be put on a
Celery queue, stored or logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from audit.services import record
from lib import ratelimit
from organisasi.models import Pegawai
from tte.backends import PdfAtauRender, SignResult
from tte.errors import PassphraseSalah, TerlaluBanyakPercobaan, TteError
from tte.pades import Box

logger = logging.getLogger(__name__)

# Where a visible signature goes when the caller asks for one without a box: lower left, in points.
DEFAULT_BOX: Box = (56, 56, 256, 116)

# Wrong passphrases of one pegawai within JENDELA_SALAH seconds before signing is refused for as long.
BATAS_SALAH = 5
JENDELA_SALAH = 15 * 60


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
    pdf_bytes: PdfAtauRender,
    reason: str,
    location: str,
    field_name: str = "TTE",
    visible: bool = False,
    box: Box | None = None,
    page: int | None = None,
    link_qr: str = "",
) -> SignResult:
    """Sign `pdf_bytes` as `pegawai` (the caller has checked that they may sign this document).

    `pdf_bytes` may be a callable that returns them (surat.pdf.RenderTertunda.hasil): the lokal backend
    opens the key before it waits for the render. `page` is 1-based (None: the last page) and only matters for a visible signature; `link_qr` is
    passed to BSrE for its QR. Raises PassphraseSalah, SertifikatTidakAda, LayananTteGagal or
    TerlaluBanyakPercobaan (all TteError, with a message for the user); nothing is stored when it fails.
    After BATAS_SALAH wrong passphrases within JENDELA_SALAH seconds the pegawai's signing is locked for
    JENDELA_SALAH seconds: the backend is not even asked. Records an audit event with the signed
    document's SHA-256 inside the caller's transaction; a failure's audit events ride on the exception
    (see record_failure).
    """
    kunci = f"tte-passphrase:{pegawai.pk}"
    if ratelimit.locked(kunci):
        raise _with_audit(TerlaluBanyakPercobaan(), pegawai, "tte.ditolak_terkunci")
    sign = get_backend()
    try:
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
    except PassphraseSalah as exc:
        if ratelimit.fail(kunci, limit=BATAS_SALAH, window=JENDELA_SALAH):
            logger.warning("TTE dikunci setelah %s passphrase salah: pegawai=%s", BATAS_SALAH, pegawai.pk)
            locked = _with_audit(TerlaluBanyakPercobaan(), pegawai, "tte.passphrase_salah")
            raise _with_audit(locked, pegawai, "tte.dikunci", menit=JENDELA_SALAH // 60) from None
        _with_audit(exc, pegawai, "tte.passphrase_salah")
        raise
    ratelimit.clear(kunci)
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


def _with_audit(exc: TteError, pegawai: Pegawai, aksi: str, **data: object) -> TteError:
    exc.audit_tertunda.append((pegawai, aksi, {"backend": settings.TTE_BACKEND, **data}))
    return exc


def record_failure(exc: TteError) -> None:
    """Record the audit events a failed sign_pdf left on `exc` (wrong passphrase, lockout; never the
    passphrase). The caller signs inside a transaction that the failure rolls back, so it calls this
    once that transaction is over."""
    for actor, aksi, data in exc.audit_tertunda:
        record(actor=actor, aksi=aksi, **data)
    exc.audit_tertunda.clear()
