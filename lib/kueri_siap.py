"""Reads that Django builds and compiles once per shape, then runs with each call's values.

Django has no compiled-query cache: a queryset is built (filters, Q objects and subqueries resolved) and
compiled to SQL on every evaluation. For the letter page's own read (visibility and four EXISTS) that is
several milliseconds of Python, more than PostgreSQL takes to answer. `Siap(bangun)` calls the builder
once per *shape* with stand-in values, compiles it, and records where each stand-in landed among the SQL's
parameters. Later calls put their own values in those places and run the stored SQL. The rows become
instances through the queryset's own iterable class (model instances with their select_related objects
and annotations, or values_list rows), exactly as the ORM makes them.

The contract, enforced when a shape is prepared (ValueError, never stale SQL):

- The builder is a pure function of its keyword arguments: every value that may differ between calls is
  an argument. An int, a str, a date or an aware datetime argument is a value. A list, tuple or frozenset
  argument is one value per element, and its length is part of the shape. A bool or None argument, or
  any value wrapped in `Tetap` (a slice's bound), is part of the shape itself: the builder may branch on
  it, and it gets the value unwrapped.
- Every stand-in must reach the parameters unchanged (a date or datetime may reach them in the form the
  backend adapts it to, SQLite's string; the call's value is adapted the same way). A value that a lookup
  transforms (`__contains` wraps it in %…%) cannot be replaced, so it is refused. Slices are literal in
  the SQL: pass their bounds as `Tetap`.
- A second build with other stand-ins must give the same SQL, and the same parameters apart from the
  stand-ins. This catches a value the builder read from the clock. A date the builder computes itself
  (today) is not caught: pass it as an argument, or keep such reads out of a Siap.

Each shape stays prepared for the life of the process, so a caller must make few shapes (an actor's
number of posts, a page's number of rows; never a user's free input as a `Tetap`).
No prefetch_related (the ORM runs it after the rows; here there is no queryset to run it on).

`Siap(bangun, di_server=True)`: on PostgreSQL with connections kept open (CONN_MAX_AGE not 0), the shape
is also PREPAREd on the server once per connection and each call runs EXECUTE, so PostgreSQL stops
planning it again (for the letter page's reads by one letter, planning was most of their time). Only for
reads whose best plan does not depend on the values: after five runs PostgreSQL may keep one plan for
all of them. A deployment behind a pooler must pool by session (PgBouncer's transaction mode would hand
the statement to another session); a live process keeps its statements across a migration, so restart
the app after one that changes a column these reads select.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

# Stand-ins: negative numbers in the 32-bit range (Django refuses values an integer column cannot hold
# before they reach the SQL), and strings no user types. Two sets, for the second build's check.
_ANGKA = (-2_000_000_000, -1_900_000_000)
_TEKS = ("\x1esiap-a-{}\x1e", "\x1esiap-b-{}\x1e")
_URUTAN = (list, tuple, frozenset, set)
_NILAI = (int, str, datetime.date)  # datetime.datetime is a date


def _jenis(v: Any, nama: str) -> str:
    """The kind of a value argument, part of the shape (an int and a str compile differently)."""
    if isinstance(v, datetime.datetime) and v.tzinfo is None:
        raise TypeError(f"Siap: argumen {nama} adalah datetime tanpa zona waktu")
    if isinstance(v, bool) or not isinstance(v, _NILAI):
        raise TypeError(f"Siap: argumen {nama} bertipe {type(v).__name__} tidak didukung")
    return type(v).__name__


class Tetap:
    """An argument that is part of the shape (each value compiles its own SQL), e.g. a LIMIT."""

    __slots__ = ("nilai",)

    def __init__(self, nilai: Any) -> None:
        self.nilai = nilai


def bentuk(nilai: dict[str, Any]) -> tuple:
    """The shape of a call: per argument its kind, a sequence's length, a bool/None's value."""
    bagian = []
    for nama in sorted(nilai):
        v = nilai[nama]
        if v is None or isinstance(v, bool):
            bagian.append((nama, "tetap", v))
        elif isinstance(v, Tetap):
            bagian.append((nama, "tetap", v.nilai))
        elif isinstance(v, _URUTAN):
            bagian.append((nama, "urutan", tuple(_jenis(x, nama) for x in _urut(v))))
        else:
            bagian.append((nama, _jenis(v, nama)))
    return tuple(bagian)


def _urut(v: Sequence | frozenset | set) -> list:
    """A sequence's elements in a fixed order (sets sorted), the order their stand-ins were given in."""
    return sorted(v) if isinstance(v, (frozenset, set)) else list(v)


def _adaptasi() -> dict[str, Callable[[Any], Any]]:
    """How this database's backend turns a date or a datetime into a parameter (SQLite: a string)."""
    ops = connections["default"].ops
    return {"date": ops.adapt_datefield_value, "datetime": ops.adapt_datetimefield_value}


