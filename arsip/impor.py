"""Reading a KKA list (CSV with columns kode,nama) and writing it in one go.

`baca_csv` checks every row first and raises `ImporGagal` with all problems by row number (the header
is row 1), so nothing is written; `simpan` then creates the new codes and renames changed ones in one
transaction, parents first. Running the same file again changes nothing. With `lewati_salah` (the
command's --lewati-salah) the bad rows are reported and left out instead (for a hand-made list with a
code whose parent is missing; the shared Permendagri 83/2022 transcription imports cleanly).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from arsip.models import KlasifikasiArsip, kunci_urut
from audit.services import record
from organisasi.models import Pegawai

POLA_KODE = re.compile(r"^\d{3}(\.\d{1,3}){0,5}$")
MAKS_NAMA = KlasifikasiArsip._meta.get_field("nama").max_length


class ImporGagal(Exception):
    """The file cannot be imported; `kesalahan` lists 'Baris N: ...' messages. Nothing was written."""

    def __init__(self, kesalahan: list[str]) -> None:
        super().__init__("\n".join(kesalahan))
        self.kesalahan = kesalahan


Baris = tuple[int, str, str]


@dataclass
class HasilImpor:
    dibuat: int = 0
    diubah: int = 0
    sama: int = 0
    kode_baru: list[str] = field(default_factory=list)


def baca_csv(sumber: str | Path | io.TextIOBase, *, lewati_salah: bool = False) -> tuple[list[Baris], list[str]]:
    """The good data rows (row number, kode, nama) and the problems ('Baris N: ...'). Any problem
    raises ImporGagal listing all of them, unless `lewati_salah`: then bad rows (and the rows below a
    bad parent) are left out and reported, and the good ones are returned."""
    if isinstance(sumber, (str, Path)):
        try:
            text = Path(sumber).read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise ImporGagal([f"Berkas {sumber} tidak ditemukan."]) from exc
        except UnicodeDecodeError as exc:
            raise ImporGagal(["Berkas bukan teks UTF-8. Simpan ulang sebagai CSV UTF-8."]) from exc
        sumber = io.StringIO(text)
    reader = csv.reader(sumber)
    header = [h.strip().lower() for h in next(reader, [])]
    if header[:2] != ["kode", "nama"]:
        raise ImporGagal(["Baris 1: judul kolom harus 'kode,nama'."])
    rows: list[Baris] = []
    kesalahan: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for nomor, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            kesalahan.append((nomor, f"harus ada 2 kolom (kode,nama), ditemukan {len(row)}."))
            continue
        kode, nama = row[0].strip(), " ".join(row[1].split())
        if not POLA_KODE.match(kode):
            kesalahan.append((nomor, f"kode '{kode}' tidak sah (contoh yang benar: 000.8.3.3)."))
        elif not nama:
            kesalahan.append((nomor, f"nama untuk kode {kode} kosong."))
        elif len(nama) > MAKS_NAMA:
            kesalahan.append((nomor, f"nama untuk kode {kode} lebih dari {MAKS_NAMA} huruf."))
        elif kode in seen:
            kesalahan.append((nomor, f"kode {kode} sudah ada di baris {seen[kode]}."))
        else:
            seen[kode] = nomor
            rows.append((nomor, kode, nama))
    # Parents first: a row is good when its parent is in the database or is a good row of the file.
    sah = set(KlasifikasiArsip.objects.filter(kode__in={_induk(k) for _, k, _ in rows}).values_list("kode", flat=True))
    baik: list[Baris] = []
    for row in sorted(rows, key=lambda r: r[1].count(".")):
        nomor, kode, _ = row
        induk = _induk(kode)
        if induk and induk not in sah:
            kesalahan.append((nomor, f"kode induk {induk} untuk {kode} tidak ada di berkas maupun di basis data."))
            continue
        sah.add(kode)
        baik.append(row)
    pesan = [f"Baris {n}: {teks}" for n, teks in sorted(kesalahan)]
    if pesan and not lewati_salah:
        raise ImporGagal(pesan)
    if not baik:
        raise ImporGagal(pesan or ["Berkas tidak berisi satu kode pun."])
    return sorted(baik), pesan


def _induk(kode: str) -> str:
    return kode.rsplit(".", 1)[0] if "." in kode else ""


@transaction.atomic
def simpan(*, actor: Pegawai | None, rows: list[Baris], nama_berkas: str = "") -> HasilImpor:
    """System or admin: create missing codes (parents from the dotted prefix) and rename changed ones.
    Codes not in the file are left as they are. One audit event."""
    hasil = HasilImpor()
    ada = {k.kode: k for k in KlasifikasiArsip.objects.all()}
    ubah: list[KlasifikasiArsip] = []
    for level in sorted({k.count(".") + 1 for _, k, _ in rows}):
        baru = []
        for _, kode, nama in rows:
            if kode.count(".") + 1 != level:
                continue
            obj = ada.get(kode)
            if obj is None:
                induk = ada.get(_induk(kode))
                baru.append(KlasifikasiArsip(kode=kode, nama=nama, induk=induk, level=level, kunci=kunci_urut(kode)))
            elif obj.nama != nama:
                obj.nama = nama
                ubah.append(obj)
            else:
                hasil.sama += 1
        for obj in KlasifikasiArsip.objects.bulk_create(baru, batch_size=500):
            ada[obj.kode] = obj
        if baru and baru[0].pk is None:  # backends that do not return ids from bulk_create
            ada.update({k.kode: k for k in KlasifikasiArsip.objects.filter(kode__in=[b.kode for b in baru])})
        hasil.dibuat += len(baru)
        hasil.kode_baru += [b.kode for b in baru]
    if ubah:
        KlasifikasiArsip.objects.bulk_update(ubah, ["nama"], batch_size=500)
    hasil.diubah = len(ubah)
    if hasil.dibuat or hasil.diubah:
        record(
            actor=actor,
            aksi="arsip.klasifikasi_diimpor",
            berkas=nama_berkas,
            dibuat=hasil.dibuat,
            diubah=hasil.diubah,
            kode_diubah=[o.kode for o in ubah][:200],
        )
    return hasil
