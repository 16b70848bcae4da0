"""Moments for tests that travel in time, always relative to the real clock, never a calendar date: a
test must pass next month and two years from now (CI runs the time-sensitive folders with
--jam-maju=730, see tests/conftest.py). Compute them inside the test (or a fixture), not at import:
collection happens before the session's clock is moved."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
BULAN = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()


def senin_depan(jam: int = 8) -> datetime.datetime:
    """Monday of next week at `jam`.00 WIB (a working day at least one day ahead)."""
    hari_ini = timezone.localdate()
    senin = hari_ini + datetime.timedelta(days=7 - hari_ini.weekday())
    return datetime.datetime.combine(senin, datetime.time(jam), tzinfo=WIB)


def pada(tanggal: datetime.date, jam: int = 9, menit: int = 0) -> datetime.datetime:
    """`tanggal` at jam.menit WIB."""
    return datetime.datetime.combine(tanggal, datetime.time(jam, menit), tzinfo=WIB)


def tanggal_id(tanggal: datetime.date) -> str:
    """ "26 November 2026": written here, not taken from the app, so the test checks the app's format."""
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def jam_nyata_tertinggal() -> datetime.timedelta:
    """How far the test clock runs ahead of the machine's (--jam-maju): tools run as subprocesses
    (openssl, pdfsig, pyhanko's command line) live on the machine's clock and must be told the time,
    or, where they cannot be, not asked to judge certificates made in the test clock's future."""
    import subprocess

    nyata = int(subprocess.run(["date", "+%s"], capture_output=True, text=True, check=True).stdout)
    return timezone.now() - datetime.datetime.fromtimestamp(nyata, datetime.UTC)
