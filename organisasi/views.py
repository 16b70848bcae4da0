"""Struktur Organisasi (every pegawai) and Kelola Struktur (admin OPD for its own OPD, admin Pemda for all).

Object pages look the object up in the actor's scoped queryset, so another OPD's object is a 404. Every
write goes through organisasi.services; a ValidationError it raises is shown on the form, and since the
service runs in one transaction nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from lib.paging import counted_page_of
from organisasi import forms, permissions, persetujuan, selectors, services
from organisasi.decorators import admin_required, pegawai_required
from organisasi.models import Pegawai, PengajuanKewenangan
from organisasi.nip import normalize_nip

PER_HALAMAN = 50
MENUNGGU_PERSETUJUAN = (
    "diajukan dan baru berlaku setelah disetujui Admin Pemda atau admin lain (menu Pengajuan). "
    "Pegawai yang bersangkutan dan Admin Pemda sudah diberi tahu."
)


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


# Suggestions per keystroke of a pegawai picker.
PEGAWAI_CARI_MAKS = 20


@pegawai_required
@require_GET
def pegawai_cari(request: HttpRequest) -> JsonResponse:
    """Pegawai placed in a post, by name or NIP, for the pickers of the draft form (the people a Surat
    Tugas assigns): what the Struktur Organisasi page already shows every signed-in pegawai."""
    q = request.GET.get("q", "").strip()[:100]
    hasil = [
        {
            "id": p.pk,
            "label": selectors.pegawai_label(p),
            "opd": (p.jabatan.unit.opd or p.jabatan.unit).nama,
        }
        for p in (selectors.pegawai_search(q, limit=PEGAWAI_CARI_MAKS, berjabatan=True) if len(q) >= 2 else [])
    ]
    return JsonResponse({"hasil": hasil})


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
    """Show the form; on a valid POST call the service, or show its errors next to the fields. Changes the
    service held for a second person's approval (`obj.pengajuan`) are named in the message."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.service_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, sukses)
            for pengajuan in getattr(obj, "pengajuan", ()):
                messages.warning(request, f"Perubahan {pengajuan.uraian} {MENUNGGU_PERSETUJUAN}")
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


# ---------------------------------------------------------------- unit kerja, jabatan, pegawai, Plt/Plh


@dataclass(frozen=True)
class Kelola:
    """One kind of object of Kelola Struktur and the words of its list, add and edit pages (URL names
    organisasi:<nama>_list, _create, _update)."""

    nama: str
    judul: str  # of the list
    tambah: str  # the add button and the add page
    ubah: str  # the edit page, followed by the object
    cari: str  # the search box's placeholder
    scope: Callable[[Pegawai], QuerySet]  # the objects the actor manages
    search: Callable[[str], Q]
    form_baru: type[forms.ServiceFormMixin]
    form_ubah: type[forms.ServiceFormMixin]
    create: Callable[..., object]
    update: Callable[..., object]  # update(actor, obj, data)
    sukses_baru: str
    sukses_ubah: str
    hapus: bool = False  # the edit page links to organisasi:<nama>_delete

    def url(self, page: str, *args: Any) -> str:
        return reverse(f"organisasi:{self.nama}_{page}", args=args)


def _list_view(k: Kelola) -> Callable[[HttpRequest], HttpResponse]:
    @admin_required
    def view(request: HttpRequest) -> HttpResponse:
        return _list_page(
            request,
            k.scope(request.pegawai),
            f"organisasi/kelola_{k.nama}_list.html",
            k.search,
            judul=k.judul,
            tambah_url=k.url("create"),
            tambah_label=k.tambah,
            cari_placeholder=k.cari,
        )

    return view


def _create_view(k: Kelola) -> Callable[[HttpRequest], HttpResponse]:
    @admin_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest) -> HttpResponse:
        actor = request.pegawai
        return _form_page(
            request,
            k.form_baru(request.POST or None, actor=actor),
            lambda data: k.create(actor=actor, **data),
            judul=k.tambah,
            sukses=k.sukses_baru,
            kembali=k.url("list"),
        )

    return view


def _update_view(k: Kelola) -> Callable[[HttpRequest, int], HttpResponse]:
    @admin_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        actor = request.pegawai
        obj = get_object_or_404(k.scope(actor), pk=pk)
        return _form_page(
            request,
            k.form_ubah(request.POST or None, instance=obj, actor=actor),
            lambda data: k.update(actor, obj, data),
            judul=f"{k.ubah}: {obj}",
            sukses=k.sukses_ubah,
            kembali=k.url("list"),
            hapus_url=k.url("delete", obj.pk) if k.hapus else "",
        )

    return view


