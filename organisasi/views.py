"""Struktur Organisasi (every pegawai) and Kelola Struktur (admin OPD for its own OPD, admin Pemda for all).

Object pages look the object up in the actor's scoped queryset, so another OPD's object is a 404. Every
write goes through organisasi.services; a ValidationError it raises is shown on the form, and since the
service runs in one transaction nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lib.paging import counted_page_of
from organisasi import forms, permissions, selectors, services
from organisasi.decorators import admin_required, pegawai_required
from organisasi.nip import normalize_nip

PER_HALAMAN = 50


@pegawai_required
def struktur(request: HttpRequest) -> HttpResponse:
    """The tree of the Pemda (or of one OPD) with holders, Plt/Plh and vacant posts; search by name or NIP."""
    opd_list = list(selectors.opd_list())
    opd_id = _int(request.GET.get("opd"))
    if opd_id not in {o.pk for o in opd_list}:
        opd_id = None
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "organisasi/struktur.html",
        {
            "opd_list": opd_list,
            "opd_id": opd_id,
            "q": q,
            "hasil": list(selectors.pegawai_search(q)) if q else None,
            "pohon": selectors.struktur_tree(opd_id=opd_id),
        },
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------- Kelola Struktur: shared pieces


def _matching(*names: str) -> Callable[[str], Q]:
    return lambda q: reduce(or_, (Q(**{f"{name}__icontains": q}) for name in names))


def _pegawai_matching(q: str) -> Q:
    """By name, NIK or username, or by NIP typed with or without spaces."""
    cond = _matching("nama", "nik", "user__username")(q)
    nip = normalize_nip(q)
    return cond | Q(nip__contains=nip) if nip.isdigit() else cond


def _list_page(
    request: HttpRequest, qs: QuerySet, template: str, search: Callable[[str], Q], **context: Any
) -> HttpResponse:
    """One page of a Kelola list, filtered by the search box."""
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(search(q))
    halaman = counted_page_of(request, qs, PER_HALAMAN)
    return render(request, template, {"halaman": halaman, "q": q, **context})


def _form_page(
    request: HttpRequest,
    form: forms.ServiceFormMixin,
    save: Callable[[dict[str, Any]], object],
    *,
    judul: str,
    sukses: str,
    kembali: str,
    hapus_url: str = "",
) -> HttpResponse:
    """Show the form; on a valid POST call the service, or show its errors next to the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.service_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, sukses)
            return redirect(kembali)
    return render(
        request,
        "organisasi/kelola_form.html",
        {"form": form, "judul": judul, "kembali": kembali, "hapus_url": hapus_url},
    )


def _confirm_page(
    request: HttpRequest,
    action: Callable[[], object],
    *,
    judul: str,
    pesan: str,
    tombol: str,
    sukses: str,
    kembali: str,
) -> HttpResponse:
    """GET asks; POST does it. A refusal of the service is shown as a message on the page it came from."""
    if request.method == "POST":
        try:
            action()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc) or "Anda tidak berwenang melakukan ini.")
        else:
            messages.success(request, sukses)
        return redirect(kembali)
    return render(
        request,
        "organisasi/kelola_konfirmasi.html",
        {"judul": judul, "pesan": pesan, "tombol": tombol, "kembali": kembali},
    )


@admin_required
def kelola(request: HttpRequest) -> HttpResponse:
    """The start page of Kelola Struktur."""
    return render(request, "organisasi/kelola.html", {"is_admin_pemda": permissions.is_admin_pemda(request.pegawai)})


# ---------------------------------------------------------------- unit kerja


@admin_required
def unit_list(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.units_managed_by(request.pegawai),
        "organisasi/kelola_unit_list.html",
        _matching("nama", "kode"),
        judul="Unit kerja",
        tambah_url=reverse("organisasi:unit_create"),
        tambah_label="Tambah unit kerja",
        cari_placeholder="Cari nama unit atau kode surat",
    )


