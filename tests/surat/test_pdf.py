"""Rendering letters and registers to PDF: the text a reader sees, per kind."""

import datetime

import pytest

from organisasi.models import Pangkat, UnitKerja
from surat import pdf, terbilang
from surat.models import JenisSurat
from tests.factories import JabatanFactory, OpdFactory, PegawaiFactory
from tests.surat.pdfutil import pdf_info, pdf_text

ISI = (
    "<p>Dengan hormat, bersama ini kami mengundang Bapak/Ibu untuk hadir pada:</p>"
    "<p>Demikian atas perhatiannya kami sampaikan terima kasih.</p>"
    "<table><tr><td>Sel tabel</td></tr></table>"
)


@pytest.fixture
def kepala_bergelar(cast):
    k = cast.kepala
    k.gelar_depan, k.gelar_belakang, k.pangkat, k.nip = "Dr.", "S.Kom., M.Eng.", Pangkat.IV_C, "198609262015051001"
    k.save()
    return k


def _jenis(kode):
    return JenisSurat.objects.get(kode=kode)


def test_terbilang_writes_counts_and_dates_in_indonesian():
    assert terbilang.jumlah(1) == "1 (satu) berkas"
    assert terbilang.jumlah(0) == "-"
    assert terbilang.terbilang(11) == "sebelas"
    assert terbilang.terbilang(115) == "seratus lima belas"
    assert terbilang.terbilang(1250) == "seribu dua ratus lima puluh"
    assert terbilang.terbilang(2_000_001) == "dua juta satu"
    assert terbilang.tanggal(datetime.date(2026, 11, 28)) == "28 November 2026"
    assert terbilang.hari_tanggal(datetime.date(2026, 11, 30)) == "Senin, 30 November 2026"
    assert terbilang.hari_tanggal(datetime.date(2026, 11, 29)) == "Minggu, 29 November 2026"


def test_surat_dinas_has_kop_block_signature_and_tembusan(cast, terkirim, kepala_bergelar):
    surat = terkirim(
        jenis=_jenis("surat-dinas"),
        isi=ISI,
        tujuan=[cast.kepala_lain.jabatan, {"nama": "Direktur PT Contoh", "alamat": "Surakarta"}],
        tembusan=[cast.kabid.jabatan],
    )
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))

    for expected in (
        "PEMERINTAH KOTA SURAKARTA",
        "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN",
        f"Surakarta, {terbilang.tanggal(surat.tanggal)}",
        f"Nomor : {surat.nomor}",
        "Lampiran : -",
        "Hal : Undangan rapat koordinasi",
        "1. Kepala Dinas Perhubungan;",
        "2. Direktur PT Contoh",
        "Sel tabel",
        "KEPALA DINAS KOMUNIKASI",
        "Dr. Arif Budiman, S.Kom., M.Eng.",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19860926 201505 1 001",
        "Tembusan: 1. Kepala Bidang Aplikasi Informatika.",
        "ditandatangani secara elektronik",
        "Halaman 1 dari 1",
    ):
        assert expected in text, expected
    assert "KONSEP" not in text


def test_nota_dinas_prints_the_header_table(cast, terkirim):
    surat = terkirim(jenis=_jenis("nota-dinas"), tembusan=[cast.kabid.jabatan])
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))

    assert "NOTA DINAS" in text
    for label in ("Yth. : Kepala Dinas Perhubungan", "Dari : Kepala Dinas Komunikasi", "Tembusan : Kepala Bidang"):
        assert label in text
    assert f"Tanggal : {terbilang.tanggal(surat.tanggal)}" in text
    assert f"Nomor : {surat.nomor}" in text
    assert "Sifat : Biasa" in text
    assert cast.kepala.nip_tampil in text


def test_surat_undangan_prints_day_time_place_and_event(terkirim):
    data = {"hari_tanggal": "2026-11-30", "waktu": "09:00", "tempat": "Balai Kota", "acara": "Rapat koordinasi"}
    surat = terkirim(jenis=_jenis("surat-undangan"), isi=ISI, data_tambahan=data)
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))

    assert "hari/tanggal : Senin, 30 November 2026" in text
    assert "waktu : 09.00 WIB s.d. selesai" in text
    assert "tempat : Balai Kota" in text
    assert "acara : Rapat koordinasi" in text
    assert surat.nomor in text


def test_surat_tugas_has_centred_title_people_and_no_addressee(cast, terkirim):
    data = {
        "dasar": ["Peraturan Wali Kota Nomor 1"],
        "ditugaskan": [cast.staf.pk],
        "untuk": "Mengikuti bimbingan teknis.",
    }
    surat = terkirim(jenis=_jenis("surat-tugas"), tujuan=[], data_tambahan=data)
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))

    assert "SURAT TUGAS" in text
    assert f"NOMOR: {surat.nomor}" in text
    assert "Dasar : Peraturan Wali Kota Nomor 1" in text
    assert "MEMERINTAHKAN:" in text
    assert "Nama : Dewi Lestari" in text
    assert f"NIP : {cast.staf.nip_tampil}" in text
    assert "Untuk : Mengikuti bimbingan teknis." in text
    assert "Yth." not in text and "Hal :" not in text


