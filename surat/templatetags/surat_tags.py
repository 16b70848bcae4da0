"""Template tags of the letter lists (the Beranda's tasks, every list's table): see surat/tabel.py."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe

from lib.paging import Halaman
from surat import tabel
from surat.models import Surat

register = template.Library()


@register.simple_tag
def lencana_sifat(surat: Surat) -> SafeString:
    """The derajat kecepatan and klasifikasi keamanan badges of `surat`; nothing for an ordinary letter."""
    return mark_safe(tabel.lencana_sifat(surat))  # built from escaped values


@register.simple_tag
def tabel_daftar(halaman: Halaman, kolom: Iterable[str], judul: str) -> SafeString:
    """The table of one page of a letter list, with the columns `kolom` names."""
    return tabel.tabel(halaman.baris, kolom, judul, halaman.nomor)
