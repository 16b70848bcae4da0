"""Sending a Django signal once the current transaction commits.

Each app announces what happened in its own `signals.py` (plain `django.dispatch.Signal`s, whose
arguments are ids); other apps connect receivers in their AppConfig.ready(). `send_on_commit` sends
with `send_robust` after the commit, so a receiver never sees a change that was rolled back, and a
failing receiver is logged by Django (logger "django.dispatch") and never undoes or breaks the action.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal


def send_on_commit(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send `signal` with `kwargs` (ids, not objects) after the transaction commits (now, outside one)."""
    transaction.on_commit(lambda: signal.send_robust(sender=sender, **kwargs))
