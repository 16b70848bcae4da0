"""Numbers as the Rekap writes them: '12.345', 'Rp180.000', '94,5%', '5,2 jam', '-' for no value; and Rekap
terlambat's two tables, written in Python."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lib.tanggal import tanggal
from lib.tautan import url_per_pk
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


@register.simple_tag
def baris_terlambat_opd(baris: list) -> SafeString:
    """The rows of Rekap terlambat's table per OPD (up to every OPD of the Pemda), written in Python: as a
    template loop with two filters per row they were ~1 ms of the page."""
    return mark_safe(
        "".join(
            f'<tr><th scope="row" class="fw-normal">{escape(b.nama)}</th>'
            f'<td class="text-end">{escape(_angka(b.terlambat))}</td>'
            f'<td class="text-end">{escape(_angka(b.belum_dibaca))}</td></tr>'
            for b in baris
        )
    )  # every value is escaped


@register.simple_tag
def butir_terlambat(halaman: Iterable[dict], daftar: str) -> SafeString:
    """The page of overdue dispositions or unread urgent letters (rekap.layanan.baris), written in Python
    (a {% url %} and a date filter per row); the link only where the viewer may open the letter."""
    baris = list(halaman)
    if not baris:
        return mark_safe('<tr><td colspan="5">Tidak ada. Semua tepat waktu.</td></tr>')
    url = url_per_pk("surat:detail")
    kolom_tanggal = "diterima" if daftar == "belum_dibaca" else "batas_waktu"
    rows = []
    for b in baris:
        hal = escape(b["hal"])
        if b["surat_id"]:
            hal = f'<a href="{url(b["surat_id"])}">{hal}</a>'
        rows.append(
            f"<tr><td>{hal}</td><td>{escape(b['jabatan'])}</td><td>{escape(b['opd'])}</td>"
            f"<td>{escape(tanggal(b[kolom_tanggal], panjang=True))}</td><td>{escape(b['urgensi'])}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # every value is escaped
