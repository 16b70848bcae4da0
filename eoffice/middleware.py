"""Content-Security-Policy on every response: defence in depth against injected markup (letters are
sanitized HTML shown with |safe). Scripts only from our own static files; templates have no inline
scripts (tests/test_layout.py) and JSON data blocks (json_script) are not executed. Styles also allow
inline style="" attributes, which several templates use (sizes, progress bars)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response


# Query parameters that carry a page number (ours, the Django admin's).
PARAMETER_HALAMAN = ("halaman", "page", "p")
MAKS_DIGIT_HALAMAN = 9


class BadInputMiddleware:
    """Input no page can use answers 400 or 404 before any view runs, instead of a 500 from deep inside:
    a NUL character (PostgreSQL refuses it in any string) in the path, query or form, or a page number
    too long to be real (OFFSET overflow)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("Permintaan tidak sah: berisi karakter NUL.")
        for name in PARAMETER_HALAMAN:
            value = request.GET.get(name, "")
            if len(value.strip().lstrip("-")) > MAKS_DIGIT_HALAMAN:
                raise Http404("Halaman tidak ada.")
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists()):
                return HttpResponseBadRequest("Permintaan tidak sah: berisi karakter NUL.")
        return self.get_response(request)


class NoStoreMiddleware:
    """Letters, attachments and every other page carry `Cache-Control: no-store`, so neither a shared
    computer's browser cache nor a proxy keeps a copy after sign-out. A response that sets its own
    caching (the public CRL, static files served earlier by whitenoise) keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class SesiGeserMiddleware:
    """The idle sign-out (SESSION_IDLE_MINUTES) without a database write on every request: a signed-in
    session is saved, and so its expiry moved, only when its last save is more than SESI_GESER_DETIK
    old. A session then ends between SESSION_IDLE_MINUTES minus that and SESSION_IDLE_MINUTES after the
    last request, never later. (SESSION_SAVE_EVERY_REQUEST would write and commit one row per page.)"""

    KUNCI = "_eo_aktif"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session, sekarang = request.session, int(time.time())
            if sekarang - session.get(self.KUNCI, 0) >= settings.SESI_GESER_DETIK:
                session[self.KUNCI] = sekarang  # modified: SessionMiddleware saves it with a fresh expiry
        return response
