"""Trusted timestamps (RFC 3161) for signatures and archive timestamps.

Which timestamp authority (TSA) answers:
- TTE_TSA_URL empty: the installation's own TSA, a certificate under the Pemda's CA (tte.models.
  OtoritasTimestamp). The signing code calls it in-process (no network, works in the demo and in
  tests); other installations and outside tools reach the same TSA over HTTP at /tte/tsa/ (tte.views).
- TTE_TSA_URL set (BSrE's TSA in production): every timestamp is requested there over HTTP.

The ASN.1 is asn1crypto's and the token construction pyHanko's (`DummyTimeStamper` is pyHanko's
in-process TSA; we only give it our policy OID and refuse weak hash algorithms).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import logging
import urllib.error
import urllib.request

from asn1crypto import cms, core, parser, tsp
from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute
from pyhanko.sign.timestamps import DummyTimeStamper, TimeStamper, TimestampRequestError
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from tte import crypto, pades
from tte.models import OtoritasTimestamp

logger = logging.getLogger(__name__)

# The policy under which our TSA issues tokens: an OID from the UUID arc (ITU-T X.667), which needs no
# registration. It names "eoffice TSA policy v1"; docs/tte.md says what the policy promises.
POLICY_OID = "2.25.75783920890707117505490640969776924919"
HASH_DITERIMA = frozenset({"sha256", "sha384", "sha512", "sha3_256", "sha3_384", "sha3_512"})
CONTENT_TYPE_QUERY = "application/timestamp-query"
CONTENT_TYPE_REPLY = "application/timestamp-reply"


class TsaPemda(DummyTimeStamper):
    """pyHanko's in-process TSA with the Pemda's TSA certificate and our policy OID. The time is the
    server's clock (keep it synchronised with NTP).

    pyHanko's version parses the RSA key from DER for every token (OpenSSL's RSA key check: ~0.2 s
    for 3072 bits), so the signed attributes are signed here with the key loaded once; they name the
    TSA certificate by SHA-256 (ESS signing-certificate-v2, RFC 5816)."""

    def __init__(self, *, kunci: rsa.RSAPrivateKey, **kwargs) -> None:
        super().__init__(**kwargs)
        self._kunci = kunci
        # The attributes every token carries unchanged, encoded once (see _atribut_bertanda).
        self._atribut_tetap = (
            simple_cms_attribute("content_type", "tst_info").dump(),
            simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(self.tsa_cert)).dump(),
        )

    def _build_tst_info(self, message_imprint, dt, req) -> tsp.TSTInfo:
        info = super()._build_tst_info(message_imprint, dt, req)
        info["policy"] = tsp.ObjectIdentifier(POLICY_OID)
        return info

    def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt) -> tuple[bytes, cms.CMSAttributes]:
        hash_spec = get_pyca_cryptography_hash(md_algorithm)
        digest = hashes.Hash(hash_spec)
        digest.update(tst_info_data)
        der = self._atribut_bertanda(digest.finalize(), dt)
        return self._kunci.sign(der, padding.PKCS1v15(), hash_spec), cms.CMSAttributes.load(der)

    def _atribut_bertanda(self, message_digest: bytes, dt) -> bytes:
        """The DER of the token's signed attributes (content type, signing time, the TSA certificate by
        SHA-256, the digest): a SET OF, its members sorted as DER wants. Assembled from encoded pieces:
        asn1crypto built these four small attributes in ~18 ms, a tenth of a signing's CPU for two tokens."""
        # UTCTime stops at 2049; archives outlive it.
        waktu = cms.Time(
            {"utc_time": core.UTCTime(dt)} if dt.year < 2050 else {"generalized_time": core.GeneralizedTime(dt)}
        )
        anggota = [
            *self._atribut_tetap,
            _atribut("signing_time", waktu.dump()),
            _atribut("message_digest", core.OctetString(message_digest).dump()),
        ]
        return parser.emit(0, 1, _SET, b"".join(sorted(anggota)))

    def respond(self, request_der: bytes) -> bytes:
        """Answer an RFC 3161 request received over HTTP (DER in, DER out); bad requests get a
        'rejection' answer as the RFC wants, never an exception."""
        try:
            req = tsp.TimeStampReq.load(request_der)
            req.native  # noqa: B018 - parse all of it now: garbage must not fail halfway through signing
            algorithm = req["message_imprint"]["hash_algorithm"]["algorithm"].native
            policy = req["req_policy"].native
        except (ValueError, TypeError, KeyError):
            return _rejection("bad_data_format")
        if algorithm not in HASH_DITERIMA:
            return _rejection("bad_alg")
        if policy not in (None, POLICY_OID):
            return _rejection("unaccepted_policy")
        return self.request_tsa_response(req).dump()


