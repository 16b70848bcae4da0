"""Backups of one installation: the database and the files from the same moment, with a manifest that
lets a restore prove it brought back what was saved (`manage.py cadangkan DIR`, `manage.py pulihkan DIR`).

A backup folder holds `basisdata.dump` (PostgreSQL, pg_dump's custom format) or `basisdata.sqlite3`
(SQLite's online backup), `media.tar` (MEDIA_ROOT, when files are on this machine's disk) and
`manifest.json`: the SHA-256 of both, the counts of letters, signed PDFs, attachments and audit events,
and the head of the audit chain. The database is dumped before the files are read: a file written in
between is in the tar but not in the database, which is harmless; the other order would not be.
Secrets (SECRET_KEY, TTE_CA_PASSPHRASE, AUDIT key) are never part of a backup: keep the env file apart.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_PG = "basisdata.dump"
DUMP_SQLITE = "basisdata.sqlite3"
MEDIA_TAR = "media.tar"


class CadanganError(Exception):
    """A backup or restore that cannot go on; the message says why, in Indonesian."""


@dataclass(frozen=True)
class HasilPulih:
    ringkasan: dict
    pdf_diperiksa: int


def buat(tujuan: Path) -> dict:
    """Write a backup into the new (or empty) folder `tujuan`; returns the manifest."""
    tujuan = Path(tujuan)
    if tujuan.exists() and any(tujuan.iterdir()):
        raise CadanganError(f"Folder {tujuan} tidak kosong: pilih folder baru agar cadangan lama tidak tertimpa.")
    tujuan.mkdir(parents=True, exist_ok=True)
    conn = connections[DEFAULT_DB_ALIAS]
    ringkasan_awal = ringkasan()
    if conn.vendor == "postgresql":
        nama_db = DUMP_PG
        _jalankan(["pg_dump", "--format=custom", "--no-owner", f"--file={tujuan / DUMP_PG}", *_pg_args(conn)], conn)
    elif conn.vendor == "sqlite" and not conn.is_in_memory_db():
        nama_db = DUMP_SQLITE
        with sqlite3.connect(conn.settings_dict["NAME"]) as src, sqlite3.connect(tujuan / DUMP_SQLITE) as dst:
            src.backup(dst)
    else:
        raise CadanganError("Basis data ini tidak dapat dicadangkan (hanya PostgreSQL atau berkas SQLite).")
    berkas = {nama_db: _sha256(tujuan / nama_db)}
    if _media_lokal():
        Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
        with tarfile.open(tujuan / MEDIA_TAR, "w") as tar:
            tar.add(settings.MEDIA_ROOT, arcname="media")
        berkas[MEDIA_TAR] = _sha256(tujuan / MEDIA_TAR)
    manifest = {
        "format": FORMAT,
        "dibuat": datetime.datetime.now(datetime.UTC).isoformat(),
        "basisdata": conn.vendor,
        "berkas": berkas,
        "media": "lokal" if _media_lokal() else "object storage (cadangkan bucket-nya sendiri, dengan versioning)",
        "ringkasan": ringkasan_awal,
    }
    (tujuan / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def pulihkan(sumber: Path) -> HasilPulih:
    """Restore the backup in `sumber` over this installation's database and files, then prove it: the
    counts and the audit head match the manifest, the audit chain is intact and every signed PDF is
    there with its recorded SHA-256. Raises CadanganError on any mismatch."""
    sumber = Path(sumber)
    try:
        manifest = json.loads((sumber / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise CadanganError(f"{sumber / MANIFEST} tidak ada atau rusak: ini bukan folder cadangan eoffice.") from exc
    if manifest.get("format") != FORMAT:
        raise CadanganError(f"Format cadangan {manifest.get('format')!r} tidak dikenal.")
    for nama, sha in manifest["berkas"].items():
        if not (sumber / nama).exists() or _sha256(sumber / nama) != sha:
            raise CadanganError(f"{nama} hilang atau isinya berubah sejak dicadangkan; pemulihan dibatalkan.")
    conn = connections[DEFAULT_DB_ALIAS]
    if manifest["basisdata"] != conn.vendor:
        raise CadanganError(f"Cadangan ini dari {manifest['basisdata']}, basis data ini {conn.vendor}.")
    if conn.vendor == "postgresql":
        conn.close()
        _jalankan(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *_pg_args(conn, "--dbname")],
            conn,
            sumber / DUMP_PG,
        )
    else:
        if conn.is_in_memory_db():
            raise CadanganError("Basis data di memori tidak dapat dipulihkan.")
        conn.close()
        shutil.copyfile(sumber / DUMP_SQLITE, conn.settings_dict["NAME"])
    if MEDIA_TAR in manifest["berkas"]:
        _pulihkan_media(sumber / MEDIA_TAR)
    return periksa(manifest["ringkasan"])


def periksa(harapan: dict) -> HasilPulih:
    """What a restore must show: the recorded counts, an intact audit chain, every signed PDF intact."""
    from audit.services import verify_chain
    from surat.models_dokumen import DokumenSurat

    sekarang = ringkasan()
    if sekarang != harapan:
        beda = {k: (harapan.get(k), sekarang.get(k)) for k in harapan if harapan.get(k) != sekarang.get(k)}
        raise CadanganError(f"Hasil pemulihan tidak sama dengan cadangan: {beda}")
    rusak = verify_chain()
    if rusak is not None:
        raise CadanganError(f"Rantai audit rusak mulai peristiwa {rusak.pk} ({rusak.aksi}).")
    n = 0
    for dok in DokumenSurat.objects.exclude(berkas="").exclude(sha256="").iterator():
        try:
            with dok.berkas.open("rb") as fh:
                sha = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError as exc:
            raise CadanganError(f"PDF surat {dok.surat_id} tidak ada setelah pemulihan.") from exc
        if sha != dok.sha256:
            raise CadanganError(f"PDF surat {dok.surat_id} berbeda dari yang ditandatangani.")
        n += 1
    return HasilPulih(ringkasan=sekarang, pdf_diperiksa=n)


def ringkasan() -> dict:
    """Counts and the audit head: what a restore must bring back exactly."""
    from audit.models import AuditEvent, AuditHead
    from surat.models import Lampiran, Surat
    from surat.models_dokumen import DokumenSurat

    head = AuditHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    return {
        "surat": Surat.objects.count(),
        "pdf_surat": DokumenSurat.objects.exclude(berkas="").count(),
        "lampiran": Lampiran.objects.count(),
        "peristiwa_audit": AuditEvent.objects.count(),
        "kepala_rantai_audit": head or "",
    }


def _media_lokal() -> bool:
    return isinstance(default_storage, FileSystemStorage)


def _pulihkan_media(tar_path: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tar_path) as tar:
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir()) or not member.name.startswith("media"):
                raise CadanganError(f"Isi media.tar tidak wajar: {member.name}")
        for member in tar.getmembers():
            if member.isfile():
                rel = Path(member.name).relative_to("media")
                target = (root / rel).resolve()
                if root.resolve() not in target.parents:
                    raise CadanganError(f"Isi media.tar keluar dari MEDIA_ROOT: {member.name}")
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)


def _pg_args(conn, db_flag: str = "") -> list[str]:
    s = conn.settings_dict
    args = []
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    return [*args, f"{db_flag}={s['NAME']}" if db_flag else s["NAME"]]


def _jalankan(cmd: list[str], conn, masukan: Path | None = None) -> None:
    env = {**os.environ, "PGPASSWORD": conn.settings_dict.get("PASSWORD") or ""}
    if masukan is not None:
        cmd = [*cmd, str(masukan)]
    try:
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=6 * 3600)
    except FileNotFoundError as exc:
        raise CadanganError(f"{cmd[0]} tidak terpasang (paket postgresql-client).") from exc
    except subprocess.CalledProcessError as exc:
        raise CadanganError(f"{cmd[0]} gagal: {exc.stderr.decode(errors='replace')[-2000:]}") from exc


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
