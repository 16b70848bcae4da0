"""PAdES signatures with pyHanko, given the key in memory, and reading back what level a signed PDF has.
No database, no network of our own: the lokal backend, the archive task and the tests' fake BSrE
server all use it.

Levels (ETSI EN 319 142-1), from the weakest:
- B-B: a CAdES signature only; its time is what the signer's computer claimed.
- B-T: plus a trusted timestamp (RFC 3161) on the signature: the signing time is proven.
- B-LT: plus the certificates and revocation data (CRL) needed to validate it, in the document's
  security store (DSS), so it validates offline after the certificates expire.
- B-LTA: plus a document timestamp over all that, renewed before its own certificate expires
  (`perpanjang`), so the proof survives the TSA certificate and algorithm ageing too.

Every step is an incremental update: the bytes that were signed never change, so a PDF/A file stays
PDF/A and earlier signatures stay valid.
"""

from __future__ import annotations

import datetime
import functools
import io
from dataclasses import dataclass

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner, PdfTimeStamper
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation import add_validation_info
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

# Room for the CMS blob: an ECDSA signature, two certificates and an RSA-3072 timestamp token with its
# certificates is about 6 KB. A fixed size spares pyHanko a dummy signing pass to estimate it.
BYTES_RESERVED = 16384
# The visible stamp's font is embedded (PDF/A forbids the unembedded standard fonts).
FONT_STEMPEL = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"

Box = tuple[int, int, int, int]

B_B, B_T, B_LT, B_LTA = "B-B", "B-T", "B-LT", "B-LTA"


@functools.cache
def _stamp_style() -> TextStampStyle:
    return TextStampStyle(
        stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s\n%(ts)s",
        timestamp_format="%d-%m-%Y %H:%M:%S %Z",
        border_width=0,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(FONT_STEMPEL, font_size=9)),
    )


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@dataclass(frozen=True)
class BuktiJangkaPanjang:
    """What a B-LTA signature needs besides the key: a timestamper, and the trust roots, certificates
    and CRLs to validate the signer and the TSA (embedded into the DSS). `ambil_daring` lets pyHanko
    fetch missing revocation data (an external TSA's); our own CRLs are always given here."""

    timestamper: TimeStamper
    trust_roots: list[x509.Certificate]
    crls: list[bytes]
    other_certs: list[x509.Certificate] = ()  # type: ignore[assignment]
    ambil_daring: bool = False

    def validation_context(self) -> ValidationContext:
        return ValidationContext(
            trust_roots=[to_asn1(c) for c in self.trust_roots],
            other_certs=[to_asn1(c) for c in self.other_certs],
            crls=list(self.crls),
            allow_fetching=self.ambil_daring,
            revocation_mode="hard-fail",
        )


def sign_with_key(
    *,
    pdf_bytes: bytes,
    cert: x509.Certificate,
    key: ec.EllipticCurvePrivateKey,
    chain: list[x509.Certificate],
    reason: str,
    location: str,
    field_name: str,
    box: Box | None = None,
    page: int | None = None,
    bukti: BuktiJangkaPanjang | None = None,
    timestamper: TimeStamper | None = None,
) -> bytes:
    """The signed PDF (the input plus incremental updates). `box` (x1, y1, x2, y2 in points from the
    lower left) makes the signature visible on `page` (1-based; None is the last page). With `bukti`
    the signature is PAdES B-LTA (timestamp, DSS with the CRLs, document timestamp); with only a
    `timestamper`, B-T; with neither, B-B."""
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    signer = signers.SimpleSigner(
        signing_cert=to_asn1(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in chain]),
    )
    meta = PdfSignatureMetadata(
        field_name=field_name,
        reason=reason or None,
        location=location or None,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=bukti is not None,
        use_pades_lta=bukti is not None,
        validation_context=bukti.validation_context() if bukti else None,
    )
    spec = fields.SigFieldSpec(field_name, box=box, on_page=(page - 1) if page else -1)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    _producer_consistent(writer)
    out = PdfSigner(
        meta,
        signer,
        timestamper=bukti.timestamper if bukti else timestamper,
        stamp_style=_stamp_style(),
        new_field_spec=spec,
    ).sign_pdf(writer, bytes_reserved=BYTES_RESERVED)
    return out.getvalue()


