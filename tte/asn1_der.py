"""A fix for asn1crypto 1.5.1: it takes any header whose last byte is 0x80 for an indefinite length.

`dump()` re-encodes a value from scratch ("force") when its stored header ends in 0x80, meaning to
catch BER's indefinite length (length octet 0x80). A definite length ends in 0x80 too whenever the
length is 128, 384, 640... (0x81 0x80, 0x82 0x01 0x80). Forcing spreads to every child, and on a
structure pyHanko has just built it costs time exponential in its depth: one signature in a few dozen
(the signature and timestamp sizes vary) took 10-45 s of CPU instead of 0.7 s, and the signer's page
timed out. Upstream: wbond/asn1crypto#192 and #256, open.

`pasang()` (tte.apps) makes each dump() that would be forced only by a definite length recompute its
header instead, as for any other definite length. A real indefinite length is still re-encoded."""

from __future__ import annotations

import functools
from collections.abc import Callable

from asn1crypto import core

# The classes whose own dump() holds the check (asn1crypto/core.py); tests/tte/test_asn1_der.py fails
# when an upgrade changes that list.
KELAS = (core.Asn1Value, core.Choice, core.Primitive, core.Sequence, core.SequenceOf)


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
        return dump(self, force)

    dump_der.eoffice_asli = dump
    return dump_der


def pasang() -> None:
    """Idempotent: wraps each class's own dump() once."""
    for kelas in KELAS:
        dump = kelas.__dict__["dump"]
        if not hasattr(dump, "eoffice_asli"):
            kelas.dump = _tanpa_paksa_palsu(dump)
