"""A faster reader for pyHanko's PDF hex strings (pyhanko.pdf_utils.generic.read_hex_string_from_stream).

pyHanko reads a hex string one byte at a time in Python. A signature's /Contents is one: the reserved
room for the CMS (tte.pades.BYTES_RESERVED, 32,768 hex digits), read back several times while a letter
is signed (pyHanko's B-LTA steps read the signature to add its validation data, and tte.pades reads the
result's timestamp): ~28 ms of a signing's CPU. This reads up to the closing ">" in blocks, drops PDF
whitespace and decodes with binascii. Anything else (a comment, a byte that is not a hex digit, the end of
the stream) goes back to pyHanko's own reader from the start, so its results and errors are unchanged.
"""

from __future__ import annotations

import binascii
import functools
import os
import re
from collections.abc import Callable

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PDF_WHITESPACE

_HEKS = re.compile(rb"[0-9A-Fa-f]*")
_BLOK = 8192


def _cepat(asli: Callable) -> Callable:
    @functools.wraps(asli)
    def baca_heks(stream):
        awal = stream.tell()
        stream.read(1)  # "<"
        potongan = []
        while blok := stream.read(_BLOK):
            akhir = blok.find(b">")
            if akhir < 0:
                potongan.append(blok)
                continue
            potongan.append(blok[:akhir])
            heks = b"".join(potongan).translate(None, PDF_WHITESPACE)
            if _HEKS.fullmatch(heks):
                stream.seek(akhir + 1 - len(blok), os.SEEK_CUR)
                return generic.pdf_string(binascii.unhexlify(heks + b"0" * (len(heks) % 2)))
            break
        stream.seek(awal)
        return asli(stream)

    baca_heks.eoffice_asli = asli
    return baca_heks


def pasang() -> None:
    """Idempotent: replaces pyHanko's reader once (read_object looks it up in the module on each call)."""
    if not hasattr(generic.read_hex_string_from_stream, "eoffice_asli"):
        generic.read_hex_string_from_stream = _cepat(generic.read_hex_string_from_stream)
