"""A process's own short memory in front of the shared cache, for the few values every page reads and
that change a few times a year (the Pemda in the header, the filter forms' kinds and OPDs).

Each was a Redis round trip and an unpickle on every page (three on a list page, ~0.1 ms each). Kept
here for LOKAL_DETIK seconds, a change made in another process shows at most that much later, on top
of the shared cache's own lifetime; the process that made it forgets at once (`lupakan`). Values are
shared between requests and threads: only what nobody changes in place belongs here."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

LOKAL_DETIK = 30.0
_simpan: dict[str, tuple[float, Any]] = {}


def ingat(kunci: str, baca: Callable[[], T], detik: float = LOKAL_DETIK) -> T:
    """The value kept under `kunci`, or `baca()` kept for `detik` seconds."""
    sekarang = time.time()  # the clock the shared cache expires by (and tests travel with)
    ada = _simpan.get(kunci)
    if ada is not None and ada[0] > sekarang:
        return ada[1]
    nilai = baca()
    _simpan[kunci] = (sekarang + detik, nilai)
    return nilai


def lupakan(kunci: str | None = None) -> None:
    """Forget one value, or all (the tests, between databases)."""
    if kunci is None:
        _simpan.clear()
    else:
        _simpan.pop(kunci, None)