def _pengganti(nilai: dict[str, Any], set_ke: int) -> tuple[dict[str, Any], dict[Any, tuple]]:
    """Stand-in arguments of the same shape, and what each stand-in stands for: (name, index or None,
    the backend's adaptation it reached the parameters through, or None). A date or datetime stand-in is
    known in both forms, as it is and as the backend adapts it."""
    nomor = itertools.count()
    ganti, arti = {}, {}
    adaptasi = _adaptasi()

    def satu(x: Any, nama: str, i: int | None) -> Any:
        k = next(nomor)
        if isinstance(x, datetime.datetime):
            s = datetime.datetime(1001 + 2 * k + set_ke, 1, 1, tzinfo=datetime.UTC)
            ubah = "datetime"
        elif isinstance(x, datetime.date):
            s = datetime.date(1001 + 2 * k + set_ke, 1, 1)
            ubah = "date"
        else:
            s = _ANGKA[set_ke] + k if isinstance(x, int) else _TEKS[set_ke].format(k)
            ubah = None
        arti[(type(s), s)] = (nama, i, None)
        if ubah is not None:
            bentuk_db = adaptasi[ubah](s)
            if (type(bentuk_db), bentuk_db) != (type(s), s):
                arti[(type(bentuk_db), bentuk_db)] = (nama, i, ubah)
        return s

    for nama, v in nilai.items():
        if v is None or isinstance(v, bool):
            ganti[nama] = v
        elif isinstance(v, Tetap):
            ganti[nama] = v.nilai
        elif isinstance(v, _URUTAN):
            ganti[nama] = tuple(satu(x, nama, i) for i, x in enumerate(_urut(v)))
        else:
            ganti[nama] = satu(v, nama, None)
    return ganti, arti


class _Disusun:
    """One prepared shape: the compiler of the first build (it carries the column map the iterables
    read), its SQL, the parameters, and which of them take a call's value."""

    def __init__(self, qs: QuerySet, compiler: Any, sql: str | None, params: tuple, tempat: list[tuple]) -> None:
        self.qs = qs
        self.compiler = compiler
        self.sql = sql  # None: the shape matches nothing (an empty IN list)
        self.params = params
        self.tempat = tempat
        self.nama = f"eo_siap_{next(_NOMOR)}"  # its name as a statement prepared on the server


_NOMOR = itertools.count(1)
# The statements prepared on each open PostgreSQL connection (by the driver's connection object).
_DI_SERVER: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


def di_server(koneksi: Any, nama: str, sql: str, jumlah_param: int) -> str | None:
    """`EXECUTE` of `sql` as the statement `nama` on this connection, PREPAREd there first if it is not
    yet; None where statements are not kept (not PostgreSQL, or CONN_MAX_AGE 0: every request would pay
    the PREPARE), and the SQL then runs as it is. `nama` must be unique in the process.

    PostgreSQL plans a statement again on every run; for the letter page's reads by one letter that was
    0.3-0.9 ms each against 0.1-0.3 ms of running them. A statement prepared once per connection is
    planned for its first five runs and then, when its plan does not depend on the values (a read by a
    letter's id does not), never again. A PREPARE outlives a rolled-back transaction; a new connection
    prepares again."""
    if koneksi.vendor != "postgresql" or koneksi.settings_dict["CONN_MAX_AGE"] == 0:
        return None
    koneksi.ensure_connection()
    siap = _DI_SERVER.setdefault(koneksi.connection, set())
    if nama not in siap:
        nomor = itertools.count(1)
        dolar = re.sub(r"%%|%s", lambda m: "%" if m.group() == "%%" else f"${next(nomor)}", sql)
        # On the driver's own cursor: set-up once per connection, not a query of the request (the query
        # counts of pages and tests stay what the page asks).
        with koneksi.connection.cursor() as cursor:
            cursor.execute(f"PREPARE {nama} AS {dolar}")
        siap.add(nama)
    return f"EXECUTE {nama}({', '.join(['%s'] * jumlah_param)})" if jumlah_param else f"EXECUTE {nama}"


def _isi(jadi: _Disusun, nilai: dict[str, Any]) -> list:
    """The prepared parameters with this call's values in the stand-ins' places."""
    params = list(jadi.params)
    adaptasi = _adaptasi() if any(ubah for *_, ubah in jadi.tempat) else {}
    for posisi, nama, i, ubah in jadi.tempat:
        v = nilai[nama]
        v = v if i is None else _urut(v)[i]
        params[posisi] = adaptasi[ubah](v) if ubah else v
    return params


class _KueriJadi:
    """Stands for the built Query where the iterable asks for a compiler: gives the prepared one."""

    def __init__(self, query: Any, compiler: Any) -> None:
        self._query = query
        self._compiler = compiler

    def get_compiler(self, using: str | None = None, connection: Any = None, elide_empty: bool = True) -> Any:
        return self._compiler

    def __getattr__(self, nama: str) -> Any:
        return getattr(self._query, nama)


