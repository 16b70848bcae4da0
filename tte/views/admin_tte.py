"""The Admin TTE's page (/tte/kelola/): open certificate requests to approve or refuse, and every
certificate of the Pemda with holder, serial, validity and state, filtered by OPD; revocation (death,
leaving the post, a lost device) from there. Everyone else gets 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisasi import permissions
from organisasi.decorators import pegawai_required
from tte import mandiri, selectors, services
from tte.forms import CabutForm, PutusanForm, SaringOpdForm
from tte.models import PermohonanSertifikat, SertifikatTte

PER_HALAMAN = 50


def admin_tte_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @pegawai_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not permissions.is_admin_tte(request.pegawai):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@admin_tte_required
def kelola(request: HttpRequest) -> HttpResponse:
    saring = SaringOpdForm(request.GET or None)
    opd = saring.cleaned_data["opd"] if saring.is_valid() else None
    halaman = Paginator(selectors.daftar_sertifikat(opd.pk if opd else None), PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    ctx = {
        "saring": saring,
        "opd": opd,
        "halaman": halaman,
        "baris": [(s, selectors.status_sertifikat(s)) for s in halaman],
        "permohonan": selectors.permohonan_terbuka(),
        "putusan": PutusanForm(),
    }
    return render(request, "tte/kelola.html", ctx)


@require_POST
@admin_tte_required
def putuskan(request: HttpRequest, pk: int) -> HttpResponse:
    permohonan = get_object_or_404(PermohonanSertifikat, pk=pk)
    form = PutusanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih setujui atau tolak.")
        return redirect("tte:kelola")
    try:
        mandiri.putuskan_permohonan(actor=request.pegawai, permohonan=permohonan, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        nama = permohonan.pegawai.nama_lengkap
        messages.success(request, f"Permohonan {nama} {'disetujui' if form.cleaned_data['setuju'] else 'ditolak'}.")
    return redirect("tte:kelola")


@admin_tte_required
def cabut(request: HttpRequest, pk: int) -> HttpResponse:
    sertifikat = get_object_or_404(SertifikatTte.objects.select_related("pegawai"), pk=pk, dicabut_pada__isnull=True)
    form = CabutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cabut_sertifikat(actor=request.pegawai, sertifikat=sertifikat, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, f"Sertifikat {sertifikat.pegawai.nama_lengkap} sudah dicabut.")
            return redirect("tte:kelola")
    return render(request, "tte/cabut.html", {"form": form, "sertifikat": sertifikat, "milik_sendiri": False})
