"""The period picker of the Rekap pages: this week, month, quarter, year, last week (the digest's), or a
custom range of at most a year. Periods are whole days in Asia/Jakarta; `batas` turns them into the
half-open [awal, akhir) datetimes the queries filter on, so an index range scan answers them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from surat.terbilang import tanggal as tanggal_id

PILIHAN = (
    ("minggu", "Minggu ini"),
    ("minggu_lalu", "Minggu lalu"),
    ("bulan", "Bulan ini"),
    ("triwulan", "Triwulan ini"),
    ("tahun", "Tahun ini"),
    ("khusus", "Rentang tanggal"),
)
MAKS_HARI = 366
BULAN_SINGKAT = "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split()


def label_bulan(d: datetime.date) -> str:
    """'Nov 2026': a month on a chart axis or a table row."""
    return f"{BULAN_SINGKAT[d.month - 1]} {d.year}"


class PeriodeTidakSah(ValueError):
    """A custom range that cannot be shown; the message is for the user."""


@dataclass(frozen=True)
class Periode:
    jenis: str
    dari: datetime.date
    sampai: datetime.date  # inclusive

    @property
    def label(self) -> str:
        if self.dari == self.sampai:
            return tanggal_id(self.dari)
        return f"{tanggal_id(self.dari)} – {tanggal_id(self.sampai)}"

    @property
    def batas(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[awal, akhir) as aware datetimes at local midnight."""
        tz = timezone.get_current_timezone()
        awal = datetime.datetime.combine(self.dari, datetime.time.min, tzinfo=tz)
        akhir = datetime.datetime.combine(self.sampai + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return awal, akhir

    @property
    def bulan(self) -> list[datetime.date]:
        """The first day of every month the period touches (the month-by-month series)."""
        found, d = [], self.dari.replace(day=1)
        while d <= self.sampai:
            found.append(d)
            d = (d + datetime.timedelta(days=32)).replace(day=1)
        return found


def hitung(jenis: str, hari_ini: datetime.date | None = None) -> Periode:
    """The named period containing `hari_ini` (default today)."""
    today = hari_ini or timezone.localdate()
    if jenis == "minggu":
        senin = today - datetime.timedelta(days=today.weekday())
        return Periode(jenis, senin, today)
    if jenis == "minggu_lalu":
        senin = today - datetime.timedelta(days=today.weekday() + 7)
        return Periode(jenis, senin, senin + datetime.timedelta(days=6))
    if jenis == "triwulan":
        awal = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return Periode(jenis, awal, today)
    if jenis == "tahun":
        return Periode(jenis, today.replace(month=1, day=1), today)
    return Periode("bulan", today.replace(day=1), today)


def khusus(dari: datetime.date, sampai: datetime.date) -> Periode:
    if sampai < dari:
        raise PeriodeTidakSah("Tanggal akhir tidak boleh sebelum tanggal awal.")
    if (sampai - dari).days >= MAKS_HARI:
        raise PeriodeTidakSah("Rentang paling lama satu tahun.")
    return Periode("khusus", dari, sampai)


def bulan_penuh(bulan: datetime.date) -> Periode:
    """The whole calendar month of `bulan` (the monthly report)."""
    awal = bulan.replace(day=1)
    akhir = (awal + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return Periode("bulan", awal, akhir)
