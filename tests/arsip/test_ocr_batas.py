"""Reading attachments within caps (issue 13, item 2): a decompression bomb is refused before anything
parses it, and pdfminer runs in a capped child process."""

import io
import time
import zlib

import pikepdf
from django.test import TestCase

from arsip import ocr
from arsip.models import TeksLampiran
from lib import terbatas
from lib.pdf_terbuka import ukuran_terbuka

S = TeksLampiran.Status


def _bom(mb: int) -> bytes:
    """A one-page PDF whose content stream is a few hundred KB packed and `mb` MB unpacked."""
    pack = zlib.compressobj(9)
    nol = b"\0" * (1 << 20)
    data = b"".join(pack.compress(nol) for _ in range(mb)) + pack.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].Contents = pdf.make_stream(data, Filter=pikepdf.Name.FlateDecode)
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return buf.getvalue()


def _register(catat, *scans):
    with TestCase.captureOnCommitCallbacks(execute=True):
        surat = catat(scans=scans)
    return list(TeksLampiran.objects.filter(lampiran__surat=surat))


def test_decompression_bomb_pdf_is_refused_within_the_caps(cast, catat, settings, monkeypatch):
    settings.BACA_MAKS_TERBUKA_MB = 50
    monkeypatch.setattr(ocr, "_ocr", _tidak_boleh)
    monkeypatch.setattr(ocr, "pdf_text", _tidak_boleh)
    bom = _bom(400)
    assert len(bom) < 1024 * 1024  # small enough for any upload form
    mulai = time.monotonic()
    (teks,) = _register(catat, ("pindaian.pdf", bom, "application/pdf"))
    assert time.monotonic() - mulai < 15
    assert teks.status == S.TERLALU_BESAR
    assert "terlalu besar setelah dibuka (lebih dari 50 MB)" in teks.pesan


def _tidak_boleh(*args):
    raise AssertionError("a bomb must not reach a parser")


def test_ukuran_terbuka_counts_without_holding_the_bytes():
    with pikepdf.open(io.BytesIO(_bom(30))) as pdf:
        assert ukuran_terbuka(pdf, 10 * terbatas.MB) is None
        assert ukuran_terbuka(pdf, 40 * terbatas.MB) >= 30 * terbatas.MB


def test_text_extraction_over_its_memory_cap_gets_a_status(cast, catat, monkeypatch, settings):
    def rakus(path, halaman):
        return "x" * (2 * 1024 * terbatas.MB)  # 2 GB: over any sane cap

    monkeypatch.setattr(ocr, "_ekstrak", rakus)
    settings.BACA_MAKS_MB = 200
    (teks,) = _register(catat, ("teks.pdf", _bom(1), "application/pdf"))
    assert teks.status == S.TERLALU_BESAR
    assert "memori terlalu besar" in teks.pesan


def test_reading_left_diproses_by_a_dead_worker_is_put_back_by_the_sweep(cast, catat, monkeypatch):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(ocr, "ocr_tersedia", lambda: False)
    (teks,) = _register(catat, ("teks.pdf", _bom(1), "application/pdf"))
    TeksLampiran.objects.filter(pk=teks.pk).update(status=S.DIPROSES, mulai=timezone.now())
    assert ocr.macet() == []  # a worker may still be reading it
    lama = timezone.now() - datetime.timedelta(seconds=ocr.batas_waktu() + 121)
    TeksLampiran.objects.filter(pk=teks.pk).update(mulai=lama)
    assert ocr.macet() == [teks.lampiran_id]
    teks.refresh_from_db()
    assert teks.status == S.MENUNGGU
    assert ocr.baca_lampiran(teks.lampiran_id).status != S.DIPROSES  # the next run claims it again
