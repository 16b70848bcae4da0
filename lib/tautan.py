"""Links without reverse() on every use: for pages built in Python (the letter, disposition and search
lists) and for the templates' `{% url %}` (eoffice/templatetags/url_tetap.py).

reverse() walks the URL resolver each time (~30 µs); the Beranda asked it 31 times per request. A URL's
shape never changes while the process runs, so it is reversed once per name, number of arguments, script
prefix and URLconf, with markers in the places of its arguments, and filled in after that."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_PENANDA = 2_147_483_647


def url_per_pk(nama: str) -> Callable[[int], str]:
    """The URL `nama` (one argument: a pk) for any pk, reversed once: a reverse() per row cost ~1 ms of a
    25-row page."""
    bagian = _pola(nama, 1, None, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if bagian is None:
        return lambda pk: reverse(nama, args=[pk])
    awal, akhir = bagian
    return lambda pk: f"{awal}{pk}{akhir}"


def alamat(nama: str, *args: int, current_app: str | None = None) -> str:
    """reverse(nama, args=args, current_app=current_app), remembered: for no arguments or non-negative int
    ones (pks); anything else goes to reverse() as it is (which raises NoReverseMatch as it would)."""
    if all(type(a) is int and a >= 0 for a in args):
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        bagian = _pola(nama, len(args), current_app, get_script_prefix(), urlconf)
        if bagian is not None:
            hasil = [bagian[0]]
            for a, sesudah in zip(args, bagian[1:], strict=True):
                hasil += [str(a), sesudah]
            return "".join(hasil)
    return reverse(nama, args=args, current_app=current_app)


def alamat_atau_none(nama: str, *args: int) -> str | None:
    """alamat(), or None where the name has no such URL (a menu item of an app that is not installed)."""
    try:
        return alamat(nama, *args)
    except NoReverseMatch:
        return None


@lru_cache(maxsize=512)
def _pola(nama: str, n: int, current_app: str | None, _prefix: str, _urlconf: str) -> tuple[str, ...] | None:
    """The URL `nama` with `n` int arguments split around them, in order; None when it has no such form or
    a marker does not come out as written (a converter that reformats its number): reverse() each time."""
    try:
        url = reverse(nama, args=[_PENANDA - i for i in range(n)], current_app=current_app)
    except NoReverseMatch:
        return None
    bagian, sisa = [], url
    for i in range(n):
        sebelum, ketemu, sisa = sisa.partition(str(_PENANDA - i))
        if not ketemu:
            return None
        bagian.append(sebelum)
    return (*bagian, sisa)