def test_surat_edaran_has_title_and_tentang(terkirim):
    surat = terkirim(jenis=_jenis("surat-edaran"), hal="Penggunaan eOffice")
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))

    assert "SURAT EDARAN" in text
    assert f"NOMOR {surat.nomor}" in text
    assert "TENTANG PENGGUNAAN EOFFICE" in text
    assert "Dikeluarkan di Surakarta" in text


def test_many_addressees_go_to_a_list_page(cast, terkirim):
    luar = [{"nama": f"Camat Wilayah {i}"} for i in range(6)]
    surat = terkirim(jenis=_jenis("surat-dinas"), tujuan=[cast.kepala_lain.jabatan, *luar])
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))

    assert "Yth. (daftar terlampir)" in text
    assert "DAFTAR PENERIMA" in text
    assert "7. Camat Wilayah 5" in text
    assert "Halaman 2 dari 2" in text


def test_draft_preview_is_marked_konsep_without_number_date_or_qr(konsep, cast):
    surat = konsep(jenis=_jenis("surat-dinas"))
    data = pdf.render_surat_pdf(surat, konsep=True)
    text = pdf_text(data)

    assert "KONSEP" in text
    assert "Nomor : (diisi saat ditandatangani)" in text
    assert "Surakarta, (tanggal ditandatangani)" in text
    assert "Kode QR" in text  # the placeholder box instead of a QR code
    assert "ditandatangani secara elektronik menggunakan" not in text
    assert cast.kepala.nama_lengkap in text


def test_letters_of_the_sekda_use_the_pemda_kop(cast, konsep):
    setda = OpdFactory(nama="Sekretariat Daerah", kode="SETDA", jenis=UnitKerja.Jenis.SETDA)
    sekda = PegawaiFactory(
        nama="Budi Sekda",
        jabatan=JabatanFactory(nama="Sekretaris Daerah", unit=setda, is_kepala_unit=True, dapat_menandatangani=True),
    )
    surat = konsep(jenis=_jenis("surat-dinas"), penandatangan=sekda.jabatan)
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=True))

    assert "PEMERINTAH KOTA SURAKARTA" in text
    assert "SEKRETARIAT DAERAH" not in text.split("Nomor")[0]
    assert "DINAS KOMUNIKASI" not in text


def test_body_cannot_make_the_renderer_fetch_files(konsep, settings, caplog):
    surat = konsep(isi='<p>Isi</p><img src="file:///etc/passwd">')
    surat.isi = '<p>Isi</p><img src="file:///etc/passwd"><link rel="stylesheet" href="http://example.invalid/x.css">'

    text = pdf_text(pdf.render_surat_pdf(surat, konsep=True))

    assert "root:" not in text
    assert "Isi" in text


def test_lembar_disposisi_prints_fields_instructions_and_entries(cast, terkirim):
    surat = terkirim(jenis=_jenis("surat-dinas"))
    entry = pdf.BarisDisposisi(
        kepada="Kepala Bidang Lalu Lintas", instruksi=["Koordinasikan"], catatan="Segera siapkan.", dari="Kepala Dinas"
    )
    text = pdf_text(pdf.render_lembar_disposisi(surat, [entry], opd=cast.opd_lain))

    for expected in (
        "LEMBAR DISPOSISI",
        "DINAS PERHUBUNGAN",
        "Surat dari Kepala Dinas Komunikasi",
        surat.nomor,
        "Nomor agenda",
        f"1/{surat.tahun}",
        "Hal Undangan rapat koordinasi",
        "Untuk diketahui",
        "Arsipkan",
        "Diteruskan kepada",
        "Kepala Bidang Lalu",
        "Segera siapkan.",
        "Paraf dan",
    ):
        assert expected in text, expected


def test_lembar_disposisi_hides_hal_of_a_rahasia_letter(terkirim):
    surat = terkirim(keamanan="rahasia", hal="Pemeriksaan khusus")
    text = pdf_text(pdf.render_lembar_disposisi(surat))

    assert "Pemeriksaan khusus" not in text
    assert "Rahasia" in text


def test_buku_agenda_lists_the_period_in_landscape(cast, terkirim):
    surat = terkirim(hal="Surat untuk agenda")
    today = surat.tanggal
    data = pdf.render_buku_agenda(cast.opd_lain, today - datetime.timedelta(days=1), today)
    text = pdf_text(data)

    assert "BUKU AGENDA SURAT MASUK" in text
    assert "Dinas Perhubungan" in text
    assert f"1/{today.year}" in text
    assert "Surat untuk agenda" in text
    assert "841.89 x 595.276 pts (A4)" in pdf_info(data)  # A4 landscape


def test_plh_and_an_lines_keep_their_own_case_above_the_uppercase_jabatan(cast, terkirim):
    surat = terkirim(jenis=_jenis("surat-dinas"), tujuan=[cast.kepala_lain.jabatan])
    surat.ttd_sebutan, surat.ttd_atas_nama = "Plh.", "Wali Kota Surakarta"
    text = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))
    assert "a.n. WALI KOTA SURAKARTA" in text
    assert "Plh. KEPALA DINAS KOMUNIKASI" in text
