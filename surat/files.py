"""Checking uploaded attachments and scans by their CONTENT, not their name: a program or a web page
renamed to .pdf is refused. Allowed: PDF, JPEG, PNG, Office Open XML (DOCX/XLSX/PPTX) and
OpenDocument text/spreadsheet (ODT/ODS). Also: the metadata row of a checked file, and deleting stored
files after their rows are gone."""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

logger = logging.getLogger(__name__)

# mime -> file name extensions that may carry it
ALLOWED: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
}
_OOXML_DIRS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# An office file's "mimetype" entry is a few dozen bytes; a zip with more entries than any real office
# file is refused rather than scanned (zip bombs).
MAKS_MIMETYPE = 100
MAKS_ENTRI = 10_000
_PESAN_JENIS = "Jenis berkas tidak diizinkan. Unggah berkas PDF, JPG, PNG, DOCX, XLSX, PPTX, ODT atau ODS."


@dataclass(frozen=True)
class BerkasSah:
    mime: str
    ukuran: int
    sha256: str

    def metadata(self, berkas: UploadedFile) -> dict[str, Any]:
        """The fields of a BerkasUnggahan row (surat.models) for this checked upload."""
        return {
            "nama_asli": (berkas.name or "berkas")[-255:],
            "ukuran": self.ukuran,
            "mime": self.mime,
            "sha256": self.sha256,
        }


def delete_stored(names: Iterable[str]) -> None:
    """Delete stored files by name, once their rows are gone (call it on commit: a rolled-back deletion
    keeps its files). A file that cannot be deleted is logged, never raised."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("berkas %s tidak dapat dihapus", name)


def max_bytes() -> int:
    return int(getattr(settings, "EOFFICE_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def _zip_mime(berkas: UploadedFile) -> str | None:
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as zf:
            names = zf.namelist()
            if len(names) > MAKS_ENTRI:
                return None
            if "[Content_Types].xml" in names:
                for prefix, mime in _OOXML_DIRS.items():
                    if any(n.startswith(prefix) for n in names):
                        return mime
                return None
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size > MAKS_MIMETYPE:
                    return None
                # The declared size may lie: never decompress more than the cap.
                with zf.open(info) as entry:
                    raw = entry.read(MAKS_MIMETYPE + 1)
                if len(raw) > MAKS_MIMETYPE:
                    return None
                mime = raw.decode("ascii", "replace").strip()
                return mime if mime in ALLOWED else None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        berkas.seek(0)
    return None


def _sniff(berkas: UploadedFile) -> str | None:
    berkas.seek(0)
    head = berkas.read(8192)
    berkas.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime in ("application/pdf", "image/jpeg", "image/png"):
        return kind.mime
    if kind.extension in ("zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"):
        return _zip_mime(berkas)
    return None


def validate_upload(berkas: UploadedFile) -> BerkasSah:
    """Check size, content type and that the name's extension fits the content; return facts to store.
    Raises ValidationError({"berkas": ...}) with a message a user understands."""
    nama = berkas.name or ""
    ukuran = berkas.size or 0
    if ukuran == 0:
        raise ValidationError({"berkas": "Berkas kosong. Pilih berkas lain."})
    batas = max_bytes()
    if ukuran > batas:
        raise ValidationError(
            {"berkas": f"Berkas terlalu besar ({ukuran / 1024 / 1024:.1f} MB). Batasnya {batas // (1024 * 1024)} MB."}
        )
    mime = _sniff(berkas)
    if mime is None:
        raise ValidationError({"berkas": _PESAN_JENIS})
    ext = os.path.splitext(nama)[1].lower()
    if ext not in ALLOWED[mime]:
        raise ValidationError(
            {"berkas": f"Isi berkas tidak sesuai dengan namanya ({nama}). Simpan ulang berkas dengan jenis yang benar."}
        )
    digest = hashlib.sha256()
    berkas.seek(0)
    for chunk in berkas.chunks():
        digest.update(chunk)
    berkas.seek(0)
    return BerkasSah(mime=mime, ukuran=ukuran, sha256=digest.hexdigest())
