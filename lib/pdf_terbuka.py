"""How big a PDF becomes once its streams are unpacked, counted without unpacking it into memory.

A PDF of half a megabyte can hold a stream that inflates to gigabytes (a decompression bomb); every
parser that reads it (pdfminer, pyHanko, OCR) then needs that much memory. Callers refuse a file whose
`ukuran_terbuka` is over their cap before any parser sees it."""

from __future__ import annotations

import zlib

import pikepdf

POTONGAN = 1 << 20  # inflate a megabyte at a time and throw it away


def ukuran_terbuka(pdf: pikepdf.Pdf, batas: int) -> int | None:
    """Bytes of all streams of `pdf` once unpacked, counted up to `batas`: None when over it. Flate (by
    far the usual filter, and the one bombs use) is inflated in pieces; other filters count as stored."""
    total = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        raw = obj.read_raw_bytes()
        saring = obj.get("/Filter")
        pertama = saring[0] if isinstance(saring, pikepdf.Array) and len(saring) else saring
        if pertama == pikepdf.Name.FlateDecode:
            inflate, sisa = zlib.decompressobj(), raw
            try:
                while sisa and total <= batas:
                    total += len(inflate.decompress(sisa, POTONGAN))
                    sisa = inflate.unconsumed_tail
            except zlib.error:
                total += len(raw)
        else:
            total += len(raw)
        if total > batas:
            return None
    return total
