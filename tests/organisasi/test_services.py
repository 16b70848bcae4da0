"""Rules the structure services hold whoever calls them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from organisasi import persetujuan, services, signals
from organisasi.models import Jabatan, Penugasan, Peran, UnitKerja
from tests.factories import JabatanFactory, PenugasanFactory, UnitFactory
from tests.signals import received

MULAI = datetime.date(2026, 1, 31)


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


def _penugasan(cast, actor=None, **fields):
    data = {"pegawai": cast.kabid, "jabatan": cast.kepala.jabatan, "jenis": Penugasan.Jenis.PLH, "mulai": MULAI}
    data.update(fields)
    return services.penugasan_create(actor=actor or cast.admin_opd, **data)


# ---------------------------------------------------------------- Plt / Plh durations and rules


def test_plh_may_last_three_months(cast):
    p = _penugasan(cast, selesai=datetime.date(2026, 4, 29))
    assert p.pk and p.singkatan == "Plh."


def test_plh_longer_than_three_months_is_rejected(cast):
    with pytest.raises(ValidationError) as exc:
        _penugasan(cast, selesai=datetime.date(2026, 4, 30))
    assert "Plh. paling lama 3 bulan" in _errors(exc)["selesai"][0]
    assert not Penugasan.objects.exists()


def test_plt_may_last_one_year_but_not_longer(cast):
    kosong = JabatanFactory(unit=cast.opd, nama="Sekretaris Dinas")
    ok = _penugasan(cast, jabatan=kosong, jenis=Penugasan.Jenis.PLT, selesai=datetime.date(2027, 1, 30))
    assert ok.singkatan == "Plt."
    ok.delete()
    with pytest.raises(ValidationError) as exc:
        _penugasan(cast, jabatan=kosong, jenis=Penugasan.Jenis.PLT, selesai=datetime.date(2027, 1, 31))
    assert "Plt. paling lama 1 tahun" in _errors(exc)["selesai"][0]


def test_end_before_start_is_rejected(cast):
    with pytest.raises(ValidationError) as exc:
        _penugasan(cast, selesai=MULAI - datetime.timedelta(days=1))
    assert "selesai" in _errors(exc)


def test_overlapping_assignments_of_one_jabatan_are_rejected(cast):
    _penugasan(cast, selesai=datetime.date(2026, 2, 10))
    with pytest.raises(ValidationError) as exc:
        _penugasan(cast, pegawai=cast.pencatat, mulai=datetime.date(2026, 2, 10), selesai=datetime.date(2026, 2, 20))
    assert "tidak boleh bertumpuk" in _errors(exc)["mulai"][0]
    # The day after is fine.
    _penugasan(cast, pegawai=cast.pencatat, mulai=datetime.date(2026, 2, 11), selesai=datetime.date(2026, 2, 20))
    assert Penugasan.objects.count() == 2


def test_plt_only_for_vacant_post(cast):
    with pytest.raises(ValidationError) as exc:
        _penugasan(cast, jenis=Penugasan.Jenis.PLT, selesai=datetime.date(2026, 2, 10))
    assert "Gunakan Plh" in _errors(exc)["jenis"][0]


def test_plh_only_for_occupied_post(cast):
    kosong = JabatanFactory(unit=cast.opd)
    with pytest.raises(ValidationError) as exc:
        _penugasan(cast, jabatan=kosong, selesai=datetime.date(2026, 2, 10))
    assert "Gunakan Plt" in _errors(exc)["jenis"][0]


def test_cannot_be_plh_of_own_post(cast):
    with pytest.raises(ValidationError) as exc:
        _penugasan(cast, pegawai=cast.kepala, selesai=datetime.date(2026, 2, 10))
    assert "pemangku definitif" in _errors(exc)["pegawai"][0]


def test_update_keeps_the_duration_rule(cast):
    p = _penugasan(cast, selesai=datetime.date(2026, 2, 10))
    with pytest.raises(ValidationError):
        services.penugasan_update(actor=cast.admin_opd, penugasan=p, selesai=datetime.date(2026, 12, 31))
    p.refresh_from_db()
    assert p.selesai == datetime.date(2026, 2, 10)


# ---------------------------------------------------------------- permissions


def test_admin_opd_cannot_appoint_in_other_opd(cast):
    with pytest.raises(PermissionDenied):
        _penugasan(cast, pegawai=cast.staf_lain, jabatan=cast.kepala_lain.jabatan, selesai=MULAI)
    assert not Penugasan.objects.exists()


def test_admin_opd_cannot_edit_other_opd_jabatan_unit_or_pegawai(cast):
    with pytest.raises(PermissionDenied):
        services.jabatan_update(actor=cast.admin_opd, jabatan=cast.staf_lain.jabatan, nama="X")
    with pytest.raises(PermissionDenied):
        services.unit_update(actor=cast.admin_opd, unit=cast.opd_lain, nama="X")
    with pytest.raises(PermissionDenied):
        services.pegawai_update(actor=cast.admin_opd, pegawai=cast.staf_lain, nama="X")
    assert UnitKerja.objects.get(pk=cast.opd_lain.pk).nama == "Dinas Perhubungan"


def test_admin_opd_cannot_create_an_opd_or_move_staff_out(cast):
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=cast.admin_opd, nama="Dinas Baru", jenis="dinas", is_opd=True, kode="DB")
    with pytest.raises(PermissionDenied):
        services.pegawai_update(actor=cast.admin_opd, pegawai=cast.staf, jabatan=JabatanFactory(unit=cast.opd_lain))


def test_staf_cannot_change_structure(cast):
    with pytest.raises(PermissionDenied):
        services.jabatan_create(actor=cast.staf, nama="Jabatan Liar", unit=cast.bidang, eselon="JP")


def test_admin_pemda_may_edit_any_opd(cast):
    services.jabatan_update(actor=cast.admin_pemda, jabatan=cast.staf_lain.jabatan, nama="Analis Lalu Lintas")
    assert Jabatan.objects.get(pk=cast.staf_lain.jabatan_id).nama == "Analis Lalu Lintas"


def test_admin_opd_cannot_grant_roles_in_other_opd_or_admin_pemda(cast):
    with pytest.raises(PermissionDenied):
        services.peran_grant(actor=cast.admin_opd, pegawai=cast.staf, jenis="pencatat", opd=cast.opd_lain)
    with pytest.raises(PermissionDenied):
        services.peran_grant(actor=cast.admin_opd, pegawai=cast.staf, jenis="admin_pemda")


# ---------------------------------------------------------------- structure rules


def test_unit_cannot_be_moved_under_its_own_child(cast):
    seksi = UnitFactory(induk=cast.bidang, nama="Seksi Aplikasi")
    with pytest.raises(ValidationError) as exc:
        services.unit_update(actor=cast.admin_pemda, unit=cast.bidang, induk=seksi)
    assert "bawahannya" in _errors(exc)["induk"][0]
    assert UnitKerja.objects.get(pk=cast.bidang.pk).induk_id == cast.opd.pk


def test_jabatan_cannot_report_to_its_own_subordinate(cast):
    with pytest.raises(ValidationError) as exc:
        services.jabatan_update(actor=cast.admin_opd, jabatan=cast.kabid.jabatan, atasan=cast.staf.jabatan)
    assert "atasan" in _errors(exc)


def test_moving_a_unit_to_another_opd_updates_opd_of_subtree(cast):
    seksi = UnitFactory(induk=cast.bidang, nama="Seksi Aplikasi")
    services.unit_update(actor=cast.admin_pemda, unit=cast.bidang, induk=cast.opd_lain)
    assert UnitKerja.objects.get(pk=seksi.pk).opd_id == cast.opd_lain.pk


def test_nip_is_validated_and_stored_as_digits(cast):
    with pytest.raises(ValidationError) as exc:
        services.pegawai_update(actor=cast.admin_opd, pegawai=cast.staf, nip="1986")
    assert "18 angka" in _errors(exc)["nip"][0]
    services.pegawai_update(actor=cast.admin_opd, pegawai=cast.staf, nip="19860926 201505 1 001")
    cast.staf.refresh_from_db()
    assert cast.staf.nip == "198609262015051001"


# ---------------------------------------------------------------- audit


def test_every_change_writes_an_audit_row(cast):
    p = _penugasan(cast, selesai=datetime.date(2026, 2, 10))
    services.penugasan_update(actor=cast.admin_opd, penugasan=p, nomor_sk="800/1")
    services.penugasan_delete(actor=cast.admin_opd, penugasan=p)
    pengajuan = services.peran_grant(actor=cast.admin_opd, pegawai=cast.staf, jenis="pencatat", opd=cast.opd)
    persetujuan.setujui(actor=cast.admin_pemda, pengajuan=pengajuan)
    services.peran_revoke(actor=cast.admin_opd, peran=Peran.objects.get(pegawai=cast.staf, jenis="pencatat"))
    rows = list(AuditEvent.objects.order_by("id").values_list("aksi", "actor_id"))
    assert rows == [
        ("penugasan.buat", cast.admin_opd.pk),
        ("penugasan.ubah", cast.admin_opd.pk),
        ("penugasan.hapus", cast.admin_opd.pk),
        ("pengajuan.buat", cast.admin_opd.pk),
        ("pengajuan.setujui", cast.admin_pemda.pk),
        ("peran.beri", cast.admin_pemda.pk),
        ("peran.cabut", cast.admin_opd.pk),
    ]


def test_rejected_change_writes_no_audit_row(cast):
    with pytest.raises(ValidationError):
        _penugasan(cast, selesai=datetime.date(2027, 1, 1))
    assert not AuditEvent.objects.exists()


def test_existing_penugasan_factory_rows_do_not_block_other_jabatan(cast):
    PenugasanFactory(
        pegawai=cast.pencatat,
        jabatan=cast.kabid.jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=MULAI,
        selesai=MULAI,
    )
    assert _penugasan(cast, selesai=MULAI).pk


def test_admin_opd_cannot_grant_pemda_wide_roles(cast):
    """Unit Kearsipan reaches every OPD's archives, so only an admin Pemda may hand it out."""
    with pytest.raises(PermissionDenied):
        services.peran_grant(actor=cast.admin_opd, pegawai=cast.admin_opd, jenis="arsiparis", opd=cast.opd)
    with pytest.raises(PermissionDenied):
        services.peran_grant(actor=cast.admin_opd, pegawai=cast.admin_opd, jenis="admin_pemda")
    assert not cast.admin_opd.peran.filter(jenis__in=["arsiparis", "admin_pemda"]).exists()


