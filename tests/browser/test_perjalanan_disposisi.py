"""Journeys 2 and 4 in a real browser, as the people of the demo city's Dinas Perhubungan, whose Kepala
is away and whose Sekretaris acts for him as Plh.:
2. the pencatat (TU) registers a scanned paper letter for the Kepala Dinas; the Plh. disposes it to the
   Kabid Lalu Lintas and the Kabid Angkutan with different instructions and deadlines; the Kabid Lalu
   Lintas disposes it further to his analyst; the analyst and the Kabid Angkutan report back; the Plh.
   sees the whole tree finished and prints the lembar disposisi.
4. the disposal step on a phone (390 x 844): no sideways scrolling, the send button within reach."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from organisasi.models import Pegawai
from surat import services
from surat.models import JenisSurat
from tests.browser.conftest import pantau_keamanan

pytestmark = pytest.mark.browser

HAL = "Permohonan Pengaturan Lalu Lintas Kegiatan Car Free Day"
ASAL = "Kepolisian Resor Kota Surakarta"
CATATAN_LALIN = "Siapkan rekayasa lalu lintas dan rambu sementara."
CATATAN_ANGKUTAN = "Koordinasikan pengalihan trayek bus kota."
CATATAN_STAF = "Buat gambar rute pengalihan untuk rapat."
LAPORAN_STAF = "Gambar rute pengalihan sudah selesai dan dikirim ke Polresta."
LAPORAN_ANGKUTAN = "Operator bus kota sudah setuju memindahkan trayek selama kegiatan."


def _pindaian_png(path) -> None:
    """A page of a scanned letter, as the pencatat's scanner would give it."""
    gambar = Image.new("RGB", (620, 877), "white")
    tulis = ImageDraw.Draw(gambar)
    tulis.text((60, 60), ASAL.upper(), fill="black")
    tulis.text((60, 120), f"Hal: {HAL}", fill="black")
    tulis.text((60, 160), "Dengan hormat, kami mohon pengaturan lalu lintas pada hari Minggu.", fill="black")
    gambar.save(path, "PNG")


def _kabid_angkutan() -> Pegawai:
    return Pegawai.objects.get(jabatan__nama="Kepala Bidang Angkutan", jabatan__unit__opd__kode="DISHUB")


def _tanggal(hari: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=hari)).isoformat()


def _tampilkan(locator, block: str = "start") -> None:
    """Scroll (at once, not smoothly) so the part a guide's screenshot is about is on the screen: at
    its top with a little room above, or in its middle."""
    locator.evaluate(
        """(e, block) => {
            e.scrollIntoView({block, behavior: "instant"});
            if (block === "start") window.scrollBy({top: -32, behavior: "instant"});
        }""",
        block,
    )


def _pilih_penerima(page, jabatan: str) -> None:
    """Tick a recipient; one who is not a direct subordinate is under "Jabatan lainnya", opened first."""
    kotak = page.get_by_role("checkbox", name=re.compile("^" + re.escape(jabatan) + r"\b"))
    if not kotak.is_visible():
        page.locator("details.eo-lainnya > summary").click()
    kotak.check()


def _buka_surat_masuk(page) -> None:
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Surat Masuk").click()
    page.get_by_role("link", name=HAL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HAL)


def _buka_disposisi_masuk(page) -> None:
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Disposisi").click()
    page.get_by_role("link").filter(has_text=HAL).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disposisi")


def _lapor(page, isi: str, *, shot=None) -> None:
    page.get_by_label("Isi laporan tindak lanjut").fill(isi)
    kirim = page.get_by_role("button", name="Kirim laporan")
    kirim.scroll_into_view_if_needed()
    if shot:
        shot(page, "laporan-form")
    kirim.click()
    expect(page.get_by_text("Laporan tindak lanjut terkirim")).to_be_visible()


