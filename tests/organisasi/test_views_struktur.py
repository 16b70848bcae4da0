"""The Struktur Organisasi page every pegawai sees."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Penugasan
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory, UnitFactory, UserFactory

URL = reverse("organisasi:struktur")


def test_staf_sees_tree_with_holders_and_nip_with_spaces(cast, login):
    cast.kabid.gelar_depan, cast.kabid.gelar_belakang, cast.kabid.nip = "Dr.", "S.Kom., M.Eng.", "198609262015052001"
    cast.kabid.save()
    response = login(cast.staf).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinas Perhubungan" in html
    assert "Bidang Aplikasi Informatika" in html
    assert "Dr. Sri Wahyuni, S.Kom., M.Eng." in html
    assert "NIP 19860926 201505 2 001" in html
    assert "<details" in html and "<summary" in html


def test_vacant_post_is_marked_kosong(cast, login):
    JabatanFactory(nama="Kepala Seksi Persandian", unit=cast.bidang)
    response = login(cast.staf).get(URL, {"opd": cast.opd.pk})
    html = response.content.decode()
    start = html.index("Kepala Seksi Persandian")
    item = html[html.rindex("<li", 0, start) : html.index("</li>", start)]
    assert "Kosong" in item
    assert "bg-warning-subtle" in item
    assert "1 jabatan kosong" in html


def test_plt_shown_with_end_date(cast, login):
    kosong = JabatanFactory(nama="Sekretaris Dinas", unit=cast.opd)
    today = timezone.localdate()
    PenugasanFactory(
        pegawai=cast.kabid,
        jabatan=kosong,
        jenis=Penugasan.Jenis.PLT,
        mulai=today - datetime.timedelta(days=3),
        selesai=datetime.date(today.year + 1, 6, 30),
    )
    html = login(cast.staf).get(URL).content.decode()
    start = html.index("Sekretaris Dinas")
    item = html[start : html.index("</li>", start)]
    assert "Plt." in item
    assert "Sri Wahyuni" in item
    assert f"s.d. 30 Juni {today.year + 1}" in item
    assert "Kosong" in item


def test_opd_filter_shows_only_that_opd(cast, login):
    html = login(cast.staf).get(URL, {"opd": cast.opd_lain.pk}).content.decode()
    assert "Kepala Dinas Perhubungan" in html
    assert "Bidang Aplikasi Informatika" not in html


def test_search_by_nip_with_spaces_finds_person_with_jabatan_and_opd(cast, login):
    cast.staf_lain.nip = "199001012015031002"
    cast.staf_lain.save()
    response = login(cast.staf).get(URL, {"q": "19900101 201503 1 002"})
    html = response.content.decode()
    section = html[html.index("Hasil pencarian") : html.index("</section>")]
    assert "Agus Salim" in section
    assert "Pengelola Lalu Lintas" in section
    assert "Dinas Perhubungan" in section
    assert "Dewi Lestari" not in section


def test_search_without_match_says_so(cast, login):
    html = login(cast.staf).get(URL, {"q": "Tidakada"}).content.decode()
    assert "Tidak ada pegawai dengan nama atau NIP" in html


def test_query_count_does_not_grow_with_the_tree(cast, login, django_assert_max_num_queries):
    client = login(cast.staf)
    client.get(URL)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"q": "Jabatan"})
    for i in range(8):
        unit = UnitFactory(induk=cast.opd, nama=f"Seksi {i}")
        for k in range(3):
            holder = JabatanFactory(unit=unit, nama=f"Jabatan {i}-{k}")
            PegawaiFactory(jabatan=holder)
        PenugasanFactory(
            jabatan=JabatanFactory(unit=unit),
            jenis=Penugasan.Jenis.PLT,
            mulai=timezone.localdate(),
            selesai=timezone.localdate(),
        )
    with django_assert_max_num_queries(len(small)):
        response = client.get(URL, {"q": "Jabatan"})
    assert "Jabatan 7-2" in response.content.decode()
    assert len(small) <= 20


def test_user_without_pegawai_gets_friendly_403(db, client):
    client.force_login(UserFactory(username="tamu"))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Akun Anda belum terhubung dengan data pegawai" in response.content.decode()


def test_anonymous_is_sent_to_login(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("akun:masuk") in response["Location"]


@pytest.mark.parametrize("opd", ["abc", "999999"])
def test_unknown_opd_filter_shows_everything(cast, login, opd):
    html = login(cast.staf).get(URL, {"opd": opd}).content.decode()
    assert "Dinas Perhubungan" in html and "Bidang Aplikasi Informatika" in html


def test_pegawai_search_for_the_pickers(cast, client, login):
    """organisasi:pegawai_cari: placed pegawai by name or NIP for a signed-in pegawai, as JSON; nothing for
    fewer than two letters; sign-in first for anyone else."""
    cari = reverse("organisasi:pegawai_cari")
    assert client.get(cari, {"q": "agus"}).status_code == 302
    PegawaiFactory(nama="Agus Tanpa Jabatan", jabatan=None)
    staf = login(cast.staf)
    hasil = staf.get(cari, {"q": "agus"}).json()["hasil"]
    assert hasil == [
        {"id": cast.staf_lain.pk, "label": "Agus Salim — Pengelola Lalu Lintas", "opd": "Dinas Perhubungan"}
    ]
    cast.kabid.nip = "198609262015052001"
    cast.kabid.save()
    assert [h["id"] for h in staf.get(cari, {"q": "19860926"}).json()["hasil"]] == [cast.kabid.pk]
    assert staf.get(cari, {"q": "a"}).json() == {"hasil": []}
