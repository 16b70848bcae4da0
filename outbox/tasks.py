"""Celery task of the outbox: the beat sweep."""

from __future__ import annotations

from celery import shared_task

from outbox import services


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def sapu_task() -> dict[str, int]:
    """System (beat, every minute): send the announcements a dead process or a down broker left behind."""
    return services.sapu()
