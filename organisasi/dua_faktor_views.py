"""Pages of two-step verification: set up the app, enter a code after the password, manage it from the
profile (new recovery codes, turn off where optional). Logic in organisasi.dua_faktor."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from organisasi import dua_faktor


class KodeForm(forms.Form):
    kode = forms.CharField(
        label="Kode",
        max_length=20,
        help_text="6 angka dari aplikasi autentikator, atau salah satu kode cadangan Anda.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "autocapitalize": "none"}
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if ok else "/"


@sensitive_post_parameters("kode")
@login_required
@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest) -> HttpResponse:
    """After the password: enter the code. Already verified (or nothing set up): go on."""
    if request.user.is_verified() or not dua_faktor.aktif(request.user):
        return redirect(_next(request))
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        galat = dua_faktor.verifikasi(request, form.cleaned_data["kode"])
        if galat is None:
            return redirect(_next(request))
        form.add_error("kode", galat)
    return render(request, "akun/dua_langkah_verifikasi.html", {"form": form, "next": _next(request)})


@sensitive_post_parameters("kode")
@login_required
@require_http_methods(["GET", "POST"])
def pasang(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the key), confirm with its first code."""
    if dua_faktor.aktif(request.user) and not request.user.is_verified():
        return redirect("akun:dua_langkah_verifikasi")
    device = dua_faktor.perangkat_baru(request.user)
    form = KodeForm(request.POST or None)
    form.fields["kode"].help_text = "6 angka yang tampil di aplikasi setelah Anda memindai kode QR."
    if request.method == "POST" and form.is_valid():
        cadangan = dua_faktor.pasang(request=request, device=device, kode=form.cleaned_data["kode"])
        if cadangan is not None:
            return render(request, "akun/dua_langkah_cadangan.html", {"kode": cadangan, "next": _next(request)})
        form.add_error(
            "kode", "Kode tidak cocok. Pastikan jam di ponsel Anda tepat, lalu ketik kode yang sedang tampil."
        )
    context = {
        "form": form,
        "qr": dua_faktor.qr_data_uri(device),
        "rahasia": dua_faktor.rahasia_base32(device),
        "wajib": dua_faktor.wajib(request.user),
        "next": _next(request),
    }
    return render(request, "akun/dua_langkah_pasang.html", context)


@login_required
def pengaturan(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "akun/dua_langkah.html",
        {"aktif": dua_faktor.aktif(request.user), "wajib": dua_faktor.wajib(request.user)},
    )


@login_required
@require_POST
def cadangan_baru(request: HttpRequest) -> HttpResponse:
    if not dua_faktor.aktif(request.user):
        return redirect("akun:dua_langkah")
    kode = dua_faktor.kode_cadangan_ganti(request.user)
    return render(request, "akun/dua_langkah_cadangan.html", {"kode": kode, "next": "/"})


@login_required
@require_POST
def matikan(request: HttpRequest) -> HttpResponse:
    if dua_faktor.matikan(request.user):
        messages.success(request, "Verifikasi dua langkah dimatikan.")
    else:
        messages.error(request, "Verifikasi dua langkah wajib untuk peran Anda dan tidak dapat dimatikan.")
    return redirect("akun:dua_langkah")
