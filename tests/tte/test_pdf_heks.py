"""tte.pdf_heks: pyHanko's hex strings read in blocks give what pyHanko's own reader gives, errors included."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfStreamError

from tte import pdf_heks

ASLI = generic.read_hex_string_from_stream.eoffice_asli


def _baca(fungsi, data: bytes):
    """The value read from `data` and where the stream stands after it (or the error)."""
    stream = BytesIO(data)
    try:
        nilai = fungsi(stream)
    except PdfStreamError as exc:
        return ("galat", str(exc))
    return (type(nilai), bytes(nilai) if isinstance(nilai, generic.ByteStringObject) else str(nilai), stream.tell())


@pytest.mark.parametrize(
    "data",
    [
        b"<48656C6C6F> sisa",
        b"<48 65\n6c\r\n6C\t6f\x00\x0c> /Berikut",
        b"<486>",  # odd: the last digit is padded with 0
        b"<>",
        b"<" + b"00" * 20000 + b"3082>" + b" 0 obj",  # a signature's reserved room, past one block
        b"<" + b"ab" * 4096 + b">",  # the closing bracket exactly at a block's end
        b"<FEFF00410042>",  # UTF-16 text
        b"<4865 % a comment\n6c6c>",  # a comment: pyHanko's reader skips it
        b"<48zz>",  # not hex
        b"<4865",  # ends before ">"
    ],
)
def test_same_value_position_and_errors_as_pyhanko(data):
    assert _baca(generic.read_hex_string_from_stream, data) == _baca(ASLI, data)


def test_installed_once_where_pyhankos_object_reader_looks_it_up(monkeypatch):
    pdf_heks.pasang()
    assert generic.read_hex_string_from_stream.eoffice_asli is ASLI
    dipanggil = []
    pasangan = generic.read_hex_string_from_stream
    monkeypatch.setattr(generic, "read_hex_string_from_stream", lambda s: dipanggil.append(1) or pasangan(s))
    assert str(generic.read_object(BytesIO(b"<" + b"41" * 5000 + b">"), None)) == "A" * 5000
    assert dipanggil == [1]
