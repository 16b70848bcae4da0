"""Email and webhook: content, preferences, retries, and that a failure never breaks the action."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from smtplib import SMTPException

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from notifikasi import services
from notifikasi.models import EMAIL_BAWAAN, Event, Notifikasi, PreferensiNotifikasi
from surat import services as surat_services
from surat.models import Surat
from tests.notifikasi.conftest import notices

E = Event
S = Notifikasi.EmailStatus


def submit(cast, konsep, run_hooks, **kw) -> Surat:
    surat = konsep(**kw)
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
    return surat


# ---------------------------------------------------------------- email content


def test_email_has_indonesian_subject_and_deep_link(cast, konsep, run_hooks, mailoutbox):
    surat = submit(cast, konsep, run_hooks)
    [mail] = mailoutbox
    assert mail.to == ["kabid@contoh.go.id"]
    assert mail.subject == "[eoffice] Perlu paraf: Undangan rapat koordinasi"
    assert f"https://eoffice.surakarta.go.id/surat/{surat.pk}/" in mail.body
    assert "Yth. Sri Wahyuni" in mail.body
    assert "menunggu paraf Anda" in mail.body
    html, mime = mail.alternatives[0]
    assert mime == "text/html" and f'href="https://eoffice.surakarta.go.id/surat/{surat.pk}/"' in html
    [n] = notices(cast.kabid)
    assert n.email_status == S.TERKIRIM and n.email_dikirim_pada is not None


def test_secret_letter_email_has_no_hal(cast, terkirim, run_hooks, mailoutbox):
    with run_hooks():
        terkirim(keamanan=Surat.Keamanan.SANGAT_RAHASIA, hal="Rencana mutasi pejabat eselon")
    mail = next(m for m in mailoutbox if m.to == ["kepala_lain@contoh.go.id"])
    assert mail.subject == "[eoffice] Anda menerima surat rahasia"
    text = mail.subject + mail.body + mail.alternatives[0][0]
    assert "mutasi" not in text
    assert "Kepala Dinas Komunikasi" not in text  # the sender's signature line
    assert "/surat/" in mail.body


def test_email_sent_once_even_if_task_runs_twice(cast, konsep, run_hooks, mailoutbox):
    from notifikasi.tasks import kirim_email_notifikasi

    submit(cast, konsep, run_hooks)
    [n] = notices(cast.kabid)
    assert kirim_email_notifikasi.delay(n.pk).get() is False
    assert len(mailoutbox) == 1


def test_no_email_without_address(cast, konsep, run_hooks, mailoutbox):
    cast.kabid.email = ""
    cast.kabid.save()
    submit(cast, konsep, run_hooks)
    [n] = notices(cast.kabid)
    assert n.email_status == S.TIDAK_PERLU
    assert mailoutbox == []


# ---------------------------------------------------------------- preferences


def test_defaults_email_work_but_not_copies():
    assert EMAIL_BAWAAN[E.PERLU_TTD] and EMAIL_BAWAAN[E.DISPOSISI_MASUK] and EMAIL_BAWAAN[E.BATAS_WAKTU_LEWAT]
    assert not EMAIL_BAWAAN[E.TEMBUSAN_MASUK]


def test_preference_off_keeps_the_bell_but_sends_no_email(cast, konsep, run_hooks, mailoutbox):
    services.save_preferensi(actor=cast.kabid, email={E.PERLU_PARAF: False})
    submit(cast, konsep, run_hooks)
    [n] = notices(cast.kabid)
    assert n.event == E.PERLU_PARAF and n.email_status == S.TIDAK_PERLU
    assert mailoutbox == []


def test_copies_email_only_when_chosen(cast, surat_luar, mailoutbox):
    surat_luar(tembusan=[cast.kabid.jabatan])
    assert [m.to for m in mailoutbox] == [["kepala@contoh.go.id"]]
    services.save_preferensi(actor=cast.kabid, email={E.TEMBUSAN_MASUK: True})
    mailoutbox.clear()
    surat_luar(tembusan=[cast.kabid.jabatan], hal="Undangan sosialisasi")
    assert sorted(m.to[0] for m in mailoutbox) == ["kabid@contoh.go.id", "kepala@contoh.go.id"]


def test_only_choices_that_differ_from_default_are_stored(cast):
    services.save_preferensi(actor=cast.kabid, email={E.TEMBUSAN_MASUK: True, E.PERLU_TTD: True})
    assert list(PreferensiNotifikasi.objects.values_list("event", "email")) == [(E.TEMBUSAN_MASUK, True)]
    services.save_preferensi(actor=cast.kabid, email={E.TEMBUSAN_MASUK: False})
    assert not PreferensiNotifikasi.objects.exists()


# ---------------------------------------------------------------- failures


class FailingBackend(LocmemBackend):
    """An SMTP server that refuses the first `fail` messages (all when None)."""

    fail: int | None = None
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if self.fail is None or type(self).calls <= self.fail:
            raise SMTPException("451 server sibuk")
        return super().send_messages(messages)


@pytest.fixture
def eager_retries(monkeypatch):
    """In-process tasks retry like a worker would (immediately) instead of raising Retry to the caller."""
    from eoffice.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


@pytest.fixture
def failing_smtp(settings, eager_retries):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    FailingBackend.calls = 0
    FailingBackend.fail = None
    return FailingBackend


def test_smtp_down_is_retried_then_marked_failed_and_the_action_succeeds(
    cast, konsep, run_hooks, failing_smtp, mailoutbox, caplog
):
    surat = submit(cast, konsep, run_hooks)
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF
    [n] = notices(cast.kabid)
    assert n.email_status == S.GAGAL
    assert "451 server sibuk" in n.email_galat
    assert failing_smtp.calls == 6  # the first try and 5 retries
    assert mailoutbox == []
    assert "gagal setelah 6 percobaan" in caplog.text


def test_smtp_hiccup_is_retried_until_sent(cast, konsep, run_hooks, failing_smtp, mailoutbox):
    failing_smtp.fail = 2
    submit(cast, konsep, run_hooks)
    [n] = notices(cast.kabid)
    assert n.email_status == S.TERKIRIM
    assert failing_smtp.calls == 3
    assert len(mailoutbox) == 1


def test_broker_down_never_breaks_the_action(cast, konsep, run_hooks, monkeypatch, caplog):
    from notifikasi.tasks import kirim_email_notifikasi

    def down(*args, **kwargs):
        raise ConnectionRefusedError("redis mati")

    monkeypatch.setattr(kirim_email_notifikasi, "delay", down)
    surat = submit(cast, konsep, run_hooks)
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF
    [n] = notices(cast.kabid)
    assert n.email_status == S.MENUNGGU
    assert "redis mati" in caplog.text


# ---------------------------------------------------------------- webhook


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers), body))
        self.send_response(self.server.status.pop(0) if self.server.status else 204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook(settings):
    """A local HTTP server taking the webhook; `.status` lists answers to give before 204."""
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    server.received = []
    server.status = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EOFFICE_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/eoffice"
    settings.EOFFICE_WEBHOOK_SECRET = "rahasia-bersama"
    yield server
    server.shutdown()
    server.server_close()


def test_webhook_posts_signed_json(cast, konsep, run_hooks, webhook):
    surat = submit(cast, konsep, run_hooks)
    [(headers, body)] = webhook.received
    expected = hmac.new(b"rahasia-bersama", body, hashlib.sha256).hexdigest()
    assert headers["X-Eoffice-Signature"] == f"sha256={expected}"
    assert headers["Content-Type"].startswith("application/json")
    data = json.loads(body)
    assert data["event"] == "perlu_paraf"
    assert data["judul"] == "Perlu paraf: Undangan rapat koordinasi"
    assert data["url"] == f"https://eoffice.surakarta.go.id/surat/{surat.pk}/"
    assert data["penerima"] == {"nip": cast.kabid.nip, "nama": cast.kabid.nama_lengkap}
    assert data["waktu"].startswith(str(notices(cast.kabid)[0].dibuat.astimezone().year))
    assert set(data) == {"event", "judul", "pesan", "url", "penerima", "waktu"}


def test_webhook_retried_after_server_error(cast, konsep, run_hooks, webhook, eager_retries):
    webhook.status = [503]
    submit(cast, konsep, run_hooks)
    assert len(webhook.received) == 2
    assert webhook.received[0][1] == webhook.received[1][1]


def test_secret_letter_webhook_has_no_hal(cast, terkirim, run_hooks, webhook):
    with run_hooks():
        terkirim(keamanan=Surat.Keamanan.RAHASIA, hal="Laporan hasil pemeriksaan khusus")
    assert webhook.received
    for _, body in webhook.received:
        data = json.loads(body)
        if data["event"] == "surat_masuk":
            assert data["judul"] == "Anda menerima surat rahasia" and data["pesan"] == ""
        assert "pemeriksaan khusus" not in body.decode()


def test_no_webhook_when_unset(cast, konsep, run_hooks, monkeypatch):
    from notifikasi.tasks import kirim_webhook_notifikasi

    calls = []
    monkeypatch.setattr(kirim_webhook_notifikasi, "delay", calls.append)
    submit(cast, konsep, run_hooks)
    assert calls == []
