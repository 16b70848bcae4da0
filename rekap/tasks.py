"""Celery tasks of the Rekap: thin, take ids or nothing, idempotent (see rekap.services, rekap.mingguan)."""

from __future__ import annotations

from celery import shared_task

from lib import background
from rekap import mingguan, services

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
def render_laporan_task(laporan_id: int) -> str:
    """System: render a queued monthly report. Returns its status."""
    laporan = services.render_laporan(laporan_id)
    return laporan.status if laporan else ""


def enqueue_laporan(laporan_id: int) -> None:
    """After commit: a worker renders it (or, without a broker, the background thread: lib.background)."""
    background.enqueue(render_laporan_task, laporan_id)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def kirim_rekap_mingguan_task() -> int:
    """System (beat, Monday 07.00 WIB): last week's digest to every head of OPD, once per head per week.
    Returns how many digests were created now."""
    return mingguan.kirim_rekap_mingguan()
