"""Put a PAdES B-B signature into PDF bytes with pyHanko, given the key in memory. No database, no
network: the lokal backend and the tests' fake BSrE server both use it."""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

# Room for the CMS blob: an ECDSA signature plus two certificates is about 2 KB. A fixed size spares
# pyHanko a dummy signing pass to estimate it.
BYTES_RESERVED = 8192

STAMP = TextStampStyle(
    stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s\n%(ts)s",
    timestamp_format="%d-%m-%Y %H:%M:%S %Z",
    border_width=0,
)

Box = tuple[int, int, int, int]


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


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
) -> bytes:
    """The signed PDF (the input plus one incremental update). `box` (x1, y1, x2, y2 in points from the
    lower left) makes the signature visible on `page` (1-based; None is the last page)."""
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
    )
    spec = fields.SigFieldSpec(field_name, box=box, on_page=(page - 1) if page else -1)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    out = PdfSigner(meta, signer, stamp_style=STAMP, new_field_spec=spec).sign_pdf(
        writer, bytes_reserved=BYTES_RESERVED
    )
    return out.getvalue()
