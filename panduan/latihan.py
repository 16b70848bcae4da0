"""The training exercises, as data. Each step carries a checker that looks at what the trainee really
did in the app since the last reset of the training instance: the audit events recorded by the
services (`surat.*`, `disposisi.*`). Checkers are pure functions over a trainee's events, so the
trainer's page evaluates everybody from one query.

Audit action names used (see surat/services/ and disposisi/services.py): surat.dicatat,
surat.dibuat (data.jenis = JenisSurat.kode), surat.diubah, surat.diajukan, surat.diparaf,
surat.dikembalikan, surat.ditandatangani, surat.dibaca, surat.ditindaklanjuti, disposisi.dibuat
(data.induk: None for a first-level disposition), disposisi.laporan. An action that does not exist
yet simply never ticks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from panduan.guides import TINGKAT


@dataclass(frozen=True)
class Kejadian:
    """One audit event of a trainee, reduced to what the checkers need."""

    aksi: str
    objek_id: str
    data: dict[str, Any]


Cek = Callable[[list[Kejadian]], bool]


def _of(events: Iterable[Kejadian], aksi: str, **data: Any) -> list[Kejadian]:
    return [e for e in events if e.aksi == aksi and all(e.data.get(k) == v for k, v in data.items())]


def ada(aksi: str, jumlah: int = 1, **data: Any) -> Cek:
    """At least `jumlah` events `aksi` whose data has the given values."""
    return lambda events: len(_of(events, aksi, **data)) >= jumlah


def asal_berbeda(jumlah: int) -> Cek:
    """Paper letters recorded from at least `jumlah` different senders."""
    return lambda events: len({e.data.get("asal", "").strip().lower() for e in _of(events, "surat.dicatat")}) >= jumlah


def pada_surat_jenis(aksi: str, jenis: str, jumlah: int = 1) -> Cek:
    """`aksi` done at least `jumlah` times on one letter the trainee created with kind `jenis`."""

    def cek(events: list[Kejadian]) -> bool:
        milik = {e.objek_id for e in _of(events, "surat.dibuat", jenis=jenis)}
        per_surat: dict[str, int] = {}
        for e in _of(events, aksi):
            if e.objek_id in milik:
                per_surat[e.objek_id] = per_surat.get(e.objek_id, 0) + 1
        return any(n >= jumlah for n in per_surat.values())

    return cek


def sesudah(pertama: str, kedua: str) -> Cek:
    """`kedua` done on a letter after `pertama` was done on the same letter (e.g. return, then paraf)."""

    def cek(events: list[Kejadian]) -> bool:
        seen: set[str] = set()
        for e in events:  # oldest first
            if e.aksi == pertama:
                seen.add(e.objek_id)
            elif e.aksi == kedua and e.objek_id in seen:
                return True
        return False

    return cek


def diteruskan(events: list[Kejadian]) -> bool:
    """A disposition passed further down (it has a parent)."""
    return any(e.data.get("induk") for e in _of(events, "disposisi.dibuat"))


def disposisi_pertama(events: list[Kejadian]) -> bool:
    return any(not e.data.get("induk") for e in _of(events, "disposisi.dibuat"))


@dataclass(frozen=True)
class LangkahLatihan:
    teks: str
    cek: Cek


@dataclass(frozen=True)
class Latihan:
    nomor: int
    judul: str
    tingkat: str
    peran: str  # who practises it, as shown to the trainee
    panduan: str  # key of the guide that explains it
    langkah: tuple[LangkahLatihan, ...]

    @property
    def kunci(self) -> str:
        return f"latihan-{self.nomor}"

    @property
    def tingkat_label(self) -> str:
        return TINGKAT[self.tingkat]


S = LangkahLatihan

LATIHAN: tuple[Latihan, ...] = (
    Latihan(
        1,
        "Catat surat masuk dari kertas",
        "dasar",
        "Pencatat surat (TU)",
        "catat-surat-masuk",
        (
            S("Catat satu surat masuk dari kertas di buku agenda.", ada("surat.dicatat")),
            S("Catat satu surat lagi dari instansi pengirim yang lain.", asal_berbeda(2)),
        ),
    ),
    Latihan(
        2,
        "Tulis konsep Nota Dinas",
        "dasar",
        "Staf / Konseptor",
        "tulis-konsep",
        (
            S("Buat dan simpan konsep dengan jenis Nota Dinas.", ada("surat.dibuat", jenis="nota-dinas")),
            S("Ubah konsep Nota Dinas itu lalu simpan lagi.", pada_surat_jenis("surat.diubah", "nota-dinas")),
            S("Ajukan konsep Nota Dinas untuk diparaf.", pada_surat_jenis("surat.diajukan", "nota-dinas")),
        ),
    ),
    Latihan(
        3,
        "Paraf konsep",
        "lanjutan",
        "Pejabat pemeriksa (paraf)",
        "paraf-konsep",
        (S("Periksa satu konsep yang menunggu Anda dan setujui (paraf).", ada("surat.diparaf")),),
    ),
    Latihan(
        4,
        "Tandatangani surat",
        "lanjutan",
        "Pejabat penandatangan",
        "tandatangani",
        (S("Tandatangani satu surat dengan passphrase TTE Anda.", ada("surat.ditandatangani")),),
    ),
    Latihan(
        5,
        "Disposisikan surat masuk",
        "lanjutan",
        "Pejabat penerima surat",
        "disposisikan",
        (
            S("Buka dan baca satu surat masuk.", ada("surat.dibaca")),
            S("Disposisikan surat masuk kepada bawahan.", disposisi_pertama),
        ),
    ),
    Latihan(
        6,
        "Laporkan tindak lanjut disposisi",
        "lanjutan",
        "Staf penerima disposisi",
        "laporan-disposisi",
        (S("Kirim laporan tindak lanjut untuk satu disposisi.", ada("disposisi.laporan")),),
    ),
    Latihan(
        7,
        "Kembalikan konsep dengan catatan",
        "mahir",
        "Pejabat pemeriksa (paraf)",
        "kembalikan-konsep",
        (
            S("Kembalikan satu konsep kepada konseptor dengan catatan perbaikan.", ada("surat.dikembalikan")),
            S("Paraf konsep itu setelah diperbaiki.", sesudah("surat.dikembalikan", "surat.diparaf")),
        ),
    ),
    Latihan(
        8,
        "Perbaiki konsep dan ajukan ulang",
        "mahir",
        "Staf / Konseptor",
        "perbaiki-konsep",
        (
            S("Ajukan satu konsep Surat Dinas.", pada_surat_jenis("surat.diajukan", "surat-dinas")),
            S(
                "Setelah dikembalikan, perbaiki dan ajukan lagi konsep yang sama.",
                pada_surat_jenis("surat.diajukan", "surat-dinas", jumlah=2),
            ),
        ),
    ),
    Latihan(
        9,
        "Teruskan disposisi",
        "mahir",
        "Pejabat penerima disposisi",
        "pantau-disposisi",
        (S("Teruskan disposisi yang Anda terima kepada bawahan Anda.", diteruskan),),
    ),
)

# Every audit action a checker may read: the selector fetches only these.
AKSI_DIPERIKSA: tuple[str, ...] = (
    "surat.dicatat",
    "surat.dibuat",
    "surat.diubah",
    "surat.diajukan",
    "surat.diparaf",
    "surat.dikembalikan",
    "surat.ditandatangani",
    "surat.dibaca",
    "surat.ditindaklanjuti",
    "disposisi.dibuat",
    "disposisi.laporan",
)
