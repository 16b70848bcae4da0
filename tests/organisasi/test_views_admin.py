"""The Kelola Struktur pages: admin OPD manages its own OPD, admin Pemda everything, others see nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from organisasi import persetujuan
from organisasi.models import Jabatan, Pegawai, PengajuanKewenangan, Penugasan, Peran, UnitKerja
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory

LISTS = ["kelola", "unit_list", "jabatan_list", "pegawai_list", "penugasan_list", "peran_list"]
CREATES = ["unit_create", "jabatan_create", "pegawai_create", "penugasan_create"]


def _url(name, *args):
    return reverse(f"organisasi:{name}", args=args)


@pytest.fixture
def plh(cast):
    today = timezone.localdate()
    return PenugasanFactory(
        pegawai=cast.kabid,
        jabatan=cast.kepala.jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=today,
        selesai=today + datetime.timedelta(days=10),
    )


def _jabatan_post(jabatan, **changes):
    data = {
        "nama": jabatan.nama,
        "unit": jabatan.unit_id,
        "atasan": jabatan.atasan_id or "",
        "eselon": jabatan.eselon,
        "urutan": jabatan.urutan,
        "aktif": "on",
    }
    data.update({flag: "on" for flag in ("is_kepala_unit", "dapat_menandatangani") if getattr(jabatan, flag)})
    data.update(changes)
    return data


# ---------------------------------------------------------------- who gets in


@pytest.mark.parametrize("name", LISTS + CREATES)
def test_staf_gets_404_on_every_kelola_page(cast, login, name):
    assert login(cast.staf).get(_url(name)).status_code == 404


def test_staf_gets_404_on_object_pages(cast, login, plh):
    client = login(cast.staf)
    peran = Peran.objects.get(pegawai=cast.pencatat)
    for url in [
        _url("unit_update", cast.bidang.pk),
        _url("jabatan_update", cast.staf.jabatan_id),
        _url("pegawai_update", cast.staf.pk),
        _url("penugasan_update", plh.pk),
        _url("penugasan_delete", plh.pk),
        _url("peran_revoke", peran.pk),
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    assert Penugasan.objects.filter(pk=plh.pk).exists()
    assert Peran.objects.filter(pk=peran.pk).exists()


@pytest.mark.parametrize("name", LISTS + CREATES)
def test_admin_opd_opens_every_kelola_page(cast, login, name):
    response = login(cast.admin_opd).get(_url(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kelola Struktur" in html
    assert "---------" not in html  # empty choices read "Pilih salah satu" / "(tidak ada)"


def test_admin_opd_gets_404_on_other_opd_objects(cast, login):
    client = login(cast.admin_opd)
    lain = cast.staf_lain
    for url in [
        _url("unit_update", cast.opd_lain.pk),
        _url("jabatan_update", lain.jabatan_id),
        _url("pegawai_update", lain.pk),
    ]:
        assert client.get(url).status_code == 404
    response = client.post(_url("jabatan_update", lain.jabatan_id), _jabatan_post(lain.jabatan, nama="Diretas"))
    assert response.status_code == 404
    assert Jabatan.objects.get(pk=lain.jabatan_id).nama == "Pengelola Lalu Lintas"


def test_admin_opd_lists_only_own_opd(cast, login):
    html = login(cast.admin_opd).get(_url("pegawai_list")).content.decode()
    assert "Dewi Lestari" in html
    assert "Agus Salim" not in html
    html = login(cast.admin_opd).get(_url("jabatan_list")).content.decode()
    assert "Pranata Komputer Ahli Pertama" in html
    assert "Kepala Dinas Perhubungan" not in html


def test_admin_opd_choices_are_limited_to_own_opd(cast, login):
    response = login(cast.admin_opd).get(_url("jabatan_create"))
    form = response.context["form"]
    assert set(form.fields["unit"].queryset) == {cast.opd, cast.bidang}
    assert cast.kepala_lain.jabatan not in form.fields["atasan"].queryset
    response = login(cast.admin_opd).get(_url("unit_create"))
    assert "is_opd" not in response.context["form"].fields
    assert cast.opd_lain not in response.context["form"].fields["induk"].queryset


def test_admin_opd_cannot_file_a_unit_under_another_opd(cast, login):
    response = login(cast.admin_opd).post(
        _url("unit_create"), {"nama": "Seksi Titipan", "jenis": "seksi", "induk": cast.opd_lain.pk, "urutan": 0}
    )
    assert response.status_code == 200
    assert "induk" in response.context["form"].errors
    assert not UnitKerja.objects.filter(nama="Seksi Titipan").exists()


def test_list_page_query_count_is_bounded(cast, login, django_assert_max_num_queries):
    for _ in range(15):
        PegawaiFactory(jabatan=JabatanFactory(unit=cast.bidang))
    client = login(cast.admin_pemda)
    with django_assert_max_num_queries(20):
        response = client.get(_url("pegawai_list"))
    assert response.content.decode().count("Ubah<span") == Pegawai.objects.count()


# ---------------------------------------------------------------- editing


def test_admin_opd_edits_own_jabatan(cast, login):
    jabatan = cast.staf.jabatan
    response = login(cast.admin_opd).post(
        _url("jabatan_update", jabatan.pk), _jabatan_post(jabatan, nama="Pranata Komputer Ahli Muda")
    )
    assert response.status_code == 302
    assert Jabatan.objects.get(pk=jabatan.pk).nama == "Pranata Komputer Ahli Muda"


def test_admin_opd_edits_own_opd_unit_without_touching_its_place(cast, login):
    response = login(cast.admin_opd).post(
        _url("unit_update", cast.opd.pk),
        {
            "nama": cast.opd.nama,
            "jenis": "dinas",
            "kode": "diskominfosp",
            "urutan": 0,
            "aktif": "on",
            "telepon": "0271-123",
        },
    )
    assert response.status_code == 302
    opd = UnitKerja.objects.get(pk=cast.opd.pk)
    assert opd.telepon == "0271-123"
    assert opd.is_opd


def test_admin_pemda_edits_any_opd_and_creates_an_opd(cast, login):
    client = login(cast.admin_pemda)
    jabatan = cast.staf_lain.jabatan
    response = client.post(_url("jabatan_update", jabatan.pk), _jabatan_post(jabatan, nama="Analis Lalu Lintas"))
    assert response.status_code == 302
    assert Jabatan.objects.get(pk=jabatan.pk).nama == "Analis Lalu Lintas"
    response = client.post(
        _url("unit_create"),
        {"nama": "Badan Pendapatan Daerah", "jenis": "badan", "is_opd": "on", "kode": "bapenda", "urutan": 0},
    )
    assert response.status_code == 302
    bapenda = UnitKerja.objects.get(nama="Badan Pendapatan Daerah")
    assert bapenda.kode == "BAPENDA" and bapenda.opd_id == bapenda.pk


def test_second_kepala_is_rejected_next_to_the_field(cast, login):
    response = login(cast.admin_opd).post(
        _url("jabatan_create"),
        {"nama": "Kepala Bidang Kedua", "unit": cast.bidang.pk, "eselon": "III.b", "is_kepala_unit": "on", "urutan": 0},
    )
    assert response.status_code == 200
    assert "Unit ini sudah punya kepala" in response.context["form"].errors["is_kepala_unit"][0]
    assert "Data belum tersimpan" in response.content.decode()
    assert not Jabatan.objects.filter(nama="Kepala Bidang Kedua").exists()


# ---------------------------------------------------------------- pegawai


def test_admin_opd_creates_pegawai_with_nip_typed_with_spaces(cast, login, client):
    jabatan = JabatanFactory(nama="Analis Data", unit=cast.bidang)
    response = login(cast.admin_opd).post(
        _url("pegawai_create"),
        {
            "nip": "19860926 201505 1 001",
            "nama": "Budi Santoso",
            "jabatan": jabatan.pk,
            "password": "Kopi-Tubruk-2026",
            "password2": "Kopi-Tubruk-2026",
        },
    )
    assert response.status_code == 302
    budi = Pegawai.objects.get(nama="Budi Santoso")
    assert budi.nip == "198609262015051001"
    assert budi.user.username == "198609262015051001"
    assert budi.user.check_password("Kopi-Tubruk-2026")
    assert budi.jabatan == jabatan


def test_bad_nip_shows_indonesian_message_and_saves_nothing(cast, login):
    jabatan = JabatanFactory(unit=cast.bidang)
    users_before = get_user_model().objects.count()
    response = login(cast.admin_opd).post(
        _url("pegawai_create"),
        {
            "nip": "19861326 201505 1 001",
            "nama": "Budi Santoso",
            "jabatan": jabatan.pk,
            "password": "Kopi-Tubruk-2026",
            "password2": "Kopi-Tubruk-2026",
        },
    )
    assert response.status_code == 200
    assert "bukan tanggal lahir yang sah" in response.context["form"].errors["nip"][0]
    assert "bukan tanggal lahir yang sah" in response.content.decode()
    assert not Pegawai.objects.filter(nama="Budi Santoso").exists()
    assert get_user_model().objects.count() == users_before


def test_pegawai_jabatan_choices_are_vacant_posts_of_own_opd(cast, login):
    kosong = JabatanFactory(unit=cast.bidang, nama="Analis Kebijakan")
    kosong_lain = JabatanFactory(unit=cast.opd_lain, nama="Analis Transportasi")
    form = login(cast.admin_opd).get(_url("pegawai_update", cast.staf.pk)).context["form"]
    choices = set(form.fields["jabatan"].queryset)
    assert {kosong, cast.staf.jabatan} <= choices
    assert kosong_lain not in choices
    assert cast.kabid.jabatan not in choices
    assert form.initial["nip"] == cast.staf.nip_tampil


# ---------------------------------------------------------------- Plt / Plh


def test_plh_longer_than_three_months_is_refused(cast, login):
    response = login(cast.admin_opd).post(
        _url("penugasan_create"),
        {
            "jenis": "plh",
            "jabatan": cast.kepala.jabatan_id,
            "pegawai": cast.kabid.pk,
            "mulai": "2026-01-10",
            "selesai": "2026-05-10",
        },
    )
    assert response.status_code == 200
    assert "Plh. paling lama 3 bulan" in response.context["form"].errors["selesai"][0]
    assert not Penugasan.objects.exists()


def test_admin_opd_appoints_edits_and_deletes_plh(cast, login, plh):
    client = login(cast.admin_opd)
    html = client.get(_url("penugasan_list")).content.decode()
    assert "Sri Wahyuni" in html
    response = client.post(
        _url("penugasan_update", plh.pk),
        {
            "jenis": "plh",
            "jabatan": plh.jabatan_id,
            "pegawai": plh.pegawai_id,
            "mulai": plh.mulai.isoformat(),
            "selesai": (plh.mulai + datetime.timedelta(days=5)).isoformat(),
            "nomor_sk": "800/12/2026",
        },
    )
    assert response.status_code == 302
    plh.refresh_from_db()
    assert plh.nomor_sk == "800/12/2026"
    confirm = client.get(_url("penugasan_delete", plh.pk))
    assert "Ya, hapus" in confirm.content.decode()
    assert Penugasan.objects.filter(pk=plh.pk).exists()
    assert client.post(_url("penugasan_delete", plh.pk)).status_code == 302
    assert not Penugasan.objects.filter(pk=plh.pk).exists()


def test_admin_opd_cannot_touch_other_opd_penugasan(cast, login):
    today = timezone.localdate()
    lain = PenugasanFactory(
        pegawai=cast.staf_lain,
        jabatan=cast.kepala_lain.jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=today,
        selesai=today,
    )
    client = login(cast.admin_opd)
    assert client.get(_url("penugasan_update", lain.pk)).status_code == 404
    assert client.post(_url("penugasan_delete", lain.pk)).status_code == 404
    assert Penugasan.objects.filter(pk=lain.pk).exists()
    assert "Agus Salim" not in client.get(_url("penugasan_list")).content.decode()


# ---------------------------------------------------------------- peran


def test_admin_opd_proposes_pencatat_and_revokes_it_once_approved(cast, login):
    client = login(cast.admin_opd)
    response = client.post(_url("peran_list"), {"pegawai": cast.staf.pk, "jenis": "pencatat", "opd": cast.opd.pk})
    assert response.status_code == 302
    assert not Peran.objects.filter(pegawai=cast.staf, jenis="pencatat").exists()
    persetujuan.setujui(actor=cast.admin_pemda, pengajuan=PengajuanKewenangan.objects.get(pegawai=cast.staf))
    peran = Peran.objects.get(pegawai=cast.staf, jenis="pencatat")
    assert "Dewi Lestari" in client.get(_url("peran_list")).content.decode()
    assert client.post(_url("peran_revoke", peran.pk)).status_code == 302
    assert not Peran.objects.filter(pk=peran.pk).exists()


def test_admin_opd_cannot_grant_admin_pemda(cast, login):
    response = login(cast.admin_opd).post(_url("peran_list"), {"pegawai": cast.staf.pk, "jenis": "admin_pemda"})
    assert response.status_code == 200
    assert "jenis" in response.context["form"].errors
    assert not Peran.objects.filter(pegawai=cast.staf).exists()


def test_admin_opd_cannot_see_or_revoke_admin_pemda_role(cast, login):
    peran = Peran.objects.get(jenis="admin_pemda")
    client = login(cast.admin_opd)
    assert client.post(_url("peran_revoke", peran.pk)).status_code == 404
    assert Peran.objects.filter(pk=peran.pk).exists()


def test_admin_pemda_grants_role_without_opd_gets_message_next_to_opd(cast, login):
    response = login(cast.admin_pemda).post(_url("peran_list"), {"pegawai": cast.staf_lain.pk, "jenis": "pencatat"})
    assert response.status_code == 200
    assert response.context["form"].errors["opd"] == ["Pilih OPD untuk peran ini."]


def test_admin_opd_keeps_an_atasan_outside_its_opd(cast, login):
    jabatan = cast.kepala.jabatan
    Jabatan.objects.filter(pk=jabatan.pk).update(atasan=cast.kepala_lain.jabatan)
    jabatan.refresh_from_db()
    response = login(cast.admin_opd).post(_url("jabatan_update", jabatan.pk), _jabatan_post(jabatan, urutan=1))
    assert response.status_code == 302
    jabatan.refresh_from_db()
    assert jabatan.urutan == 1 and jabatan.atasan == cast.kepala_lain.jabatan
    assert jabatan.is_kepala_unit and jabatan.dapat_menandatangani
