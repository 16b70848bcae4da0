"""The public TTE addresses other validators use: the CRLs, the CA certificate and the Pemda's TSA over
HTTP, checked with OpenSSL (a tool nobody here wrote); and signing with an external TSA."""

import datetime
import hashlib
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import algos, cms, core, tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.urls import reverse
from django.utils import timezone
from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute

from tte import crypto, pades, services, tsa
from tte.errors import LayananTteGagal
from tte.models import OtoritasTimestamp
from tte.signing import sign_pdf
from tte.verification import verify_pdf

from .conftest import PASSPHRASE

TSA_URL = "/tte/tsa/"


def _query(data: bytes, algorithm: str = "sha256") -> bytes:
    digest = hashlib.new(algorithm, data).digest()
    imprint = tsp.MessageImprint(
        {"hash_algorithm": algos.DigestAlgorithm({"algorithm": algorithm}), "hashed_message": digest}
    )
    return tsp.TimeStampReq({"version": 1, "message_imprint": imprint, "nonce": 12345, "cert_req": True}).dump()


def test_crl_lists_a_revoked_certificate_at_once_and_is_signed_by_the_ca(client, cast, ca, sertifikat):
    url = reverse("tte:crl", kwargs={"nama": ca.serial})
    before = x509.load_der_x509_crl(client.get(url).content)
    assert before.get_revoked_certificate_by_serial_number(int(sertifikat.serial, 16)) is None

    services.cabut_sertifikat(actor=cast.kepala, sertifikat=sertifikat, kode_alasan="kunci_bocor")
    response = client.get(url)

    assert response["Content-Type"] == "application/pkix-crl"
    after = x509.load_der_x509_crl(response.content)
    entry = after.get_revoked_certificate_by_serial_number(int(sertifikat.serial, 16))
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise
    assert after.is_signature_valid(crypto.load_pem(ca.sertifikat_pem).public_key())
    number = lambda crl: crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number  # noqa: E731
    assert number(after) > number(before)


def test_certificates_name_the_published_crl_and_ca(client, cast, ca, sertifikat):
    cert = crypto.load_pem(sertifikat.sertifikat_pem)
    (point,) = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    url = point.full_name[0].value
    assert url == f"http://127.0.0.1:8000/tte/crl/{ca.serial}.crl"  # SITE_URL of the tests
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200
    ca_der = client.get(reverse("tte:ca", kwargs={"serial": ca.serial}))
    assert ca_der["Content-Type"] == "application/pkix-cert"
    assert x509.load_der_x509_certificate(ca_der.content) == crypto.load_pem(ca.sertifikat_pem)


def test_unknown_crl_or_ca_is_404(client, cast, ca):
    assert client.get(reverse("tte:crl", kwargs={"nama": "abc"})).status_code == 404
    assert client.get(reverse("tte:crl", kwargs={"nama": f"{ca.serial}-lain"})).status_code == 404
    assert client.get(reverse("tte:ca", kwargs={"serial": "abc"})).status_code == 404


def test_crl_is_reissued_daily_by_beat(cast, ca):
    from tte.tasks import perbarui_crl_task

    first = services.crl_terkini(ca).nomor
    perbarui_crl_task.delay()
    assert services.crl_terkini(ca).nomor == first + 1


def test_openssl_verifies_a_timestamp_from_the_http_tsa(client, cast, ca, tmp_path):
    data = b"Surat yang diberi cap waktu"
    response = client.post(TSA_URL, _query(data), content_type="application/timestamp-query")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/timestamp-reply"
    tsa_row = OtoritasTimestamp.objects.get(aktif=True)
    (tmp_path / "data").write_bytes(data)
    (tmp_path / "resp.tsr").write_bytes(response.content)
    (tmp_path / "ca.pem").write_text(ca.sertifikat_pem)
    (tmp_path / "tsa.pem").write_text(tsa_row.sertifikat_pem)
    out = subprocess.run(
        ["openssl", "ts", "-verify", "-data", tmp_path / "data", "-in", tmp_path / "resp.tsr"]
        + ["-CAfile", tmp_path / "ca.pem", "-untrusted", tmp_path / "tsa.pem"]
        + ["-attime", str(int(timezone.now().timestamp()))],  # the test clock (--jam-maju)
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "Verification: OK" in out.stdout, out.stdout + out.stderr
    text = subprocess.run(
        ["openssl", "ts", "-reply", "-in", tmp_path / "resp.tsr", "-text"], capture_output=True, text=True, timeout=30
    ).stdout
    assert tsa.POLICY_OID in text
    assert "Nonce: 0x3039" in text


@pytest.mark.parametrize("tahun", [2026, 2051])
def test_token_signed_attributes_are_what_asn1crypto_would_encode(cast, ca, tahun):
    """The TSA assembles its tokens' signed attributes from pieces encoded once (tte.tsa); they must be
    byte for byte asn1crypto's DER of the same four attributes, with GeneralizedTime from 2050 on."""
    stamper = tsa.tsa_pemda(services.pastikan_tsa())
    dt = datetime.datetime(tahun, 11, 28, 9, 30, tzinfo=datetime.UTC)
    digest = hashlib.sha256(b"isi token").digest()
    waktu = cms.Time({"utc_time": core.UTCTime(dt)} if tahun < 2050 else {"generalized_time": core.GeneralizedTime(dt)})
    harapan = cms.CMSAttributes(
        [
            simple_cms_attribute("content_type", "tst_info"),
            simple_cms_attribute("signing_time", waktu),
            simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(stamper.tsa_cert)),
            simple_cms_attribute("message_digest", digest),
        ]
    ).dump()
    signature, attrs = stamper._sign_tst_info(b"isi token", "sha256", dt)
    assert attrs.dump() == harapan
    assert {a["type"].native: a["values"][0].native for a in attrs}["signing_time"] == dt
    public = x509.load_der_x509_certificate(stamper.tsa_cert.dump()).public_key()
    public.verify(signature, harapan, padding.PKCS1v15(), hashes.SHA256())


