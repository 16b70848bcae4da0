"""The transactional outbox (issue 13, item 6): an announcement is stored with the action's transaction,
sent after the commit, and sent again by beat's sweep when the process died before sending it."""

import datetime

import pytest
import time_machine
from django.db import DatabaseError, IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from notifikasi import tasks as notifikasi_tasks
from notifikasi.models import Event, Notifikasi
from outbox import services as outbox
from outbox.models import Kiriman
from surat import services
from surat import signals as surat_signals
from tests.signals import received


def _nanti(menit: int = 5):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=menit), tick=True)


def test_announcement_is_stored_with_the_action_and_sent_after_commit(cast, konsep):
    surat = konsep()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.surat_submit(actor=cast.staf, surat=surat)
    kiriman = Kiriman.objects.get(sinyal="surat.signals:surat_diajukan")
    assert kiriman.argumen == {"surat_id": surat.pk} and kiriman.terkirim_pada is not None
    assert Notifikasi.objects.filter(penerima=cast.kabid, event=Event.PERLU_PARAF).count() == 1


def test_rolled_back_action_leaves_no_announcement(cast, konsep):
    surat = konsep()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.surat_submit(actor=cast.staf, surat=surat)
        raise RuntimeError("gagal setelah diajukan")
    assert not Kiriman.objects.filter(sinyal="surat.signals:surat_diajukan").exists()


def test_process_dying_after_commit_loses_no_notice_and_the_sweep_sends_it_once(cast, konsep):
    surat = konsep()
    with TestCase.captureOnCommitCallbacks(execute=False):  # committed, then the process died
        services.surat_submit(actor=cast.staf, surat=surat)
    kiriman = Kiriman.objects.get(sinyal="surat.signals:surat_diajukan")
    assert kiriman.terkirim_pada is None
    assert not Notifikasi.objects.filter(event=Event.PERLU_PARAF).exists()

    assert outbox.sapu()["terkirim"] == 0  # too young: its own commit may still be sending it
    with _nanti(), TestCase.captureOnCommitCallbacks(execute=True):
        assert outbox.sapu()["terkirim"] >= 1
    with _nanti(), TestCase.captureOnCommitCallbacks(execute=True):
        outbox.sapu()
    assert Notifikasi.objects.filter(penerima=cast.kabid, event=Event.PERLU_PARAF).count() == 1
    kiriman.refresh_from_db()
    assert kiriman.terkirim_pada is not None and kiriman.percobaan == 1


def test_a_receiver_whose_writes_fail_leaves_the_announcement_for_the_sweep(cast, konsep):
    surat = konsep()

    def rusak(**kwargs):
        raise DatabaseError("disk penuh")  # the receiver's write fails

    with TestCase.captureOnCommitCallbacks(execute=False):
        services.surat_submit(actor=cast.staf, surat=surat)
    kiriman = Kiriman.objects.get(sinyal="surat.signals:surat_diajukan")
    surat_signals.surat_diajukan.connect(rusak)
    try:
        with transaction.atomic():  # keep the test's transaction usable after the receiver's error
            assert outbox.kirim(kiriman.pk) is False
    except IntegrityError:
        pass
    finally:
        surat_signals.surat_diajukan.disconnect(rusak)
    kiriman.refresh_from_db()
    assert kiriman.terkirim_pada is None


def test_only_signals_of_an_app_can_be_stored():
    from django.dispatch import Signal

    with pytest.raises(ValueError, match="signals.py"):
        outbox.send_on_commit(Signal(), None, x=1)


def test_the_sweep_forgets_rows_sent_long_ago(cast, konsep):
    surat = konsep()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.surat_submit(actor=cast.staf, surat=surat)
    with _nanti(menit=8 * 24 * 60):
        assert outbox.sapu()["dihapus"] >= 1
    assert not Kiriman.objects.exists()


def test_emails_waiting_too_long_are_queued_again(cast, konsep, monkeypatch):
    surat = konsep()
    cast.kabid.email = "kabid@contoh.go.id"
    cast.kabid.save(update_fields=["email"])
    monkeypatch.setattr(notifikasi_tasks, "antrekan", lambda task, pk: None)  # the broker is down
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.surat_submit(actor=cast.staf, surat=surat)
    notice = Notifikasi.objects.get(penerima=cast.kabid, event=Event.PERLU_PARAF)
    assert notice.email_status == Notifikasi.EmailStatus.MENUNGGU
    monkeypatch.undo()
    assert notifikasi_tasks.kirim_ulang_tertunda_task() == 0  # just made: maybe still in the queue
    with _nanti(menit=11):
        assert notifikasi_tasks.kirim_ulang_tertunda_task() == 1  # eager here: sent at once
    notice.refresh_from_db()
    assert notice.email_status == Notifikasi.EmailStatus.TERKIRIM


def test_with_received_still_sees_each_announcement_once(cast, konsep):
    surat = konsep()
    with received(surat_signals.surat_diajukan) as seen, TestCase.captureOnCommitCallbacks(execute=True):
        services.surat_submit(actor=cast.staf, surat=surat)
    assert seen == [{"surat_id": surat.pk}]
