"""Celery tasks of the letters: rendering PDFs that need no passphrase. Thin: they take ids and call
surat.dokumen, which is idempotent (a second run finds the stored file and returns)."""

from __future__ import annotations

from celery import shared_task

from lib import background
from surat import cap_waktu, dokumen

RENDER_OPTIONS = {
    "acks_late": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_backoff_max": 120,
    "max_retries": 5,
    "soft_time_limit": 90,
    "time_limit": 120,
}


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


def enqueue_surat_pdf(surat_id: int) -> None:
    background.enqueue(render_surat_pdf_task, surat_id)


def enqueue_cetakan(cetakan_id: int) -> None:
    background.enqueue(render_cetakan_task, cetakan_id)


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=2000)
def perpanjang_cap_waktu_task() -> dict[str, int]:
    """System (Celery beat, daily): archive timestamps for signed letters nearing their timestamp's expiry."""
    return cap_waktu.perpanjang_yang_jatuh_tempo()
