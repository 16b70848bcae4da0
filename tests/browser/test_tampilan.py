"""How the pages fit a 390x844 phone and a 1280x800 laptop (issue 15): every list opens a letter with one
tap and no sideways scroll, each row reads as a card on the phone, the subject gets the room on a laptop."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from disposisi import services as disposisi_services
from surat.models import Penerima
from tests.browser.conftest import tanpa_geser_samping

pytestmark = pytest.mark.browser

DAFTAR = [
    ("kominfo.kepala", "surat:masuk"),
    ("kominfo.staf", "surat:konsep"),
    ("kominfo.kepala", "surat:keluar"),
    ("kominfo.kabid", "disposisi:masuk"),
    ("kominfo.tu", "surat:agenda"),
]


@pytest.mark.parametrize(("username", "url_name"), DAFTAR, ids=lambda v: str(v))
def test_daftar_membuka_surat_dengan_satu_ketuk_tanpa_geser(layar, akun, masuk, shot, axe_check, username, url_name):
    if url_name == "disposisi:masuk":
        disposisi_kabid(akun)
    masuk(layar, username)
    layar.goto(reverse(url_name))
    expect(layar.get_by_role("heading", level=1)).to_be_visible()
    tanpa_geser_samping(layar)
    shot(layar, f"{url_name.replace(':', '-')}-{layar.eo_layar}")
    axe_check(layar)
    if url_name == "disposisi:masuk":
        tautan = layar.locator("main .list-group-item a").first
    else:
        tautan = layar.locator("table.eo-daftar a.eo-hal").first
    tautan.scroll_into_view_if_needed()
    expect(tautan).to_be_in_viewport()
    kotak = tautan.bounding_box()
    assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= layar.viewport_size["width"]
    if layar.eo_layar == "ponsel":
        # A card: the row is a block as wide as the screen, the subject on its own line.
        baris = layar.locator("table.eo-daftar tbody tr").first
        if baris.count():
            assert baris.evaluate("tr => getComputedStyle(tr).display") == "flex"
    else:
        hal = layar.locator("table.eo-daftar th.eo-k-hal")
        if hal.count():
            # The subject column holds a good part of the table, not 1-3 words a line.
            lebar = hal.evaluate("th => th.getBoundingClientRect().width / th.closest('table').clientWidth")
            assert lebar >= 0.3
    with layar.expect_navigation():
        tautan.click()
    expect(layar.get_by_role("heading", level=1)).to_be_visible()
    tanpa_geser_samping(layar)
    axe_check(layar)


def disposisi_kabid(akun) -> Penerima:
    """The Kepala Diskominfo disposes the first letter of her Surat Masuk to the Kabid Aplikasi."""
    kepala, kabid = akun("kominfo.kepala"), akun("kominfo.kabid")
    masuk = Penerima.objects.filter(
        jabatan=kepala.jabatan, jenis=Penerima.Jenis.TUJUAN, diterima_pada__isnull=False
    ).select_related("surat")
    penerima = masuk.order_by("-diterima_pada").first()
    disposisi_services.disposisi_create(
        actor=kepala, surat=penerima.surat, dari_jabatan=kepala.jabatan, kepada=[kabid.jabatan], catatan="Pelajari."
    )
    return penerima


TUR = [
    # (demo account, a step title only that role's tour has)
    ("kominfo.kepala", "Surat masuk untuk didisposisikan"),
    ("kominfo.tu", "Buku agenda"),
    ("kominfo.staf", "Tulis surat baru"),
    ("kominfo.admin", "Struktur organisasi"),
]


def _di_layar(page, locator) -> None:
    kotak = locator.bounding_box()
    lebar, tinggi = page.viewport_size["width"], page.viewport_size["height"]
    assert kotak is not None
    assert kotak["x"] >= 0 and kotak["y"] >= 0, kotak
    assert kotak["x"] + kotak["width"] <= lebar + 1 and kotak["y"] + kotak["height"] <= tinggi + 1, kotak


@pytest.mark.parametrize(("username", "langkah_khusus"), TUR, ids=lambda v: str(v))
def test_tur_pertama_per_peran_setiap_langkah_terlihat(layar, masuk, shot, username, langkah_khusus):
    masuk(layar, username, lewati_tur=False)
    expect(layar.locator("body[data-eo-tur-siap]")).to_have_count(1)  # tour.js ran
    judul = []
    for _ in range(12):
        tur = layar.get_by_role("dialog")
        expect(tur).to_be_visible()
        _di_layar(layar, tur)
        expect(layar.locator(".eo-tur-sorot")).to_be_in_viewport()
        judul.append(tur.locator("h2").inner_text())
        if judul[-1] == langkah_khusus:
            shot(layar, f"tur-{username}-{layar.eo_layar}")
        tombol = tur.get_by_role("button", name="Selesai")
        if tombol.count():
            with layar.expect_response(lambda r: "/panduan/tur/selesai/" in r.url):
                tombol.click()
            break
        tur.get_by_role("button", name="Berikutnya").click()
    assert langkah_khusus in judul, judul
    expect(layar.get_by_role("dialog")).to_have_count(0)


def test_kepala_mendisposisikan_dari_beranda_paling_banyak_empat_tindakan(layar, akun, masuk, shot, axe_check):
    """Issue 15: from the Beranda, the Kepala disposes an urgent incoming letter in at most 4 actions
    (a tap or a tick each), on a phone and on a laptop."""
    kabid = akun("kominfo.kabid")
    masuk(layar, "kominfo.kepala")
    tindakan = 0
    todo = layar.get_by_role("region", name="Yang perlu Anda kerjakan hari ini")
    tombol = todo.get_by_role("link", name="Disposisikan").first
    hal = tombol.inner_text().split(":", 1)[1].strip()
    with layar.expect_navigation():
        tombol.click()
    tindakan += 1
    expect(layar.get_by_role("heading", level=1)).to_have_text("Disposisikan surat")
    axe_check(layar)
    tanpa_geser_samping(layar)
    layar.get_by_role("checkbox", name=kabid.jabatan.nama).check()
    tindakan += 1
    layar.get_by_role("checkbox", name="Untuk ditindaklanjuti").check()
    tindakan += 1
    shot(layar, f"disposisi-empat-langkah-{layar.eo_layar}")
    with layar.expect_navigation():
        layar.get_by_role("button", name="Kirim disposisi").click()
    tindakan += 1
    expect(layar.locator(".alert-success")).to_contain_text(f"Disposisi terkirim kepada {kabid.jabatan.nama}")
    assert tindakan <= 4
    layar.goto(reverse("beranda"))
    expect(todo.get_by_text(hal, exact=True)).to_have_count(0)


def test_pencatat_melihat_surat_yang_tiba_di_surat_masuk(layar, masuk, shot, axe_check):
    masuk(layar, "kominfo.tu")
    kartu = layar.locator("#kartu-opd_hari_ini")
    expect(kartu).to_be_visible()
    assert int(kartu.locator(".display-5").inner_text()) > 0
    with layar.expect_navigation():
        kartu.click()
    bagian = layar.get_by_role("region", name="Tiba untuk OPD hari ini")
    expect(bagian).to_be_visible()
    tanpa_geser_samping(layar)
    shot(layar, f"pencatat-surat-masuk-{layar.eo_layar}")
    axe_check(layar)
    tautan = bagian.locator("a.eo-hal").first
    with layar.expect_navigation():
        tautan.click()
    expect(layar.get_by_role("heading", level=1)).to_be_visible()


def _tidak_tertutup(page, locator) -> None:
    """The element's middle is what a finger or a click reaches: nothing (the button bar) lies over it."""
    locator.scroll_into_view_if_needed()
    kotak = locator.bounding_box()
    x, y = kotak["x"] + kotak["width"] / 2, kotak["y"] + min(kotak["height"] / 2, 20)
    tertutup = page.evaluate(
        "([el, x, y]) => { const top = document.elementFromPoint(x, y); return !(top && (el === top || el.contains(top))); }",
        [locator.element_handle(), x, y],
    )
    assert not tertutup, f"{locator} tertutup di ({x}, {y})"