def test_surat_kertas_didisposisikan_berjenjang_sampai_semua_melapor(
    page, akun, masuk, ganti_pengguna, shot, axe_check, tmp_path, pekerja_latar
):
    kabid_lalin, staf, plh = akun("dishub.kabid"), akun("dishub.staf"), akun("dishub.sekretaris")
    kabid_angkutan = _kabid_angkutan()
    pindaian = tmp_path / "surat-polresta.png"
    _pindaian_png(pindaian)
    pelanggaran_csp = pantau_keamanan(page)

    # -- The pencatat registers the paper letter for the Kepala Dinas.
    masuk(page, "dishub.tu")
    page.get_by_role("link", name="Catat surat masuk (kertas)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catat surat masuk (kertas)")
    page.get_by_label("Asal surat (instansi pengirim)").fill(ASAL)
    page.get_by_label("Nomor surat").fill("B/1207/XI/LL/2026")
    page.get_by_label("Tanggal surat").fill(_tanggal(-2))
    page.get_by_role("textbox", name=re.compile(r"^Hal\b")).fill(HAL)
    page.get_by_label("Ringkasan isi").fill("Polresta meminta rekayasa lalu lintas dan pengalihan bus kota.")
    page.get_by_label("Berkas pindaian (scan)").set_input_files(str(pindaian))
    tujuan = page.get_by_role("combobox", name=re.compile("^Diteruskan kepada"))
    expect(tujuan.locator("option:checked")).to_have_text(re.compile("^Kepala Dinas Perhubungan"))
    shot(page, "catat-masuk-form", full_page=True, sorot=page.get_by_role("button", name="Catat surat"))
    axe_check(page)
    page.get_by_role("button", name="Catat surat").click()
    expect(page.get_by_text(re.compile(f"Surat dari {ASAL} tercatat dengan nomor agenda"))).to_be_visible()
    # The page answered before the scan was read: the OCR waits for the background worker, and the
    # letter page swaps its badge by itself once the text is read.
    baca = page.get_by_role("status").filter(has_text="Teks sedang dibaca")
    expect(baca).to_be_visible()
    shot(page, "catat-masuk-selesai")
    assert pekerja_latar.jalankan() >= 2  # the scan's OCR and the letter's index row
    expect(page.get_by_text("Teks terbaca (OCR)")).to_be_visible()

    # -- The Plh. Kepala Dinas disposes it to two Kabid, with different instructions and deadlines.
    ganti_pengguna(page, "dishub.sekretaris")
    _buka_surat_masuk(page)
    axe_check(page)
    page.get_by_role("link", name="Disposisikan", exact=True).click()
    expect(page.get_by_text("Sebagai Kepala Dinas Perhubungan")).to_be_visible()
    _pilih_penerima(page, kabid_lalin.jabatan.nama)
    page.get_by_label("Untuk ditindaklanjuti").check()
    page.get_by_label("Siapkan bahan/jawaban").check()
    page.get_by_label("3. Catatan").fill(CATATAN_LALIN)
    page.get_by_label("4. Batas waktu").fill(_tanggal(3))
    page.get_by_text("Segera", exact=True).click()
    _tampilkan(page.get_by_role("checkbox", checked=True).first, "center")
    shot(page, "disposisi-form", sorot=page.get_by_role("button", name="Kirim disposisi"))
    axe_check(page)
    page.get_by_role("button", name="Kirim disposisi").click()
    expect(page.get_by_text(f"Disposisi terkirim kepada {kabid_lalin.jabatan.nama}")).to_be_visible()

    page.get_by_role("link", name="Disposisikan", exact=True).click()
    _pilih_penerima(page, kabid_angkutan.jabatan.nama)
    page.get_by_label("Koordinasikan").check()
    page.get_by_label("3. Catatan").fill(CATATAN_ANGKUTAN)
    page.get_by_label("4. Batas waktu").fill(_tanggal(5))
    page.get_by_role("button", name="Kirim disposisi").click()
    expect(page.get_by_text(f"Disposisi terkirim kepada {kabid_angkutan.jabatan.nama}")).to_be_visible()
    expect(page.get_by_text("0 dari 2 disposisi selesai")).to_be_visible()

    # -- The Kabid Lalu Lintas passes his branch down to his analyst.
    ganti_pengguna(page, "dishub.kabid")
    _buka_disposisi_masuk(page)
    expect(page.get_by_text(CATATAN_LALIN)).to_be_visible()
    page.get_by_role("link", name="Teruskan ke bawahan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teruskan disposisi")
    _pilih_penerima(page, staf.jabatan.nama)
    page.get_by_label("Proses lebih lanjut").check()
    page.get_by_label("3. Catatan").fill(CATATAN_STAF)
    page.get_by_label("4. Batas waktu").fill(_tanggal(2))
    page.get_by_role("button", name="Kirim disposisi").click()
    expect(page.get_by_text(f"Disposisi terkirim kepada {staf.jabatan.nama}")).to_be_visible()

    # -- The analyst (the leaf) and the Kabid Angkutan report back.
    ganti_pengguna(page, "dishub.staf")
    _buka_disposisi_masuk(page)
    expect(page.get_by_text(CATATAN_STAF)).to_be_visible()
    axe_check(page)
    _lapor(page, LAPORAN_STAF, shot=shot)

    ganti_pengguna(page, kabid_angkutan.nip)
    _buka_disposisi_masuk(page)
    expect(page.get_by_text(CATATAN_ANGKUTAN)).to_be_visible()
    _lapor(page, LAPORAN_ANGKUTAN)

    # -- The Plh. sees the whole tree finished: the Kabid Lalu Lintas's branch closed with its leaf.
    ganti_pengguna(page, "dishub.sekretaris")
    _buka_surat_masuk(page)
    panel = page.get_by_role("region", name="Disposisi")
    expect(panel).to_contain_text("2 dari 2 disposisi selesai")
    page.get_by_role("link", name="Buka").first.click()
    page.get_by_role("link", name="Lihat seluruh alur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alur disposisi")
    kemajuan = page.get_by_role("progressbar", name="Kemajuan disposisi")
    expect(kemajuan).to_have_attribute("aria-valuenow", "100")
    simpul = page.locator(".eo-simpul")
    expect(simpul).to_have_count(3)
    for teks in (LAPORAN_STAF, LAPORAN_ANGKUTAN, CATATAN_LALIN, CATATAN_ANGKUTAN, CATATAN_STAF):
        expect(page.get_by_text(teks)).to_be_visible()
    expect(page.locator(".eo-simpul").filter(has_text=kabid_lalin.jabatan.nama).first).to_contain_text("Selesai")
    shot(page, "disposisi-pohon")
    axe_check(page)

    # -- The lembar disposisi: a PDF listing every disposition.
    page.get_by_role("link", name="Kembali ke surat").click()
    cetak = page.get_by_role("link", name="Cetak lembar disposisi")
    _tampilkan(page.get_by_role("region", name="Disposisi"))
    shot(page, "lembar-disposisi", sorot=cetak)
    respon = page.request.get(cetak.get_attribute("href"))
    assert respon.ok
    assert respon.headers["content-type"] == "application/pdf"
    assert respon.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        berkas = tmp_path / "lembar.pdf"
        berkas.write_bytes(respon.body())
        teks = subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, text=True, check=True).stdout
        teks = " ".join(teks.split())
        for isi in (HAL, kabid_lalin.jabatan.nama, kabid_angkutan.jabatan.nama, staf.jabatan.nama):
            assert isi in teks, isi
        for catatan in (CATATAN_LALIN, CATATAN_ANGKUTAN, CATATAN_STAF):
            assert catatan in teks, catatan
        assert plh.nama_lengkap in teks or plh.nama in teks
        assert "Plh. Kepala Dinas Perhubungan" in teks  # the act of a stand-in, as Tata Naskah Dinas writes it
    assert pelanggaran_csp == []


