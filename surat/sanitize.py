"""Cleaning the body (isi) of a letter: only simple formatting survives (paragraphs, bold, italic,
underline, lists and plain tables). Scripts, event handlers, styles and links are removed.

A body can also be built to be expensive: a cell spanning 100,000 rows or tables nested 50 deep made
the PDF renderer take minutes and gigabytes. So spans are capped (MAKS_ROWSPAN, MAKS_COLSPAN), tables
and lists deeper than MAKS_BERSARANG are flattened to their text, and `masalah_isi` refuses bodies with
more than MAKS_SEL cells or MAKS_PANJANG characters (the renderer's own caps, surat.pdf, stay behind it)."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"}
# Table cells may span; nothing else keeps an attribute.
ALLOWED_ATTRIBUTES = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "title"}

MAKS_ROWSPAN = 20
MAKS_COLSPAN = 20
MAKS_BERSARANG = 3  # a table in a table in a table; a list in a list in a list
MAKS_SEL = 2000
MAKS_PANJANG = 300_000

_WADAH = {"table", "ul", "ol"}
_STRUKTUR = _WADAH | {"thead", "tbody", "tr", "th", "td", "li"}
_TAG_BERSIH = re.compile(r"<(/?)([a-z0-9]+)\b[^>]*>")
_SEL = re.compile(r"<t[dh][\s>]", re.IGNORECASE)


def _batasi_span(tag: str, attr: str, value: str) -> str | None:
    if attr not in ("rowspan", "colspan"):
        return value
    if not value.strip().isdigit():
        return None
    batas = MAKS_ROWSPAN if attr == "rowspan" else MAKS_COLSPAN
    return str(max(1, min(int(value), batas)))


def _ratakan_terlalu_dalam(value: str) -> str:
    """Drop the table/list tags nested deeper than MAKS_BERSARANG (their text stays, cells and items
    separated by a space). Works on nh3's output: well-formed, lower-case tags."""
    keluar: list[str] = []
    dalam = 0
    posisi = 0
    for m in _TAG_BERSIH.finditer(value):
        tutup, nama = m.group(1) == "/", m.group(2)
        if nama not in _STRUKTUR:
            continue
        rata = dalam > MAKS_BERSARANG or (dalam == MAKS_BERSARANG and nama in _WADAH and not tutup)
        if nama in _WADAH:
            dalam += -1 if tutup else 1
        if rata:
            keluar.append(value[posisi : m.start()])
            keluar.append(" " if tutup and nama in ("td", "th", "li", "tr") else "")
            posisi = m.end()
    keluar.append(value[posisi:])
    return "".join(keluar)


def clean_html(value: str) -> str:
    """Sanitized HTML for Surat.isi (safe to render with |safe), spans and nesting capped."""
    if not value:
        return ""
    bersih = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_batasi_span,
        link_rel=None,
    ).strip()
    return _ratakan_terlalu_dalam(bersih)


def masalah_isi(value: str) -> str:
    """Why a (cleaned) body is refused, in Indonesian; empty when it is acceptable."""
    if len(value) > MAKS_PANJANG:
        return f"Isi surat terlalu panjang (paling banyak {MAKS_PANJANG:,} karakter).".replace(",", ".")
    sel = len(_SEL.findall(value))
    if sel > MAKS_SEL:
        return (
            f"Tabel dalam isi surat terlalu besar ({sel:,} sel; paling banyak {MAKS_SEL:,} sel). ".replace(",", ".")
            + "Pindahkan tabel besar ke lampiran."
        )
    return ""


_BLOCK_END = re.compile(r"</(p|li|tr|h\d)>|<br\s*/?>", re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """Plain text of an isi (one line per paragraph, list item or table row), for diffs and search."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", value)
    text = _CELL_END.sub(" | ", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line.rstrip(" |") for line in lines if line.strip(" |"))
