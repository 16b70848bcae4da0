"""View decorators for pages that need the signed-in user's Pegawai."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from organisasi import acting, permissions
from organisasi.models import Pegawai
from organisasi.pegawai_masuk import pegawai_dari_user

TANPA_PEGAWAI = "Akun Anda belum terhubung dengan data pegawai. Hubungi Admin OPD Anda."


def get_pegawai(request: HttpRequest) -> Pegawai | None:
    """The signed-in user's Pegawai (own jabatan and unit loaded), looked up once per request: the
    decorators below and the context processor share the instance, and with it its acting actor
    (organisasi.acting.of: acting jabatan and roles). None for anonymous users and accounts without a Pegawai."""
    try:
        return request._pegawai_cache  # type: ignore[attr-defined]
    except AttributeError:
        pass
    user = getattr(request, "user", None)
    pegawai = None
    if user is not None and user.is_authenticated:
        pegawai = pegawai_dari_user(user.pk)
        if pegawai is not None:
            pegawai.user = user  # the signed-in user object: no second query for pegawai.user
    request._pegawai_cache = pegawai  # type: ignore[attr-defined]
    return pegawai


def pegawai_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in users with a Pegawai only; sets `request.pegawai` and `request.actor` (the acting actor,
    organisasi.acting, resolved lazily and once). Others get a friendly 403 page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        pegawai = get_pegawai(request)
        if pegawai is None:
            return render(request, "organisasi/tanpa_pegawai.html", {"pesan": TANPA_PEGAWAI}, status=403)
        request.pegawai = pegawai
        request.actor = acting.of(pegawai)
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Admin OPD or admin Pemda only; everyone else gets 404 (the page does not exist for them)."""

    @pegawai_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not permissions.is_admin(request.pegawai):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
