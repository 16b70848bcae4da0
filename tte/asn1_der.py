"""A fix for asn1crypto 1.5.1: it takes any header whose last byte is 0x80 for an indefinite length.

`dump()` re-encodes a value from scratch ("force") when its stored header ends in 0x80, meaning to
catch BER's indefinite length (length octet 0x80). A definite length ends in 0x80 too whenever the
length is 128, 384, 640... (0x81 0x80, 0x82 0x01 0x80). Forcing spreads to every child, and on a
structure pyHanko has just built it costs time exponential in its depth: one signature in a few dozen
(the signature and timestamp sizes vary) took 10-45 s of CPU instead of 0.7 s, and the signer's page
timed out. Upstream: wbond/asn1crypto#192 and #256, open.

`pasang()` (tte.apps) makes each dump() that would be forced only by a definite length recompute its
header instead, as for any other definite length. A real indefinite length is still re-encoded.

A second cost of the same family: a SEQUENCE/SET built in Python (not read from DER) stays "mutated"
for good, and each read of its `contents` encodes all its children again; dump() reads `contents` two or
three times, and each child's dump() does the same, so one dump costs 2^depth encodings of the leaves
(the 264 bytes of a signature's signed attributes: 10-19 ms, every time they are dumped). While an
outermost dump() runs nothing changes the value, so `pasang()` also makes each constructed value encode
its children at most once per outermost dump (`_sekali`); the next dump() starts afresh, so a value
changed between two dumps is encoded anew."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

from asn1crypto import core

# The classes whose own dump() holds the check (asn1crypto/core.py); tests/tte/test_asn1_der.py fails
# when an upgrade changes that list.
KELAS = (core.Asn1Value, core.Choice, core.Primitive, core.Sequence, core.SequenceOf)
# The classes with their own _set_contents (encoding the children into `contents`).
KELAS_ISI = (core.Sequence, core.SequenceOf, core.Set, core.SetOf)

# The values whose contents were encoded during this thread's outermost dump() (by id, the value kept
# alive so that its id is not reused); None outside a dump.
_lokal = threading.local()


def panjang_tak_tentu(header: bytes) -> bool:
    """Whether the innermost of `header`'s (explicit tags' and the value's own) headers has BER's
    indefinite length. Anything unreadable counts as indefinite, as asn1crypto would treat it."""
    i, n, tak_tentu = 0, len(header), True
    while i < n:
        nomor = header[i] & 0x1F
        i += 1
        if nomor == 0x1F:  # high tag number: base-128 digits, the last without the high bit
            while i < n and header[i] & 0x80:
                i += 1
            i += 1
        if i >= n:
            return True
        oktet = header[i]
        i += 1
        tak_tentu = oktet == 0x80
        if oktet > 0x80:
            i += oktet & 0x7F
    return tak_tentu or i != n


def _tanpa_paksa_palsu(dump: Callable) -> Callable:
    @functools.wraps(dump)
    def dump_der(self, force: bool = False) -> bytes:
        header = self._header
        if not force and header and header[-1:] == b"\x80" and not panjang_tak_tentu(header):
            self._header = None  # recomputed from the contents by dump(), as for any other length
        if getattr(_lokal, "terisi", None) is not None:
            return dump(self, force)
        _lokal.terisi = {}
        try:
            return dump(self, force)
        finally:
            _lokal.terisi = None

    dump_der.eoffice_asli = dump
    return dump_der


def _sekali(set_contents: Callable) -> Callable:
    @functools.wraps(set_contents)
    def isi_sekali(self, force: bool = False) -> None:
        terisi = getattr(_lokal, "terisi", None)
        if terisi is not None and not force and id(self) in terisi:
            return  # encoded already in this dump: nothing has changed since
        set_contents(self, force)
        if terisi is not None:
            terisi[id(self)] = self

    isi_sekali.eoffice_asli = set_contents
    return isi_sekali


def pasang() -> None:
    """Idempotent: wraps each class's own dump() and _set_contents() once."""
    for kelas in KELAS:
        dump = kelas.__dict__["dump"]
        if not hasattr(dump, "eoffice_asli"):
            kelas.dump = _tanpa_paksa_palsu(dump)
    for kelas in KELAS_ISI:
        set_contents = kelas.__dict__["_set_contents"]
        if not hasattr(set_contents, "eoffice_asli"):
            kelas._set_contents = _sekali(set_contents)
