"""Writes for the PDFs of letters and the print jobs: storing the signed PDF at signing, rendering the
copy of a letter signed without TTE, and the buku agenda job. Celery tasks (surat/tasks.py) call the
render functions with ids; they are idempotent (a second run finds the file and returns).

A TTE-signed PDF is stored once, inside the signing transaction, and never rewritten.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit.services import record
from organisasi.models import Pegawai, UnitKerja
from organisasi.permissions import pencatat_opd_ids
from surat import pdf, selectors
from surat.models import Surat
from surat.models_dokumen import Cetakan, DokumenSurat, StatusPdf

logger = logging.getLogger(__name__)

# A job still "diproses" after this long lost its worker (killed, time limit): it may be queued again.
MACET_SETELAH = timedelta(minutes=10)
MAKS_HARI_AGENDA = 366


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dokumen_for(surat: Surat) -> DokumenSurat:
    """The letter's DokumenSurat (created with a fresh verification token on first use)."""
    dokumen, _ = DokumenSurat.objects.get_or_create(surat=surat)
    return dokumen


def store_signed(
    *,
    surat: Surat,
    dokumen: DokumenSurat,
    pdf_bytes: bytes,
    signed_at,
    serial: str,
    id_dokumen: str = "",
    cap_waktu_sampai=None,
):
    """Inside the signing transaction: keep the signed bytes exactly as the TTE backend returned them."""
    if dokumen.is_tte:
        raise ValidationError("Surat ini sudah memiliki PDF bertanda tangan elektronik.")
    digest = sha256(pdf_bytes)
    dokumen.berkas.save(f"{surat.pk}.pdf", ContentFile(pdf_bytes), save=False)
    dokumen.sha256 = digest
    dokumen.status = StatusPdf.SIAP
    dokumen.error = ""
    dokumen.ditandatangani_tte_pada = signed_at
    dokumen.sertifikat_serial = serial
    dokumen.id_dokumen_bsre = id_dokumen
    dokumen.cap_waktu_sampai = cap_waktu_sampai
    dokumen.save()
    return dokumen


def _is_stuck(status: str, since: datetime.datetime | None) -> bool:
    return status == StatusPdf.DIPROSES and since is not None and timezone.now() - since > MACET_SETELAH


def request_salinan(*, surat: Surat, enqueue: Callable[[int], None]) -> DokumenSurat:
    """Anyone who may see a signed letter without a PDF yet: mark it DIPROSES and queue the render
    (after commit). Does nothing when the PDF is ready or already being made."""
    if not surat.is_final or surat.sumber != Surat.Sumber.NASKAH:
        raise ValidationError("PDF hanya tersedia untuk surat yang sudah ditandatangani.")
    dokumen = dokumen_for(surat)
    if dokumen.siap or (dokumen.status == StatusPdf.DIPROSES and not _is_stuck(dokumen.status, dokumen.diubah)):
        return dokumen
    DokumenSurat.objects.filter(pk=dokumen.pk).update(status=StatusPdf.DIPROSES, error="", diubah=timezone.now())
    dokumen.status = StatusPdf.DIPROSES
    transaction.on_commit(lambda: enqueue(surat.pk))
    return dokumen


def macet(*, batas: int = 200) -> tuple[list[int], list[int]]:
    """System (beat): the PDF copies and print jobs still DIPROSES after MACET_SETELAH (their worker died,
    or the broker was down when they were queued), claimed again (their clock restarts) so that one sweep
    re-queues each: (surat ids, cetakan ids)."""
    batas_waktu = timezone.now() - MACET_SETELAH
    surat_ids = []
    for pk, surat_id in DokumenSurat.objects.filter(status=StatusPdf.DIPROSES, diubah__lt=batas_waktu).values_list(
        "pk", "surat_id"
    )[:batas]:
        if DokumenSurat.objects.filter(pk=pk, status=StatusPdf.DIPROSES, diubah__lt=batas_waktu).update(
            diubah=timezone.now()
        ):
            surat_ids.append(surat_id)
    cetakan_ids = list(
        Cetakan.objects.filter(status=StatusPdf.DIPROSES, dibuat__lt=batas_waktu).values_list("pk", flat=True)[:batas]
    )
    return surat_ids, cetakan_ids


