"""Beat's audit jobs: anchor the chain's head outside the database, and check the whole chain."""

from __future__ import annotations

import logging

from celery import shared_task

from audit import anchor, signals

logger = logging.getLogger(__name__)


@shared_task(time_limit=60, soft_time_limit=50)
def checkpoint_audit_task() -> int:
    """Beat: append a signed checkpoint of the head to AUDIT_CHECKPOINT_DIR. Returns the head's id."""
    return anchor.tulis_checkpoint()["event_id"]


@shared_task(time_limit=1800, soft_time_limit=1700)
def periksa_audit_task() -> str:
    """Beat: verify the chain and the checkpoints; a break is logged as an error and sent to admin Pemda."""
    temuan, jumlah = anchor.periksa_semua()
    if temuan is None:
        return f"utuh: {jumlah} catatan"
    logger.error("Rantai audit rusak: %s", temuan)
    signals.rantai_rusak.send_robust(sender=None, alasan=str(temuan))
    return f"rusak: {temuan}"
