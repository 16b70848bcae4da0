"""Celery tasks of notifications: thin, take ids, idempotent (an email already sent is not sent again);
and `deliver`, the receiver that queues them when services announce new notices."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task

from lib.antre import antrekan
from notifikasi import delivery, triggers

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=60,
    time_limit=90,
)
def kirim_email_notifikasi(self, notifikasi_id: int) -> bool:
    """System: email one notice (retried on SMTP/network errors; GAGAL after the last try)."""
    try:
        return delivery.send_email(notifikasi_id)
    except (SMTPException, OSError) as exc:
        if self.request.retries >= self.max_retries:
            logger.error("email notifikasi %s gagal setelah %s percobaan: %s", notifikasi_id, self.max_retries + 1, exc)
            delivery.mark_email_failed(notifikasi_id, exc)
            return False
        raise


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=30,
    time_limit=45,
)
def kirim_webhook_notifikasi(self, notifikasi_id: int) -> bool:
    """System: POST one notice to EOFFICE_WEBHOOK_URL (nothing when unset; retried on network errors)."""
    try:
        return delivery.post_webhook(notifikasi_id)
    except OSError as exc:
        if self.request.retries >= self.max_retries:
            logger.error(
                "webhook notifikasi %s gagal setelah %s percobaan: %s", notifikasi_id, self.max_retries + 1, exc
            )
            return False
        raise


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def periksa_pengingat() -> dict:
    """System (beat, every 15 minutes): due-tomorrow, overdue and unread-urgent reminders, once each."""
    return triggers.periksa_pengingat()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def kirim_ulang_tertunda_task() -> int:
    """System (beat, every 5 minutes): queue again the emails still waiting long after their notice was
    made (the broker was down then, or the worker died). Returns how many."""
    ids = delivery.email_tertunda()
    for pk in ids:
        antrekan(kirim_email_notifikasi, pk)
    return len(ids)


def deliver(sender: object, *, email_ids: list[int], webhook_ids: list[int], **kwargs: object) -> None:
    """Receiver of signals.notifikasi_dibuat (after commit): one email task and one webhook task per notice.
    A broker that is down never breaks the action: the email stays MENUNGGU for kirim_ulang_tertunda_task."""
    for pk in email_ids:
        antrekan(kirim_email_notifikasi, pk)
    for pk in webhook_ids:
        antrekan(kirim_webhook_notifikasi, pk)
