"""Queueing a Celery task without letting a down broker break the action that asked for it.

Every job that must not be lost has a row saying it is pending (a status "diproses", an email
"menunggu", an outbox Kiriman) written in the action's transaction; queueing is only the fast path.
When the broker does not answer, `antrekan` logs it and returns, and the beat sweep of that job's app
queues it again later."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def antrekan(task: Any, *args: Any) -> bool:
    """`task.delay(*args)`; False (logged) when the broker could not take it."""
    try:
        task.delay(*args)
    except Exception as exc:  # kombu OperationalError, redis ConnectionError, ...: the sweep resends
        logger.warning("tidak dapat mengantre %s%s: %s; akan diantre ulang oleh beat", task.name, args, exc)
        return False
    return True
