"""The public verification page: /verifikasi/<token>/ and /verifikasi/ (no login)."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from surat.models import DokumenSurat
from surat.views import verifikasi as views_verifikasi


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _pdf(surat) -> bytes:
    return surat.dokumen.berkas.read()


def _upload(client, url, data: bytes, name="surat.pdf"):
    return client.post(url, {"berkas": SimpleUploadedFile(name, data, content_type="application/pdf")})


def test_qr_page_shows_genuine_letter_with_number_signer_and_hash(client, ditandatangani, cast):
    surat = ditandatangani(hal="Rapat koordinasi")

    response = client.get(f"/verifikasi/{surat.dokumen.token_verifikasi}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "ASLI." in page
    for expected in (
        surat.nomor,
        "Rapat koordinasi",
        cast.kepala.nama_lengkap,
        surat.ttd_jabatan,
        surat.dokumen.sha256,
    ):
        assert expected in page


def test_uploading_the_same_bytes_says_asli(client, ditandatangani):
    surat = ditandatangani()

    page = _upload(client, f"/verifikasi/{surat.dokumen.token_verifikasi}/", _pdf(surat)).content.decode()

    assert "Berkas yang Anda unggah sama persis" in page
    assert "TIDAK COCOK" not in page


def test_one_changed_byte_says_tidak_cocok(client, ditandatangani):
    surat = ditandatangani()
    data = bytearray(_pdf(surat))
    i = data.index(b"/Contents") + 300  # inside the signed page content, not the signature
    data[i] = (data[i] + 1) % 256

    page = _upload(client, f"/verifikasi/{surat.dokumen.token_verifikasi}/", bytes(data)).content.decode()

    assert "TIDAK COCOK." in page
    assert "tidak sama dengan surat yang terdaftar" in page


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"bukan pdf sama sekali", "bukan dokumen PDF"),
        (b"%PDF-1.7\n garbage \x00\x01", "tidak dapat dibaca"),
    ],
)
def test_corrupt_upload_gets_a_clear_answer(client, ditandatangani, data, reason):
    surat = ditandatangani()

    response = _upload(client, f"/verifikasi/{surat.dokumen.token_verifikasi}/", data)

    assert response.status_code == 200
    assert "TIDAK COCOK." in response.content.decode()
    assert reason in response.content.decode()


def test_unsigned_pdf_says_it_has_no_signature(client, ditandatangani):
    from surat import pdf

    surat = ditandatangani()
    unsigned = pdf.render_surat_pdf(surat, konsep=False, token=surat.dokumen.token_verifikasi)

    page = _upload(client, f"/verifikasi/{surat.dokumen.token_verifikasi}/", unsigned).content.decode()

    assert "TIDAK COCOK." in page
    assert "tidak memiliki tanda tangan elektronik" in page


def test_rahasia_letter_shows_only_that_it_is_genuine(client, ditandatangani):
    surat = ditandatangani(keamanan="rahasia", hal="Hasil pemeriksaan khusus")

    page = client.get(f"/verifikasi/{surat.dokumen.token_verifikasi}/").content.decode()

    assert "Dokumen ini asli dan terdaftar." in page
    assert "Hasil pemeriksaan khusus" not in page
    assert surat.nomor not in page
    assert surat.ttd_nama not in page


def test_unknown_token_gets_the_neutral_404(client, db):
    response = client.get("/verifikasi/tidak-ada-token-seperti-ini/")

    assert response.status_code == 404
    assert "Dokumen tidak ditemukan" in response.content.decode()


def test_general_page_finds_a_letter_by_its_file(client, ditandatangani):
    surat = ditandatangani()

    page = _upload(client, "/verifikasi/", _pdf(surat)).content.decode()

    assert "Berkas yang Anda unggah sama persis" in page
    assert surat.nomor in page


def test_general_page_says_unknown_file_is_not_registered(client, db):
    page = _upload(client, "/verifikasi/", b"%PDF-1.4 bukan surat").content.decode()

    assert "TIDAK COCOK." in page
    assert "tidak terdaftar" in page


def test_huge_upload_is_refused_before_reading(client, ditandatangani, settings):
    surat = ditandatangani()
    settings.VERIFIKASI_MAKS_MB = 0

    response = _upload(client, f"/verifikasi/{surat.dokumen.token_verifikasi}/", b"%PDF-" + b"0" * 2_000_000)

    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()


def test_lookups_are_rate_limited_per_address(client, db, monkeypatch):
    monkeypatch.setattr(views_verifikasi, "BATAS_LIHAT", (3, 300))

    codes = [client.get(f"/verifikasi/coba-{i}/").status_code for i in range(4)]

    assert codes == [404, 404, 404, 429]
    assert "Terlalu banyak permintaan" in client.get("/verifikasi/").content.decode()
    other = client.get("/verifikasi/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_uploads_are_rate_limited(client, db, monkeypatch):
    monkeypatch.setattr(views_verifikasi, "BATAS_UNGGAH", (1, 300))

    assert _upload(client, "/verifikasi/", b"%PDF-1.4").status_code == 200
    assert _upload(client, "/verifikasi/", b"%PDF-1.4").status_code == 429


def test_tokens_are_long_and_random(ditandatangani):
    a, b = ditandatangani(), ditandatangani()

    tokens = {a.dokumen.token_verifikasi, b.dokumen.token_verifikasi}
    assert len(tokens) == 2
    assert all(len(t) >= 43 for t in tokens)
    assert DokumenSurat.objects.filter(token_verifikasi__in=tokens).count() == 2
