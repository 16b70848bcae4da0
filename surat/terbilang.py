"""Numbers and dates as Indonesian letters write them: "1 (satu) berkas", "Senin, 30 November 2026"."""

from __future__ import annotations

import datetime

from django.utils import timezone

_SATUAN = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]
_BESAR = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"), (100, "ratus")]

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def terbilang(n: int) -> str:
    """12 -> 'dua belas', 1100 -> 'seribu seratus', 0 -> 'nol'."""
    if n < 0:
        return f"minus {terbilang(-n)}"
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    for nilai, nama in _BESAR:
        if n >= nilai:
            depan, sisa = divmod(n, nilai)
            # "seratus", "seribu" -- but "satu juta", "satu miliar".
            kepala = f"se{nama}" if depan == 1 and nilai in (100, 1000) else f"{terbilang(depan)} {nama}"
            return kepala + (f" {terbilang(sisa)}" if sisa else "")
    raise AssertionError(n)  # unreachable: every n >= 100 matches a row


def jumlah(n: int, satuan: str = "berkas") -> str:
    """'1 (satu) berkas'; '-' for none, as the Lampiran line writes it."""
    if not n:
        return "-"
    return f"{n} ({terbilang(n)}) {satuan}"


def tanggal(d: datetime.date | None) -> str:
    """'28 November 2026'."""
    if d is None:
        return ""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def hari_tanggal(d: datetime.date | None) -> str:
    """'Senin, 30 November 2026'."""
    if d is None:
        return ""
    return f"{HARI[d.weekday()]}, {tanggal(d)}"


def waktu_tampil(t: datetime.datetime | None, zona: datetime.tzinfo | None = None) -> str:
    """'6 Desember 2026, 09.30' in the local time zone: the `date:"j F Y, H.i"` of the pages, for a page
    that prints many of them (the filter costs tens of microseconds each). `zona`: the current time zone,
    when the caller prints many (looking it up is most of the cost)."""
    if t is None:
        return ""
    t = t.astimezone(zona) if zona is not None else timezone.localtime(t)
    return f"{tanggal(t)}, {t:%H.%M}"


def waktu(t: datetime.datetime | datetime.time | None, zona: str = "WIB") -> str:
    """'09.00 WIB'."""
    if t is None:
        return ""
    return f"{t:%H.%M} {zona}".strip()
