"""Uploads are judged by their content: real documents pass, disguised files are refused in Indonesian."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from surat.files import validate_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/octet-stream")


@pytest.mark.parametrize(
    "name,data,mime",
    [
        ("surat.pdf", PDF, "application/pdf"),
        ("foto.PNG", PNG, "image/png"),
        ("pindai.jpg", JPEG, "image/jpeg"),
        ("konsep.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("anggaran.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("notula.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_real_documents_pass(name, data, mime):
    info = validate_upload(upload(name, data))
    assert info.mime == mime and info.ukuran == len(data) and len(info.sha256) == 64


@pytest.mark.parametrize(
    "name,data",
    [
        ("surat.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100),  # Windows program
        ("surat.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100),  # Linux program
        ("surat.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("arsip.docx", _zip({"evil.exe": b"MZ"})),  # a zip that is no office document
        ("teks.pdf", b"hanya teks biasa"),
    ],
)
def test_disguised_or_unknown_files_refused(name, data):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, data))
    assert "Jenis berkas tidak diizinkan" in exc.value.message_dict["berkas"][0]


def test_name_must_match_content():
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("gambar.pdf", PNG))
    assert "tidak sesuai dengan namanya" in exc.value.message_dict["berkas"][0]


def test_size_limit_from_settings(settings):
    settings.EOFFICE_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("besar.pdf", PDF + b"0" * (1024 * 1024)))
    assert "terlalu besar" in exc.value.message_dict["berkas"][0]
    with pytest.raises(ValidationError):
        validate_upload(upload("kosong.pdf", b""))


def test_lampiran_add_refuses_disguised_file_and_keeps_nothing(cast, konsep, tmp_path, settings):
    from surat import services
    from surat.models import Lampiran

    settings.MEDIA_ROOT = tmp_path
    surat = konsep()
    with pytest.raises(ValidationError):
        services.lampiran_add(actor=cast.staf, surat=surat, berkas=upload("surat.pdf", b"MZ" + b"\x00" * 50))
    assert not Lampiran.objects.exists()
    assert not any(tmp_path.rglob("*.*")) and not any(p.is_file() for p in tmp_path.rglob("*"))
