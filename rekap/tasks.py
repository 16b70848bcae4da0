"""Celery tasks of the Rekap: thin, take ids or nothing, idempotent (see rekap.services, rekap.mingguan)."""

from __future__ import annotations

from celery import shared_task

from lib import background
from lib.background import RENDER_OPTIONS
from rekap import mingguan, services


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