def test_konsep_penandatangan_dulu_dan_tombol_bawah_tidak_menutupi(layar, masuk, shot, axe_check):
    masuk(layar, "kominfo.staf")
    layar.goto(reverse("surat:konsep_baru"))
    expect(layar.locator("html[data-eo-siap]")).to_have_count(1)  # the page's scripts ran
    layar.locator(".eo-editor-isi").wait_for()
    tanpa_geser_samping(layar)
    judul = layar.locator(".eo-bagian:not([hidden]) > h2").all_inner_texts()
    assert judul[0].endswith("Siapa yang menandatangani?"), judul
    expect(layar.get_by_label("Atas nama (a.n.)")).to_be_hidden()  # folded until needed
    cari = layar.get_by_role("combobox", name="Tujuan (Yth.) di lingkungan Pemda")
    cari.click()
    cari.press_sequentially("kepala dinas", delay=20)
    opsi = layar.locator(".eo-daftar-pilihan [role=option]").filter(has_text=re.compile("^Kepala Dinas")).first
    expect(opsi).to_be_visible()
    _tidak_tertutup(layar, cari)
    _tidak_tertutup(layar, opsi)
    shot(layar, f"konsep-saran-tujuan-{layar.eo_layar}")
    isi = layar.get_by_role("textbox", name="Isi surat")
    isi.click()
    _tidak_tertutup(layar, isi)
    bar = layar.locator(".eo-tombol-bawah")
    posisi = bar.evaluate("el => getComputedStyle(el).position")
    assert posisi == ("static" if layar.eo_layar == "ponsel" else "sticky")
    axe_check(layar)
