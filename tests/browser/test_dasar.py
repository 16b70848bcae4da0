"""First-day basics in a real browser, as the demo city's people: signing in (also by NIP and with the
keyboard only), the remembered text size, the structure page, and journey 3 (another OPD's pegawai
opening a letter's address gets the not-found page)."""

import re

import pytest
from playwright.sync_api import expect

from organisasi.nip import format_nip
from surat.models import Surat
from tests.browser.naskah import nota_dinas_ditandatangani

pytestmark = pytest.mark.browser


def test_pegawai_masuk_dengan_nip_berspasi(page, akun, masuk, shot):
    staf = akun("kominfo.staf")
    masuk(page, format_nip(staf.nip))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Selamat datang, {staf.nama_lengkap}")
    shot(page, "beranda-masuk-nip")


def test_masuk_hanya_dengan_keyboard(page, akun):
    staf = akun("kominfo.staf")
    page.goto("/akun/masuk/")
    username = page.get_by_label("NIP atau nama pengguna")
    expect(username).to_be_focused()
    page.keyboard.type("kominfo.staf")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kata sandi")).to_be_focused()
    # The focused field shows the yellow focus ring (eoffice.css), not only the browser's default.
    ring = page.evaluate("() => getComputedStyle(document.activeElement).boxShadow")
    assert ring != "none"
    page.keyboard.type("Surakarta2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Selamat datang, {staf.nama_lengkap}")
    # First sign-in: the tour has the focus; Escape closes it.
    expect(page.get_by_role("dialog")).to_be_visible()
    with page.expect_response(lambda r: "/panduan/tur/selesai/" in r.url):
        page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("#isi")).to_be_focused()
    # On the next visit the skip link is the first stop of the Tab key and jumps to the content.
    page.reload()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Langsung ke isi halaman")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#isi")).to_be_focused()


def test_pilihan_ukuran_huruf_diingat_setelah_muat_ulang(page, masuk, shot):
    masuk(page, "kominfo.staf")
    html = page.locator("html")
    normal = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert normal >= 16
    besar = page.get_by_role("button", name="Besar", exact=True)
    besar.click()
    expect(html).to_have_class(re.compile(r"\beo-huruf-besar\b"))
    shot(page, "ukuran-huruf", sorot=besar)
    page.reload()
    expect(html).to_have_class(re.compile(r"\beo-huruf-besar\b"))
    expect(page.get_by_role("button", name="Besar", exact=True)).to_have_attribute("aria-pressed", "true")
    besar = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert besar > normal
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Surat Masuk").click()
    expect(html).to_have_class(re.compile(r"\beo-huruf-besar\b"))


def test_struktur_organisasi_mencari_pejabat_menurut_nama(page, akun, masuk, shot, axe_check):
    kepala = akun("dishub.kabid")
    masuk(page, "kominfo.staf")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Struktur Organisasi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Struktur Organisasi")
    shot(page, "struktur")
    axe_check(page)
    page.get_by_label("Cari nama atau NIP").fill(kepala.nama)
    page.get_by_role("button", name="Tampilkan").click()
    hasil = page.get_by_role("region", name=re.compile("Hasil pencarian"))
    expect(hasil.get_by_text(kepala.nama_lengkap)).to_be_visible()
    expect(hasil.get_by_text(kepala.jabatan.nama, exact=True)).to_be_visible()


def _surat_internal_kominfo(akun) -> Surat:
    """A Nota Dinas inside Diskominfo SP: drafted by the staf, signed by the kabid, sent to the kepala."""
    return nota_dinas_ditandatangani(
        konseptor=akun("kominfo.staf"),
        penandatangan=akun("kominfo.kabid"),
        tujuan=akun("kominfo.kepala"),
        hal="Laporan gangguan jaringan",
        isi="<p>Dengan hormat, kami laporkan gangguan jaringan di gedung B.</p>",
    )


def test_pegawai_opd_lain_yang_membuka_alamat_surat_melihat_halaman_tidak_ditemukan(
    page, browser, live_server, akun, masuk, shot, outside_playwright
):
    surat = outside_playwright(_surat_internal_kominfo, akun)
    alamat = f"/surat/{surat.pk}/"

    masuk(page, "dishub.staf")
    response = page.goto(alamat)
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    expect(page.get_by_text("Laporan gangguan jaringan")).to_have_count(0)
    shot(page, "halaman-tidak-ditemukan")
    page.get_by_role("link", name="Kembali ke Beranda").click()
    expect(page).to_have_url(f"{live_server.url}/")

    # The same address opens for the letter's recipient: the 404 was about who asked, not a wrong link.
    context = browser.new_context(base_url=live_server.url)
    try:
        kepala_page = context.new_page()
        masuk(kepala_page, "kominfo.kepala")
        assert kepala_page.goto(alamat).status == 200
        expect(kepala_page.get_by_role("heading", level=1)).to_have_text("Laporan gangguan jaringan")
    finally:
        context.close()
