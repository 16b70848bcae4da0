"""Guides (open to everybody), the tour endpoints, and the training pages (training instance only)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from organisasi import permissions
from organisasi.models import Pegawai
from panduan import ringkas as lembar
from panduan import selectors, services
from panduan.guides import PERAN, PERAN_BY_KUNCI, TINGKAT, PeranPanduan
from panduan.latihan import LATIHAN


def _pegawai_or_404(request: HttpRequest) -> Pegawai:
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None:
        raise Http404
    return pegawai


def _peran_or_404(kunci: str) -> PeranPanduan:
    item = PERAN_BY_KUNCI.get(kunci)
    if item is None:
        raise Http404
    return item


def index(request: HttpRequest) -> HttpResponse:
    pegawai = getattr(request.user, "pegawai", None) if request.user.is_authenticated else None
    context = {
        "daftar_peran": PERAN,
        "tingkat": TINGKAT,
        "is_pelatih": pegawai is not None and permissions.is_admin(pegawai),
        "peran_saya": selectors.peran_panduan(pegawai) if pegawai is not None else "",
    }
    return render(request, "panduan/index.html", context)


def peran(request: HttpRequest, kunci: str) -> HttpResponse:
    return render(request, "panduan/peran.html", {"peran": _peran_or_404(kunci), "daftar_peran": PERAN})


def _alamat_panduan(request: HttpRequest, kunci: str) -> str:
    return request.build_absolute_uri(reverse("panduan:peran", args=[kunci]))


def ringkas(request: HttpRequest, kunci: str) -> HttpResponse:
    """The role's one-page sheet, printable from the browser."""
    item = _peran_or_404(kunci)
    return render(request, "panduan/ringkas.html", {"peran": item, "alamat_panduan": _alamat_panduan(request, kunci)})


def ringkas_pdf(request: HttpRequest, kunci: str) -> HttpResponse:
    """The same sheet as a one-page A4 PDF."""
    item = _peran_or_404(kunci)
    response = HttpResponse(
        lembar.render_pdf(item.kunci, alamat_panduan=_alamat_panduan(request, kunci)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="lembar-ringkas-{kunci}.pdf"'
    return response


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