UNIT = Kelola(
    nama="unit",
    judul="Unit kerja",
    tambah="Tambah unit kerja",
    ubah="Ubah unit kerja",
    cari="Cari nama unit atau kode surat",
    scope=selectors.units_managed_by,
    search=_matching("nama", "kode"),
    form_baru=forms.UnitForm,
    form_ubah=forms.UnitForm,
    create=services.unit_create,
    update=lambda actor, obj, data: services.unit_update(actor=actor, unit=obj, **data),
    sukses_baru="Unit kerja tersimpan.",
    sukses_ubah="Perubahan unit kerja tersimpan.",
)
JABATAN = Kelola(
    nama="jabatan",
    judul="Jabatan",
    tambah="Tambah jabatan",
    ubah="Ubah jabatan",
    cari="Cari nama jabatan, unit, atau pemangku",
    scope=selectors.jabatan_managed_by,
    search=_matching("nama", "unit__nama", "pemangku__nama"),
    form_baru=forms.JabatanForm,
    form_ubah=forms.JabatanForm,
    create=services.jabatan_create,
    update=lambda actor, obj, data: services.jabatan_update(actor=actor, jabatan=obj, **data),
    sukses_baru="Jabatan tersimpan.",
    sukses_ubah="Perubahan jabatan tersimpan.",
)
PEGAWAI = Kelola(
    nama="pegawai",
    judul="Pegawai",
    tambah="Tambah pegawai",
    ubah="Ubah pegawai",
    cari="Cari nama atau NIP",
    scope=selectors.pegawai_managed_by,
    search=_pegawai_matching,
    form_baru=forms.PegawaiBaruForm,
    form_ubah=forms.PegawaiForm,
    create=services.pegawai_create,
    update=lambda actor, obj, data: services.pegawai_update(actor=actor, pegawai=obj, **data),
    sukses_baru="Pegawai tersimpan. Ia sudah dapat masuk dengan nama pengguna (atau NIP) dan kata sandinya.",
    sukses_ubah="Perubahan data pegawai tersimpan. Email baru berlaku setelah dikonfirmasi pemilik akun "
    "lewat alamat email lamanya (kecuali diubah Admin Pemda).",
)
PENUGASAN = Kelola(
    nama="penugasan",
    judul="Plt./Plh.",
    tambah="Tunjuk Plt./Plh.",
    ubah="Ubah penugasan",
    cari="Cari nama pegawai, jabatan, atau nomor surat perintah",
    scope=selectors.penugasan_managed_by,
    search=_matching("pegawai__nama", "jabatan__nama", "nomor_sk"),
    form_baru=forms.PenugasanForm,
    form_ubah=forms.PenugasanForm,
    create=services.penugasan_create,
    update=lambda actor, obj, data: services.penugasan_update(actor=actor, penugasan=obj, **data),
    sukses_baru="Penugasan Plt./Plh. tersimpan.",
    sukses_ubah="Perubahan penugasan tersimpan.",
    hapus=True,
)

unit_list, unit_create, unit_update = _list_view(UNIT), _create_view(UNIT), _update_view(UNIT)
jabatan_list, jabatan_create, jabatan_update = _list_view(JABATAN), _create_view(JABATAN), _update_view(JABATAN)
pegawai_list, pegawai_create, pegawai_update = _list_view(PEGAWAI), _create_view(PEGAWAI), _update_view(PEGAWAI)
penugasan_list, penugasan_create, penugasan_update = (
    _list_view(PENUGASAN),
    _create_view(PENUGASAN),
    _update_view(PENUGASAN),
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
            hasil = services.peran_grant(actor=actor, **form.service_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if isinstance(hasil, PengajuanKewenangan):
                messages.warning(request, f"Pemberian {hasil.uraian} {MENUNGGU_PERSETUJUAN}")
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


# ---------------------------------------------------------------- second-person approval


@admin_required
def pengajuan_list(request: HttpRequest) -> HttpResponse:
    """Open requests to change who holds a key post, a role or such a holder's e-mail, with the buttons
    for those who may decide them (admin Pemda, or an admin who is neither proposer nor concerned)."""
    actor = request.pegawai
    halaman = counted_page_of(request, selectors.pengajuan_for(actor), PER_HALAMAN)
    for pengajuan in halaman.baris:
        pengajuan.boleh_diputus = persetujuan.boleh_memutus(actor, pengajuan)
    return render(request, "organisasi/kelola_pengajuan_list.html", {"halaman": halaman})


def _pengajuan_view(
    putus: Callable[..., object], *, judul: str, tombol: str, sukses: str
) -> Callable[[HttpRequest, int], HttpResponse]:
    @admin_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        actor = request.pegawai
        pengajuan = get_object_or_404(selectors.pengajuan_for(actor), pk=pk)
        return _confirm_page(
            request,
            lambda: putus(actor=actor, pengajuan=pengajuan),
            judul=judul,
            pesan=f"{judul}: perubahan {pengajuan.uraian} bagi {pengajuan.pegawai}, diajukan oleh {pengajuan.pengaju}?",
            tombol=tombol,
            sukses=sukses,
            kembali=reverse("organisasi:pengajuan_list"),
        )

    return view


pengajuan_setujui = _pengajuan_view(
    persetujuan.setujui, judul="Setujui pengajuan", tombol="Ya, setujui", sukses="Pengajuan disetujui."
)
pengajuan_tolak = _pengajuan_view(
    persetujuan.tolak, judul="Tolak pengajuan", tombol="Ya, tolak", sukses="Pengajuan ditolak."
)
