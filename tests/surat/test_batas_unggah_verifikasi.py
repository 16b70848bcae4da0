"""The public verification upload within caps (issue 13, item 2): a smaller size cap with a clear
message, a decompression bomb refused in the capped child, a processing budget per address."""

import io
import time
import zlib

import pikepdf
from django.core.files.uploadedfile import SimpleUploadedFile

from surat import verifikasi
from surat.views import verifikasi as views_verifikasi


def _upload(client, data: bytes, url="/verifikasi/"):
    return client.post(url, {"berkas": SimpleUploadedFile("surat.pdf", data, content_type="application/pdf")})


def _bom(mb: int) -> bytes:
    pack = zlib.compressobj(9)
    data = b"".join(pack.compress(b"\0" * (1 << 20)) for _ in range(mb)) + pack.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].Contents = pdf.make_stream(data, Filter=pikepdf.Name.FlateDecode)
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return buf.getvalue()


def test_upload_over_the_smaller_cap_gets_a_clear_message(client, db, settings):
    assert settings.VERIFIKASI_MAKS_MB == 5  # smaller than the 20 MB of attachments
    page = _upload(client, b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024)).content.decode()
    assert "Berkas terlalu besar. Paling besar 5 MB." in page
    assert "paling besar 5 MB" in client.get("/verifikasi/").content.decode()


def test_decompression_bomb_upload_is_refused_quickly(client, db, monkeypatch):
    monkeypatch.setattr(verifikasi, "verify_pdf", lambda data: (_ for _ in ()).throw(AssertionError("parsed")))
    bom = _bom(300)
    assert len(bom) < 5 * 1024 * 1024
    mulai = time.monotonic()
    page = _upload(client, bom).content.decode()
    assert time.monotonic() - mulai < 15
    assert "terlalu berat untuk diperiksa" in page and "ASLI" not in page


def test_a_pdf_too_slow_to_check_is_refused_by_the_cpu_cap(client, db, settings, monkeypatch):
    def lambat(data):
        while True:
            pass

    monkeypatch.setattr(verifikasi, "_periksa_bentuk", lambat)
    settings.VERIFIKASI_MAKS_CPU_DETIK = 1
    mulai = time.monotonic()
    page = _upload(client, b"%PDF-1.4 apa saja").content.decode()
    assert time.monotonic() - mulai < 15
    assert "terlalu berat untuk diperiksa" in page


def test_each_address_has_a_processing_budget(client, db, monkeypatch):
    monkeypatch.setattr(views_verifikasi, "BUDGET_PROSES", (1, 3600))
    monkeypatch.setattr(views_verifikasi, "BATAS_UNGGAH", (100, 300))
    pertama = _upload(client, b"%PDF-1.4 bukan surat").content.decode()
    assert "tidak terdaftar" in pertama
    kedua = _upload(client, b"%PDF-1.4 bukan surat").content.decode()
    assert "Batas waktu pemeriksaan berkas dari alamat Anda sudah habis" in kedua
    lain = _upload(client, b"%PDF-1.4 bukan surat", url="/verifikasi/").content.decode()
    assert "sudah habis" in lain
    assert (
        "tidak terdaftar"
        in client.post(
            "/verifikasi/",
            {"berkas": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x", content_type="application/pdf")},
            REMOTE_ADDR="10.0.0.9",
        ).content.decode()
    )
