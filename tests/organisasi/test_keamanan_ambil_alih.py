"""An admin OPD cannot take over its Kepala Dinas: not through the account's e-mail and "lupa kata
sandi", not by moving people between posts, not by granting itself roles. Each attempt fails or waits for
a second person (tests/organisasi/test_pengajuan.py), the Kepala and admin Pemda are told, and the audit
keeps the values before and after."""

import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from notifikasi.models import Notifikasi
from organisasi import services
from organisasi.models import Pegawai, PengajuanKewenangan, Peran
from tests.factories import JabatanFactory

PENYERANG = "penyerang@contoh.id"
LAMA = "dewi.staf@surakarta.go.id"


def _url(name, *args):
    return reverse(f"organisasi:{name}", args=args)


def _pegawai_post(pegawai, **changes):
    data = {
        "nip": pegawai.nip or "",
        "nik": pegawai.nik,
        "gelar_depan": pegawai.gelar_depan,
        "nama": pegawai.nama,
        "gelar_belakang": pegawai.gelar_belakang,
        "pangkat": pegawai.pangkat,
        "email": pegawai.email,
        "telepon": pegawai.telepon,
        "jabatan": pegawai.jabatan_id or "",
    }
    data.update(changes)
    return data


@pytest.fixture
def pemilik(cast):
    """A pegawai without a post that signs or heads a unit (for such holders an admin OPD's change waits
    for a second person first: test_pengajuan.py)."""
    services.pegawai_update(actor=None, pegawai=cast.staf, email=LAMA)
    cast.staf.refresh_from_db()
    return cast.staf


def _surat_akun(mailoutbox):
    """The account mails (not the copies of in-app notices that are e-mailed too)."""
    return [m for m in mailoutbox if "akun eoffice" in m.subject]


def _tautan(mail) -> str:
    return re.search(r"https?://\S+(/akun/email/konfirmasi/\S+/)", mail.body).group(1)


# ---------------------------------------------------------------- e-mail and "lupa kata sandi"


def test_email_change_by_admin_opd_waits_for_the_old_address_and_reset_goes_nowhere_new(
    cast, pemilik, login, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.admin_opd).post(
            _url("pegawai_update", pemilik.pk), _pegawai_post(pemilik, email=PENYERANG)
        )
    assert response.status_code == 302
    pemilik.refresh_from_db()
    assert pemilik.email == LAMA and pemilik.user.email == LAMA

    [konfirmasi] = [m for m in mailoutbox if m.subject.startswith("Konfirmasi perubahan")]
    assert konfirmasi.to == [LAMA]
    assert PENYERANG in konfirmasi.body and "Bila Anda tidak memintanya" in konfirmasi.body
    assert Notifikasi.objects.filter(penerima=pemilik, judul="Permintaan perubahan email akun").exists()
    assert Notifikasi.objects.filter(penerima=cast.admin_pemda, judul="Permintaan perubahan email akun").exists()
    event = AuditEvent.objects.get(aksi="pegawai.email_diminta")
    assert event.data == {"sebelum": LAMA, "sesudah": PENYERANG}

    # The attacker asks for a reset link at its own address: nothing is sent there.
    client.logout()
    mailoutbox.clear()
    client.post(reverse("akun:lupa_kata_sandi"), {"email": PENYERANG})
    assert mailoutbox == []


