"""Disposition pages: Disposisi Masuk/Keluar, the disposition form, one disposition (with report and cancel),
the whole tree of a letter, "tidak perlu disposisi", and report file downloads.

Anything a user may not see is a 404; a refused action comes back as the service's message."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from disposisi import selectors, services
from disposisi.forms import DaftarFilterForm, DisposisiForm, LaporanForm
from disposisi.models import Disposisi
from disposisi.pohon import tree
from lib.forms import saringan
from lib.paging import page_of
from organisasi import acting
from organisasi.decorators import pegawai_required
from surat import rincian
from surat import selectors as surat_selectors
from surat.models import Surat
from surat.views.unduh import kirim_berkas

PER_HALAMAN = 25


DAFTAR = {
    "masuk": {
        "judul": "Disposisi Masuk",
        "keterangan": "Disposisi yang ditujukan kepada Anda. Buka untuk membaca, meneruskan, atau melaporkan.",
        "kosong": "Belum ada disposisi untuk Anda.",
    },
    "keluar": {
        "judul": "Disposisi Keluar",
        "keterangan": "Disposisi yang Anda berikan, dengan keadaannya saat ini.",
        "kosong": "Anda belum pernah memberikan disposisi.",
    },
}


def _daftar(request: HttpRequest, arah: str) -> HttpResponse:
    saringan, filters = _saringan(request)
    fn = selectors.disposisi_masuk if arah == "masuk" else selectors.disposisi_keluar
    actor = request.actor
    ids = {"jabatan_ids": actor.jabatan_ids, "opd_ids": actor.pencatat_opd_ids}
    cabang = selectors.cabang(request.pegawai, arah, **filters)
    siap = None if filters else (selectors.DAFTAR_SIAP[arah, len(cabang) > 1], ids)
    halaman = page_of(
        request,
        functools.partial(fn, request.pegawai, **filters),
        PER_HALAMAN,
        cabang=cabang,
        join_tertulis=True,
        siap=siap,
    )
    info = DAFTAR[arah]
    kosong = info["kosong"] if not filters else "Tidak ada disposisi yang cocok dengan saringan ini."
    return render(
        request,
        "disposisi/daftar.html",
        {
            "saringan": saringan,
            "halaman": halaman,
            "arah": arah,
            "info": info,
            "kosong": kosong,
            "disaring": bool(filters),
        },
    )


SARINGAN = "disposisi/_saringan.html"


def _saringan(request: HttpRequest) -> tuple[SafeString, dict[str, Any]]:
    """The filter form as HTML and the filters typed in it; the empty form (nearly every visit) is printed
    once per process (lib.forms.saringan)."""
    html, form = saringan(request.GET, DaftarFilterForm, SARINGAN, ("disposisi",))
    return html, form.filters() if form else {}


@pegawai_required
@require_GET
def masuk(request: HttpRequest) -> HttpResponse:
    """Dispositions to the jabatan the user acts in today."""
    return _daftar(request, "masuk")


@pegawai_required
@require_GET
def keluar(request: HttpRequest) -> HttpResponse:
    """Dispositions the user gave."""
    return _daftar(request, "keluar")


def _jalur(pegawai: Any, surat: Surat, induk_pk: int | None) -> selectors.Jalur:
    jalur = selectors.jalur_disposisi(pegawai, surat)
    if induk_pk is not None:
        cocok = [j for j in jalur if j.induk is not None and j.induk.pk == induk_pk]
    else:
        cocok = [j for j in jalur if j.induk is None] or jalur[:1]
    if not cocok:
        raise Http404
    return cocok[0]


def _surat_isi(pegawai: Any, pk: int) -> Surat:
    surat = surat_selectors.get_surat_for(pegawai, pk)
    if not surat_selectors.can_see_content(pegawai, surat):
        raise Http404
    rincian.muat_penerima(surat)  # the ways to dispose it are read from its recipients
    return surat


def _add_errors(form: Any, error: ValidationError) -> None:
    for name, msgs in error.message_dict.items():
        form.add_error(name if name in form.fields else None, msgs)


@pegawai_required
@require_http_methods(["GET", "POST"])
def buat(request: HttpRequest, surat_pk: int, induk_pk: int | None = None) -> HttpResponse:
    """The addressee of a letter, or the recipient of one of its dispositions: dispose it (further) down."""
    pegawai = request.pegawai
    surat = _surat_isi(pegawai, surat_pk)
    jalur = _jalur(pegawai, surat, induk_pk)
    form = DisposisiForm(request.POST or None, dari_jabatan=jalur.jabatan, kecuali=acting.of(pegawai).jabatan_ids)
    if request.method == "POST" and form.is_valid():
        try:
            dibuat = services.disposisi_create(
                actor=pegawai, surat=surat, dari_jabatan=jalur.jabatan, induk=jalur.induk, **form.cleaned_data
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            nama = ", ".join(d.kepada_jabatan.nama for d in dibuat)
            messages.success(request, f"Disposisi terkirim kepada {nama}.")
            return redirect("disposisi:pohon", surat_pk=surat.pk)
    return render(request, "disposisi/form.html", {"form": form, "surat": surat, "jalur": jalur})


def _detail_context(pegawai: Any, d: Disposisi, laporan_form: LaporanForm | None = None) -> dict[str, Any]:
    ids = acting.of(pegawai).jabatan_ids
    untuk_saya = d.kepada_jabatan_id in ids
    return {
        "d": d,
        "surat": d.surat,
        "untuk_saya": untuk_saya,
        "boleh_lanjut": untuk_saya and d.is_aktif,
        "boleh_batalkan": d.dari_jabatan_id in ids and d.status == Disposisi.Status.TERKIRIM,
        "laporan": list(d.laporan.select_related("pegawai").prefetch_related("lampiran")),
        "anak": list(d.anak.select_related("kepada_jabatan").order_by("id")),
        "laporan_form": laporan_form or LaporanForm(),
    }


@pegawai_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One disposition: the letter in short, the branch, and its actions. Opening it counts as reading it."""
    pegawai = request.pegawai
    d = selectors.get_disposisi_for(pegawai, pk)
    services.disposisi_read(actor=pegawai, disposisi=d)
    return render(request, "disposisi/detail.html", _detail_context(pegawai, d))


