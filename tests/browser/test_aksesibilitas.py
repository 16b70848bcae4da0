"""axe-core on the main pages, as the people who use them: no serious or critical violation.

A page owned by another part of the app that still fails is marked xfail(strict=True) with the axe
rule id, so the mark must be removed once the page is fixed."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from panduan.guides import PERAN_BY_KUNCI
from tests.browser.conftest import tanpa_geser_samping

pytestmark = pytest.mark.browser

HALAMAN = [
    # (who signs in or None, URL name, screenshot name for the guides or "", what the guide step presses:
    # (role, accessible name, inside the main menu) framed in the picture, or None)
    (None, "akun:masuk", "masuk", ("button", "Masuk", False)),
    (None, "panduan:index", "", None),
    ("kominfo.staf", "beranda", "beranda-staf", ("link", "Tulis surat baru", False)),
    ("kominfo.kepala", "beranda", "beranda-kepala", ("link", "Perlu diparaf", False)),
    ("kominfo.staf", "akun:profil", "profil", None),
    ("kominfo.staf", "surat:masuk", "surat-masuk-daftar", ("link", "Surat Masuk", True)),
    ("kominfo.staf", "surat:konsep", "konsep-daftar", ("link", "Konsep Surat", True)),
    ("kominfo.staf", "surat:keluar", "surat-keluar-daftar", None),
    ("kominfo.staf", "surat:konsep_baru", "konsep-baru", ("combobox", "Jenis surat", False)),
    ("kominfo.staf", "panduan:index", "", None),
]


@pytest.mark.parametrize(
    ("username", "url_name", "gambar", "tekan"), HALAMAN, ids=[f"{h[0] or 'tamu'}-{h[1]}" for h in HALAMAN]
)
def test_halaman_utama_tanpa_pelanggaran_serius(
    page, demo_city, masuk, shot, axe_check, username, url_name, gambar, tekan
):
    if username:
        masuk(page, username)
    response = page.goto(reverse(url_name))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if gambar:
        sorot = None
        if tekan:
            role, name, di_menu = tekan
            wadah = page.get_by_role("navigation", name="Menu utama") if di_menu else page.locator("main")
            sorot = wadah.get_by_role(role, name=name).first
        shot(page, gambar, sorot=sorot)
    axe_check(page)


def test_pesan_salah_masuk_terbaca_dan_aksesibel(page, demo_city, axe_check):
    page.goto(reverse("akun:masuk"))
    page.get_by_label("NIP atau nama pengguna").fill("kominfo.staf")
    page.get_by_label("Kata sandi").fill("salah-ketik")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("kata sandi salah")
    axe_check(page)


PERAN = ["staf", "pejabat", "pencatat", "admin", "arsiparis"]


@pytest.mark.parametrize("peran", PERAN)
def test_halaman_panduan_per_peran_aksesibel(page, demo_city, axe_check, peran):
    page.goto(reverse("panduan:peran", args=[peran]))
    expect(page.get_by_role("heading", level=2, name="Dasar")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("peran", PERAN)
def test_lembar_ringkas_aksesibel_di_ponsel_dan_laptop(layar, demo_city, masuk, axe_check, peran):
    """Issue 15: the printable sheet of every role, opened from Panduan, on both screen sizes."""
    masuk(layar, "kominfo.staf")
    layar.goto(reverse("panduan:index"))
    bagian = layar.get_by_role("region", name="Lembar ringkas untuk dicetak")
    bagian.get_by_role("link", name=PERAN_BY_KUNCI[peran].nama).click()
    expect(layar.get_by_role("heading", level=1)).to_have_text(PERAN_BY_KUNCI[peran].nama)
    expect(layar.get_by_role("link", name="Unduh PDF lembar ringkas")).to_be_visible()
    tanpa_geser_samping(layar)
    axe_check(layar)
