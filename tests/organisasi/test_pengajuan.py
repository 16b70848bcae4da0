"""Second-person approval: an admin OPD only proposes who holds a post that signs or heads a unit, a role,
or such a holder's e-mail; admin Pemda or a second admin (never the proposer, never the pegawai
concerned) approves it, and approval applies exactly what was proposed, unless the state it was proposed
against changed meanwhile. Rejected and expired requests change nothing; everything is audited."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from notifikasi.models import Notifikasi
from organisasi import persetujuan, services
from organisasi.models import Pegawai, PengajuanKewenangan, Peran
from tests.factories import JabatanFactory, PegawaiFactory, PeranFactory
from tests.organisasi.test_keamanan_ambil_alih import _pegawai_post

DAFTAR = reverse("organisasi:pengajuan_list")


def _setujui(pk):
    return reverse("organisasi:pengajuan_setujui", args=[pk])


def _tolak(pk):
    return reverse("organisasi:pengajuan_tolak", args=[pk])


@pytest.fixture
def admin_kedua(cast):
    """A second admin OPD of the same OPD."""
    pegawai = PegawaiFactory(user__username="admin_kedua", nama="Yudi Pratama", jabatan__unit=cast.opd)
    PeranFactory(pegawai=pegawai, jenis=Peran.Jenis.ADMIN_OPD, opd=cast.opd)
    return pegawai


@pytest.fixture
def staf_ahli(cast):
    return JabatanFactory(nama="Staf Ahli", unit=cast.opd, atasan=cast.kepala.jabatan)


@pytest.fixture
def pindah_kepala(cast, staf_ahli, login, django_capture_on_commit_callbacks):
    """The admin OPD proposes, through the edit form, to move the Kepala into the Staf Ahli post."""
    data = _pegawai_post(cast.kepala, telepon="0271 123", jabatan=staf_ahli.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.admin_opd).post(
            reverse("organisasi:pegawai_update", args=[cast.kepala.pk]), data, follow=True
        )
    assert "menjadi Staf Ahli diajukan dan baru berlaku setelah disetujui" in response.content.decode()
    return PengajuanKewenangan.objects.get(pegawai=cast.kepala)


def test_proposal_holds_the_move_saves_the_rest_and_tells_the_holder_and_admin_pemda(cast, pindah_kepala, staf_ahli):
    kepala = Pegawai.objects.get(pk=cast.kepala.pk)
    assert kepala.jabatan_id == cast.kepala.jabatan_id  # not moved
    assert kepala.telepon == "0271 123"  # the rest of the form is saved
    assert pindah_kepala.status == PengajuanKewenangan.Status.MENUNGGU
    assert pindah_kepala.pengaju == cast.admin_opd
    assert pindah_kepala.sesudah == {"jabatan": staf_ahli.pk}
    assert pindah_kepala.sebelum == {"jabatan": cast.kepala.jabatan_id, "pemangku_tujuan": None}
    assert pindah_kepala.kedaluwarsa > timezone.now() + datetime.timedelta(days=6)
    assert Notifikasi.objects.filter(penerima=cast.kepala, judul="Perubahan kewenangan diajukan").exists()
    notice = Notifikasi.objects.get(penerima=cast.admin_pemda, judul="Perubahan kewenangan diajukan")
    assert notice.url == DAFTAR
    event = AuditEvent.objects.get(aksi="pengajuan.buat")
    assert event.data["sebelum"] == pindah_kepala.sebelum and event.data["sesudah"] == pindah_kepala.sesudah


def test_proposer_cannot_approve_its_own_request(cast, pindah_kepala, login):
    client = login(cast.admin_opd)
    assert "Menunggu admin lain" in client.get(DAFTAR).content.decode()
    response = client.post(_setujui(pindah_kepala.pk), follow=True)
    assert "bukan pengaju" in response.content.decode()
    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id == cast.kepala.jabatan_id
    with pytest.raises(PermissionDenied):
        persetujuan.setujui(actor=cast.admin_opd, pengajuan=pindah_kepala)
    pindah_kepala.refresh_from_db()
    assert pindah_kepala.status == PengajuanKewenangan.Status.MENUNGGU


def test_second_admin_approves_and_exactly_the_proposed_move_is_applied(
    cast, pindah_kepala, admin_kedua, staf_ahli, login, django_capture_on_commit_callbacks
):
    client = login(admin_kedua)
    halaman = client.get(DAFTAR).content.decode()
    assert _setujui(pindah_kepala.pk) in halaman and "Arif Budiman" in halaman
    assert "Setujui pengajuan" in client.get(_setujui(pindah_kepala.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_setujui(pindah_kepala.pk), follow=True)
    assert "Pengajuan disetujui." in response.content.decode()
    kepala = Pegawai.objects.get(pk=cast.kepala.pk)
    assert kepala.jabatan_id == staf_ahli.pk
    assert kepala.telepon == "0271 123"
    pindah_kepala.refresh_from_db()
    assert (pindah_kepala.status, pindah_kepala.pemutus) == (PengajuanKewenangan.Status.DISETUJUI, admin_kedua)
    setuju = AuditEvent.objects.get(aksi="pengajuan.setujui")
    assert setuju.data["pengaju"] == cast.admin_opd.pk and setuju.data["sesudah"] == {"jabatan": staf_ahli.pk}
    pindah = AuditEvent.objects.filter(aksi="pegawai.ubah").latest("id")
    assert pindah.data["perubahan"] == {"jabatan_id": [cast.kepala.jabatan_id, staf_ahli.pk]}
    assert Notifikasi.objects.filter(penerima=cast.kepala, judul="Jabatan Anda diubah").exists()
    # Decided once: it leaves the list and cannot be approved again.
    assert _setujui(pindah_kepala.pk) not in client.get(DAFTAR).content.decode()
    assert client.post(_setujui(pindah_kepala.pk)).status_code == 404


def test_stale_request_is_refused_when_the_holder_was_moved_meanwhile(cast, pindah_kepala, admin_kedua):
    lain = JabatanFactory(nama="Asisten Administrasi Umum", unit=cast.opd)
    services.pegawai_update(actor=cast.admin_pemda, pegawai=cast.kepala, jabatan=lain)
    with pytest.raises(ValidationError, match="sudah berubah sejak pengajuan dibuat"):
        persetujuan.setujui(actor=admin_kedua, pengajuan=pindah_kepala)
    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id == lain.pk
    pindah_kepala.refresh_from_db()
    assert pindah_kepala.status == PengajuanKewenangan.Status.MENUNGGU


def test_stale_request_is_refused_when_the_target_post_was_filled_meanwhile(cast, pindah_kepala, staf_ahli, login):
    PegawaiFactory(nama="Pemangku Baru", jabatan=staf_ahli)
    response = login(cast.admin_pemda).post(_setujui(pindah_kepala.pk), follow=True)
    assert "sudah berubah sejak pengajuan dibuat" in response.content.decode()
    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id == cast.kepala.jabatan_id


def test_rejected_request_changes_nothing(cast, pindah_kepala, admin_kedua, login):
    response = login(admin_kedua).post(_tolak(pindah_kepala.pk), follow=True)
    assert "Pengajuan ditolak." in response.content.decode()
    pindah_kepala.refresh_from_db()
    assert pindah_kepala.status == PengajuanKewenangan.Status.DITOLAK
    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id == cast.kepala.jabatan_id
    assert AuditEvent.objects.filter(aksi="pengajuan.tolak").exists()
    with pytest.raises(ValidationError, match="sudah diputus"):
        persetujuan.setujui(actor=cast.admin_pemda, pengajuan=pindah_kepala)


def test_expired_request_changes_nothing_and_leaves_the_list(cast, pindah_kepala, login):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert "Arif Budiman" not in login(cast.admin_pemda).get(DAFTAR).content.decode()
        with pytest.raises(ValidationError, match="kedaluwarsa"):
            persetujuan.setujui(actor=cast.admin_pemda, pengajuan=pindah_kepala)
    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id == cast.kepala.jabatan_id


def test_role_proposal_approved_by_admin_pemda_grants_exactly_that_role(cast, login):
    pengajuan = services.peran_grant(actor=cast.admin_opd, pegawai=cast.staf, jenis="pencatat", opd=cast.opd)
    assert isinstance(pengajuan, PengajuanKewenangan)
    assert not Peran.objects.filter(pegawai=cast.staf).exists()
    login(cast.admin_pemda).post(_setujui(pengajuan.pk))
    assert list(Peran.objects.filter(pegawai=cast.staf).values_list("jenis", "opd")) == [("pencatat", cast.opd.pk)]
    assert AuditEvent.objects.filter(aksi="peran.beri").latest("id").actor_id == cast.admin_pemda.pk


def test_the_pegawai_concerned_cannot_approve_a_role_for_itself(cast, admin_kedua):
    pengajuan = services.peran_grant(actor=cast.admin_opd, pegawai=admin_kedua, jenis="pencatat", opd=cast.opd)
    with pytest.raises(PermissionDenied):
        persetujuan.setujui(actor=admin_kedua, pengajuan=pengajuan)
    assert not Peran.objects.filter(pegawai=admin_kedua, jenis="pencatat").exists()


def test_email_of_the_kepala_waits_for_approval_then_admin_pemda_applies_it(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    services.pegawai_update(actor=None, pegawai=cast.kepala, email="arif@surakarta.go.id")
    hasil = services.pegawai_update(actor=cast.admin_opd, pegawai=cast.kepala, email="penyerang@contoh.id")
    [pengajuan] = hasil.pengajuan
    assert pengajuan.jenis == PengajuanKewenangan.Jenis.EMAIL
    assert Pegawai.objects.get(pk=cast.kepala.pk).email == "arif@surakarta.go.id"
    assert not AuditEvent.objects.filter(aksi="pegawai.email_diminta").exists()
    with django_capture_on_commit_callbacks(execute=True):
        persetujuan.setujui(actor=cast.admin_pemda, pengajuan=pengajuan)
    assert Pegawai.objects.get(pk=cast.kepala.pk).user.email == "penyerang@contoh.id"
    assert [m.to for m in mailoutbox if "akun eoffice" in m.subject] == [["arif@surakarta.go.id"]]


def test_email_approved_by_a_second_admin_opd_still_waits_for_the_old_address(cast, admin_kedua, mailoutbox):
    services.pegawai_update(actor=None, pegawai=cast.kepala, email="arif@surakarta.go.id")
    [pengajuan] = services.pegawai_update(actor=cast.admin_opd, pegawai=cast.kepala, email="baru@contoh.id").pengajuan
    persetujuan.setujui(actor=admin_kedua, pengajuan=pengajuan)
    assert Pegawai.objects.get(pk=cast.kepala.pk).email == "arif@surakarta.go.id"
    assert AuditEvent.objects.get(aksi="pegawai.email_diminta").data["sesudah"] == "baru@contoh.id"


def test_page_is_404_for_non_admins_and_another_opds_admin(cast, pindah_kepala, login):
    assert login(cast.kepala).get(DAFTAR).status_code == 404
    admin_lain = PegawaiFactory(jabatan__unit=cast.opd_lain)
    PeranFactory(pegawai=admin_lain, jenis=Peran.Jenis.ADMIN_OPD, opd=cast.opd_lain)
    client = login(admin_lain)
    assert "Arif Budiman" not in client.get(DAFTAR).content.decode()
    assert client.get(_setujui(pindah_kepala.pk)).status_code == 404
    assert client.post(_tolak(pindah_kepala.pk)).status_code == 404


def test_taking_the_kepala_out_of_any_post_is_a_request_too(cast, admin_kedua):
    [pengajuan] = services.pegawai_update(actor=cast.admin_opd, pegawai=cast.kepala, jabatan=None).pengajuan
    assert pengajuan.sesudah == {"jabatan": None}
    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id == cast.kepala.jabatan_id
    persetujuan.setujui(actor=admin_kedua, pengajuan=pengajuan)
    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id is None
