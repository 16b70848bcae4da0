"""Notification pages: the list, opening one (marks it read, goes to its page), mark all read, and the
email preferences. A notice of someone else is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.paging import counted_page_of
from notifikasi import selectors, services
from notifikasi.forms import PreferensiForm
from organisasi.decorators import pegawai_required

PER_HALAMAN = 25


@pegawai_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    halaman = counted_page_of(request, selectors.notifikasi_list(request.pegawai), PER_HALAMAN)
    return render(request, "notifikasi/daftar.html", {"halaman": halaman})


@pegawai_required
@require_GET
def buka(request: HttpRequest, pk: int) -> HttpResponse:
    notifikasi = selectors.get_notifikasi_for(request.pegawai, pk)
    services.mark_read(actor=request.pegawai, notifikasi=notifikasi)
    if not url_has_allowed_host_and_scheme(notifikasi.url, allowed_hosts=None):
        return redirect("notifikasi:daftar")
    return redirect(notifikasi.url)


@pegawai_required
@require_POST
def tandai_semua(request: HttpRequest) -> HttpResponse:
    jumlah = services.mark_all_read(actor=request.pegawai)
    messages.success(
        request, f"{jumlah} notifikasi ditandai sudah dibaca." if jumlah else "Semua notifikasi sudah dibaca."
    )
    return redirect("notifikasi:daftar")


@pegawai_required
@require_http_methods(["GET", "POST"])
def preferensi(request: HttpRequest) -> HttpResponse:
    form = PreferensiForm(request.POST or None, awal=selectors.preferensi_email(request.pegawai))
    if request.method == "POST" and form.is_valid():
        services.save_preferensi(actor=request.pegawai, email=form.cleaned_data)
        messages.success(request, "Pilihan email notifikasi tersimpan.")
        return redirect("notifikasi:preferensi")
    return render(request, "notifikasi/preferensi.html", {"form": form, "ada_email": bool(request.pegawai.email)})