_SEQUENCE, _SET = 16, 17  # universal tag numbers


def _atribut(jenis: str, nilai_der: bytes) -> bytes:
    """One CMS attribute (RFC 5652 5.3) with one value, from the value's DER."""
    isi = cms.CMSAttributeType(jenis).dump() + parser.emit(0, 1, _SET, nilai_der)
    return parser.emit(0, 1, _SEQUENCE, isi)


class JawabanTsa(core.Sequence):
    """TimeStampResp as RFC 3161 defines it: the token is absent when the request is refused
    (asn1crypto's own class makes it mandatory)."""

    _fields = [("status", tsp.PKIStatusInfo), ("time_stamp_token", cms.ContentInfo, {"optional": True})]


def _rejection(fail_info: str) -> bytes:
    status = tsp.PKIStatusInfo({"status": "rejection", "fail_info": tsp.PKIFailureInfo({fail_info})})
    return JawabanTsa({"status": status}).dump()


class UrlTimeStamper(TimeStamper):
    """A TSA elsewhere (BSrE's), over HTTP with the standard library; optional HTTP basic auth."""

    def __init__(self, url: str, *, username: str = "", password: str = "", timeout: float = 10) -> None:
        super().__init__()
        self.url, self.timeout = url, timeout
        self.auth = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode() if username else ""

    def _post(self, body: bytes) -> bytes:
        request = urllib.request.Request(self.url, data=body, method="POST")
        request.add_header("Content-Type", CONTENT_TYPE_QUERY)
        request.add_header("Accept", CONTENT_TYPE_REPLY)
        if self.auth:
            request.add_header("Authorization", self.auth)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if response.headers.get("Content-Type", "").split(";")[0].strip() != CONTENT_TYPE_REPLY:
                    raise TimestampRequestError("Jawaban TSA bukan application/timestamp-reply.")
                return response.read()
        except (OSError, urllib.error.URLError) as exc:
            logger.warning("TSA tidak dapat dihubungi: %s: %s", self.url, type(exc).__name__)
            raise TimestampRequestError("TSA tidak dapat dihubungi.") from None

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        return tsp.TimeStampResp.load(await asyncio.to_thread(self._post, req.dump()))


@functools.lru_cache(maxsize=8)
def _stamper(sealed: str, cert_pem: str, ca_pem: str, passphrase: str) -> TsaPemda:
    key = crypto.open_system_key(sealed, passphrase)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    ca = pades.to_asn1(crypto.load_pem(ca_pem))
    return TsaPemda(
        kunci=key,
        tsa_cert=pades.to_asn1(crypto.load_pem(cert_pem)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der),
        certs_to_embed=SimpleCertificateStore.from_certs([ca]),
    )


def tsa_pemda(tsa: OtoritasTimestamp) -> TsaPemda:
    """The in-process timestamper of a stored TSA (tte.services.pastikan_tsa gives the active one)."""
    return _stamper(tsa.kunci_terenkripsi, tsa.sertifikat_pem, tsa.penerbit.sertifikat_pem, settings.TTE_CA_PASSPHRASE)


def hangatkan() -> None:
    """Load the active TSA's timestamper into this process now (eoffice.hangat, at a web worker's start).
    Nothing with an external TSA, or before the first TSA exists (it is never created here)."""
    if settings.TTE_TSA_URL:
        return
    tsa = OtoritasTimestamp.objects.filter(aktif=True).select_related("penerbit").first()
    if tsa is not None:
        tsa_pemda(tsa)


def eksternal() -> UrlTimeStamper | None:
    """The external TSA when TTE_TSA_URL is set, else None."""
    if not settings.TTE_TSA_URL:
        return None
    return UrlTimeStamper(
        settings.TTE_TSA_URL,
        username=settings.TTE_TSA_USERNAME,
        password=settings.TTE_TSA_PASSWORD,
        timeout=settings.TTE_TSA_TIMEOUT,
    )
