"""The BSrE backend against a local fake of BSrE's esign API (http.server on 127.0.0.1, random port).

The fake follows the API as described in docs/tte.md. Its error answers, HTTP 400 with JSON
{"error": ..., "status_code": 2031 | 2011}, are our best understanding of BSrE's documented API; the
client also recognises them by their words. For the success path it signs with a real pyHanko
signature from a test CA kept in memory (the fake runs in another thread and never touches the DB).
"""

import base64
import datetime
import email.parser
import email.policy
import io
import json
import logging
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import serialization
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator.registry import SimpleCertificateStore

from audit.models import AuditEvent
from tte import crypto, pades, status_bsre, tsa
from tte.backends import bsre
from tte.backends.bsre import BsreClient
from tte.errors import LayananTteGagal, PassphraseSalah, SertifikatTidakAda
from tte.signing import sign_pdf
from tte.verification import verify_pdf

NIK = "3372012345670001"
EMAIL = "arif.budiman@surakarta.go.id"
PASSPHRASE_BSRE = "Rahasia#BSrE-2026"
USER, PASSWORD = "eoffice", "kunci-api"


class FakeBsre:
    """BSrE's esign client service, v1 and v2 at once, as docs/tte.md describes them; its own CA,
    whose CRL it publishes at /crl.crl (the signer certificate names it)."""

    def __init__(self):
        self.now = timezone.now()
        self.ca_cert, self.ca_key = crypto.build_ca(nama_pemda="Balai Besar Sertifikasi Elektronik Uji", now=self.now)
        self.key = crypto.new_key()
        self.cert = None
        self.users = {NIK: PASSPHRASE_BSRE}
        self.emails = {EMAIL: NIK}
        self.statuses = {NIK: "ISSUE"}
        self.mode = "normal"  # normal | error500 | slow | html | error200 | expired
        self.requests: list[dict] = []

    def issue(self, base_url: str) -> None:
        self.crl_url = f"{base_url}/crl.crl"
        subject = crypto.SubjectSigner(nama="Arif Budiman", nomor_identitas=NIK, organisasi="Pemerintah Kota Surakarta")
        self.cert = crypto.build_signer_cert(
            subject=subject,
            public_key=self.key.public_key(),
            ca_cert=self.ca_cert,
            ca_key=self.ca_key,
            now=self.now,
            years=2,
            crl_url=self.crl_url,
        )
        # BSrE timestamps its signatures with its own TSA (an assumption, see docs/tte.md).
        tsa_key = crypto.new_tsa_key()
        tsa_cert = crypto.build_tsa_cert(
            nama_pemda="BSrE Uji",
            public_key=tsa_key.public_key(),
            ca_cert=self.ca_cert,
            ca_key=self.ca_key,
            now=self.now,
            crl_url=self.crl_url,
        )
        der = tsa_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self.tsa = tsa.TsaPemda(
            kunci=tsa_key,
            tsa_cert=pades.to_asn1(tsa_cert),
            tsa_key=asn1_keys.PrivateKeyInfo.load(der),
            certs_to_embed=SimpleCertificateStore.from_certs([pades.to_asn1(self.ca_cert)]),
        )

    def crl(self) -> bytes:
        crl = crypto.build_crl(
            ca_cert=self.ca_cert,
            ca_key=self.ca_key,
            dicabut=[],
            nomor=1,
            now=timezone.now(),
            berlaku=datetime.timedelta(days=1),
            url=self.crl_url,
        )
        return crypto.der(crl)

    def sign(self, pdf: bytes, *, reason: str, location: str, box, page: int) -> bytes:
        return pades.sign_with_key(
            pdf_bytes=pdf,
            cert=self.cert,
            key=self.key,
            chain=[self.ca_cert],
            reason=reason,
            location=location,
            field_name="BSrE",
            box=box,
            page=page,
            timestamper=self.tsa,
        )


