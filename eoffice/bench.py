"""What the page benchmark (bench/bench_pages.py) needs from the running site, present only when
EOFFICE_BENCH=1 (settings refuse it unless the site answers on this machine alone):

- `lantai`, the floor: a bare signed-in view behind the same middleware and session as every page,
  doing one indexed query. Each page's time is read against it, sampled at the same moments, so a busy
  machine slows both and the ratio stays honest.
- `bingkai`, the frame: a signed-in page with the page frame every page has (header, menu, bell, help
  link) and nothing in it, so a page's time can be split into what the frame costs and what it adds.
- `JumlahKueriMiddleware`: the number of SQL queries of a request (session and user included) in the
  response header X-Jumlah-Kueri, and the time spent in the server in X-Waktu-Ms.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from organisasi.decorators import get_pegawai
from organisasi.models import Pegawai

HEADER_KUERI = "X-Jumlah-Kueri"
HEADER_WAKTU = "X-Waktu-Ms"


@login_required
def lantai(request: HttpRequest) -> HttpResponse:
    """The floor: signed in, one query by primary-key index, a few bytes back. 404 unless EOFFICE_BENCH."""
    if not settings.EOFFICE_BENCH:
        raise Http404
    nama = Pegawai.objects.filter(user_id=request.user.pk).values_list("nama", flat=True).first()
    return HttpResponse(f"lantai {nama or ''}", content_type="text/plain; charset=utf-8")


@login_required
def bingkai(request: HttpRequest) -> HttpResponse:
    """The frame: base.html with an empty page, as a signed-in pegawai sees it. 404 unless EOFFICE_BENCH."""
    if not settings.EOFFICE_BENCH or get_pegawai(request) is None:
        raise Http404
    return render(request, "bench_bingkai.html")


class JumlahKueriMiddleware:
    """Counts the queries of each request (installed first in MIDDLEWARE, so the session's count too)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        jumlah = 0

        def hitung(execute, sql, params, many, context):
            nonlocal jumlah
            jumlah += 1
            return execute(sql, params, many, context)

        mulai = time.perf_counter()
        with connection.execute_wrapper(hitung):
            response = self.get_response(request)
        response[HEADER_KUERI] = str(jumlah)
        response[HEADER_WAKTU] = f"{(time.perf_counter() - mulai) * 1000:.1f}"
        return response
