"""Checking the electronic signatures of a PDF, offline, with pyHanko: is the content unchanged since
signing, is the signature sound, does the signer's certificate chain to a trusted root (the Pemda's
CAs and the TTE_TRUST_ROOTS_PEM file), and was it valid when the document was signed?

The signing time is the trusted timestamp's (RFC 3161) when the signature carries a valid one from a
trusted TSA; otherwise the time the signer's computer claimed. The certificate is judged at that time:
a letter signed while the certificate was valid stays valid after the certificate expires, and a
revocation (known here, or listed in a CRL the document carries) invalidates only what was signed
after it. The PAdES level (tte.pades.level) and every document timestamp's soundness are reported too.

This is the quick verdict for our pages. The full ETSI long-term validation (past proofs of existence
through the chain of document timestamps) is pyHanko's `ades_lta_validation`; the tests run it, and
docs/tte.md shows how anyone can run it with pyHanko's command line.

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
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from tte import pades, selectors, services

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
CAP_WAKTU_RUSAK = "Cap waktu dokumen tidak sah atau tidak dipercaya."

# The signer certificate's state at the signing time, and now (shown on the pages).
BERLAKU, KEDALUWARSA, BELUM_BERLAKU, DICABUT_STATUS = "berlaku", "kedaluwarsa", "belum berlaku", "dicabut"


@dataclass(frozen=True)
class VerifyResult:
    valid: bool
    intact: bool  # the content is what was signed (no change after signing)
    signer_name: str
    signer_serial: str  # hexadecimal serial of the signer's certificate (as SignResult.sertifikat_serial)
    signed_at: datetime.datetime | None  # the timestamp's time when trusted, else the claimed time
    reason_if_invalid: str  # Indonesian, for the user; empty when valid
    sha256: str
    jumlah_tanda_tangan: int = 0
    level: str = ""  # PAdES level of the last signature: B-B, B-T, B-LT or B-LTA
    waktu_dari_cap_waktu: bool = False  # signed_at comes from a trusted timestamp
    status_sertifikat: str = ""  # the signer certificate at signed_at: berlaku / kedaluwarsa / dicabut ...
    status_sertifikat_kini: str = ""  # and today
    jumlah_cap_waktu_dokumen: int = 0
    cap_waktu_sampai: datetime.datetime | None = None  # newest document timestamp's certificate expiry


@dataclass(frozen=True)
class _Pemeriksaan:
    alasan: str
    intact: bool
    signed_at: datetime.datetime | None = None
    dari_cap_waktu: bool = False
    status: str = ""
    status_kini: str = ""


def _common_name(cert: asn1_x509.Certificate) -> str:
    try:
        return str(cert.subject.native.get("common_name", "")) or cert.subject.human_friendly
    except Exception:  # an odd subject must not hide the verdict
        return ""


def _changed(status) -> bool:
    return (
        not status.intact
        or status.modification_level == ModificationLevel.OTHER
        or getattr(status, "docmdp_ok", None) is False
    )


class _Konteks:
    """Builds pyHanko validation contexts at a given moment from the trust roots, the document's own
    DSS (certificates and CRLs embedded at signing: B-LT) and the current CRLs of the Pemda's CAs (what
    any validator would fetch from the address in the certificates, to judge the newest timestamp)."""

    def __init__(self, reader: PdfFileReader, roots: list) -> None:
        self.roots = roots
        self.crls = services.crl_semua_terkini()
        try:
            self.dss = DocumentSecurityStore.read_dss(reader)
        except (KeyError, ValueError, TypeError):
            self.dss = None

    def at(self, moment: datetime.datetime | None) -> ValidationContext:
        # Revocation data issued after `moment` still tells whether the certificate was revoked before it.
        kwargs = {
            "trust_roots": self.roots,
            "crls": self.crls,
            "moment": moment,
            "best_signature_time": moment,
            "allow_fetching": False,
            "revocation_mode": "soft-fail",
            "retroactive_revinfo": True,
        }
        return self.dss.as_validation_context(kwargs) if self.dss else ValidationContext(**kwargs)


def _state(cert: asn1_x509.Certificate, moment: datetime.datetime | None, revoked_at) -> str:
    if moment is None:
        return ""
    if revoked_at is not None and revoked_at <= moment:
        return DICABUT_STATUS
    if moment < cert.not_valid_before:
        return BELUM_BERLAKU
    if moment > cert.not_valid_after:
        return KEDALUWARSA
    return BERLAKU


def _signing_time(sig: EmbeddedPdfSignature, status: PdfSignatureStatus) -> tuple[datetime.datetime | None, bool]:
    ts = status.timestamp_validity
    if ts is not None and ts.intact and ts.valid and ts.trusted:
        return ts.timestamp, True
    return sig.self_reported_timestamp, False


def _check(sig: EmbeddedPdfSignature, konteks: _Konteks) -> _Pemeriksaan:
    """The verdict on one signature: validated at its timestamp's time (read first, then verified)."""
    claimed = pades.waktu_cap_waktu(sig) or sig.self_reported_timestamp
    status = validate_pdf_signature(sig, konteks.at(claimed), ts_validation_context=konteks.at(claimed))
    moment, dari_cap_waktu = _signing_time(sig, status)
    sertifikat = selectors.sertifikat_by_serial(format(sig.signer_cert.serial_number, "x"))
    revoked_at = sertifikat.dicabut_pada if sertifikat is not None else None
    if revoked_at is None and getattr(status.trust_problem_indic, "name", "").startswith("REVOKED"):
        revoked_at = moment
    state = _state(sig.signer_cert, moment, revoked_at)
    now_state = _state(sig.signer_cert, timezone.now(), revoked_at)
    found = {"signed_at": moment, "dari_cap_waktu": dari_cap_waktu, "status": state, "status_kini": now_state}
    if _changed(status):
        return _Pemeriksaan(BERUBAH, False, **found)
    if not status.valid:
        return _Pemeriksaan(TIDAK_SAH, True, **found)
    if state == DICABUT_STATUS:
        return _Pemeriksaan(DICABUT, True, **found)
    if state in (KEDALUWARSA, BELUM_BERLAKU):
        return _Pemeriksaan(TIDAK_BERLAKU, True, **found)
    if not status.trusted or not status.bottom_line:
        return _Pemeriksaan(TIDAK_DIPERCAYA if not status.trusted else TIDAK_SAH, True, **found)
    return _Pemeriksaan("", True, **found)


