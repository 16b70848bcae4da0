"""Median and p90 of durations, computed by the database.

PostgreSQL has ordered-set aggregates (`percentile_cont(0.9) WITHIN GROUP (ORDER BY ...)`): the
database sorts the durations and returns one value per group, so no row crosses the wire. SQLite (the
demo and the quick test run) has none; there `durasi_per_grup` reads the grouped durations and
interpolates the same way percentile_cont does. Production and the benchmark run on PostgreSQL."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from typing import Any

from django.db import connections
from django.db.models import Aggregate, Count, DurationField, Expression, QuerySet


class Percentile(Aggregate):
    """percentile_cont(fraction) WITHIN GROUP (ORDER BY expression): PostgreSQL only."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def kuantil(sorted_values: list[datetime.timedelta], fraction: float) -> datetime.timedelta | None:
    """percentile_cont on a sorted list: linear interpolation between the two nearest ranks."""
    if not sorted_values:
        return None
    pos = fraction * (len(sorted_values) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def durasi_per_grup(qs: QuerySet, durasi: Expression, grup: str | None) -> dict[Any, dict[str, Any]]:
    """{group value: {"n", "p50", "p90"}} of the duration expression over `qs`, grouped by the field
    `grup` (None: one group, key None). One query."""
    qs = qs.annotate(_durasi=durasi).filter(_durasi__isnull=False)
    keys = [grup] if grup else []
    if connections[qs.db].vendor == "postgresql":
        ukuran = {"n": Count("pk"), "p50": Percentile("_durasi", 0.5), "p90": Percentile("_durasi", 0.9)}
        if grup is None:
            row = qs.order_by().aggregate(**ukuran)
            return {None: row} if row["n"] else {}
        rows = qs.values(grup).annotate(**ukuran).order_by()
        return {r[grup]: {"n": r["n"], "p50": r["p50"], "p90": r["p90"]} for r in rows}
    found: dict[Any, list[datetime.timedelta]] = defaultdict(list)
    for row in qs.values_list(*keys, "_durasi").order_by():
        found[row[0] if grup else None].append(row[-1])
    hasil = {}
    for key, values in found.items():
        values.sort()
        hasil[key] = {"n": len(values), "p50": kuantil(values, 0.5), "p90": kuantil(values, 0.9)}
    return hasil