@pytest.mark.parametrize(
    ("body", "ctype", "status"),
    [(b"bukan asn1", "application/timestamp-query", 200), (b"x", "text/plain", 415)],
)
def test_tsa_refuses_bad_requests(client, cast, ca, body, ctype, status):
    response = client.post(TSA_URL, body, content_type=ctype)
    assert response.status_code == status
    if status == 200:
        assert tsa.JawabanTsa.load(response.content)["status"]["status"].native == "rejection"


def test_tsa_refuses_weak_hash_algorithms(client, cast, ca):
    response = client.post(TSA_URL, _query(b"x", "md5"), content_type="application/timestamp-query")
    answer = tsa.JawabanTsa.load(response.content)
    assert answer["status"]["status"].native == "rejection"
    assert answer["status"]["fail_info"].native == {"bad_alg"}
    assert answer["time_stamp_token"].native is None


def test_tsa_endpoint_is_rate_limited(client, cast, ca, monkeypatch):
    from tte.views import publik

    monkeypatch.setattr(publik, "BATAS_TSA", (2, 60))
    codes = [
        client.post(TSA_URL, _query(b"x"), content_type="application/timestamp-query").status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_the_tsa_is_replaced_well_before_it_expires(cast, ca, settings):
    import time_machine

    settings.TTE_ARSIP_MARGIN_HARI = 180
    first = services.pastikan_tsa()
    assert first.berlaku_sampai - first.berlaku_mulai > datetime.timedelta(days=365 * 9)
    with time_machine.travel(first.berlaku_sampai - datetime.timedelta(days=359)):
        second = services.pastikan_tsa()
    assert second.pk != first.pk and second.aktif
    assert not OtoritasTimestamp.objects.get(pk=first.pk).aktif


def test_production_tsa_key_is_rsa_3072(monkeypatch):
    from tests.conftest import _tsa_key  # noqa: F401  (the tests' fast key is not what production makes)

    monkeypatch.undo()
    assert crypto.new_tsa_key().key_size == 3072


class _ExternalTsa:
    """Another institution's TSA (BSrE's in production): its own root, pyHanko's TSA behind HTTP."""

    def __init__(self):
        now = timezone.now()
        self.root, root_key = crypto.build_ca(nama_pemda="TSA Eksternal Uji", now=now)
        key = crypto.new_tsa_key()
        cert = crypto.build_tsa_cert(
            nama_pemda="TSA Eksternal Uji", public_key=key.public_key(), ca_cert=self.root, ca_key=root_key, now=now
        )
        from asn1crypto import keys as asn1_keys
        from cryptography.hazmat.primitives import serialization
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self.stamper = tsa.TsaPemda(
            kunci=key,
            tsa_cert=pades.to_asn1(cert),
            tsa_key=asn1_keys.PrivateKeyInfo.load(der),
            certs_to_embed=SimpleCertificateStore.from_certs([pades.to_asn1(self.root)]),
        )
        self.hits = 0
        self.down = False


@pytest.fixture
def external_tsa(settings, tmp_path):
    fake = _ExternalTsa()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            fake.hits += 1
            if fake.down:
                self.send_response(503)
                self.end_headers()
                return
            answer = fake.stamper.respond(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    (tmp_path / "tsa-root.pem").write_text(crypto.pem(fake.root))
    settings.TTE_TSA_URL = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    settings.TTE_TSA_TIMEOUT = 2
    settings.TTE_TRUST_ROOTS_PEM = str(tmp_path / "tsa-root.pem")
    yield fake
    server.shutdown()
    server.server_close()


def test_signing_with_an_external_tsa(cast, ca, sertifikat, pdf_bytes, external_tsa, client):
    signed = sign_pdf(pegawai=cast.kepala, passphrase=PASSPHRASE, pdf_bytes=pdf_bytes, reason="Uji", location="X")

    assert external_tsa.hits >= 2  # the signature's timestamp and the document timestamp
    assert not OtoritasTimestamp.objects.exists()  # our own TSA is not used
    check = verify_pdf(signed.pdf_bytes)
    assert check.valid and check.level == "B-LTA" and check.waktu_dari_cap_waktu
    # This installation's own TSA address is off: it would only confuse other validators.
    assert client.post(TSA_URL, _query(b"x"), content_type="application/timestamp-query").status_code == 404


def test_external_tsa_down_means_the_letter_is_not_signed(cast, ca, sertifikat, pdf_bytes, external_tsa):
    external_tsa.down = True
    with pytest.raises(LayananTteGagal, match="cap waktu"):
        sign_pdf(pegawai=cast.kepala, passphrase=PASSPHRASE, pdf_bytes=pdf_bytes, reason="Uji", location="X")
