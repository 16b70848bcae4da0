"""Attacks on the audit log by someone who can write the database but holds neither AUDIT_HMAC_KEY nor
the checkpoint folder: each one is detected, named by `verifikasi_audit`, and alerted by beat's check."""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit import anchor
from audit.models import AuditEvent, AuditHead
from audit.services import GENESIS, _fields, record
from audit.tasks import periksa_audit_task
from notifikasi.models import Notifikasi


def _sebagai_pemilik_basis_data():
    """On PostgreSQL the trigger refuses the attack; the owner of the database can switch it off."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks block ALTER TABLE
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_tolak_ubah")


def _sha256_chain_from(event_id: int) -> None:
    """The old attack: recompute every hash after an edit with plain SHA-256 (no key)."""
    prev = AuditEvent.objects.filter(id__lt=event_id).order_by("-id").values_list("hash", flat=True).first() or GENESIS
    for event in AuditEvent.objects.filter(id__gte=event_id).order_by("id"):
        payload = json.dumps(_fields(event), sort_keys=True, ensure_ascii=False)
        new = hashlib.sha256((prev + payload).encode()).hexdigest()
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=prev, hash=new)
        prev = new
    AuditHead.objects.filter(pk=1).update(last_hash=prev)


def _events(cast, n=4):
    return [record(actor=cast.staf, aksi="uji.aksi", objek=cast.opd, urutan=i) for i in range(n)]


def _verifikasi() -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("verifikasi_audit")
    return str(excinfo.value)


def test_intact_chain_passes_and_command_writes_a_checkpoint(cast, capsys):
    events = _events(cast)
    call_command("verifikasi_audit", "--checkpoint")
    out = capsys.readouterr().out
    assert "Rantai audit utuh" in out and f"catatan #{events[-1].pk}" in out
    assert anchor.periksa_semua()[0] is None


def test_edit_and_recompute_without_the_key_is_detected(cast):
    events = _events(cast)
    _sebagai_pemilik_basis_data()
    AuditEvent.objects.filter(pk=events[1].pk).update(data={"urutan": 99})
    _sha256_chain_from(events[1].pk)

    assert f"catatan #{events[1].pk}" in _verifikasi()
    assert "diubah" in _verifikasi()


def test_deleting_the_last_rows_is_detected_by_the_checkpoint(cast):
    events = _events(cast)
    anchor.tulis_checkpoint()
    _sebagai_pemilik_basis_data()
    AuditEvent.objects.filter(pk__gte=events[2].pk).delete()
    AuditHead.objects.filter(pk=1).update(last_hash=events[1].hash)  # the head made to match

    pesan = _verifikasi()
    assert f"catatan #{events[-1].pk}" in pesan and "hilang" in pesan


def test_deleting_the_whole_log_is_detected(cast):
    _events(cast)
    anchor.tulis_checkpoint()
    _sebagai_pemilik_basis_data()
    AuditEvent.objects.all().delete()
    AuditHead.objects.all().delete()

    assert "hilang" in _verifikasi()


def test_forged_checkpoint_line_is_refused(cast):
    _events(cast)
    anchor.tulis_checkpoint()
    with anchor.berkas().open("a") as out:
        out.write(json.dumps({"waktu": "x", "event_id": 1, "hash": "0" * 64, "tanda": "f" * 64}) + "\n")
    assert "berkas checkpoint tidak sah" in _verifikasi()


def test_scheduled_check_alerts_admin_pemda(cast, django_capture_on_commit_callbacks):
    events = _events(cast)
    assert periksa_audit_task().startswith("utuh")
    _sebagai_pemilik_basis_data()
    AuditEvent.objects.filter(pk=events[0].pk).update(aksi="uji.lain")

    hasil = periksa_audit_task()

    assert hasil.startswith("rusak")
    notice = Notifikasi.objects.get(penerima=cast.admin_pemda)
    assert notice.judul == "Catatan audit terdeteksi diubah atau dihapus"
    assert f"#{events[0].pk}" in notice.pesan
    assert not Notifikasi.objects.filter(penerima=cast.staf).exists()


def test_checkpoint_task_appends_a_signed_line(cast):
    from audit.tasks import checkpoint_audit_task

    last = _events(cast)[-1]
    assert checkpoint_audit_task() == last.pk
    daftar, temuan = anchor.baca_checkpoint()
    assert temuan is None and daftar[-1]["hash"] == last.hash


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete_of_audit_rows(cast):
    event = record(actor=cast.staf, aksi="uji.aksi", objek=cast.opd)
    for attack in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(aksi="dipalsukan"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="tidak boleh diubah"), transaction.atomic():
            attack()
    event.refresh_from_db()
    assert event.aksi == "uji.aksi"