def render_salinan(surat_id: int) -> DokumenSurat | None:
    """System (Celery): render and store the copy of a signed letter that has no TTE PDF. Idempotent.
    A failure marks the document GAGAL (the page says so) and re-raises for the task's retry."""
    try:
        return _render_salinan(surat_id)
    except Exception as exc:
        DokumenSurat.objects.filter(surat_id=surat_id, status=StatusPdf.DIPROSES).update(
            status=StatusPdf.GAGAL, error=type(exc).__name__, diubah=timezone.now()
        )
        raise


@transaction.atomic
def _render_salinan(surat_id: int) -> DokumenSurat | None:
    surat = Surat.objects.filter(pk=surat_id).select_related("jenis", "opd", "penandatangan__unit").first()
    if surat is None or not surat.is_final or surat.sumber != Surat.Sumber.NASKAH:
        return None
    dokumen_for(surat)
    dokumen = DokumenSurat.objects.select_for_update().get(surat=surat)
    if dokumen.siap:
        return dokumen
    data = pdf.render_surat_pdf(surat, konsep=False, token=dokumen.token_verifikasi, tte=False)
    dokumen.berkas.save(f"{surat.pk}.pdf", ContentFile(data), save=False)
    dokumen.sha256 = sha256(data)
    dokumen.status = StatusPdf.SIAP
    dokumen.error = ""
    dokumen.save()
    return dokumen


def cetakan_buku_agenda(
    *, actor: Pegawai, opd: UnitKerja, dari: datetime.date, sampai: datetime.date, enqueue: Callable[[int], None]
) -> Cetakan:
    """The pencatat of `opd`: queue the buku agenda PDF for a period (at most a year)."""
    if opd.pk not in pencatat_opd_ids(actor):
        raise PermissionDenied("Anda bukan pencatat surat OPD ini.")
    if sampai < dari:
        raise ValidationError({"sampai": "Tanggal akhir tidak boleh sebelum tanggal awal."})
    if (sampai - dari).days > MAKS_HARI_AGENDA:
        raise ValidationError({"sampai": "Periode paling lama satu tahun."})
    cetakan = Cetakan.objects.create(
        jenis=Cetakan.Jenis.BUKU_AGENDA, pemohon=actor, opd=opd, dari=dari, sampai=sampai, status=StatusPdf.DIPROSES
    )
    record(actor=actor, aksi="surat.cetak_buku_agenda", objek=cetakan, opd=opd.pk, dari=dari, sampai=sampai)
    transaction.on_commit(lambda: enqueue(cetakan.pk))
    return cetakan


def agenda_rows(pegawai: Pegawai, opd: UnitKerja, dari: datetime.date, sampai: datetime.date) -> list:
    """Agenda lines of `opd` received in [dari, sampai], scoped for the pencatat (hal hidden when needed)."""
    rows = []
    for tahun in range(dari.year, sampai.year + 1):
        qs = selectors.buku_agenda(pegawai, opd=opd, tahun=tahun).filter(tanggal_terima__range=(dari, sampai))
        rows.extend(sorted(qs, key=lambda a: a.nomor))
    return rows


def render_cetakan(cetakan_id: int) -> Cetakan | None:
    """System (Celery): render a queued print job. Idempotent; a job whose requester lost the right ends
    GAGAL with a message; a crash marks it GAGAL and re-raises for the task's retry."""
    try:
        return _render_cetakan(cetakan_id)
    except Exception as exc:
        Cetakan.objects.filter(pk=cetakan_id, status=StatusPdf.DIPROSES).update(
            status=StatusPdf.GAGAL, error=type(exc).__name__
        )
        raise


@transaction.atomic
def _render_cetakan(cetakan_id: int) -> Cetakan | None:
    cetakan = (
        Cetakan.objects.select_for_update(of=("self",)).select_related("opd", "pemohon").filter(pk=cetakan_id).first()
    )
    if cetakan is None or cetakan.siap:
        return cetakan
    try:
        rows = agenda_rows(cetakan.pemohon, cetakan.opd, cetakan.dari, cetakan.sampai)
    except PermissionDenied:
        cetakan.status, cetakan.error = StatusPdf.GAGAL, "Anda bukan lagi pencatat surat OPD ini."
        cetakan.save(update_fields=["status", "error"])
        return cetakan
    data = pdf.render_buku_agenda(cetakan.opd, cetakan.dari, cetakan.sampai, rows)
    cetakan.berkas.save(cetakan.nama_berkas, ContentFile(data), save=False)
    cetakan.sha256 = sha256(data)
    cetakan.status = StatusPdf.SIAP
    cetakan.error = ""
    cetakan.selesai = timezone.now()
    cetakan.save()
    return cetakan