def test_only_the_holder_signed_in_confirms_and_the_old_address_is_told(
    cast, pemilik, login, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.pegawai_update(actor=cast.admin_opd, pegawai=pemilik, email="dewi.baru@surakarta.go.id")
    tautan = _tautan(_surat_akun(mailoutbox)[0])
    mailoutbox.clear()

    assert login(cast.admin_opd).get(tautan).status_code == 404
    assert login(cast.admin_opd).post(tautan).status_code == 404
    client = login(pemilik)
    assert "dewi.baru@surakarta.go.id" in client.get(tautan).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(tautan, follow=True)
    assert "Alamat email akun Anda sekarang dewi.baru@surakarta.go.id" in response.content.decode()
    pemilik.refresh_from_db()
    assert pemilik.user.email == "dewi.baru@surakarta.go.id"
    [pemberitahuan] = _surat_akun(mailoutbox)
    assert pemberitahuan.to == [LAMA] and "diganti" in pemberitahuan.subject
    # Used once: the same link cannot change it again.
    assert "sudah dipakai" in client.post(tautan).content.decode()


def test_holder_changing_own_address_also_confirms_from_the_old_one(
    pemilik, login, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(pemilik).post(
            reverse("akun:profil"), {"email": "dewi.lain@surakarta.go.id", "telepon": ""}, follow=True
        )
    assert "tautan yang kami kirim ke alamat email lama" in response.content.decode()
    pemilik.refresh_from_db()
    assert pemilik.email == LAMA
    assert _surat_akun(mailoutbox)[0].to == [LAMA]


def test_admin_pemda_changes_the_address_at_once_and_the_old_address_is_told(
    cast, pemilik, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.pegawai_update(actor=cast.admin_pemda, pegawai=pemilik, email="dewi.baru@surakarta.go.id")
    pemilik.refresh_from_db()
    assert pemilik.email == "dewi.baru@surakarta.go.id"
    assert [m.to for m in _surat_akun(mailoutbox)] == [[LAMA]]
    assert AuditEvent.objects.filter(aksi="pegawai.email_diganti").latest("id").data == {
        "sebelum": LAMA,
        "sesudah": "dewi.baru@surakarta.go.id",
    }


def test_admin_opd_setting_a_first_address_still_needs_the_holder(cast, login, django_capture_on_commit_callbacks):
    assert not cast.staf.email
    with django_capture_on_commit_callbacks(execute=True):
        services.pegawai_update(actor=cast.admin_opd, pegawai=cast.staf, email=PENYERANG)
    cast.staf.refresh_from_db()
    assert cast.staf.email == ""
    notice = Notifikasi.objects.get(penerima=cast.staf, judul="Permintaan perubahan email akun")
    assert "/akun/email/konfirmasi/" in notice.url
    assert not Notifikasi.objects.filter(penerima=cast.admin_pemda, url__contains="/konfirmasi/").exists()


# ---------------------------------------------------------------- moving people between posts


def test_moving_the_kepala_aside_and_taking_the_post_only_makes_requests(cast, login):
    client = login(cast.admin_opd)
    kepala_jabatan = cast.kepala.jabatan
    # 1. a new post (allowed); 2. the Kepala into it; 3. the admin into the Kepala's post.
    baru = JabatanFactory(nama="Staf Ahli", unit=cast.opd, atasan=kepala_jabatan)
    response = client.post(
        _url("pegawai_update", cast.kepala.pk), _pegawai_post(cast.kepala, jabatan=baru.pk), follow=True
    )
    assert "baru berlaku setelah disetujui Admin Pemda atau admin lain" in response.content.decode()
    response = client.post(
        _url("pegawai_update", cast.admin_opd.pk), _pegawai_post(cast.admin_opd, jabatan=kepala_jabatan.pk)
    )
    assert response.status_code == 200  # the Kepala's post is still held: not even a request
    assert not PengajuanKewenangan.objects.filter(pegawai=cast.admin_opd).exists()

    assert Pegawai.objects.get(pk=cast.kepala.pk).jabatan_id == kepala_jabatan.pk
    assert Pegawai.objects.get(pk=cast.admin_opd.pk).jabatan_id != kepala_jabatan.pk


def test_admin_opd_cannot_make_its_own_post_a_signing_one(cast, login):
    from tests.organisasi.test_views_admin import _jabatan_post

    jabatan = cast.admin_opd.jabatan
    response = login(cast.admin_opd).post(
        _url("jabatan_update", jabatan.pk), _jabatan_post(jabatan, dapat_menandatangani="on")
    )
    assert response.status_code == 200
    jabatan.refresh_from_db()
    assert not jabatan.dapat_menandatangani


def test_admin_opd_cannot_place_a_new_account_in_a_signing_post(cast):
    kosong = JabatanFactory(nama="Kepala Seksi", unit=cast.bidang, is_kepala_unit=False, dapat_menandatangani=True)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Admin Pemda"):
        services.pegawai_create(actor=cast.admin_opd, username="boneka", password="x", nama="Boneka", jabatan=kosong)


def test_admin_pemda_moves_the_kepala_and_holder_and_admins_are_told(cast, django_capture_on_commit_callbacks):
    baru = JabatanFactory(nama="Staf Ahli Wali Kota", unit=cast.opd)
    lama = cast.kepala.jabatan_id
    with django_capture_on_commit_callbacks(execute=True):
        services.pegawai_update(actor=cast.admin_pemda, pegawai=cast.kepala, jabatan=baru)
    notice = Notifikasi.objects.get(penerima=cast.kepala, judul="Jabatan Anda diubah")
    assert "Staf Ahli Wali Kota" in notice.pesan
    event = AuditEvent.objects.filter(aksi="pegawai.ubah").latest("id")
    assert event.data["diubah"] == ["jabatan"]
    assert event.data["perubahan"] == {"jabatan_id": [lama, baru.pk]}


# ---------------------------------------------------------------- roles


def test_admin_opd_granting_itself_pencatat_only_proposes_it(cast, login):
    response = login(cast.admin_opd).post(
        _url("peran_list"), {"pegawai": cast.admin_opd.pk, "jenis": "pencatat", "opd": cast.opd.pk}, follow=True
    )
    assert "baru berlaku setelah disetujui" in response.content.decode()
    assert not Peran.objects.filter(pegawai=cast.admin_opd, jenis="pencatat").exists()


def test_admin_opd_cannot_grant_a_pemda_role(cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.peran_grant(actor=cast.admin_opd, pegawai=cast.staf, jenis="arsiparis")


def test_admin_pemda_grants_at_once_and_it_is_told_to_the_grantee(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        peran = services.peran_grant(actor=cast.admin_pemda, pegawai=cast.staf, jenis="pencatat", opd=cast.opd)
    assert isinstance(peran, Peran)
    assert Notifikasi.objects.filter(penerima=cast.staf, judul="Anda mendapat peran baru").exists()


# ---------------------------------------------------------------- audit says what changed


def test_pegawai_edit_is_audited_with_the_fields_actually_changed(cast, login):
    services.pegawai_update(actor=None, pegawai=cast.staf, nip="198609262015051001")
    cast.staf.refresh_from_db()
    form = _pegawai_post(cast.staf, nip="19860926 201505 1 001", telepon="0812 3456 7890")
    assert login(cast.admin_opd).post(_url("pegawai_update", cast.staf.pk), form).status_code == 302
    event = AuditEvent.objects.filter(aksi="pegawai.ubah").latest("id")
    assert event.data["diubah"] == ["telepon"]
    assert event.data["perubahan"] == {"telepon": ["", "0812 3456 7890"]}


def test_admin_opd_cannot_appoint_itself_plh_of_the_kepala(cast):
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    today = timezone.localdate()
    with pytest.raises(ValidationError, match="Admin Pemda"):
        services.penugasan_create(
            actor=cast.admin_opd,
            pegawai=cast.admin_opd,
            jabatan=cast.kepala.jabatan,
            jenis="plh",
            mulai=today,
            selesai=today + datetime.timedelta(days=5),
        )
