"""A notification email really goes through Redis to a Celery worker (run by .ci/run on PostgreSQL)."""

from __future__ import annotations

import time
from email import message_from_bytes, policy

import pytest

from notifikasi.models import Event, Notifikasi
from surat import services as surat_services

pytestmark = pytest.mark.celery_worker


def wait_for(condition, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            return result
        time.sleep(0.2)
    return result


def test_notification_email_is_sent_by_the_worker(celery_worker_url, celery_worker_process, cast, konsep):
    surat = konsep()
    # No test transaction here (transactional_db): the letter commits, the hook creates the notice and
    # queues the email on Redis, and the worker sends it from the committed row.
    surat_services.surat_submit(actor=cast.staf, surat=surat)

    notice = Notifikasi.objects.get(penerima=cast.kabid, event=Event.PERLU_PARAF)
    sent = wait_for(lambda: Notifikasi.objects.filter(pk=notice.pk, email_status="terkirim").exists())
    assert sent, f"email not sent by the worker:\n{celery_worker_process.log()[-3000:]}"
    assert "kirim_email_notifikasi" in celery_worker_process.log()

    [path] = wait_for(lambda: list(celery_worker_process.email_dir.iterdir()))
    mail = message_from_bytes(path.read_bytes().split(b"\n" + b"-" * 79)[0], policy=policy.default)
    assert mail["To"] == "kabid@contoh.go.id"
    assert mail["Subject"] == "[eoffice] Perlu paraf: Undangan rapat koordinasi"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert f"/surat/{surat.pk}/" in body
    assert "menunggu paraf Anda" in body