@pegawai_required
@require_POST
def laporkan(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient of the branch: file the follow-up report (text and optional files)."""
    pegawai = request.pegawai
    d = selectors.get_disposisi_for(pegawai, pk)
    if d.kepada_jabatan_id not in acting.of(pegawai).jabatan_ids:
        raise Http404
    form = LaporanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.laporan_create(actor=pegawai, disposisi=d, **form.cleaned_data)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Laporan tindak lanjut terkirim. Disposisi ini selesai.")
            return redirect("disposisi:detail", pk=d.pk)
    return render(request, "disposisi/detail.html", _detail_context(pegawai, d, form), status=200)


@pegawai_required
@require_http_methods(["GET", "POST"])
def batalkan(request: HttpRequest, pk: int) -> HttpResponse:
    """The sender, while the recipient has not read it: confirm, then cancel."""
    pegawai = request.pegawai
    d = selectors.get_disposisi_for(pegawai, pk)
    if d.dari_jabatan_id not in acting.of(pegawai).jabatan_ids:
        raise Http404
    if request.method == "POST":
        try:
            services.disposisi_cancel(actor=pegawai, disposisi=d)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("disposisi:detail", pk=d.pk)
        messages.success(request, f"Disposisi kepada {d.kepada_jabatan.nama} dibatalkan.")
        return redirect("disposisi:pohon", surat_pk=d.surat_id)
    return render(request, "disposisi/batalkan.html", {"d": d})


@pegawai_required
@require_GET
def pohon(request: HttpRequest, surat_pk: int) -> HttpResponse:
    """The disposition tree of a letter as the user may see it (their chain), with its progress. Someone
    with no branch to see and none to start (the sending OPD, a copy) gets a 404."""
    pegawai = request.pegawai
    surat = _surat_isi(pegawai, surat_pk)
    pohon_, jalur = tree(surat, pegawai), selectors.jalur_disposisi(pegawai, surat)
    if not len(pohon_) and not jalur and not selectors.boleh_tanpa_disposisi(pegawai, surat):
        raise Http404
    return render(request, "disposisi/pohon.html", {"surat": surat, "pohon": pohon_, "jalur": jalur})


@pegawai_required
@require_POST
def tanpa_disposisi(request: HttpRequest, surat_pk: int) -> HttpResponse:
    """The addressee: the letter needs no disposition; file it."""
    pegawai = request.pegawai
    surat = _surat_isi(pegawai, surat_pk)
    try:
        services.surat_tanpa_disposisi(actor=pegawai, surat=surat, catatan=request.POST.get("catatan", ""))
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Surat ditandai tidak perlu disposisi dan diarsipkan.")
    return redirect("surat:detail", pk=surat.pk)


@pegawai_required
@require_GET
def lampiran(request: HttpRequest, pk: int) -> HttpResponse:
    """Download a report file, through the permission and integrity checks only."""
    item = selectors.get_lampiran_laporan_for(request.pegawai, pk)
    if not item.berkas:
        raise Http404  # destroyed under the retention schedule (arsip.retensi)
    return kirim_berkas(request, item.berkas, item.sha256, objek=item, filename=item.nama_asli, content_type=item.mime)
