"""Signing with the Pemda's own CA: open the signer's sealed key with their passphrase and sign here."""

from __future__ import annotations

import logging

from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.general import SigningError

from organisasi.models import Pegawai
from tte import crypto, pades, selectors
from tte.backends import SignResult
from tte.errors import PassphraseSalah, SertifikatTidakAda, TteError

logger = logging.getLogger(__name__)


@sensitive_variables("passphrase")
def sign(
    *,
    pegawai: Pegawai,
    passphrase: str,
    pdf_bytes: bytes,
    reason: str,
    location: str,
    field_name: str,
    box: pades.Box | None,
    page: int | None,
    link_qr: str = "",
) -> SignResult:
    sertifikat = selectors.sertifikat_berlaku(pegawai)
    if sertifikat is None:
        raise SertifikatTidakAda()
    try:
        key = crypto.open_key(sertifikat.kunci_terenkripsi, passphrase)
    except PassphraseSalah:
        logger.warning("Passphrase salah: pegawai=%s serial=%s", pegawai.pk, sertifikat.serial)
        raise
    signed_at = timezone.now().replace(microsecond=0)
    try:
        signed = pades.sign_with_key(
            pdf_bytes=pdf_bytes,
            cert=crypto.load_pem(sertifikat.sertifikat_pem),
            key=key,
            chain=[crypto.load_pem(sertifikat.penerbit.sertifikat_pem)],
            reason=reason,
            location=location,
            field_name=field_name,
            box=box,
            page=page,
        )
    except (PdfError, SigningError) as exc:
        logger.warning("PDF tidak dapat ditandatangani: pegawai=%s: %s", pegawai.pk, exc)
        raise TteError("Berkas PDF tidak dapat ditandatangani (rusak, atau kolom tanda tangan sudah terisi).") from exc
    return SignResult(pdf_bytes=signed, sertifikat_serial=sertifikat.serial, signed_at=signed_at)
