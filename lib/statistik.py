"""Median and p90 from a histogram of durations.

The Rekap keeps durations as classes (rekap.fakta): per class, how many durations fell there and the
sum of their seconds. `kuantil` interpolates as PostgreSQL's percentile_cont does between sorted
values, taking each class's mean for every duration in it: exact when a class holds equal durations,
within the class's width otherwise."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable


def kuantil(kelas: Iterable[tuple[int, int, int]], fraction: float) -> datetime.timedelta | None:
    """percentile_cont(fraction) of durations given as (class, count, sum of seconds) rows."""
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    rows = sorted((k, n, detik) for k, n, detik in kelas if n > 0)
    total = sum(n for _, n, _ in rows)
    if not total:
        return None
    pos = fraction * (total - 1)
    lo, hi = math.floor(pos), math.ceil(pos)

    def nilai(rank: int) -> float:
        seen = 0
        for _, n, detik in rows:
            seen += n
            if rank < seen:
                return detik / n
        raise AssertionError("rank beyond the histogram")

    a, b = nilai(lo), nilai(hi)
    return datetime.timedelta(seconds=a + (b - a) * (pos - lo))
