"""Query planning for the lists' page reads on PostgreSQL.

A page of a list is read along one index of its main table (the keyset or the filter's index, LIMIT a
page), and `select_related` adds five to seven LEFT JOINs for what each row shows (jenis, OPD,
klasifikasi, the posts). PostgreSQL then searches every order of those joins, and with memoize paths
that search dominates: measured on the list pages, planning took 2–29 ms where running the plan took
0.1–0.6 ms. Joining in the order the query is written (main table first, then each lookup by its
primary key) is the plan it picks anyway for these reads, and is planned in under a millisecond.

`urutan_tertulis()` sets `join_collapse_limit = 1` for the queries run inside it, with SET LOCAL in its
own transaction, so the setting never outlives the block, on error either (inside an outer transaction:
a savepoint, whose rollback undoes it, and the default set back when the block ends normally). Only for reads driven by the main table's own index; a query whose best start is a joined table
(a filter on another table's column that selects few rows) must not run inside it. SQLite: no effect.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def urutan_tertulis() -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    dalam_transaksi = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL join_collapse_limit = 1")
        yield
        if dalam_transaksi:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL join_collapse_limit TO DEFAULT")
