"""Template tags of the archive pages: the search's hits (arsip/hasil_cari.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from arsip import hasil_cari
from arsip.pencarian import Hasil

register = template.Library()


@register.simple_tag
def daftar_hasil_cari(hasil: list[Hasil]) -> SafeString:
    """One page of a search's hits."""
    return hasil_cari.daftar(hasil)
