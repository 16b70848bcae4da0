"""The BSrE backend against a local fake of BSrE's esign API (http.server on 127.0.0.1, random port).

The fake follows the API as described in docs/tte.md. Its error answers, HTTP 400 with JSON
{"error": ..., "status_code": 2031 | 2011}, are our best understanding of BSrE's documented API; the
client also recognises them by their words. For the success path it signs with a real pyHanko
signature from a test CA kept in memory (the fake runs in another thread and never touches the DB).
"""

import base64
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
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from audit.models import AuditEvent
from tte import crypto, pades
from tte.backends import bsre
from tte.backends.bsre import BsreClient
from tte.errors import LayananTteGagal, PassphraseSalah, SertifikatTidakAda
from tte.signing import sign_pdf
from tte.verification import verify_pdf

NIK = "3372012345670001"
PASSPHRASE_BSRE = "Rahasia#BSrE-2026"
USER, PASSWORD = "eoffice", "kunci-api"


class FakeBsre:
    def __init__(self):
        now = timezone.now()
        self.ca_cert, ca_key = crypto.build_ca(nama_pemda="Balai Besar Sertifikasi Elektronik Uji", now=now)
        self.key = crypto.new_key()
        subject = crypto.SubjectSigner(nama="Arif Budiman", nomor_identitas=NIK, organisasi="Pemerintah Kota Surakarta")
        self.cert = crypto.build_signer_cert(
            subject=subject, public_key=self.key.public_key(), ca_cert=self.ca_cert, ca_key=ca_key, now=now, years=2
        )
        self.users = {NIK: PASSPHRASE_BSRE}
        self.mode = "normal"  # normal | error500 | slow | html
        self.requests: list[dict] = []


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

        def _form(self) -> tuple[dict, dict]:
            raw = self.rfile.read(int(self.headers["Content-Length"]))
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
            else:
                return False
            return True

        def do_GET(self):
            if not self._authorised() or self._mode_failure():
                return
            nik = self.path.rsplit("/", 1)[-1]
            if self.path.startswith("/api/user/status/") and nik in fake.users:
                self._send(200, b'{"status_code": 1111, "status": "ISSUE", "message": "Sertifikat aktif"}')
            else:
                self._send(200, b'{"status_code": 1110, "status": "NOT_REGISTERED", "message": "User tidak terdaftar"}')

        def do_POST(self):
            if not self._authorised():
                return
            fields, files = self._form()
            fake.requests.append({"path": self.path, **fields})
            if self._mode_failure():
                return
            if self.path == "/api/sign/verify":
                count = len(PdfFileReader(io.BytesIO(files["file"]), strict=False).embedded_signatures)
                self._send(200, json.dumps({"jumlah_signature": count, "summary": "VALID"}).encode())
                return
            if fields.get("nik") not in fake.users:
                return self._error(400, "User tidak terdaftar", 2011)
            if fields.get("passphrase") != fake.users[fields["nik"]]:
                return self._error(400, "Passphrase anda salah", 2031)
            box = None
            if fields.get("tampilan") == "visible":
                x, y = int(fields["xAxis"]), int(fields["yAxis"])
                box = (x, y, x + int(fields["width"]), y + int(fields["height"]))
            signed = pades.sign_with_key(
                pdf_bytes=files["file"],
                cert=fake.cert,
                key=fake.key,
                chain=[fake.ca_cert],
                reason=fields.get("reason", ""),
                location=fields.get("location", ""),
                field_name="BSrE",
                box=box,
                page=int(fields.get("page", 1)),
            )
            self._send(200, signed, "application/pdf", {"id_dokumen": uuid.uuid4().hex})

    return Handler


@pytest.fixture
def fake_bsre(settings, tmp_path):
    fake = FakeBsre()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads, server.block_on_close = True, False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    (tmp_path / "bsre-root.pem").write_text(crypto.pem(fake.ca_cert))
    settings.TTE_BACKEND = "bsre"
    settings.BSRE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.BSRE_USERNAME, settings.BSRE_PASSWORD = USER, PASSWORD
    settings.BSRE_TIMEOUT = 0.3
    settings.TTE_TRUST_ROOTS_PEM = str(tmp_path / "bsre-root.pem")
    yield fake
    server.shutdown()
    server.server_close()


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
    assert AuditEvent.objects.get(aksi="tte.tandatangan").data["id_dokumen"] == result.id_dokumen


def test_visible_bsre_signature_sends_position_on_the_last_page_and_qr_link(fake_bsre, kepala, pdf_bytes):
    _sign(kepala, pdf_bytes, visible=True, box=(300, 60, 400, 160), link_qr="https://eoffice.example/v/abc")

    sent = fake_bsre.requests[-1]
    assert sent["tampilan"] == "visible" and sent["page"] == "1"
    assert (sent["xAxis"], sent["yAxis"], sent["width"], sent["height"]) == ("300", "60", "100", "100")
    assert sent["linkQR"] == "https://eoffice.example/v/abc"


def test_wrong_passphrase_at_bsre(fake_bsre, kepala, pdf_bytes, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "Tebakan-Salah-12345"

    with pytest.raises(PassphraseSalah) as exc:
        _sign(kepala, pdf_bytes, passphrase=wrong)

    assert str(exc.value) == "Passphrase salah."
    assert wrong not in repr(exc.value.args) and exc.value.__cause__ is None
    assert "2031" in caplog.text and wrong not in caplog.text
    assert not AuditEvent.objects.filter(aksi="tte.tandatangan").exists()


def test_unregistered_nik(fake_bsre, kepala, pdf_bytes):
    fake_bsre.users.clear()

    with pytest.raises(SertifikatTidakAda) as exc:
        _sign(kepala, pdf_bytes)
    assert str(exc.value) == "NIK belum terdaftar di BSrE."


def test_signer_without_nik_is_told_before_calling_bsre(fake_bsre, cast, pdf_bytes):
    with pytest.raises(SertifikatTidakAda, match="NIK Anda belum diisi"):
        _sign(cast.staf, pdf_bytes)
    assert fake_bsre.requests == []


@pytest.mark.parametrize("mode", ["error500", "slow"])
def test_bsre_failure_or_timeout_says_the_letter_is_not_signed(fake_bsre, kepala, pdf_bytes, mode):
    fake_bsre.mode = mode

    with pytest.raises(LayananTteGagal) as exc:
        _sign(kepala, pdf_bytes)
    assert str(exc.value) == "Layanan BSrE tidak dapat dihubungi; surat belum ditandatangani, coba lagi nanti."


def test_bsre_down(fake_bsre, kepala, pdf_bytes, settings, caplog):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        settings.BSRE_URL = f"http://127.0.0.1:{sock.getsockname()[1]}"

    with pytest.raises(LayananTteGagal) as exc:
        _sign(kepala, pdf_bytes)
    assert str(exc.value) == "Layanan BSrE tidak dapat dihubungi; surat belum ditandatangani, coba lagi nanti."
    assert PASSPHRASE_BSRE not in caplog.text


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
