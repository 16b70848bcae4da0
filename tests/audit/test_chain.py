from audit.models import AuditEvent
from audit.services import record, verify_chain
from tests.audit.test_tamper import _sebagai_pemilik_basis_data


def test_chain_of_untouched_events_verifies(cast):
    for i in range(3):
        record(actor=cast.staf, aksi="uji.aksi", objek=cast.opd, urutan=i)
    assert AuditEvent.objects.filter(aksi="uji.aksi").count() == 3
    assert verify_chain() is None


def test_edited_event_breaks_the_chain(cast):
    first = record(actor=cast.staf, aksi="uji.aksi", objek=cast.opd, nilai=1)
    record(actor=cast.staf, aksi="uji.aksi", objek=cast.opd, nilai=2)
    _sebagai_pemilik_basis_data()
    AuditEvent.objects.filter(pk=first.pk).update(data={"nilai": 999})
    broken = verify_chain()
    assert broken is not None and broken.pk == first.pk


def test_deleted_last_event_is_detected(cast):
    record(actor=cast.staf, aksi="uji.aksi", objek=cast.opd)
    last = record(actor=cast.staf, aksi="uji.aksi", objek=cast.opd)
    _sebagai_pemilik_basis_data()
    AuditEvent.objects.filter(pk=last.pk).delete()
    assert verify_chain() is not None


def test_event_names_actor_and_object(cast):
    event = record(actor=cast.kepala, aksi="uji.aksi", objek=cast.opd_lain, catatan="x")
    assert event.actor_label == str(cast.kepala)
    assert event.objek_tipe == "organisasi.unitkerja"
    assert event.objek_id == str(cast.opd_lain.pk)