def _handler(fake: FakeBsre):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _send(self, status, body: bytes, ctype="application/json", headers=None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status, message, code):
            self._send(status, json.dumps({"error": message, "status_code": code}).encode())

        def _authorised(self) -> bool:
            expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self._send(401, b'{"error": "Unauthorized", "status_code": 401}')
                return False
            return True

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers["Content-Length"]))

        def _form(self, raw: bytes) -> tuple[dict, dict]:
            head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
            fields, files = {}, {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if part.get_filename():
                    files[name] = part.get_payload(decode=True)
                else:
                    fields[name] = part.get_payload(decode=True).decode()
            return fields, files

        def _mode_failure(self) -> bool:
            if fake.mode == "error500":
                self._send(500, b"<html>Internal Server Error</html>", "text/html")
            elif fake.mode == "slow":
                time.sleep(1)
                self._send(200, b"{}")
            elif fake.mode == "html":
                self._send(200, b"<html>Halaman pemeliharaan</html>", "text/html")
            elif fake.mode == "error200":  # v2 may answer HTTP 200 with an error inside
                self._error(200, "Dokumen gagal diproses", 5000)
            elif fake.mode == "expired":
                self._error(400, "Sertifikat user sudah expired", 2030)
            else:
                return False
            return True

        def _status(self, nik: str | None) -> bytes:
            status = fake.statuses.get(nik or "", "NOT_REGISTERED")
            return json.dumps({"status_code": 1111, "status": status, "message": f"Status {status}"}).encode()

        def do_GET(self):
            if self.path == "/crl.crl":  # BSrE's CRL is public, like ours
                return self._send(200, fake.crl(), "application/pkix-crl")
            if not self._authorised() or self._mode_failure():
                return
            if self.path.startswith("/api/user/status/"):
                return self._send(200, self._status(self.path.rsplit("/", 1)[-1]))
            self._send(404, b'{"error": "not found", "status_code": 404}')

        def _check_signer(self, nik, passphrase) -> bool:
            if nik not in fake.users:
                self._error(400, "User tidak terdaftar", 2011)
                return False
            if passphrase != fake.users[nik]:
                self._error(400, "Passphrase anda salah", 2031)
                return False
            return True

        def do_POST(self):
            if not self._authorised():
                return
            raw = self._body()
            if self.path.startswith("/api/v2/"):
                return self._v2(json.loads(raw))
            fields, files = self._form(raw)
            fake.requests.append({"path": self.path, **fields})
            if self._mode_failure():
                return
            if self.path == "/api/sign/verify":
                count = len(PdfFileReader(io.BytesIO(files["file"]), strict=False).embedded_signatures)
                self._send(200, json.dumps({"jumlah_signature": count, "summary": "VALID"}).encode())
                return
            if not self._check_signer(fields.get("nik"), fields.get("passphrase")):
                return
            box = None
            if fields.get("tampilan") == "visible":
                x, y = int(fields["xAxis"]), int(fields["yAxis"])
                box = (x, y, x + int(fields["width"]), y + int(fields["height"]))
            signed = fake.sign(
                files["file"],
                reason=fields.get("reason", ""),
                location=fields.get("location", ""),
                box=box,
                page=int(fields.get("page", 1)),
            )
            self._send(200, signed, "application/pdf", {"id_dokumen": uuid.uuid4().hex})

        def _v2(self, payload: dict):
            fake.requests.append({"path": self.path, **payload})
            if self._mode_failure():
                return
            nik = payload.get("nik") or fake.emails.get(payload.get("email", ""))
            if self.path == "/api/v2/user/check/status":
                return self._send(200, self._status(nik))
            if self.path == "/api/v2/verify/pdf":
                pdf = base64.b64decode(payload["file"])
                count = len(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_regular_signatures)
                answer = {"conclusion": "VALID" if count else "NO_SIGNATURE", "description": "Dokumen valid"}
                return self._send(200, json.dumps(answer | {"signatureCount": count}).encode())
            if self.path != "/api/v2/sign/pdf":
                return self._error(404, "not found", 404)
            if not self._check_signer(nik, payload.get("passphrase")):
                return
            (props,), (document,) = payload["signatureProperties"], payload["file"]
            box = None
            if props["tampilan"] == "VISIBLE":
                x, y = props["originX"], props["originY"]
                box = (x, y, x + props["width"], y + props["height"])
            signed = fake.sign(
                base64.b64decode(document),
                reason=props.get("reason", ""),
                location=props.get("location", ""),
                box=box,
                page=props.get("page", 1),
            )
            self._send(200, json.dumps({"file": [base64.b64encode(signed).decode()], "time": 1}).encode())

    return Handler


@pytest.fixture(params=["1"])
def fake_bsre(request, settings, tmp_path):
    fake = FakeBsre()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads, server.block_on_close = True, False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    fake.issue(base_url)
    (tmp_path / "bsre-root.pem").write_text(crypto.pem(fake.ca_cert))
    settings.TTE_BACKEND = "bsre"
    settings.BSRE_API_VERSI = request.param
    settings.BSRE_URL = base_url
    settings.BSRE_USERNAME, settings.BSRE_PASSWORD = USER, PASSWORD
    settings.BSRE_TIMEOUT = 5  # the visible stamp embeds a font: slow on a busy machine
    settings.TTE_TRUST_ROOTS_PEM = str(tmp_path / "bsre-root.pem")
    yield fake
    server.shutdown()
    server.server_close()


both_versions = pytest.mark.parametrize("fake_bsre", ["1", "2"], indirect=True)


@pytest.fixture
def kepala(cast):
    cast.kepala.nik = NIK
    cast.kepala.save()
    return cast.kepala


def _sign(pegawai, pdf_bytes, passphrase=PASSPHRASE_BSRE, **kwargs):
    return sign_pdf(
        pegawai=pegawai,
        passphrase=passphrase,
        pdf_bytes=pdf_bytes,
        reason="Surat dinas",
        location="Surakarta",
        **kwargs,
    )


def test_bsre_signs_and_the_result_verifies_against_configured_roots(fake_bsre, kepala, pdf_bytes):
    result = _sign(kepala, pdf_bytes)

    assert len(result.id_dokumen) == 32
    assert result.sertifikat_serial == crypto.serial_hex(fake_bsre.cert)
    sent = fake_bsre.requests[-1]
    assert sent["nik"] == NIK and sent["tampilan"] == "invisible"
    assert sent["reason"] == "Surat dinas" and sent["location"] == "Surakarta"
    check = verify_pdf(result.pdf_bytes)
    assert check.valid and check.signer_name == "Arif Budiman"
    # Long-term data added here: BSrE's CRL (fetched from its address) and a document timestamp.
    assert check.level == "B-LTA" and check.jumlah_cap_waktu_dokumen == 1
    assert AuditEvent.objects.get(aksi="tte.tandatangan").data["id_dokumen"] == result.id_dokumen


def test_visible_bsre_signature_sends_position_on_the_last_page_and_qr_link(fake_bsre, kepala, pdf_bytes):
    _sign(kepala, pdf_bytes, visible=True, box=(300, 60, 400, 160), link_qr="https://eoffice.example/v/abc")

    sent = fake_bsre.requests[-1]
    assert sent["tampilan"] == "visible" and sent["page"] == "1"
    assert (sent["xAxis"], sent["yAxis"], sent["width"], sent["height"]) == ("300", "60", "100", "100")
    assert sent["linkQR"] == "https://eoffice.example/v/abc"


@both_versions
def test_wrong_passphrase_at_bsre(fake_bsre, kepala, pdf_bytes, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "Tebakan-Salah-12345"

    with pytest.raises(PassphraseSalah) as exc:
        _sign(kepala, pdf_bytes, passphrase=wrong)

    assert str(exc.value) == "Frasa sandi TTE salah."
    assert wrong not in repr(exc.value.args) and exc.value.__cause__ is None
    assert "2031" in caplog.text and wrong not in caplog.text
    assert not AuditEvent.objects.filter(aksi="tte.tandatangan").exists()


@both_versions
def test_unregistered_nik(fake_bsre, kepala, pdf_bytes):
    fake_bsre.users.clear()

    with pytest.raises(SertifikatTidakAda) as exc:
        _sign(kepala, pdf_bytes)
    assert str(exc.value) == "NIK belum terdaftar di BSrE."


@both_versions
def test_signer_without_nik_is_told_before_calling_bsre(fake_bsre, cast, pdf_bytes):
    with pytest.raises(SertifikatTidakAda, match="NIK Anda belum diisi"):
        _sign(cast.staf, pdf_bytes)
    assert fake_bsre.requests == []


@both_versions
@pytest.mark.parametrize("mode", ["error500", "slow"])
def test_bsre_failure_or_timeout_says_the_letter_is_not_signed(fake_bsre, kepala, pdf_bytes, mode, settings):
    fake_bsre.mode = mode
    settings.BSRE_TIMEOUT = 0.3

    with pytest.raises(LayananTteGagal) as exc:
        _sign(kepala, pdf_bytes)
    assert str(exc.value) == "Layanan BSrE tidak dapat dihubungi; surat belum ditandatangani, coba lagi nanti."


@both_versions
def test_bsre_down(fake_bsre, kepala, pdf_bytes, settings, caplog):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        settings.BSRE_URL = f"http://127.0.0.1:{sock.getsockname()[1]}"

    with pytest.raises(LayananTteGagal) as exc:
        _sign(kepala, pdf_bytes)
    assert str(exc.value) == "Layanan BSrE tidak dapat dihubungi; surat belum ditandatangani, coba lagi nanti."
    assert PASSPHRASE_BSRE not in caplog.text


@both_versions
def test_unrecognised_answer_and_rejected_credentials(fake_bsre, kepala, pdf_bytes, settings):
    fake_bsre.mode = "html"
    with pytest.raises(LayananTteGagal, match="tidak dikenali"):
        _sign(kepala, pdf_bytes)

    fake_bsre.mode = "normal"
    settings.BSRE_PASSWORD = "salah"
    with pytest.raises(LayananTteGagal, match="Akun aplikasi ditolak"):
        _sign(kepala, pdf_bytes)


def test_client_user_status_and_verify(fake_bsre, pdf_bytes):
    client = BsreClient.from_settings()

    assert client.user_status(NIK)["status"] == "ISSUE"
    assert client.user_status("3372000000000000")["status"] == "NOT_REGISTERED"
    signed, _ = client.sign_pdf(nik=NIK, passphrase=PASSPHRASE_BSRE, pdf_bytes=pdf_bytes)
    assert client.verify_pdf(signed) == {"jumlah_signature": 1, "summary": "VALID"}


def test_error_message_echoing_the_passphrase_is_scrubbed_from_logs(caplog):
    caplog.set_level(logging.DEBUG)
    client = BsreClient(base_url="http://127.0.0.1:9", username="u", password="p", timeout=1)
    answer = bsre.Jawaban(400, {}, json.dumps({"error": f"Gagal untuk {PASSPHRASE_BSRE}", "status_code": 9}).encode())

    with pytest.raises(LayananTteGagal) as exc:
        client._raise_for_error(answer, PASSPHRASE_BSRE)
    assert PASSPHRASE_BSRE not in caplog.text and PASSPHRASE_BSRE not in str(exc.value)


@both_versions
def test_signing_with_a_certificate_bsre_says_expired(fake_bsre, kepala, pdf_bytes):
    fake_bsre.mode = "expired"
    with pytest.raises(SertifikatTidakAda, match="sudah tidak berlaku"):
        _sign(kepala, pdf_bytes)


@pytest.mark.parametrize("fake_bsre", ["2"], indirect=True)
def test_v2_signs_with_json_signature_properties_and_base64(fake_bsre, kepala, pdf_bytes):
    result = _sign(kepala, pdf_bytes, visible=True, box=(300, 60, 400, 160))

    sent = fake_bsre.requests[-1]
    assert sent["path"] == "/api/v2/sign/pdf"
    assert sent["nik"] == NIK and sent["passphrase"] == PASSPHRASE_BSRE
    (props,) = sent["signatureProperties"]
    assert props["tampilan"] == "VISIBLE" and props["page"] == 1
    assert (props["originX"], props["originY"], props["width"], props["height"]) == (300, 60, 100, 100)
    assert props["reason"] == "Surat dinas" and props["location"] == "Surakarta"
    assert base64.b64decode(sent["file"][0]) == pdf_bytes
    assert verify_pdf(result.pdf_bytes).valid


@pytest.mark.parametrize("fake_bsre", ["2"], indirect=True)
def test_v2_signs_by_email_when_the_pegawai_has_no_nik(fake_bsre, cast, pdf_bytes):
    cast.kepala.email = EMAIL
    cast.kepala.save()

    result = _sign(cast.kepala, pdf_bytes)

    sent = fake_bsre.requests[-1]
    assert sent["email"] == EMAIL and "nik" not in sent
    assert sent["signatureProperties"] == [{"tampilan": "INVISIBLE", "reason": "Surat dinas", "location": "Surakarta"}]
    assert verify_pdf(result.pdf_bytes).valid


@pytest.mark.parametrize("fake_bsre", ["2"], indirect=True)
def test_v2_error_inside_an_http_200_is_an_error(fake_bsre, kepala, pdf_bytes):
    fake_bsre.mode = "error200"
    with pytest.raises(LayananTteGagal, match="menolak permintaan"):
        _sign(kepala, pdf_bytes)


@both_versions
@pytest.mark.parametrize(
    ("status", "expected", "can_sign"),
    [
        ("ISSUE", "aktif", True),
        ("EXPIRED", "kedaluwarsa", False),
        ("NOT_REGISTERED", "belum terdaftar", False),
        ("SUSPEND", "belum aktif", False),
    ],
)
def test_signer_status_at_bsre(fake_bsre, kepala, status, expected, can_sign):
    fake_bsre.statuses[NIK] = status

    found = status_bsre.untuk(kepala)

    assert found.status == expected and found.boleh_tanda_tangan is can_sign


@both_versions
def test_signer_status_when_bsre_is_down_says_so_and_is_not_cached(fake_bsre, kepala):
    fake_bsre.mode = "error500"
    assert status_bsre.untuk(kepala).status == "tidak dapat diperiksa"
    fake_bsre.mode = "normal"
    assert status_bsre.untuk(kepala).status == "aktif"


@both_versions
def test_bsre_second_opinion_on_a_signed_document(fake_bsre, kepala, pdf_bytes):
    signed = _sign(kepala, pdf_bytes).pdf_bytes

    assert status_bsre.pendapat(signed).sah is True
    fake_bsre.mode = "error500"
    assert status_bsre.pendapat(pdf_bytes + b" ").sah is None  # not cached under another hash


def test_bsre_status_page_for_the_signer(client, fake_bsre, kepala):
    fake_bsre.statuses[NIK] = "EXPIRED"
    client.force_login(kepala.user)

    page = client.get(reverse("tte:sertifikat")).content.decode()

    assert "Sertifikat BSrE Anda" in page and "kedaluwarsa" in page
