"""Checking the electronic signatures of a PDF, offline, with pyHanko: is the content unchanged since
signing, is the signature sound, and does the signer's certificate chain to a trusted root (the
Pemda's CAs and the TTE_TRUST_ROOTS_PEM file)?

Validation happens at the time the signature claims (there is no timestamp authority offline), so a
letter signed while the certificate was valid stays valid after the certificate expires; a
certificate revoked here invalidates what it signed after its revocation.

`verify_pdf` never raises on bad input: corrupt bytes, a PDF without signatures or anything else
gives a result with `valid=False` and a reason for the user. The caller limits the size.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from tte import pades, selectors

logger = logging.getLogger(__name__)

BUKAN_PDF = "Berkas ini bukan dokumen PDF."
RUSAK = "Berkas PDF rusak atau tidak dapat dibaca."
TANPA_TTE = "Dokumen tidak memiliki tanda tangan elektronik."
BERUBAH = "Isi dokumen berubah setelah ditandatangani."
TIDAK_SAH = "Tanda tangan elektronik tidak sah."
TIDAK_DIPERCAYA = "Sertifikat penanda tangan tidak diterbitkan oleh penerbit yang dipercaya."
TIDAK_BERLAKU = "Sertifikat penanda tangan tidak berlaku pada waktu penandatanganan."
DICABUT = "Sertifikat penanda tangan telah dicabut sebelum dokumen ditandatangani."
TIDAK_TERPERIKSA = "Tanda tangan elektronik tidak dapat diperiksa."


@dataclass(frozen=True)
class VerifyResult:
    valid: bool
    intact: bool  # the content is what was signed (no change after signing)
    signer_name: str
    signer_serial: str  # hexadecimal serial of the signer's certificate (as SignResult.sertifikat_serial)
    signed_at: datetime.datetime | None
    reason_if_invalid: str  # Indonesian, for the user; empty when valid
    sha256: str
    jumlah_tanda_tangan: int = 0


def _common_name(cert: asn1_x509.Certificate) -> str:
    try:
        return str(cert.subject.native.get("common_name", "")) or cert.subject.human_friendly
    except Exception:  # an odd subject must not hide the verdict
        return ""


def _changed(status: PdfSignatureStatus) -> bool:
    return not status.intact or status.modification_level == ModificationLevel.OTHER or status.docmdp_ok is False


def _trust_problem(status: PdfSignatureStatus, moment: datetime.datetime | None) -> str:
    cert = status.signing_cert
    if moment is not None and not cert.not_valid_before <= moment <= cert.not_valid_after:
        return TIDAK_BERLAKU
    if getattr(status.trust_problem_indic, "name", "").startswith("REVOKED"):
        return DICABUT
    return TIDAK_DIPERCAYA


def _check(sig: EmbeddedPdfSignature, roots: list) -> tuple[str, bool]:
    """(reason it fails or "", intact) for one embedded signature."""
    moment = sig.self_reported_timestamp
    context = ValidationContext(
        trust_roots=roots, moment=moment, best_signature_time=moment, allow_fetching=False, revocation_mode="soft-fail"
    )
    status = validate_pdf_signature(sig, context)
    if _changed(status):
        return BERUBAH, False
    if not status.valid:
        return TIDAK_SAH, True
    if not status.trusted:
        return _trust_problem(status, moment), True
    if not status.bottom_line:
        return TIDAK_SAH, True
    sertifikat = selectors.sertifikat_by_serial(format(sig.signer_cert.serial_number, "x"))
    if sertifikat is not None and sertifikat.dicabut_pada is not None:
        if moment is None or sertifikat.dicabut_pada <= moment:
            return DICABUT, True
    return "", True


def verify_pdf(pdf_bytes: bytes) -> VerifyResult:
    """Anyone (the public verification page too): the verdict on every signature of `pdf_bytes`;
    valid only when all of them are. Signer details come from the last signature."""
    sha256 = hashlib.sha256(pdf_bytes).hexdigest()

    def result(reason: str, *, intact: bool = False, sig: EmbeddedPdfSignature | None = None, count: int = 0):
        name = serial = ""
        signed_at = None
        if sig is not None:
            try:
                name, serial = _common_name(sig.signer_cert), format(sig.signer_cert.serial_number, "x")
                signed_at = sig.self_reported_timestamp
            except Exception:  # a broken CMS blob: the verdict stands without the details
                pass
        return VerifyResult(
            valid=not reason,
            intact=intact,
            signer_name=name,
            signer_serial=serial,
            signed_at=signed_at,
            reason_if_invalid=reason,
            sha256=sha256,
            jumlah_tanda_tangan=count,
        )

    if b"%PDF-" not in pdf_bytes[:1024]:
        return result(BUKAN_PDF)
    try:
        signatures = PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_signatures
    except Exception as exc:  # pyHanko raises many kinds on garbage; all mean "unreadable"
        logger.info("PDF tidak terbaca saat verifikasi: %s", type(exc).__name__)
        return result(RUSAK)
    if not signatures:
        return result(TANPA_TTE)
    roots = [pades.to_asn1(cert) for cert in selectors.trust_roots()]
    reason, intact = "", True
    for sig in signatures:
        try:
            problem, sig_intact = _check(sig, roots)
        except Exception as exc:  # a malformed signature dictionary or CMS blob
            logger.info("Tanda tangan tidak dapat diperiksa: %s", type(exc).__name__)
            problem, sig_intact = TIDAK_TERPERIKSA, False
        intact = intact and sig_intact
        reason = reason or problem
    return result(reason, intact=intact, sig=signatures[-1], count=len(signatures))