@admin_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    actor = request.pegawai
    return _form_page(
        request,
        forms.UnitForm(request.POST or None, actor=actor),
        lambda data: services.unit_create(actor=actor, **data),
        judul="Tambah unit kerja",
        sukses="Unit kerja tersimpan.",
        kembali=reverse("organisasi:unit_list"),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def unit_update(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.pegawai
    unit = get_object_or_404(selectors.units_managed_by(actor), pk=pk)
    return _form_page(
        request,
        forms.UnitForm(request.POST or None, instance=unit, actor=actor),
        lambda data: services.unit_update(actor=actor, unit=unit, **data),
        judul=f"Ubah unit kerja: {unit}",
        sukses="Perubahan unit kerja tersimpan.",
        kembali=reverse("organisasi:unit_list"),
    )


# ---------------------------------------------------------------- jabatan


@admin_required
def jabatan_list(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.jabatan_managed_by(request.pegawai),
        "organisasi/kelola_jabatan_list.html",
        _matching("nama", "unit__nama", "pemangku__nama"),
        judul="Jabatan",
        tambah_url=reverse("organisasi:jabatan_create"),
        tambah_label="Tambah jabatan",
        cari_placeholder="Cari nama jabatan, unit, atau pemangku",
    )


@admin_required
@require_http_methods(["GET", "POST"])
def jabatan_create(request: HttpRequest) -> HttpResponse:
    actor = request.pegawai
    return _form_page(
        request,
        forms.JabatanForm(request.POST or None, actor=actor),
        lambda data: services.jabatan_create(actor=actor, **data),
        judul="Tambah jabatan",
        sukses="Jabatan tersimpan.",
        kembali=reverse("organisasi:jabatan_list"),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def jabatan_update(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.pegawai
    jabatan = get_object_or_404(selectors.jabatan_managed_by(actor), pk=pk)
    return _form_page(
        request,
        forms.JabatanForm(request.POST or None, instance=jabatan, actor=actor),
        lambda data: services.jabatan_update(actor=actor, jabatan=jabatan, **data),
        judul=f"Ubah jabatan: {jabatan}",
        sukses="Perubahan jabatan tersimpan.",
        kembali=reverse("organisasi:jabatan_list"),
    )


# ---------------------------------------------------------------- pegawai


@admin_required
def pegawai_list(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.pegawai_managed_by(request.pegawai),
        "organisasi/kelola_pegawai_list.html",
        _pegawai_matching,
        judul="Pegawai",
        tambah_url=reverse("organisasi:pegawai_create"),
        tambah_label="Tambah pegawai",
        cari_placeholder="Cari nama atau NIP",
    )


@admin_required
@require_http_methods(["GET", "POST"])
def pegawai_create(request: HttpRequest) -> HttpResponse:
    actor = request.pegawai
    return _form_page(
        request,
        forms.PegawaiBaruForm(request.POST or None, actor=actor),
        lambda data: services.pegawai_create(actor=actor, **data),
        judul="Tambah pegawai",
        sukses="Pegawai tersimpan. Ia sudah dapat masuk dengan nama pengguna (atau NIP) dan kata sandinya.",
        kembali=reverse("organisasi:pegawai_list"),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def pegawai_update(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.pegawai
    obj = get_object_or_404(selectors.pegawai_managed_by(actor), pk=pk)
    return _form_page(
        request,
        forms.PegawaiForm(request.POST or None, instance=obj, actor=actor),
        lambda data: services.pegawai_update(actor=actor, pegawai=obj, **data),
        judul=f"Ubah pegawai: {obj}",
        sukses="Perubahan data pegawai tersimpan.",
        kembali=reverse("organisasi:pegawai_list"),
    )


# ---------------------------------------------------------------- Plt / Plh


@admin_required
def penugasan_list(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.penugasan_managed_by(request.pegawai),
        "organisasi/kelola_penugasan_list.html",
        _matching("pegawai__nama", "jabatan__nama", "nomor_sk"),
        judul="Plt./Plh.",
        tambah_url=reverse("organisasi:penugasan_create"),
        tambah_label="Tunjuk Plt./Plh.",
        cari_placeholder="Cari nama pegawai, jabatan, atau nomor surat perintah",
    )


@admin_required
@require_http_methods(["GET", "POST"])
def penugasan_create(request: HttpRequest) -> HttpResponse:
    actor = request.pegawai
    return _form_page(
        request,
        forms.PenugasanForm(request.POST or None, actor=actor),
        lambda data: services.penugasan_create(actor=actor, **data),
        judul="Tunjuk Plt./Plh.",
        sukses="Penugasan Plt./Plh. tersimpan.",
        kembali=reverse("organisasi:penugasan_list"),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def penugasan_update(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.pegawai
    penugasan = get_object_or_404(selectors.penugasan_managed_by(actor), pk=pk)
    return _form_page(
        request,
        forms.PenugasanForm(request.POST or None, instance=penugasan, actor=actor),
        lambda data: services.penugasan_update(actor=actor, penugasan=penugasan, **data),
        judul=f"Ubah penugasan: {penugasan}",
        sukses="Perubahan penugasan tersimpan.",
        kembali=reverse("organisasi:penugasan_list"),
        hapus_url=reverse("organisasi:penugasan_delete", args=[penugasan.pk]),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def penugasan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.pegawai
    penugasan = get_object_or_404(selectors.penugasan_managed_by(actor), pk=pk)
    return _confirm_page(
        request,
        lambda: services.penugasan_delete(actor=actor, penugasan=penugasan),
        judul="Hapus penugasan Plt./Plh.",
        pesan=f"Hapus {penugasan} ({penugasan.mulai:%d-%m-%Y} s.d. {penugasan.selesai:%d-%m-%Y})? "
        "Gunakan ini hanya untuk penugasan yang salah dimasukkan.",
        tombol="Ya, hapus",
        sukses="Penugasan dihapus.",
        kembali=reverse("organisasi:penugasan_list"),
    )


# ---------------------------------------------------------------- peran


@admin_required
@require_http_methods(["GET", "POST"])
def peran_list(request: HttpRequest) -> HttpResponse:
    """The roles the actor manages, with the form to grant one."""
    actor = request.pegawai
    form = forms.PeranForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            services.peran_grant(actor=actor, **form.service_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Peran diberikan.")
            return redirect("organisasi:peran_list")
    return _list_page(
        request,
        selectors.peran_managed_by(actor),
        "organisasi/kelola_peran_list.html",
        _matching("pegawai__nama", "opd__nama"),
        judul="Peran",
        cari_placeholder="Cari nama pegawai atau OPD",
        form=form,
    )


@admin_required
@require_http_methods(["GET", "POST"])
def peran_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.pegawai
    peran = get_object_or_404(selectors.peran_managed_by(actor), pk=pk)
    return _confirm_page(
        request,
        lambda: services.peran_revoke(actor=actor, peran=peran),
        judul="Cabut peran",
        pesan=f"Cabut peran {peran.get_jenis_display()} dari {peran.pegawai}"
        + (f" untuk {peran.opd}?" if peran.opd else "?"),
        tombol="Ya, cabut",
        sukses="Peran dicabut.",
        kembali=reverse("organisasi:peran_list"),
    )
