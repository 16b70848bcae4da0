"""The archive's PDFs are PDF/A-2b: berita acara, daftar arsip, and the searchable copy OCRmyPDF makes
of a scan."""

import datetime

import time_machine
from django.test import TestCase

from arsip import ocr, pdf, services
from arsip.models import Berkas, TeksLampiran
from tests.arsip.conftest import png_bytes
from tests.arsip.test_ocr import perlu_tesseract
from tests.pdfa import assert_pdfa_2b


def test_berita_acara_and_daftar_arsip_are_pdfa(cast, terkirim, jra, arsiparis):
    terkirim()
    services.berkas_file_usulan(actor=cast.pencatat, opd=cast.opd)
    berkas = Berkas.objects.get(opd=cast.opd)
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        ba = services.berkas_pindahkan(actor=arsiparis, berkas=berkas)
    with ba.dokumen.open("rb") as fh:
        assert_pdfa_2b(fh.read())
    row = {"pertama": True, "nomor_berkas": 1, "kka": "000", "uraian": "Uji", "tanggal": berkas.dibuat.date()}
    assert_pdfa_2b(pdf.render_daftar_arsip(cast.opd, "Daftar Arsip Aktif", [row]))


@perlu_tesseract
def test_ocrd_scan_is_pdfa(cast, catat):
    with TestCase.captureOnCommitCallbacks(execute=True):
        surat = catat(scans=[("pindaian.png", png_bytes("SURAT PENGADUAN WARGA", size=(900, 200)), "image/png")])
    teks = TeksLampiran.objects.get(lampiran__surat=surat)
    assert teks.sumber == TeksLampiran.Sumber.OCR, (teks.status, teks.pesan)
    with teks.berkas_ocr.open("rb") as fh:
        assert_pdfa_2b(fh.read())
    assert ocr.ocr_tersedia()
