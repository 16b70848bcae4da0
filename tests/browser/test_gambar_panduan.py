"""The guide pictures no journey takes (issue 15): one screen per guide step, as the role that reads the
guide sees it in the demo city, with what to press framed and pointed at. With EOFFICE_UPDATE_PANDUAN=1
they are stored in static/panduan/img/ and panduan/gambar.json (tests/panduan/test_gambar.py checks them)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.naskah import nota_dinas_ditandatangani

pytestmark = pytest.mark.browser

# (who, page, picture, (role, accessible name) of what the step presses, or None)
HALAMAN = [
    ("kominfo.staf", "notifikasi:daftar", "notifikasi-daftar", ("button", "Tandai semua sudah dibaca")),
    ("kominfo.tu", "surat:eksternal", "kirim-penerima-luar", None),
    ("kominfo.tu", "surat:agenda", "unduh-agenda", ("link", "Unduh Excel")),
    ("kominfo.admin", "organisasi:pegawai_list", "pegawai-daftar", ("link", "Tambah pegawai")),
    ("kominfo.admin", "organisasi:penugasan_list", "plt-plh", ("link", "Tunjuk Plt./Plh.")),
    ("kominfo.admin", "organisasi:peran_list", "peran-daftar", ("button", "Beri peran")),
    ("arsip.unit", "arsip:berkas_list", "berkas-daftar", ("link", "Buka berkas baru")),
    ("arsip.unit", "arsip:jatuh_tempo", "jatuh-tempo", None),
]


@pytest.mark.parametrize(("username", "url_name", "gambar", "tekan"), HALAMAN, ids=[h[2] for h in HALAMAN])
def test_gambar_halaman_panduan(page, masuk, shot, username, url_name, gambar, tekan):
    masuk(page, username)
    assert page.goto(reverse(url_name)).status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    sorot = page.get_by_role(tekan[0], name=tekan[1]).first if tekan else None
    if sorot is not None:
        expect(sorot).to_be_visible()
    shot(page, gambar, sorot=sorot)


def test_gambar_buku_agenda_dicari(page, masuk, shot):
    masuk(page, "kominfo.tu")
    page.goto(reverse("surat:agenda"))
    saringan = page.get_by_role("search", name="Saring daftar")
    saringan.get_by_role("searchbox", name="Cari").fill("rapat")
    shot(page, "buku-agenda", sorot=saringan.get_by_role("button", name="Tampilkan"))


def test_gambar_arsip_dicari(page, masuk, shot):
    masuk(page, "arsip.unit")
    page.goto(reverse("arsip:cari"))
    cari = page.locator("main").get_by_role("search", name="Cari surat")
    cari.locator("input[name=q]").fill("rapat koordinasi")
    shot(page, "arsip-cari", sorot=cari.get_by_role("button", name="Cari", exact=True))


def _nota_dinas_untuk_staf(akun) -> None:
    """A Nota Dinas the kabid signed for his staf: the letter the staf answers."""
    kabid, staf = akun("kominfo.kabid"), akun("kominfo.staf")
    nota_dinas_ditandatangani(
        konseptor=kabid,
        penandatangan=kabid,
        tujuan=staf,
        hal="Permintaan data aplikasi layanan publik",
        isi="<p>Mohon disampaikan daftar aplikasi layanan publik beserta penanggung jawabnya.</p>",
    )


def test_gambar_balas_surat(page, akun, masuk, shot, outside_playwright):
    outside_playwright(_nota_dinas_untuk_staf, akun)
    masuk(page, "kominfo.staf")
    page.goto(reverse("surat:masuk"))
    page.get_by_role("link", name="Permintaan data aplikasi layanan publik").first.click()
    balas = page.get_by_role("button", name="Balas surat")
    expect(balas).to_be_visible()
    shot(page, "balas-surat", sorot=balas)


def test_gambar_halaman_pelatih(page, masuk, shot, settings):
    settings.MODE_LATIHAN = True
    masuk(page, "kominfo.admin")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Panduan").click()
    page.get_by_role("link", name="Pantau latihan peserta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kemajuan peserta latihan")
    shot(page, "pelatih")
