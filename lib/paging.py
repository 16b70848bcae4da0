"""Paging of lists, and the one pagination markup (templates/includes/halaman.html).

Busy lists (letters, dispositions, search results) are paged without a COUNT query: one row more than
the page is read, and its presence says whether a next page exists; the page shows "Halaman 3" and the
previous/next links. Short lists whose size users want to see (Kelola, notifications) are counted
with Django's Paginator and show "Halaman 3 dari 7". Both give the template a `Halaman`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

# Offset paging reads every skipped row; nobody pages this far, a crawler could.
MAKS_HALAMAN = 4000


@dataclass
class Halaman:
    """One page of rows: `nomor` counts from 1; `jumlah_halaman` is known only for counted lists."""

    baris: list[Any]
    nomor: int = 1
    ada_berikutnya: bool = False
    jumlah_halaman: int | None = None

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
    request: HttpRequest, qs: QuerySet, per_halaman: int, to_row: Callable[[Any], Any] | None = None
) -> Halaman:
    """The requested page of `qs` in one query, without COUNT; `to_row` turns each object into what the
    template shows."""
    nomor = page_number(request)
    halaman = cut(list(qs[rows_to_read(nomor, per_halaman)]), nomor, per_halaman)
    if to_row is not None:
        halaman.baris = [to_row(r) for r in halaman.baris]
    return halaman


def counted_page_of(request: HttpRequest, qs: QuerySet, per_halaman: int) -> Halaman:
    """The requested page of a short list, counted (COUNT query) so the page can say "dari N"; a page
    number past the end shows the last page."""
    page = Paginator(qs, per_halaman).get_page(request.GET.get("halaman"))
    return Halaman(list(page.object_list), page.number, page.has_next(), page.paginator.num_pages)
