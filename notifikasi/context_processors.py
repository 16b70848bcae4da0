"""The bell in the top bar: the signed-in pegawai's unread count (up to 100), counted lazily (only pages
that show the bell pay for it) and once per request."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from notifikasi import selectors
from organisasi.decorators import get_pegawai


def _count(request: HttpRequest) -> int:
    if not hasattr(request, "_notifikasi_belum_dibaca"):
        pegawai = get_pegawai(request)
        request._notifikasi_belum_dibaca = selectors.jumlah_belum_dibaca(pegawai.pk) if pegawai else 0
    return request._notifikasi_belum_dibaca


def notifikasi(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifikasi_belum_dibaca": SimpleLazyObject(lambda: _count(request))}
