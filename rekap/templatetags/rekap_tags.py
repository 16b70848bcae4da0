"""Numbers as the Rekap writes them: '12.345', 'Rp180.000', '94,5%', '5,2 jam', '-' for no value."""

from __future__ import annotations

from django import template

from rekap.ringkasan import angka as _angka
from rekap.ringkasan import rupiah as _rupiah

register = template.Library()


@register.filter
def angka(n):
    return _angka(n)


@register.filter
def rupiah(n):
    return _rupiah(n or 0)


@register.filter
def persen(n):
    return "-" if n is None else f"{_angka(float(n))}%"


@register.filter
def jam(n):
    return "-" if n is None else f"{_angka(float(n))} jam"


@register.filter
def ambil(d, key):
    """d[key] in a template (the measures of a row by name)."""
    return d.get(key) if hasattr(d, "get") else None
