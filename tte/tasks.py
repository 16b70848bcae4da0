"""Celery tasks of the tte app (beat, daily): reissue the CRLs and remind holders of expiring
certificates. Both are idempotent: a second run reissues a CRL with the next number (harmless) and
finds the reminders already made."""

from __future__ import annotations

from celery import shared_task

from tte import mandiri, services


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def perbarui_crl_task() -> int:
    """System: reissue every CRL of every valid CA (published and embedded lists stay fresh)."""
    return services.perbarui_semua_crl()


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def pengingat_sertifikat_task() -> int:
    """System: notify holders 30 and 7 days before their certificate expires."""
    return mandiri.ingatkan_kedaluwarsa()
