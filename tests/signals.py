"""Listening to a signal in a test.

`with received(signal) as seen:` records the keyword arguments of every send (without Django's
`sender` and `signal`) until the block ends; `failing=True` first connects a receiver that raises
"penerima rusak", to show that a failing receiver is logged and breaks nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.dispatch import Signal


@contextmanager
def received(signal: Signal, *, failing: bool = False) -> Iterator[list[dict]]:
    seen: list[dict] = []

    def broken(**kwargs: object) -> None:
        raise RuntimeError("penerima rusak")

    def record(sender: object, signal: Signal, **ids: object) -> None:
        seen.append(ids)

    if failing:
        signal.connect(broken)
    signal.connect(record)
    try:
        yield seen
    finally:
        signal.disconnect(record)
        signal.disconnect(broken)