def _check_document_timestamp(ts: EmbeddedPdfSignature, konteks: _Konteks, moment) -> str:
    """A document timestamp is judged at the time of the next one (which proves it existed then), the
    newest one now."""
    status = validate_pdf_timestamp(ts, konteks.at(moment))
    if _changed(status):
        return BERUBAH
    if not (status.valid and status.trusted):
        return CAP_WAKTU_RUSAK
    return ""


def verify_pdf(pdf_bytes: bytes) -> VerifyResult:
    """Anyone (the public verification page too): the verdict on every signature and document
    timestamp of `pdf_bytes`; valid only when all of them are. Details come from the last signature."""
    sha256 = hashlib.sha256(pdf_bytes).hexdigest()

    def result(reason: str, **extra) -> VerifyResult:
        return VerifyResult(
            valid=not reason,
            intact=extra.pop("intact", False),
            signer_name=extra.pop("signer_name", ""),
            signer_serial=extra.pop("signer_serial", ""),
            signed_at=extra.pop("signed_at", None),
            reason_if_invalid=reason,
            sha256=sha256,
            **extra,
        )

    if b"%PDF-" not in pdf_bytes[:1024]:
        return result(BUKAN_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_regular_signatures
        stamps = reader.embedded_timestamp_signatures
    except Exception as exc:  # pyHanko raises many kinds on garbage; all mean "unreadable"
        logger.info("PDF tidak terbaca saat verifikasi: %s", type(exc).__name__)
        return result(RUSAK)
    if not signatures:
        return result(TANPA_TTE)
    konteks = _Konteks(reader, [pades.to_asn1(cert) for cert in selectors.trust_roots()])
    reason, intact, last = "", True, None
    for sig in signatures:
        try:
            last = _check(sig, konteks)
        except Exception as exc:  # a malformed signature dictionary or CMS blob
            logger.info("Tanda tangan tidak dapat diperiksa: %s", type(exc).__name__)
            last = _Pemeriksaan(TIDAK_TERPERIKSA, False)
        intact = intact and last.intact
        reason = reason or last.alasan
    for i, ts in enumerate(stamps):
        try:
            moment = stamps[i + 1].self_reported_timestamp if i + 1 < len(stamps) else None
            problem = _check_document_timestamp(ts, konteks, moment)
        except Exception as exc:
            logger.info("Cap waktu dokumen tidak dapat diperiksa: %s", type(exc).__name__)
            problem = CAP_WAKTU_RUSAK
        intact = intact and problem != BERUBAH
        reason = reason or problem
    final = signatures[-1]
    try:
        name, serial = _common_name(final.signer_cert), format(final.signer_cert.serial_number, "x")
        tingkat = pades.level(reader, final)
    except Exception:  # a broken CMS blob: the verdict stands without the details
        name = serial = tingkat = ""
    return result(
        reason,
        intact=intact,
        signer_name=name,
        signer_serial=serial,
        signed_at=last.signed_at,
        jumlah_tanda_tangan=len(signatures),
        level=tingkat,
        waktu_dari_cap_waktu=last.dari_cap_waktu,
        status_sertifikat=last.status,
        status_sertifikat_kini=last.status_kini,
        jumlah_cap_waktu_dokumen=len(stamps),
        cap_waktu_sampai=stamps[-1].signer_cert.not_valid_after if stamps else None,
    )