def test_admin_opd_cannot_give_opd_role_to_another_opds_staff(cast):
    with pytest.raises(ValidationError) as exc:
        services.peran_grant(actor=cast.admin_opd, pegawai=cast.staf_lain, jenis="pencatat", opd=cast.opd)
    assert "pegawai" in exc.value.message_dict


def test_admin_opd_cannot_change_email_of_an_admin_pemda_in_its_opd(cast):
    """Otherwise the admin OPD could redirect the admin Pemda's password reset to itself."""
    with pytest.raises(PermissionDenied):
        services.pegawai_update(actor=cast.admin_opd, pegawai=cast.admin_pemda, email="penyerang@example.com")
    cast.admin_pemda.refresh_from_db()
    assert cast.admin_pemda.email != "penyerang@example.com"
    services.pegawai_update(actor=cast.admin_pemda, pegawai=cast.admin_pemda, email="baru@example.com")


def test_penugasan_signal_is_sent_after_commit_and_a_failing_receiver_is_swallowed(
    cast, django_capture_on_commit_callbacks, caplog
):
    with received(signals.penugasan_dibuat, failing=True) as seen:
        with django_capture_on_commit_callbacks(execute=True):
            p = _penugasan(cast, selesai=datetime.date(2026, 2, 10))
            assert seen == []
    assert seen == [{"penugasan_id": p.pk, "actor_id": cast.admin_opd.pk}]
    assert Penugasan.objects.filter(pk=p.pk).exists()
    assert "penerima rusak" in caplog.text
