"""Guides (open to everybody), the tour endpoints, and the training pages (training instance only)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from organisasi import permissions
from organisasi.models import Pegawai
from panduan import selectors, services
from panduan.guides import PERAN, PERAN_BY_KUNCI, TINGKAT
from panduan.latihan import LATIHAN


def _pegawai_or_404(request: HttpRequest) -> Pegawai:
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None:
        raise Http404
    return pegawai


def index(request: HttpRequest) -> HttpResponse:
    pegawai = getattr(request.user, "pegawai", None) if request.user.is_authenticated else None
    is_pelatih = pegawai is not None and permissions.is_admin(pegawai)
    return render(request, "panduan/index.html", {"daftar_peran": PERAN, "tingkat": TINGKAT, "is_pelatih": is_pelatih})


def peran(request: HttpRequest, kunci: str) -> HttpResponse:
    item = PERAN_BY_KUNCI.get(kunci)
    if item is None:
        raise Http404
    return render(request, "panduan/peran.html", {"peran": item, "daftar_peran": PERAN})


@login_required
@require_POST
def tur_selesai(request: HttpRequest) -> HttpResponse:
    """Called by tour.js when the tour is finished or skipped."""
    services.tur_selesai(actor=_pegawai_or_404(request))
    return HttpResponse(status=204)


@login_required
@require_POST
def tur_ulang(request: HttpRequest) -> HttpResponse:
    services.tur_ulang(actor=_pegawai_or_404(request))
    return redirect("beranda")


def _training_only() -> None:
    # Exercises create letters; on a real instance they would be official, so the pages do not exist there.
    if not settings.MODE_LATIHAN:
        raise Http404


@login_required
def latihan(request: HttpRequest) -> HttpResponse:
    _training_only()
    pegawai = _pegawai_or_404(request)
    daftar = selectors.kemajuan_for(pegawai)
    return render(
        request,
        "panduan/latihan.html",
        {
            "kemajuan": daftar,
            "tingkat": TINGKAT,
            "jumlah_selesai": sum(1 for k in daftar if k["selesai"]),
            "is_pelatih": permissions.is_admin(pegawai),
        },
    )


@login_required
def pelatih(request: HttpRequest) -> HttpResponse:
    _training_only()
    pegawai = _pegawai_or_404(request)
    if not permissions.is_admin(pegawai):
        raise Http404
    return render(
        request,
        "panduan/pelatih.html",
        {
            "baris": selectors.tabel_pelatih(pegawai),
            "latihan": LATIHAN,
            "is_admin_pemda": permissions.is_admin_pemda(pegawai),
        },
    )
