"""Paging of lists, and the one pagination markup (templates/includes/halaman.html).

Busy lists (letters, dispositions) are paged without a COUNT query: one row more than the page is read,
and its presence says whether a next page exists; the page shows "Halaman 3" and the previous/next
links. They are paged by keyset: when the queryset is ordered by plain fields ending in the primary key
(`-diterima_pada, -id`), the links carry the sort keys of the page's last row (`?setelah=`) or first row
(`?sebelum=`) and the next page is read from the index where the previous one stopped, so page 400 costs
what page 1 costs (an offset would read and throw away every row before it). Without such a key (a typed
URL, a ranked list such as search results) the page is cut by offset, at most MAKS_HALAMAN pages deep.
A list that is the union of a few branches, each read along its own index (the inbox of a pegawai who
also acts as Plt in another jabatan: one branch per jabatan), is paged per branch (`cabang`): each
branch reads its page after the key, the pages are merged in the list's order, so no branch is sorted
whole. Short lists whose size users want to see (Kelola, notifications) are counted with Django's
Paginator and show "Halaman 3 dari 7". All give the template a `Halaman`.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db.models import Field, Model, Q, QuerySet
from django.http import HttpRequest

from lib.kueri_siap import Siap, Tetap, bentuk
from lib.rencana import urutan_tertulis

# Offset paging reads every skipped row; nobody pages this far, a crawler could.
MAKS_HALAMAN = 4000
# A merged list (`cabang`) asked for a page by number, without a key: read at most this deep per branch.
MAKS_HALAMAN_TANPA_KUNCI = 40


@dataclass
class Halaman:
    """One page of rows: `nomor` counts from 1; `jumlah_halaman` is known only for counted lists."""

    baris: list[Any]
    nomor: int = 1
    ada_berikutnya: bool = False
    jumlah_halaman: int | None = None
    # Keyset lists: the sort keys of the last row (next page) and the first row (previous page).
    kunci_setelah: str | None = None
    kunci_sebelum: str | None = None

    @property
    def ada_sebelumnya(self) -> bool:
        return self.nomor > 1

    @property
    def sebelumnya(self) -> int:
        return self.nomor - 1

    @property
    def berikutnya(self) -> int:
        return self.nomor + 1

    def __iter__(self):
        return iter(self.baris)


def page_number(request: HttpRequest, *, maks: int = MAKS_HALAMAN) -> int:
    """The page asked for in ?halaman= (1 when missing or not a number), between 1 and `maks`."""
    try:
        nomor = int(request.GET.get("halaman", 1))
    except (TypeError, ValueError):
        return 1
    return min(max(nomor, 1), maks)


def rows_to_read(nomor: int, per_halaman: int) -> slice:
    """The rows to fetch for page `nomor`: the page and one more (does a next page exist?)."""
    start = (nomor - 1) * per_halaman
    return slice(start, start + per_halaman + 1)


def cut(rows: Sequence[Any], nomor: int, per_halaman: int) -> Halaman:
    """A page from the rows `rows_to_read` fetched."""
    return Halaman(list(rows[:per_halaman]), nomor, len(rows) > per_halaman)


def page_of(
    request: HttpRequest,
    qs: QuerySet | Callable[[], QuerySet],
    per_halaman: int,
    to_row: Callable[[Any], Any] | None = None,
    *,
    cabang: Sequence[Q | QuerySet] = (),
    join_tertulis: bool = False,
    siap: tuple[DaftarSiap, dict[str, Any]] | None = None,
) -> Halaman:
    """The requested page of `qs` without COUNT: by keyset when `qs` is ordered by plain fields ending in
    the primary key and the request carries a key, by offset otherwise; `to_row` turns each object into
    what the template shows. `cabang`: conditions whose union is `qs` (each served by its own index), or
    the branches' own querysets (ordered as `qs`) when `qs` states the union as an OR that a branch
    condition added on top would not remove; with two or more, each branch is read separately and the
    pages merged (one query per branch). `join_tertulis`: the page is read along the main table's own
    index and its joins are only lookups, so PostgreSQL may join in the written order (lib/rencana.py).
    `siap`: the same list as a `DaftarSiap` and its arguments, whose reads are compiled once (lib.kueri_siap);
    used for a single-branch list, else `qs` is read as it is. `qs` may be given as a function that builds
    it: then it is built only for a page `siap` does not read (building a list's queryset cost up to
    ~1 ms of a page that never ran it)."""
    nomor = page_number(request)
    halaman = keys = None
    with urutan_tertulis() if join_tertulis else contextlib.nullcontext():
        # A list of branches is prepared per branch (`bercabang`), any other as one read.
        if siap is not None and siap[0].bercabang == (len(cabang) > 1):
            daftar, nilai = siap
            keys = daftar.urutan(nilai)
            if keys is not None:
                halaman = daftar.halaman(request, keys, nomor, per_halaman, nilai, cabang=len(cabang))
        else:
            qs = qs() if callable(qs) else qs
            keys = _sort_keys(qs)
            if keys is not None and len(cabang) > 1:
                branches = [c if isinstance(c, QuerySet) else qs.filter(c) for c in cabang]
                halaman = _merged_page(
                    request,
                    _pembaca(branches, keys),
                    len(branches),
                    keys,
                    nomor,
                    per_halaman,
                    _kunci_cabang(branches, keys),
                )
            elif keys is not None:
                halaman = _keyset_page(request, qs, keys, nomor, per_halaman)
        if halaman is None:
            qs = qs() if callable(qs) else qs
            halaman = cut(list(qs[rows_to_read(nomor, per_halaman)]), nomor, per_halaman)
    if keys is not None and halaman.baris:
        halaman.kunci_setelah = _encode(halaman.baris[-1], keys) if halaman.ada_berikutnya else None
        halaman.kunci_sebelum = _encode(halaman.baris[0], keys) if halaman.nomor > 2 else None
    if to_row is not None:
        halaman.baris = [to_row(r) for r in halaman.baris]
    return halaman


# ---------------------------------------------------------------- keyset


def kunci_setelah(qs: QuerySet, n: int) -> str | None:
    """The `?setelah=` key of the page that starts after row `n` of `qs` (reads n rows: for benchmarks
    and tests that open a deep page as the links would); None when `qs` pages by offset."""
    keys = _sort_keys(qs)
    rows = list(qs[n - 1 : n]) if keys is not None and n > 0 else []
    return _encode(rows[0], keys) if rows else None


@dataclass(frozen=True)
class _Key:
    path: str  # "diterima_pada", "surat__tanggal"
    desc: bool
    field: Field


def _field(model: type[Model], path: str) -> Field | None:
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field("id" if part == "pk" else part)
        except FieldDoesNotExist:
            return None
        if field.is_relation:
            if field.related_model is None or part == path.split("__")[-1]:
                return None
            model = field.related_model
    return field


def _sort_keys(qs: QuerySet) -> list[_Key] | None:
    """The ordering as keys, when it is plain fields whose last one is the primary key (unique: the
    keyset knows exactly where a page ends); None otherwise."""
    order = list(qs.query.order_by)
    if not order or not all(isinstance(o, str) for o in order):
        return None
    keys = []
    for o in order:
        path = o.lstrip("-")
        field = _field(qs.model, path)
        if field is None:
            return None
        keys.append(_Key(path, o.startswith("-"), field))
    if not keys[-1].field.primary_key or keys[-1].field.model is not qs.model:
        return None
    return keys


def _value(row: Any, path: str) -> Any:
    for part in path.split("__"):
        row = getattr(row, "pk" if part == "id" else part)
    return row


def _encode(row: Any, keys: list[_Key]) -> str | None:
    values = [_value(row, k.path) for k in keys]
    if any(v is None for v in values):
        return None  # a NULL sort key has no place in the order a comparison can find: offset instead
    plain = [v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(token: str, keys: list[_Key]) -> list[Any] | None:
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not isinstance(values, list) or len(values) != len(keys):
            return None
        values = [k.field.to_python(v) for k, v in zip(keys, values, strict=True)]
    except (ValueError, TypeError, ValidationError):
        return None
    # The keys this module writes carry their time zone; one without is not ours (a forged link).
    if any(v is None or (isinstance(v, datetime.datetime) and v.tzinfo is None) for v in values):
        return None
    return values


def _after(keys: list[_Key], values: list[Any], *, forward: bool) -> Q:
    """Rows after (forward) or before the row with these sort keys, in the list's order: the first key
    bounded alone too, so the database seeks the index there and filters only the ties."""
    cond = Q()
    equal = Q()
    for k, v in zip(keys, values, strict=True):
        op = "lt" if k.desc == forward else "gt"
        cond |= equal & Q(**{f"{k.path}__{op}": v})
        equal &= Q(**{k.path: v})
    first = keys[0]
    bound = Q(**{f"{first.path}__{'lte' if first.desc == forward else 'gte'}": values[0]})
    return bound & cond


def _keyset_page(request: HttpRequest, qs: QuerySet, keys: list[_Key], nomor: int, per_halaman: int) -> Halaman | None:
    """The page after `?setelah=` or before `?sebelum=` (None: no valid key, page by offset)."""
    for param, forward in (("setelah", True), ("sebelum", False)):
        token = request.GET.get(param)
        values = _decode(token, keys) if token else None
        if values is None:
            continue
        page_qs = qs.filter(_after(keys, values, forward=forward))
        if forward:
            return cut(list(page_qs[: per_halaman + 1]), max(nomor, 2), per_halaman)
        reverse = [f"{'' if k.desc else '-'}{k.path}" for k in keys]
        rows = list(page_qs.order_by(*reverse)[: per_halaman + 1])
        if len(rows) <= per_halaman:
            # Back at the beginning: show the first page as it is.
            return cut(list(qs[: per_halaman + 1]), 1, per_halaman)
        return Halaman(list(reversed(rows[:per_halaman])), max(nomor, 2), True)
    return None


# A page asked for by number without a key (a typed URL) is read by offset; up to this page the read is
# prepared (each page number is a shape of its own), deeper ones are built as before.
MAKS_HALAMAN_SIAP = 10


class DaftarSiap:
    """A list for `page_of` whose reads are compiled once per shape (lib.kueri_siap): `bangun(**nilai)`
    gives the list's queryset, ordered as `page_of` pages it. Its three reads: the first rows (or a page
    by number), the page after a key, the page before a key."""

    def __init__(
        self,
        bangun: Callable[..., QuerySet],
        sesudah: Callable[[list], Any] | None = None,
        *,
        bercabang: bool = False,
        nilai_cabang: Callable[[dict[str, Any], int], dict[str, Any]] | None = None,
    ) -> None:
        """`sesudah(rows)`: what the list's queryset did after its rows, done on the page's rows (e.g.
        prefetch_related_objects: a prepared read runs no prefetch). `bercabang`: `bangun` also takes
        `cabang`, the index of one of `page_of`'s branches, and gives that branch's queryset.
        `nilai_cabang(nilai, i)`: the arguments of branch `i`'s reads instead (then `bercabang`), for a list
        whose branch reads only some of the list's values (Surat Keluar: one jabatan each); every value
        passed must reach the SQL (lib.kueri_siap)."""
        self._sesudah = sesudah
        self.bercabang = bercabang or nilai_cabang is not None
        self._nilai_cabang = nilai_cabang or (lambda nilai, i: {**nilai, "cabang": Tetap(i)})
        # The paging's own arguments are named so that a list's arguments cannot meet them.
        self._awal = Siap(lambda baris_awal, baris_akhir, **nilai: bangun(**nilai)[baris_awal:baris_akhir])

        def dari_kunci(baris_maju: bool, baris_kunci: tuple, baris_batas: int, **nilai: Any) -> QuerySet:
            qs = bangun(**nilai)
            keys = _sort_keys(qs)
            qs = qs.filter(_after(keys, list(baris_kunci), forward=baris_maju))
            if not baris_maju:
                qs = qs.order_by(*[f"{'' if k.desc else '-'}{k.path}" for k in keys])
            return qs[:baris_batas]

        self._kunci = Siap(dari_kunci)

        def kunci_awal(baris_akhir: int, **nilai: Any) -> QuerySet:
            qs = bangun(**nilai)
            return qs.values_list(*[k.path for k in _sort_keys(qs)])[:baris_akhir]

        self._kunci_awal = Siap(kunci_awal)
        self._bangun = bangun
        self._urutan: dict[tuple, list[_Key] | None] = {}

    def urutan(self, nilai: dict[str, Any]) -> list[_Key] | None:
        """The list's sort keys as `page_of` takes them from its queryset, built once per shape of `nilai`
        (a shape's order never changes)."""
        arg = self._nilai_cabang(nilai, 0) if self.bercabang else nilai
        kunci = bentuk(arg)
        if kunci not in self._urutan:
            self._urutan[kunci] = _sort_keys(self._bangun(**{k: _lepas(v) for k, v in arg.items()}))
        return self._urutan[kunci]

    def halaman(
        self,
        request: HttpRequest,
        keys: list[_Key],
        nomor: int,
        per_halaman: int,
        nilai: dict[str, Any],
        cabang: int = 0,
    ) -> Halaman | None:
        """The page `page_of` would read (None: a page it reads another way)."""
        if cabang > 1:
            halaman = _merged_page(
                request,
                functools.partial(self._baca_cabang, nilai),
                cabang,
                keys,
                nomor,
                per_halaman,
                functools.partial(self._kunci_cabang, nilai),
            )
            if halaman is not None:
                self._lalu(halaman.baris)
            return halaman
        for param, maju in (("setelah", True), ("sebelum", False)):
            token = request.GET.get(param)
            values = _decode(token, keys) if token else None
            if values is None:
                continue
            rows = self._lalu(
                self._kunci(baris_maju=maju, baris_kunci=tuple(values), baris_batas=Tetap(per_halaman + 1), **nilai)
            )
            if maju:
                return cut(rows, max(nomor, 2), per_halaman)
            if len(rows) <= per_halaman:
                return self._baca(1, per_halaman, nilai)  # back at the beginning: the first page as it is
            return Halaman(list(reversed(rows[:per_halaman])), max(nomor, 2), True)
        return self._baca(nomor, per_halaman, nilai) if nomor <= MAKS_HALAMAN_SIAP else None

    def _baca(self, nomor: int, per_halaman: int, nilai: dict[str, Any]) -> Halaman:
        baris = rows_to_read(nomor, per_halaman)
        rows = self._lalu(self._awal(baris_awal=Tetap(baris.start), baris_akhir=Tetap(baris.stop), **nilai))
        return cut(rows, nomor, per_halaman)

    def _baca_cabang(self, nilai: dict[str, Any], i: int, values: list[Any] | None, forward: bool, n: int) -> list:
        """`_merged_page`'s reader: branch `i`'s first `n` rows, or its `n` rows after or before a key."""
        arg = self._nilai_cabang(nilai, i)
        if values is None:
            return self._awal(baris_awal=Tetap(0), baris_akhir=Tetap(n), **arg)
        return self._kunci(baris_maju=forward, baris_kunci=tuple(values), baris_batas=Tetap(n), **arg)

    def _kunci_cabang(self, nilai: dict[str, Any], i: int, n: int) -> list[tuple]:
        """`_merged_page`'s key reader: the sort keys of branch `i`'s first `n` rows."""
        return self._kunci_awal(baris_akhir=Tetap(n), **self._nilai_cabang(nilai, i))

    def _lalu(self, rows: list) -> list:
        if self._sesudah is not None and rows:
            self._sesudah(rows)
        return rows


def _lepas(v: Any) -> Any:
    return v.nilai if isinstance(v, Tetap) else v


def counted_page_of(request: HttpRequest, qs: QuerySet, per_halaman: int) -> Halaman:
    """The requested page of a short list, counted (COUNT query) so the page can say "dari N"; a page
    number past the end shows the last page."""
    page = Paginator(qs, per_halaman).get_page(request.GET.get("halaman"))
    return Halaman(list(page.object_list), page.number, page.has_next(), page.paginator.num_pages)


def _merge(
    keys: list[_Key], parts: list[list[Any]], *, forward: bool, nilai: Callable[[Any], Sequence[Any]] | None = None
) -> list[Any]:
    """Rows of several branches in the list's order (forward) or reversed, each row once. `nilai(row)`: the
    row's sort keys (the primary key last) when rows are not objects (`list` for tuples of them)."""
    nilai = nilai or (lambda row: [_value(row, k.path) for k in keys])

    def compare(a: Sequence[Any], b: Sequence[Any]) -> int:
        for k, x, y in zip(keys, a, b, strict=True):
            if x != y:
                before = (x > y) if k.desc else (x < y)
                return (-1 if before else 1) * (1 if forward else -1)
        return 0

    unique = {}
    for part in parts:
        for row in part:
            values = nilai(row)
            unique[values[-1]] = (values, row)
    urut = functools.cmp_to_key(compare)
    return [row for _, row in sorted(unique.values(), key=lambda pasangan: urut(pasangan[0]))]


def _pembaca(branches: list[QuerySet], keys: list[_Key]) -> Callable[[int, list[Any] | None, bool, int], list]:
    """`_merged_page`'s reader over querysets: branch `i`'s first `n` rows, or its `n` rows after (forward)
    or before the row with sort keys `values`."""

    def baca(i: int, values: list[Any] | None, forward: bool, n: int) -> list:
        b = branches[i]
        if values is None:
            return list(b[:n])
        b = b.filter(_after(keys, values, forward=forward))
        if not forward:
            b = b.order_by(*[f"{'' if k.desc else '-'}{k.path}" for k in keys])
        return list(b[:n])

    return baca


def _kunci_cabang(branches: list[QuerySet], keys: list[_Key]) -> Callable[[int, int], list[tuple]]:
    """`_merged_page`'s key reader over querysets: the sort keys of branch `i`'s first `n` rows."""
    return lambda i, n: list(branches[i].values_list(*[k.path for k in keys])[:n])


def _merged_page(
    request: HttpRequest,
    baca: Callable[[int, list[Any] | None, bool, int], list],
    jumlah: int,
    keys: list[_Key],
    nomor: int,
    per_halaman: int,
    kunci: Callable[[int, int], list[tuple]],
) -> Halaman | None:
    """A page of the union of `jumlah` branches, read by `baca` (see `_pembaca`): each branch reads at most
    a page and one row after (or before) the key, from its own index; the merged rows are cut to the page.
    A page number without a key (a typed URL): `kunci(i, n)` reads the sort keys of branch `i`'s first `n`
    rows, which find the row before the page, and the page is read after it as a link would (the branches'
    full rows before it made a tenth page 250 rows per branch). None: a NULL key (offset paging)."""
    for param, forward in (("setelah", True), ("sebelum", False)):
        token = request.GET.get(param)
        values = _decode(token, keys) if token else None
        if values is None:
            continue
        parts = [baca(i, values, forward, per_halaman + 1) for i in range(jumlah)]
        if forward:
            return cut(_merge(keys, parts, forward=True), max(nomor, 2), per_halaman)
        rows = _merge(keys, parts, forward=False)
        if len(rows) <= per_halaman:
            break  # back at the beginning: the first page
        return Halaman(list(reversed(rows[:per_halaman])), max(nomor, 2), True)
    else:
        if nomor > MAKS_HALAMAN_TANPA_KUNCI:
            return None
        if nomor > 1:
            sebelum = (nomor - 1) * per_halaman  # the rows of the pages before this one
            urut = _merge(keys, [kunci(i, sebelum) for i in range(jumlah)], forward=True, nilai=list)
            if len(urut) < sebelum:
                return Halaman([], nomor)  # past the end
            values = list(urut[sebelum - 1])
            if None not in values:
                parts = [baca(i, values, True, per_halaman + 1) for i in range(jumlah)]
                return cut(_merge(keys, parts, forward=True), nomor, per_halaman)
    # The first page, or a page after a NULL key: the first rows of every branch.
    n = per_halaman * (nomor if not request.GET.get("sebelum") else 1) + 1
    if n > per_halaman * MAKS_HALAMAN_TANPA_KUNCI + 1:
        return None
    rows = _merge(keys, [baca(i, None, True, n) for i in range(jumlah)], forward=True)
    nomor = 1 if request.GET.get("sebelum") else nomor
    return cut(rows[(nomor - 1) * per_halaman :], nomor, per_halaman)
