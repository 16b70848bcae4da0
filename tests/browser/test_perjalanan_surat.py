"""Journey 1 in a real browser, as the demo city's people: a Surat Dinas from Diskominfo SP to the Kepala
Dinas Perhubungan with a tembusan to the Sekretaris Daerah is drafted, initialled, returned with a note,
revised, initialled again and signed with the TTE passphrase; it arrives numbered at Dishub (read by the
Plh. Kepala Dinas) and in the Sekda's Tembusan; its PDF carries the number and the QR verification page
judges the downloaded PDF "ASLI"."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from demo.akun import DEMO_PASSPHRASE
from surat.forms.naskah import jabatan_label
from surat.models_dokumen import DokumenSurat
from tests.browser.conftest import pantau_keamanan

pytestmark = pytest.mark.browser

HAL = "Permohonan Data Parkir Tepi Jalan untuk Dasbor Kota"
ISI = "Dengan hormat, kami mohon data titik parkir tepi jalan umum di Kota Surakarta."
CATATAN = "Sebutkan batas waktu pengiriman data: paling lambat akhir bulan ini."
TAMBAHAN = " Data kami harapkan paling lambat akhir bulan ini."


def _pilih_jabatan(page, kotak: str, ketik: str, pilihan: str, *, keyboard: bool) -> None:
    """Use a search-as-you-type addressee picker as a person would: type, then pick the suggestion
    with the arrow keys and Enter, or with a click."""
    cari = page.get_by_role("combobox", name=kotak)
    cari.click()
    cari.press_sequentially(ketik, delay=20)
    # The suggestions of this box (its listbox), not the options of a <select> elsewhere on the form.
    daftar = page.locator(f"#{cari.get_attribute('aria-controls')}")
    opsi = daftar.get_by_role("option", name=re.compile("^" + re.escape(pilihan)))
    # A person looks at the list for what they typed: wait until the picker shows that answer.
    expect(cari).to_have_attribute("aria-busy", "false")
    expect(opsi.first).to_be_visible()
    if keyboard:
        while opsi.first.get_attribute("aria-selected") != "true":
            cari.press("ArrowDown")
        cari.press("Enter")
    else:
        opsi.first.click()
    terpilih = page.get_by_role("list", name=f"Terpilih untuk {kotak}")
    expect(terpilih).to_contain_text(pilihan)


def _buka_dari_daftar(page, url_name: str, hal: str = HAL) -> None:
    page.goto(reverse(url_name))
    page.get_by_role("link", name=hal).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(hal)


def test_surat_dinas_dari_konsep_sampai_diterima_dan_terverifikasi_asli(
    page, akun, masuk, ganti_pengguna, shot, axe_check, tmp_path
):
    kabid, kepala = akun("kominfo.kabid"), akun("kominfo.kepala")
    pelanggaran_csp = pantau_keamanan(page)

    # -- The staf writes the draft.
    masuk(page, "kominfo.staf")
    page.get_by_role("link", name="Tulis surat baru").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tulis konsep surat baru")
    page.get_by_role("combobox", name=re.compile("^Jenis surat")).select_option(label="Surat Dinas")
    page.get_by_label("Hal (perihal)").fill(HAL)
    kka = page.get_by_role("combobox", name="Kode klasifikasi arsip")
    kka.press_sequentially("000.1", delay=20)
    expect(kka).to_have_attribute("aria-busy", "false")
    expect(page.get_by_role("listbox", name="Pilihan kode klasifikasi").get_by_role("option").first).to_be_visible()
    kka.press("ArrowDown")
    kka.press("Enter")
    expect(kka).to_have_value(re.compile(r"^000\.1\b"))
    # The editor (static/js/editor.js) replaces the textarea: wait for it, or a slow page clicks the old one.
    page.locator(".eo-editor-isi").wait_for()
    isi = page.get_by_role("textbox", name="Isi surat")
    isi.click()
    page.keyboard.type(ISI)
    _pilih_jabatan(
        page, "Tujuan (Yth.) di lingkungan Pemda", "kepala dinas perhub", "Kepala Dinas Perhubungan", keyboard=True
    )
    _pilih_jabatan(page, "Tembusan di lingkungan Pemda", "sekretaris daerah", "Sekretaris Daerah", keyboard=False)
    shot(page, "konsep-tembusan", sorot=page.get_by_role("combobox", name="Tembusan di lingkungan Pemda"))
    page.get_by_label("Penandatangan", exact=True).select_option(label=jabatan_label(kepala.jabatan))
    # The form proposes the chain up the structure (kasi, kabid); the staf keeps only the kabid.
    expect(page.get_by_text("Urutan paraf diusulkan")).to_be_visible()
    page.get_by_label("Verifikator ke-1").select_option(label=jabatan_label(kabid.jabatan))
    for i in (2, 3):
        select = page.get_by_label(f"Verifikator ke-{i}")
        if select.count():
            select.select_option(label="— Tidak ada —")
    page.get_by_role("button", name="Simpan konsep", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HAL)
    expect(page.get_by_text("Konsep surat tersimpan")).to_be_visible()
    shot(page, "konsep-tersimpan")
    axe_check(page)

    page.get_by_role("button", name="Ajukan untuk diparaf").click()
    expect(page.get_by_text("Konsep diajukan")).to_be_visible()
    expect(page.locator(".eo-status-teks")).to_contain_text(kabid.jabatan.nama)
    shot(page, "konsep-diajukan")

    # -- The kabid initials it.
    ganti_pengguna(page, "kominfo.kabid")
    _buka_dari_daftar(page, "surat:perlu_paraf")
    tombol_paraf = page.get_by_role("button", name="Setujui (paraf)")
    tombol_paraf.scroll_into_view_if_needed()
    shot(page, "paraf-tombol", sorot=tombol_paraf)
    axe_check(page)
    tombol_paraf.click()
    expect(page.get_by_text("Paraf tersimpan")).to_be_visible()

    # -- The kepala returns it with a note.
    ganti_pengguna(page, "kominfo.kepala")
    _buka_dari_daftar(page, "surat:perlu_ttd")
    page.get_by_text("Kembalikan ke konseptor untuk diperbaiki").click()
    page.get_by_label("Catatan perbaikan untuk konseptor").fill(CATATAN)
    kembalikan = page.get_by_role("button", name="Kembalikan", exact=True)
    kembalikan.scroll_into_view_if_needed()
    shot(page, "kembalikan-catatan", sorot=kembalikan)
    kembalikan.click()
    expect(page.get_by_text("Konsep dikembalikan kepada konseptor")).to_be_visible()

    # -- The staf sees the note, revises and submits again.
    ganti_pengguna(page, "kominfo.staf")
    _buka_dari_daftar(page, "surat:konsep")
    expect(page.get_by_role("note").filter(has_text="Catatan perbaikan")).to_contain_text(CATATAN)
    shot(page, "konsep-dikembalikan", sorot=page.get_by_role("link", name="Ubah konsep"))
    page.get_by_role("link", name="Ubah konsep").click()
    # The editor (static/js/editor.js) replaces the textarea: wait for it, or a slow page clicks the old one.
    page.locator(".eo-editor-isi").wait_for()
    isi = page.get_by_role("textbox", name="Isi surat")
    isi.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(TAMBAHAN)
    page.get_by_role("button", name="Simpan dan ajukan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HAL)
    expect(page.locator(".eo-status-teks")).to_contain_text(kabid.jabatan.nama)

    # -- The kabid initials the revision.
    ganti_pengguna(page, "kominfo.kabid")
    _buka_dari_daftar(page, "surat:perlu_paraf")
    page.get_by_role("button", name="Setujui (paraf)").click()
    expect(page.get_by_text("Paraf tersimpan")).to_be_visible()

    # -- The kepala signs with the passphrase.
    ganti_pengguna(page, "kominfo.kepala")
    _buka_dari_daftar(page, "surat:perlu_ttd")
    expect(page.locator(".eo-pratinjau, main")).to_contain_text(TAMBAHAN.strip())
    page.get_by_role("link", name="Tandatangani…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tandatangani surat")
    akibat = page.get_by_role("note").filter(has_text="Yang akan terjadi")
    expect(akibat).to_contain_text("Kepala Dinas Perhubungan")
    expect(akibat).to_contain_text("Sekretaris Daerah (tembusan)")
    page.get_by_label("Frasa sandi TTE").fill(DEMO_PASSPHRASE)
    shot(page, "tandatangani-frasa-sandi", sorot=page.get_by_role("button", name="Tandatangani dan kirim"))
    axe_check(page)
    page.get_by_role("button", name="Tandatangani dan kirim").click()
    expect(page.get_by_text("Surat ditandatangani dengan nomor")).to_be_visible(timeout=30_000)
    nomor = page.locator(".eo-nomor strong").inner_text()
    assert nomor
    expect(page.locator(".eo-status-teks")).to_contain_text("Sudah ditandatangani dan dikirim")
    shot(page, "surat-terkirim")
    axe_check(page)

    # -- The PDF: the signed bytes, with the number in the text.
    unduh = page.get_by_role("link", name="Unduh PDF")
    respon = page.request.get(unduh.get_attribute("href"))
    assert respon.ok
    assert respon.headers["content-type"] == "application/pdf"
    pdf = respon.body()
    assert pdf.startswith(b"%PDF")
    berkas_pdf = tmp_path / "surat.pdf"
    berkas_pdf.write_bytes(pdf)
    if shutil.which("pdftotext"):
        teks = subprocess.run(
            ["pdftotext", "-layout", str(berkas_pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert nomor in teks
        assert "Kepala Dinas Perhubungan" in teks

    # -- The QR code's page: genuine, and the downloaded PDF is judged "ASLI".
    token = DokumenSurat.objects.get(surat__hal=HAL).token_verifikasi
    page.goto(reverse("verifikasi:detail", args=[token]))
    expect(page.get_by_role("status")).to_contain_text("ASLI")
    expect(page.get_by_role("row", name=re.compile("Nomor surat"))).to_contain_text(nomor)
    page.get_by_label("Berkas PDF surat").set_input_files(str(berkas_pdf))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("alert")).to_contain_text("ASLI. Berkas yang Anda unggah sama persis")
    axe_check(page)

    # -- It arrives numbered at Dishub, where the Sekretaris is Plh. Kepala Dinas.
    ganti_pengguna(page, "dishub.sekretaris")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Surat Masuk").click()
    baris = page.get_by_role("row").filter(has=page.get_by_role("link", name=HAL))
    expect(baris).to_contain_text(nomor)
    expect(baris).to_contain_text("Belum dibaca")
    baris.get_by_role("link", name=HAL).click()
    expect(page.locator(".eo-nomor")).to_contain_text(nomor)
    axe_check(page)

    # -- And in the Sekretaris Daerah's Tembusan.
    ganti_pengguna(page, "sekda")
    page.goto(reverse("surat:tembusan"))
    baris = page.get_by_role("row").filter(has=page.get_by_role("link", name=HAL))
    expect(baris).to_contain_text(nomor)
    assert pelanggaran_csp == []


def test_surat_tugas_menugaskan_pegawai_opd_lain_lewat_pencarian(page, akun, masuk, shot):
    """The people a Surat Tugas assigns: the form lists the drafter's OPD only; someone from another OPD
    is found by typing part of the name and picked with the keyboard, and the saved letter names them."""
    lain = akun("dishub.staf")
    masuk(page, "kominfo.staf")
    page.goto(reverse("surat:konsep_baru"))
    page.get_by_role("combobox", name=re.compile("^Jenis surat")).select_option(label="Surat Tugas")
    page.get_by_label("Hal (perihal)").fill("Penugasan Bimbingan Teknis Parkir Elektronik")
    kotak = "Kepada (pegawai yang ditugaskan)"
    _pilih_jabatan(page, kotak, lain.nama[:12], lain.nama, keyboard=True)
    shot(page, "surat-tugas-pegawai", sorot=page.get_by_role("list", name=f"Terpilih untuk {kotak}"))
    page.get_by_label("Untuk", exact=True).fill("Mengikuti bimbingan teknis parkir elektronik.")
    page.get_by_role("button", name="Simpan konsep", exact=True).click()
    expect(page.get_by_text("Konsep surat tersimpan")).to_be_visible()
    expect(page.locator(".eo-lembar, main").first).to_contain_text(lain.nama)
