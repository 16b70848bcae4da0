"""Queueing a Celery task without letting a down broker break the action that asked for it.

Every job that must not be lost has a row saying it is pending (a status "diproses", an email
"menunggu", an outbox Kiriman) written in the action's transaction; queueing is only the fast path.
When the broker does not answer, `antrekan` logs it and returns, and the beat sweep of that job's app
queues it again later. After a failure the broker is left alone for JEDA_DETIK (each try costs about a
second of retries), so an outage slows no page by more than one try per process per JEDA_DETIK."""

from __future__ import annotations

import logging
import time
from typing import Any

from lib import background

logger = logging.getLogger(__name__)

JEDA_DETIK = 10.0
_mati_sampai = 0.0


def antrekan(task: Any, *args: Any) -> bool:
    """Hand `task` over (lib.background: a worker through the broker in production); False (logged) when
    the broker could not take it, or failed moments ago."""
    global _mati_sampai
    if time.monotonic() < _mati_sampai:
        logger.info("broker baru saja tidak terjangkau; %s%s menunggu sapuan beat", task.name, args)
        return False
    try:
        background.enqueue(task, *args)
    except Exception as exc:  # kombu OperationalError, redis ConnectionError, ...: the sweep resends
        if background.mode() == "celery":  # inline/thread: the task itself failed, the broker is fine
            _mati_sampai = time.monotonic() + JEDA_DETIK
        logger.warning("tidak dapat mengantre %s%s: %s; akan diantre ulang oleh beat", task.name, args, exc)
        return False
    return True
