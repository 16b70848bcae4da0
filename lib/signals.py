"""Sending a Django signal once the current transaction commits.

Each app announces what happened in its own `signals.py` (plain `django.dispatch.Signal`s, whose
arguments are ids); other apps connect receivers in their AppConfig.ready(). `send_on_commit` sends
with `send_robust` after the commit, so a receiver never sees a change that was rolled back, and a
failing receiver is logged by Django (logger "django.dispatch") and never undoes or breaks the action.
Announcements whose loss would lose work (notices, jobs) go through `outbox.services.send_on_commit`,
which stores them with the transaction first; this one is for what may be lost with the process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.dispatch import Signal


def send_on_commit(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send `signal` with `kwargs` (ids, not objects) after the transaction commits (now, outside one)."""
    transaction.on_commit(lambda: signal.send_robust(sender=sender, **kwargs))


def connect(app: str, receivers: Iterable[tuple[Signal, Callable[..., Any]]]) -> None:
    """Connect each (signal, receiver) pair once, however often `app`'s ready() runs (the dispatch_uid is
    "<app>.<receiver name>")."""
    for signal, receiver in receivers:
        signal.connect(receiver, dispatch_uid=f"{app}.{receiver.__name__}")
