"""Signing with the Pemda's own CA: open the signer's sealed key with their passphrase and sign here,
as PAdES B-LTA (timestamp from the configured TSA, the CA's CRL in the DSS, a document timestamp)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import TimestampRequestError

from organisasi.models import Pegawai
from tte import crypto, ltv, pades, selectors
from tte.backends import PdfAtauRender, SignResult, pdf_dari
from tte.errors import LayananTteGagal, PassphraseSalah, SertifikatTidakAda, TteError

logger = logging.getLogger(__name__)

TSA_GAGAL = "Layanan cap waktu (TSA) tidak dapat dihubungi; surat belum ditandatangani, coba lagi nanti."


@sensitive_variables("passphrase")
def sign(
    *,
    pegawai: Pegawai,
    passphrase: str,
    pdf_bytes: PdfAtauRender,
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
    cert = crypto.load_pem(sertifikat.sertifikat_pem)
    chain = [crypto.load_pem(sertifikat.penerbit.sertifikat_pem)]
    bukti = ltv.bukti()
    # Only now the PDF: a render started by the caller has been running while the key was opened.
    pdf_bytes = pdf_dari(pdf_bytes)
    try:
        signed = pades.sign_with_key(
            pdf_bytes=pdf_bytes,
            cert=cert,
            key=key,
            chain=chain,
            reason=reason,
            location=location,
            field_name=field_name,
            box=box,
            page=page,
            bukti=bukti,
        )
    except TimestampRequestError:
        raise LayananTteGagal(TSA_GAGAL) from None
    except (PdfError, SigningError) as exc:
        logger.warning("PDF tidak dapat ditandatangani: pegawai=%s: %s", pegawai.pk, exc)
        raise TteError("Berkas PDF tidak dapat ditandatangani (rusak, atau kolom tanda tangan sudah terisi).") from exc
    # The signing time is the TSA's, as every validator will read it.
    waktu, sampai = pades.waktu_dan_batas(signed)
    return SignResult(
        pdf_bytes=signed,
        sertifikat_serial=sertifikat.serial,
        signed_at=waktu or timezone.now(),
        cap_waktu_sampai=sampai,
    )
