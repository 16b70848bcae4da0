"""Celery tasks of the letters: rendering PDFs that need no passphrase. Thin: they take ids and call
surat.dokumen, which is idempotent (a second run finds the stored file and returns). Queueing never
breaks the action that asked for it (outbox.antre): a job the broker did not take stays DIPROSES and the
beat sweep (sapu_macet_task) queues it again."""

from __future__ import annotations

from celery import shared_task

from lib.background import RENDER_OPTIONS
from outbox.antre import antrekan
from surat import cap_waktu, dokumen, pratinjau


@shared_task(**RENDER_OPTIONS)
def render_surat_pdf_task(surat_id: int) -> str:
    """System: store the PDF copy of a signed letter that has no TTE-signed PDF. Returns the SHA-256."""
    result = dokumen.render_salinan(surat_id)
    return result.sha256 if result else ""


@shared_task(**RENDER_OPTIONS)
def render_cetakan_task(cetakan_id: int) -> str:
    """System: render a queued print job (buku agenda of a period). Returns its status."""
    result = dokumen.render_cetakan(cetakan_id)
    return result.status if result else ""


@shared_task(acks_late=True, soft_time_limit=90, time_limit=120)
def render_pratinjau_task(surat_id: int) -> None:
    """System: render a draft's preview PDF into the cache (surat.pratinjau)."""
    pratinjau.siapkan(surat_id)


def enqueue_pratinjau(surat_id: int) -> None:
    antrekan(render_pratinjau_task, surat_id)


def enqueue_surat_pdf(surat_id: int) -> None:
    antrekan(render_surat_pdf_task, surat_id)


def enqueue_cetakan(cetakan_id: int) -> None:
    antrekan(render_cetakan_task, cetakan_id)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def sapu_macet_task() -> dict[str, int]:
    """System (beat, every 5 minutes): queue again the PDF jobs left DIPROSES by a dead worker or a down broker."""
    surat_ids, cetakan_ids = dokumen.macet()
    for pk in surat_ids:
        enqueue_surat_pdf(pk)
    for pk in cetakan_ids:
        enqueue_cetakan(pk)
    return {"salinan": len(surat_ids), "cetakan": len(cetakan_ids)}


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=2000)
def perpanjang_cap_waktu_task() -> dict[str, int]:
    """System (Celery beat, daily): archive timestamps for signed letters nearing their timestamp's expiry."""
    return cap_waktu.perpanjang_yang_jatuh_tempo()
