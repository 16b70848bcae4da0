import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from panduan.guides import Langkah
from panduan.models import PanduanStatus

pytestmark = pytest.mark.django_db


def test_guides_are_readable_without_signing_in(client):
    page = client.get(reverse("panduan:index")).content.decode()
    assert "Pencatat surat (TU)" in page and "Arsiparis" in page
    page = client.get(reverse("panduan:peran", args=["pencatat"])).content.decode()
    assert 'id="catat-surat-masuk"' in page
    assert "Mencatat surat masuk dari kertas" in page


def test_unknown_role_is_not_found(client):
    assert client.get(reverse("panduan:peran", args=["bendahara"])).status_code == 404


def test_missing_screenshot_shows_a_neutral_placeholder():
    html = Template("{% load panduan_tags %}{% gambar_panduan langkah 1 %}").render(
        Context({"langkah": Langkah("Tekan Masuk.", "belum-ada-gambar-ini")})
    )
    assert "Gambar layar belum tersedia" in html and "<img" not in html


def test_bantuan_tag_links_to_the_guide_section_with_a_label():
    html = Template('{% load panduan_tags %}{% bantuan "tulis-konsep" %}').render(Context())
    assert 'href="/panduan/peran/staf/#tulis-konsep"' in html
    assert 'aria-label="Bantuan: Menulis konsep surat"' in html and "Bantuan</a>" in html
    assert Template('{% load panduan_tags %}{% bantuan "tidak-ada" %}').render(Context()) == ""


def test_main_pages_show_their_help_link(cast, login):
    page = login(cast.staf).get(reverse("surat:konsep_baru")).content.decode()
    assert 'href="/panduan/peran/staf/#tulis-konsep"' in page


def test_letter_disposition_berkas_and_notification_pages_have_a_help_link(cast, login, settings):
    client = login(cast.staf)
    page = client.get(reverse("notifikasi:daftar")).content.decode()
    assert 'href="/panduan/peran/staf/#notifikasi"' in page
    page = client.get(reverse("disposisi:keluar")).content.decode()
    assert "#pantau-disposisi" in page


def test_admins_find_how_to_run_training_from_the_guides(cast, login, settings):
    settings.MODE_LATIHAN = False
    page = login(cast.admin_opd).get(reverse("panduan:index")).content.decode()
    assert "Menyelenggarakan pelatihan" in page and "MODE_LATIHAN=1" in page
    assert "Menyelenggarakan pelatihan" not in login(cast.staf).get(reverse("panduan:index")).content.decode()
    settings.MODE_LATIHAN = True
    page = login(cast.admin_opd).get(reverse("panduan:index")).content.decode()
    assert reverse("panduan:pelatih") in page and "Pantau latihan peserta" in page


def test_tour_shows_on_the_beranda_until_finished_and_again_after_replay(cast, login):
    client = login(cast.staf)
    assert "eo-tur-data" in client.get(reverse("beranda")).content.decode()
    assert "eo-tur-data" not in client.get(reverse("surat:konsep")).content.decode()

    assert client.post(reverse("panduan:tur_selesai")).status_code == 204
    assert PanduanStatus.objects.get(pegawai=cast.staf).tur_selesai_pada is not None
    assert "eo-tur-data" not in client.get(reverse("beranda")).content.decode()

    response = client.post(reverse("panduan:tur_ulang"))
    assert response.status_code == 302 and response.url == reverse("beranda")
    assert "eo-tur-data" in client.get(reverse("beranda")).content.decode()


def test_tour_endpoints_accept_post_only(cast, login):
    assert login(cast.staf).get(reverse("panduan:tur_selesai")).status_code == 405


@pytest.mark.parametrize(
    ("siapa", "ada", "tidak"),
    [
        ("kepala", ["Surat untuk ditandatangani", "Surat masuk untuk didisposisikan"], ["Catat surat masuk"]),
        ("pencatat", ["Catat surat masuk", "Buku agenda"], ["Surat untuk ditandatangani"]),
        ("staf", ["Tulis surat baru"], ["Buku agenda", "Surat untuk ditandatangani"]),
        ("admin_opd", ["Struktur organisasi"], ["Buku agenda"]),
    ],
)
def test_tour_is_made_for_the_role(cast, login, siapa, ada, tidak):
    """Issue 15: the Kepala signs and disposes, the pencatat registers mail, the konseptor writes, the
    admin keeps the structure; each tour's targets exist on that person's Beranda."""
    html = login(getattr(cast, siapa)).get(reverse("beranda")).content.decode()
    data = json.loads(re.search(r'<script id="eo-tur-data" type="application/json">(.*?)</script>', html, re.S)[1])
    judul = [step["judul"] for step in data["langkah"]]
    assert all(j in judul for j in ada), judul
    assert not any(j in judul for j in tidak), judul
    for step in data["langkah"]:
        for id_ in re.findall(r"#([\w-]+)", step["target"]):
            assert f'id="{id_}"' in html, step
        for href in re.findall(r'href="([^"]+)"', step["target"]):
            assert f'href="{href}"' in html, step


@pytest.fixture
def arsiparis(cast):
    from organisasi.models import Peran
    from tests.factories import JabatanFactory, PegawaiFactory, PeranFactory

    pegawai = PegawaiFactory(user__username="arsiparis", jabatan=JabatanFactory(nama="Arsiparis", unit=cast.opd_lain))
    PeranFactory(pegawai=pegawai, jenis=Peran.Jenis.ARSIPARIS, opd=cast.opd_lain)
    return pegawai


@pytest.mark.parametrize(
    ("siapa", "bantuan"),
    [
        ("kepala", "/panduan/peran/pejabat/#paraf-konsep"),
        ("staf", "/panduan/peran/staf/#kenali-beranda"),
        ("pencatat", "/panduan/peran/pencatat/#catat-surat-masuk"),
        ("admin_opd", "/panduan/peran/admin/#lihat-struktur"),
        ("arsiparis", "/panduan/peran/arsiparis/#cari-arsip"),
    ],
)
def test_bantuan_on_the_beranda_opens_the_readers_own_guide(cast, login, arsiparis, siapa, bantuan):
    """Issue 15: the Kepala's "Bantuan" opened the staff guide; now every role gets its own."""
    pegawai = arsiparis if siapa == "arsiparis" else getattr(cast, siapa)
    page = login(pegawai).get(reverse("beranda")).content.decode()
    links = re.findall(r'<a class="eo-bantuan[^"]*" href="([^"]+)"', page)
    assert links == [bantuan]


def test_a_page_without_a_role_guide_keeps_its_own_help(cast, login):
    page = login(cast.kepala).get(reverse("surat:konsep_baru")).content.decode()
    assert 'href="/panduan/peran/staf/#tulis-konsep"' in page


def test_the_kepala_opens_letters_with_the_disposition_guide(cast, login, catat_surat):
    surat = catat_surat()
    page = login(cast.kepala).get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert 'href="/panduan/peran/pejabat/#disposisikan"' in page


def test_panduan_marks_the_readers_own_guide(cast, login):
    page = login(cast.kepala).get(reverse("panduan:index")).content.decode()
    kartu = page.split('href="/panduan/peran/pejabat/"')[1].split("</a>")[0]
    assert "Panduan Anda" in kartu and page.count("Panduan Anda") == 1
