"""Stored files are checked against the SHA-256 recorded when they were stored.

Every file the app keeps (attachments, scans, report files, signed PDFs, print jobs, berita acara) has its
hash in its row. A file swapped or damaged on the disk or in the bucket must never be served or judged as
the original: `buka_utuh` hashes the file in one streamed pass (1 MiB at a time, never the whole file in
memory) before it is served, and `cocok` does the same for the verification verdict. A mismatch is refused
with a message a user understands, written to the audit chain and logged as an error for the admins.
"""

from __future__ import annotations

import hashlib
import logging
from typing import IO, Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from audit.services import record

logger = logging.getLogger(__name__)

POTONGAN = 1024 * 1024

PESAN = (
    "Berkas ini tidak dapat diberikan: isinya tidak sama dengan berkas yang tersimpan semula "
    "(sidik SHA-256 berbeda). Kejadian ini sudah dicatat; hubungi Admin untuk memulihkan berkas dari cadangan."
)


class BerkasTidakUtuh(Exception):
    """The stored file's bytes do not have the hash recorded for it."""

    def __init__(self, nama: str, tercatat: str, ditemukan: str) -> None:
        super().__init__(PESAN)
        self.nama, self.tercatat, self.ditemukan = nama, tercatat, ditemukan


def sha256_stream(fh: IO[bytes]) -> str:
    """The SHA-256 of a file object from its current position, read in 1 MiB pieces."""
    digest = hashlib.sha256()
    for potongan in iter(lambda: fh.read(POTONGAN), b""):
        digest.update(potongan)
    return digest.hexdigest()


def laporkan(*, objek: models.Model | None, nama: str, tercatat: str, ditemukan: str, actor: Any = None) -> None:
    """Audit and log a file whose bytes are not the recorded ones (a swap, a damaged disk)."""
    logger.error("berkas tidak utuh: %s (tercatat %s, ditemukan %s)", nama, tercatat, ditemukan)
    with transaction.atomic():
        record(
            actor=actor, aksi="berkas.tidak_utuh", objek=objek, berkas=nama, sha256_tercatat=tercatat, sha256=ditemukan
        )


def buka_utuh(berkas: FieldFile, sha256: str, *, objek: models.Model | None, actor: Any = None) -> IO[bytes]:
    """Open a stored file for serving, after checking it has the recorded hash (raises BerkasTidakUtuh, audited,
    when not; FileNotFoundError/OSError when it is gone). The file is read twice from storage but held in
    memory once, a piece at a time."""
    fh = berkas.open("rb")
    try:
        ditemukan = sha256_stream(fh)
        if ditemukan != sha256:
            laporkan(objek=objek, nama=berkas.name, tercatat=sha256, ditemukan=ditemukan, actor=actor)
            raise BerkasTidakUtuh(berkas.name, sha256, ditemukan)
        fh.seek(0)
    except BaseException:
        fh.close()
        raise
    return fh


def cocok(berkas: FieldFile, sha256: str, *, objek: models.Model | None, actor: Any = None) -> bool:
    """True when the stored file has the recorded hash; a mismatch is audited (see `laporkan`)."""
    with berkas.open("rb") as fh:
        ditemukan = sha256_stream(fh)
    if ditemukan == sha256:
        return True
    laporkan(objek=objek, nama=berkas.name, tercatat=sha256, ditemukan=ditemukan, actor=actor)
    return False
