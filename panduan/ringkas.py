"""The "Lembar ringkas" of a role: its guides' steps on one A4 page, to print and keep beside the keyboard.

The same content (templates/panduan/_ringkas_isi.html) is a page of the app, printable from the browser,
and a PDF rendered with WeasyPrint through surat.pdf's capped renderer. One page is the promise: a sheet
that grows past it fails to render here (and fails tests/panduan/test_ringkas.py), not on a training day.
"""

from __future__ import annotations

import functools

from django.template.loader import render_to_string

from panduan.guides import PERAN_BY_KUNCI
from surat.pdf import html_to_pdf


# The guides change only with a deploy, and the page is open without signing in: render each sheet once.
@functools.lru_cache(maxsize=32)
def render_pdf(kunci: str, *, alamat_panduan: str) -> bytes:
    """Role `kunci`'s sheet as a one-page A4 PDF; `alamat_panduan` is the full guide's address printed on it."""
    context = {"peran": PERAN_BY_KUNCI[kunci], "alamat_panduan": alamat_panduan}
    return html_to_pdf(render_to_string("panduan/ringkas_pdf.html", context), maks_halaman=1)
