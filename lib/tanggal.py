"""Dates as the template filter `date` prints them, for pages built in Python (the letter and disposition
lists): the filter, called per row, was a tenth of a list's time."""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3


@lru_cache(maxsize=8)
def _bulan(bahasa: str | None) -> tuple[list[str], list[str]]:
    """Month names as Django's date filter prints them in `bahasa` ("M" and "F")."""
    with translation.override(bahasa):
        return [""] + [str(MONTHS_3[m]).title() for m in range(1, 13)], [""] + [str(MONTHS[m]) for m in range(1, 13)]


def tanggal(nilai: datetime.date | datetime.datetime | None, jam: bool = False, panjang: bool = False) -> str:
    """`nilai` as the template filters `date:"j M Y"`, `"j M Y, H.i"` (jam) or `"j F Y"` (panjang) print
    it: a datetime in the current time zone; "" for None (tests/lib/test_tanggal.py compares them)."""
    if nilai is None:
        return ""
    if isinstance(nilai, datetime.datetime) and timezone.is_aware(nilai):
        nilai = timezone.localtime(nilai)
    singkat, lengkap = _bulan(translation.get_language())
    teks = f"{nilai.day} {(lengkap if panjang else singkat)[nilai.month]} {nilai.year:04d}"
    if jam:
        teks += f", {nilai.hour:02d}.{nilai.minute:02d}"
    return teks
