"""Template tags of the letter lists (the Beranda's tasks, every list's table: surat/tabel.py) and of the
letter page's history (surat/riwayat_html.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe

from lib.paging import Halaman
from surat import riwayat_html, tabel
from surat.models import Surat, SuratLog

register = template.Library()


@register.simple_tag
def lencana_sifat(surat: Surat) -> SafeString:
    """The derajat kecepatan and klasifikasi keamanan badges of `surat`; nothing for an ordinary letter."""
    return mark_safe(tabel.lencana_sifat(surat))  # built from escaped values


@register.simple_tag
def tabel_daftar(halaman: Halaman, kolom: Iterable[str], judul: str) -> SafeString:
    """The table of one page of a letter list, with the columns `kolom` names."""
    return tabel.tabel(halaman.baris, kolom, judul, halaman.nomor)


@register.simple_tag
def riwayat(log: list[SuratLog]) -> SafeString:
    """The rows of a letter's history (surat/riwayat_html.py)."""
    return riwayat_html.riwayat_html(log)