class _QuerySetJadi:
    """What a queryset's iterable class reads from its queryset, for one run of a prepared shape."""

    def __init__(self, qs: QuerySet, query: _KueriJadi) -> None:
        self.db = qs.db
        self.model = qs.model
        self.query = query
        self._fields = qs._fields
        self._known_related_objects = qs._known_related_objects


class Siap:
    """A read built by `bangun(**nilai) -> QuerySet`, compiled once per shape. Calling it returns the
    rows as a list, as `list(bangun(**nilai))` would."""

    def __init__(self, bangun: Callable[..., QuerySet], *, di_server: bool = False) -> None:
        self._bangun = bangun
        self._siap: dict[tuple, _Disusun] = {}
        # Also prepared on the PostgreSQL server (`di_server`): for reads whose plan does not depend on
        # the values (by a letter's id), never for one whose best plan does (a post with 36,000 letters).
        self._di_server = di_server

    def __call__(self, **nilai: Any) -> list:
        jadi = self._disusun(nilai)
        if jadi.sql is None:
            return []
        params = _isi(jadi, nilai)
        qs = jadi.qs
        koneksi = connections[qs.db]
        compiler = copy.copy(jadi.compiler)
        compiler.connection = koneksi  # this thread's connection, not the preparing one's
        sql = jadi.sql
        if self._di_server:
            sql = di_server(koneksi, jadi.nama, sql, len(params)) or sql
        compiler.as_sql = lambda *a, **k: (sql, params)
        return list(qs._iterable_class(_QuerySetJadi(qs, _KueriJadi(qs.query, compiler))))

    def sql(self, **nilai: Any) -> tuple[str | None, list]:
        """The SQL and parameters of a call without running it (None when the shape matches nothing):
        for a caller that puts this read inside a larger statement."""
        jadi = self._disusun(nilai)
        return jadi.sql, _isi(jadi, nilai)

    def _disusun(self, nilai: dict[str, Any]) -> _Disusun:
        # One process talks to one kind of database, so the shape alone is the key.
        kunci = bentuk(nilai)
        jadi = self._siap.get(kunci)
        if jadi is None:
            jadi = self._siap[kunci] = self._siapkan(nilai)
        return jadi

    def _susun(self, nilai: dict[str, Any], set_ke: int) -> tuple[QuerySet, Any, str | None, tuple, dict]:
        ganti, arti = _pengganti(nilai, set_ke)
        qs = self._bangun(**ganti)
        if qs._prefetch_related_lookups:
            raise ValueError("Siap: prefetch_related tidak didukung")
        compiler = qs.query.get_compiler(qs.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return qs, compiler, None, (), arti
        return qs, compiler, sql, tuple(params), arti

    def _siapkan(self, nilai: dict[str, Any]) -> _Disusun:
        qs, compiler, sql, params, arti = self._susun(nilai, 0)
        _, _, sql_b, params_b, arti_b = self._susun(nilai, 1)
        if sql != sql_b or len(params) != len(params_b):
            raise ValueError("Siap: dua kali dibangun, SQL-nya berbeda; bangun() harus murni dari argumennya")
        tempat, ditemukan = [], set()
        for posisi, (a, b) in enumerate(zip(params, params_b, strict=True)):
            ka, kb = arti.get((type(a), a)), arti_b.get((type(b), b))
            if ka is None and kb is None:
                if isinstance(a, str) and "\x1esiap-" in a:
                    raise ValueError(f"Siap: parameter ke-{posisi} bukan nilai argumen yang utuh ({a!r})")
                if a != b:
                    raise ValueError(f"Siap: parameter ke-{posisi} berubah antara dua pembangunan ({a!r}, {b!r})")
                continue
            if ka != kb:
                raise ValueError(f"Siap: parameter ke-{posisi} bukan nilai argumen yang utuh ({a!r})")
            tempat.append((posisi, *ka))
            ditemukan.add(ka)
        hilang = {(nama, i) for nama, i, _ in arti.values()} - {(nama, i) for nama, i, _ in ditemukan}
        if sql is not None and hilang:
            hilang = sorted({nama for nama, _ in hilang})
            raise ValueError(f"Siap: nilai {', '.join(hilang)} tidak sampai ke SQL sebagai parameter utuh")
        return _Disusun(qs, compiler, sql, params, tempat)


def pasang_prefetch(obj: Any, nama: str, rows: list) -> None:
    """Leave `rows` where `prefetch_related(nama)` leaves a reverse foreign key's rows: `obj.<nama>.all()`
    gives them without a query, and each row's key back to `obj` is cached as the ORM caches it."""
    manager = getattr(obj, nama)
    for row in rows:
        manager.field.set_cached_value(row, obj)
    qs = manager.get_queryset()
    qs._result_cache = rows
    qs._prefetch_done = True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[manager.field.remote_field.cache_name] = qs
