"""PDF pages of a letter: the draft preview (rendered by a worker and cached, surat.pratinjau), the signed PDF (stored bytes, or a copy
rendered by a worker while the page shows "sedang diproses"), the lembar disposisi, and the buku agenda
print job of the pencatat. Files are only ever served through these permission-checked views."""

from __future__ import annotations

import hashlib
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from disposisi.pohon import lembar_args  # layer: the lembar disposisi prints the letter's dispositions
from organisasi.acting import Actor
from organisasi.decorators import pegawai_required
from organisasi.models import Pegawai
from surat import dokumen, integritas, pdf, pindaian, pratinjau, selectors, tasks
from surat.forms.pdf import AgendaPdfForm
from surat.models import Agenda, Surat
from surat.models_dokumen import Cetakan, DokumenSurat, StatusPdf
from surat.views.unduh import berkas_dimusnahkan, kirim_berkas


def _nama_berkas(teks: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", teks).strip("-")[:80] or "surat"


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _surat_isi(actor: Actor, pk: int) -> Surat:
    """A letter whose content the user may see (404 otherwise, also for register-only access)."""
    surat = selectors.get_surat_for(actor, pk)
    if not selectors.can_see_content(actor, surat):
        raise Http404
    return surat


@pegawai_required
@require_GET
def pdf_konsep(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone who may read the letter: the draft as PDF, marked KONSEP and without a number."""
    surat = _surat_isi(request.actor, pk)
    if surat.sumber != Surat.Sumber.NASKAH:
        raise Http404
    if surat.is_final:
        return redirect("surat:pdf", pk=surat.pk)
    hasil = pratinjau.pratinjau(surat, tasks.enqueue_pratinjau)
    if hasil is None or "galat" in hasil:
        ctx = {"surat": surat, "galat": hasil["galat"] if hasil else ""}
        return render(request, "surat/pratinjau_proses.html", ctx, status=202 if hasil is None else 200)
    return _pdf_response(hasil["pdf"], f"konsep-{surat.pk}.pdf")


def _menunggu(
    request: HttpRequest, judul: str, objek: DokumenSurat | Cetakan, *, status: str, kembali: str, unduh: str = ""
) -> HttpResponse:
    """The page that waits for a worker's PDF, polls `status` and then offers the file."""
    ctx = {"judul": judul, "objek": objek, "status_url": status, "kembali_url": kembali, "unduh_url": unduh}
    return render(request, "pdf/proses.html", ctx)


def _status_json(status: str, label: str, unduh: str, error: str = "") -> JsonResponse:
    return JsonResponse(
        {"status": status, "label": label, "siap": status == StatusPdf.SIAP, "unduh": unduh, "error": error}
    )


@pegawai_required
@require_GET
def pdf_surat(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone who may read a signed letter: its PDF. Without one yet, a worker renders it and this page
    says so and refreshes itself."""
    surat = _surat_isi(request.actor, pk)
    if surat.sumber != Surat.Sumber.NASKAH or not surat.is_final:
        raise Http404
    berkas = DokumenSurat.objects.filter(surat=surat).first()
    if berkas is not None and berkas.status == StatusPdf.SIAP and not berkas.berkas:
        # Destroyed by the archives (the row stays, the file is gone): never render it again.
        return berkas_dimusnahkan(request, surat)
    if berkas is not None and berkas.siap:
        return kirim_berkas(
            request,
            berkas.berkas,
            berkas.sha256,
            objek=berkas,
            filename=f"{_nama_berkas(surat.nomor or '')}.pdf",
            content_type="application/pdf",
            as_attachment=False,
        )
    berkas = dokumen.request_salinan(surat=surat, enqueue=tasks.enqueue_surat_pdf)
    return _menunggu(
        request,
        f"PDF surat {surat.nomor}",
        berkas,
        status=reverse("surat:pdf_status", args=[surat.pk]),
        kembali=reverse("surat:detail", args=[surat.pk]),
    )


@pegawai_required
@require_GET
def pdf_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The state of a letter's PDF, polled by the waiting page."""
    surat = _surat_isi(request.actor, pk)
    berkas = DokumenSurat.objects.filter(surat=surat).first()
    if berkas is None:
        return _status_json(StatusPdf.BELUM, StatusPdf.BELUM.label, "")
    unduh = reverse("surat:pdf", args=[surat.pk]) if berkas.siap else ""
    error = "Pembuatan PDF gagal. Muat ulang halaman untuk mencoba lagi." if berkas.status == StatusPdf.GAGAL else ""
    return _status_json(berkas.status, berkas.get_status_display(), unduh, error)


@pegawai_required
@require_GET
def lembar_disposisi(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone who may read a received letter: its printable disposition sheet."""
    pegawai = request.pegawai
    surat = _surat_isi(request.actor, pk)
    if not surat.is_final:
        raise Http404
    own_opd = pegawai.jabatan.unit.opd_id if pegawai.jabatan_id else None
    opd_ids = request.actor.pencatat_opd_ids | ({own_opd} if own_opd else set())
    agenda = Agenda.objects.filter(surat=surat, opd_id__in=opd_ids).select_related("opd").order_by("pk").first()
    data = pdf.render_lembar_disposisi(surat, opd=agenda.opd if agenda else None, **lembar_args(surat, pegawai))
    return _pdf_response(data, f"lembar-disposisi-{surat.pk}.pdf")


@pegawai_required
@require_http_methods(["GET", "POST"])
def agenda_pdf(request: HttpRequest) -> HttpResponse:
    """The pencatat: ask for the buku agenda of a period as PDF (rendered by a worker)."""
    pegawai = request.pegawai
    opd_ids = request.actor.pencatat_opd_ids
    if not opd_ids:
        raise Http404
    form = AgendaPdfForm(request.POST or None, opd_ids=opd_ids)
    if request.method == "POST" and form.is_valid():
        try:
            cetakan = dokumen.cetakan_buku_agenda(actor=pegawai, enqueue=tasks.enqueue_cetakan, **form.cleaned_data)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("surat:cetakan", pk=cetakan.pk)
    return render(request, "pdf/agenda_form.html", {"form": form})


def _cetakan_for(pegawai: Pegawai, pk: int) -> Cetakan:
    return get_object_or_404(Cetakan, pk=pk, pemohon=pegawai)


@pegawai_required
@require_GET
def cetakan(request: HttpRequest, pk: int) -> HttpResponse:
    """The requester: the print job's page (waits, then offers the file)."""
    job = _cetakan_for(request.pegawai, pk)
    return _menunggu(
        request,
        f"{job.get_jenis_display()} {job.opd.nama if job.opd_id else ''}",
        job,
        status=reverse("surat:cetakan_status", args=[job.pk]),
        kembali=reverse("surat:agenda"),
        unduh=reverse("surat:cetakan_unduh", args=[job.pk]),
    )


@pegawai_required
@require_GET
def cetakan_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _cetakan_for(request.pegawai, pk)
    unduh = reverse("surat:cetakan_unduh", args=[job.pk]) if job.siap else ""
    return _status_json(job.status, job.get_status_display(), unduh, job.error)


@pegawai_required
@require_GET
def cetakan_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    job = _cetakan_for(request.pegawai, pk)
    if not job.siap:
        messages.info(request, "Berkas belum siap.")
        return redirect("surat:cetakan", pk=job.pk)
    return kirim_berkas(
        request,
        job.berkas,
        job.sha256,
        objek=job,
        filename=job.nama_berkas,
        content_type="application/pdf",
        as_attachment=False,
    )


@pegawai_required
@require_GET
def pindaian_tampil(request: HttpRequest, pk: int) -> HttpResponse:
    """A scan (attachment) of a letter as an image for the letter page, through the download's permission
    and integrity checks: an image as it is, a PDF drawn as its first pages (surat/pindaian.py). 404 for
    other types."""
    item = selectors.get_lampiran_for(request.actor, pk)
    if not item.berkas or not pindaian.bisa_tampil(item.mime):
        raise Http404
    try:
        with item.berkas.open("rb") as berkas:
            data = berkas.read()
    except OSError as exc:
        raise Http404 from exc
    if item.sha256 and hashlib.sha256(data).hexdigest() != item.sha256:
        integritas.laporkan(
            objek=item, nama=item.berkas.name, tercatat=item.sha256, ditemukan=hashlib.sha256(data).hexdigest()
        )
        raise Http404
    mime = item.mime
    if mime == "application/pdf":
        try:
            data, mime = pindaian.halaman_pdf_png(data), "image/png"
        except ValueError as exc:
            raise Http404 from exc
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response
