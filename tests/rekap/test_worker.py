"""The weekly digest really goes through Redis to a Celery worker, and a second run in the same week
sends nothing (run by .ci/run on PostgreSQL with EOFFICE_TEST_REDIS_URL)."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from notifikasi.models import Event, Notifikasi
from rekap.tasks import kirim_rekap_mingguan_task
from tests.notifikasi.test_worker import wait_for

pytestmark = pytest.mark.celery_worker


def test_digest_is_sent_once_per_head_per_week_by_the_worker(celery_worker_url, celery_worker_process, cast):
    for pegawai in (cast.kepala, cast.kepala_lain, cast.staf):
        pegawai.email = f"{pegawai.user.username}@contoh.go.id"
        pegawai.save(update_fields=["email"])

    assert kirim_rekap_mingguan_task.delay().get(timeout=60) == 2
    digests = Notifikasi.objects.filter(event=Event.REKAP_MINGGUAN)
    assert sorted(digests.values_list("penerima__user__username", flat=True)) == ["kepala", "kepala_lain"]
    sent = wait_for(lambda: digests.filter(email_status="terkirim").count() == 2, timeout=30)
    assert sent, f"digest emails not sent by the worker:\n{celery_worker_process.log()[-3000:]}"

    # Beat fires again (a restart, a retry): nobody gets a second digest this week.
    assert kirim_rekap_mingguan_task.delay().get(timeout=60) == 0
    assert digests.count() == 2
    mails = []
    for path in celery_worker_process.email_dir.iterdir():
        parts = path.read_bytes().split(b"\n" + b"-" * 79)
        mails += [message_from_bytes(part, policy=policy.default) for part in parts if part.strip()]
        path.unlink()  # the folder is the session's: later worker tests count their own files
    # Other worker tests of the session may have left their mail in the folder: count the digests.
    mails = [m for m in mails if "Rekap mingguan" in (m["Subject"] or "")]
    assert sorted(m["To"] for m in mails) == ["kepala@contoh.go.id", "kepala_lain@contoh.go.id"]
    assert all(m["Subject"].strip().startswith("[eoffice] Rekap mingguan") for m in mails), [
        m["Subject"] for m in mails
    ]
    assert "kirim_rekap_mingguan_task" in celery_worker_process.log()
