"""Zip bombs: an office file whose "mimetype" entry unpacks to megabytes is refused without unpacking it."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from surat.files import validate_upload


def _bom(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_huge_mimetype_entry_is_refused_without_unpacking_it():
    besar = b"application/vnd.oasis.opendocument.text" + b" " * (64 * 1024 * 1024)
    data = _bom({"mimetype": besar, "content.xml": b"<office/>"})
    del besar
    assert len(data) < 1024 * 1024  # tiny upload, well under the size limit

    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as excinfo:
            validate_upload(SimpleUploadedFile("notula.odt", data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "Jenis berkas tidak diizinkan" in str(excinfo.value)
    assert peak < 8 * 1024 * 1024


def test_zip_with_absurdly_many_entries_is_refused():
    entries = {f"f{i}": b"" for i in range(10_001)}
    entries["mimetype"] = b"application/vnd.oasis.opendocument.text"
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("notula.odt", _bom(entries)))