def _producer_consistent(writer: IncrementalPdfFileWriter) -> None:
    """PDF/A wants the Info dictionary and the XMP metadata to agree. pyHanko writes itself as the XMP
    producer and appends itself to an Info producer ("WeasyPrint 70; pyHanko"); without an Info
    producer both end up saying pyHanko."""
    try:
        info = writer.prev.trailer_view["/Info"]
    except KeyError:
        return
    if "/Producer" in info:
        writer.set_info(generic.DictionaryObject({k: v for k, v in info.items() if k != "/Producer"}))


def perpanjang(pdf_bytes: bytes, bukti: BuktiJangkaPanjang) -> bytes:
    """Archive timestamp (B-LTA renewal): add the revocation data of the newest timestamp to the DSS,
    then a new document timestamp over everything. A B-B or B-T document becomes B-LTA."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    stamper = PdfTimeStamper(bukti.timestamper)
    vc = bukti.validation_context()
    if reader.embedded_timestamp_signatures:
        out = stamper.update_archival_timestamp_chain(reader, vc, in_place=False)
    else:
        # No document timestamp yet: first the signers' validation data, then the timestamp.
        for sig in reader.embedded_regular_signatures:
            pdf_bytes = add_validation_info(sig, vc, in_place=False).getvalue()
            reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        out = stamper.timestamp_pdf(writer, "sha256", validation_context=vc, bytes_reserved=BYTES_RESERVED)
    return out.getvalue()


def _has_revinfo(reader: PdfFileReader) -> bool:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except (KeyError, ValueError, TypeError):
        return False
    return bool(dss.crls or dss.ocsps)


def token_cap_waktu(sig: EmbeddedPdfSignature):
    """The SignedData of the signature's timestamp token (unsigned attribute signatureTimeStampToken,
    RFC 3161 appendix A), or None."""
    attrs = sig.signer_info["unsigned_attrs"]
    if not isinstance(attrs, cms.CMSAttributes):  # absent: asn1crypto gives a Void
        return None
    for attr in attrs:
        if attr["type"].native == "signature_time_stamp_token":
            return attr["values"][0]["content"]
    return None


def level(reader: PdfFileReader, sig: EmbeddedPdfSignature) -> str:
    """The PAdES level `sig` reaches in the document read by `reader`, judged from its structure
    (the verdict on each part is tte.verification's)."""
    if token_cap_waktu(sig) is None:
        return B_B
    if not _has_revinfo(reader):
        return B_T
    later = [ts for ts in reader.embedded_timestamp_signatures if ts.signed_revision > sig.signed_revision]
    return B_LTA if later else B_LT


def waktu_cap_waktu(sig: EmbeddedPdfSignature) -> datetime.datetime | None:
    """When the TSA says the signature existed (its timestamp token), or None without one."""
    data = token_cap_waktu(sig)
    if data is None:
        return None
    return data["encap_content_info"]["content"].parsed["gen_time"].native


def cap_waktu_sampai(pdf_bytes: bytes) -> datetime.datetime | None:
    """Until when the newest document timestamp can be validated: its TSA certificate's expiry. The
    archive task adds a new one before then. None: no document timestamp (B-B/B-T/B-LT), which the
    archive task upgrades to B-LTA."""
    return waktu_dan_batas(pdf_bytes)[1]


def waktu_dan_batas(pdf_bytes: bytes) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """The timestamp time of the document's last signature and `cap_waktu_sampai`, from one reading of
    the file (a signed letter's signatures take ~35 ms to read); None where there is no timestamp."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    signatures, stamps = reader.embedded_regular_signatures, reader.embedded_timestamp_signatures
    return (
        waktu_cap_waktu(signatures[-1]) if signatures else None,
        stamps[-1].signer_cert.not_valid_after if stamps else None,
    )
