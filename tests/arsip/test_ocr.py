"""Reading the text of attachments: OCR of a scanned page, signed PDFs never OCR'd, bad files."""

import io

import pikepdf
import pytest
from django.test import TestCase
from django.urls import reverse

from arsip import ocr, pencarian
from arsip.models import TeksLampiran
from tests.arsip.conftest import png_bytes

S = TeksLampiran.Status
perlu_tesseract = pytest.mark.skipif(
    not ocr.ocr_tersedia(), reason="tesseract dengan bahasa Indonesia (tesseract-ocr-ind) atau ocrmypdf tidak terpasang"
)


def _pdf(pages: int = 1, signed: bool = False) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    if signed:
        pdf.Root.AcroForm = pikepdf.Dictionary(SigFlags=3, Fields=pikepdf.Array())
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _register(catat, *scans, **kw):
    with TestCase.captureOnCommitCallbacks(execute=True):
        surat = catat(scans=scans, **kw)
    return surat, list(TeksLampiran.objects.filter(lampiran__surat=surat).order_by("lampiran_id"))


@perlu_tesseract
def test_scanned_png_is_read_and_found_by_search(cast, catat):
    gambar = png_bytes("TROTOAR BERLUBANG", size=(900, 200))
    surat, (teks,) = _register(catat, ("pindaian.png", gambar, "image/png"), hal="Pengaduan warga")
    assert teks.status == S.SELESAI and teks.sumber == TeksLampiran.Sumber.OCR
    assert "TROTOAR" in teks.teks.upper() and teks.berkas_ocr.open("rb").read(5) == b"%PDF-"
    assert teks.lampiran.berkas.open("rb").read() == gambar  # the original scan is untouched
    hasil = pencarian.cari(cast.kepala, pencarian.Saringan(q="trotoar")).baris
    assert [h.surat for h in hasil] == [surat] and hasil[0].sumber == "lampiran"
    assert "<mark>TROTOAR</mark>" in hasil[0].cuplikan


def test_signed_pdf_is_never_ocrd(cast, catat, monkeypatch):
    monkeypatch.setattr(ocr, "_ocr", lambda *a: pytest.fail("a signed PDF must not be OCR'd"))
    _, (teks,) = _register(catat, ("bertanda-tangan.pdf", _pdf(signed=True), "application/pdf"))
    assert teks.status == S.SELESAI and teks.sumber == TeksLampiran.Sumber.TTE


def test_too_many_pages_and_corrupt_scans_get_a_clear_status(cast, catat, settings, monkeypatch):
    monkeypatch.setattr(ocr, "_ocr", lambda *a: pytest.fail("must not run"))
    settings.ARSIP_OCR_MAKS_HALAMAN = 50
    rusak = b"%PDF-1.4\n" + b"\x00\xff" * 500
    _, (besar, korup) = _register(
        catat, ("tebal.pdf", _pdf(pages=500), "application/pdf"), ("rusak.pdf", rusak, "application/pdf")
    )
    assert besar.status == S.TERLALU_BESAR and besar.halaman == 500 and "batas OCR 50 halaman" in besar.pesan
    assert korup.status == S.GAGAL and "rusak" in korup.pesan


def test_ocr_missing_says_so_and_the_letter_still_works(cast, catat, monkeypatch, login):
    monkeypatch.setattr(ocr, "ocr_tersedia", lambda: False)
    surat, (teks,) = _register(catat, ("pindaian.png", png_bytes(), "image/png"))
    assert teks.status == S.TIDAK_TERSEDIA and teks.get_status_display() == "OCR tidak tersedia"
    assert pencarian.cari(cast.kepala, pencarian.Saringan(q="kepegawaian")).baris[0].surat == surat
    page = login(cast.kepala).get(reverse("surat:detail", args=[surat.pk]))
    assert page.status_code == 200 and "OCR tidak tersedia" in page.content.decode()


def test_second_run_is_a_no_op(cast, catat, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_tersedia", lambda: False)
    _, (teks,) = _register(catat, ("pindaian.png", png_bytes(), "image/png"))
    selesai = teks.selesai
    assert ocr.baca_lampiran(teks.lampiran_id).selesai == selesai