def _surat_tercatat(akun) -> None:
    tu, kepala = akun("dishub.tu"), akun("dishub.kepala")
    png = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(png, "PNG")
    services.register_paper_letter(
        actor=tu,
        opd=kepala.jabatan.unit.opd,
        jenis=JenisSurat.objects.get(kode="surat-dinas"),
        asal_instansi=ASAL,
        nomor_asal="B/1207/XI/LL/2026",
        tanggal_asal=timezone.localdate(),
        tanggal_terima=timezone.localdate(),
        hal=HAL,
        tujuan=kepala.jabatan,
        scans=[SimpleUploadedFile("surat-polresta.png", png.getvalue(), content_type="image/png")],
    )


def _lebar_dokumen(page) -> int:
    # After the load event: measured while the stylesheets are still coming (a slow live server), the
    # bare page is wider than the phone (899 px once in CI).
    page.wait_for_load_state("load")
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_plh_kepala_dinas_mendisposisikan_dari_ponsel(phone_page, akun, masuk, shot, axe_check, outside_playwright):
    page = phone_page
    outside_playwright(_surat_tercatat, akun)
    kabid_lalin = akun("dishub.kabid")

    masuk(page, "dishub.sekretaris")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Surat Masuk").click()
    page.get_by_role("link", name=HAL).click()
    page.get_by_role("link", name="Disposisikan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disposisikan surat")
    _pilih_penerima(page, kabid_lalin.jabatan.nama)
    page.get_by_label("Untuk ditindaklanjuti").check()
    page.get_by_label("3. Catatan").fill(CATATAN_LALIN)
    page.get_by_label("4. Batas waktu").fill(_tanggal(3))

    assert _lebar_dokumen(page) <= 390
    kirim = page.get_by_role("button", name="Kirim disposisi")
    kirim.scroll_into_view_if_needed()
    expect(kirim).to_be_in_viewport()
    shot(page, "disposisi-ponsel")
    axe_check(page)
    kirim.tap()
    expect(page.get_by_text(f"Disposisi terkirim kepada {kabid_lalin.jabatan.nama}")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alur disposisi")
    assert _lebar_dokumen(page) <= 390
