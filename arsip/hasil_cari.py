"""The hits of a search (templates/arsip/cari.html), built in Python: per hit the hal with the words marked
as the link (or that its content is for its addressees only), number, date, kind, sender and security, and
the snippet with where it comes from. As a template with a {% url %} and a dozen lookups per hit they
were a third of the search page's time. Every value is escaped here; `judul` and `cuplikan` come escaped
with their <mark>s from arsip.cuplikan."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from arsip.pencarian import Hasil
from lib.tanggal import tanggal
from lib.tautan import url_per_pk


def _satu(h: Hasil, url: str) -> str:
    s = h.surat
    if h.boleh_isi:
        judul = h.judul
    else:
        judul = (
            f'<span class="badge text-bg-danger">{escape(s.get_keamanan_display())}</span>'
            " Isi surat ini hanya untuk penerimanya"
        )
    keterangan = [escape(s.nomor or s.nomor_asal or "(belum bernomor)")]
    if s.tanggal:
        keterangan.append(f"· {tanggal(s.tanggal, panjang=True)}")
    keterangan.append(f"· {escape(s.jenis.nama)}")
    keterangan.append(f"· {escape(s.asal_instansi or s.opd.nama)}")
    if s.keamanan != "biasa" and h.boleh_isi:
        keterangan.append(f'· <span class="badge text-bg-warning">{escape(s.get_keamanan_display())}</span>')
    html = (
        f'<li class="eo-kartu mb-2">\n<a class="fs-5 fw-semibold" href="{url}">\n{judul}\n</a>\n'
        f'<div class="text-body-secondary">\n{" ".join(keterangan)}\n</div>'
    )
    if h.cuplikan:
        sumber = '<span class="badge text-bg-secondary">Lampiran/pindaian</span> ' if h.sumber == "lampiran" else ""
        html += f'\n<p class="mb-0 mt-1">{sumber}{h.cuplikan}</p>'
    return html + "\n</li>"


def daftar(hasil: Iterable[Hasil]) -> SafeString:
    """The ordered list of one page of hits."""
    url = url_per_pk("surat:detail")
    isi = "\n".join(_satu(h, url(h.surat.pk)) for h in hasil)
    return mark_safe(f'<ol class="list-unstyled">\n{isi}\n</ol>')  # every value above is escaped
