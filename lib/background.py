"""Where long work (OCR, PDFs, index rebuilds) runs, so that no page ever waits for it.

`enqueue(task, *args)` hands a Celery task over according to settings.BACKGROUND_TASKS:
- "celery": a broker is configured (production): `task.delay(...)`, a worker runs it.
- "thread": no broker (the demo, `bin/demo`): one daemon thread in this process runs the queued tasks
  one after another, after the response has gone out. Pages show "sedang dibaca/diproses" and poll.
- "inline": the task runs at once in the caller's thread (the unit tests: deterministic results).

Callers enqueue after commit (transaction.on_commit or a signal sent on commit), so the task always
sees the committed rows. The thread mode is per process and forgets its queue on restart; the daily
catch-up tasks (arsip.tasks.retensi_harian_task) pick up whatever was lost.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

log = logging.getLogger(__name__)

# The Celery options of a task that renders a PDF (letters, agenda books, monthly reports): acked after
# it ran, retried with backoff on a storage error, and stopped if one rendering hangs.
RENDER_OPTIONS: dict[str, Any] = {
    "acks_late": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_backoff_max": 120,
    "max_retries": 5,
    "soft_time_limit": 90,
    "time_limit": 120,
}

_queue: queue.Queue | None = None
_lock = threading.Lock()


def mode() -> str:
    chosen = getattr(settings, "BACKGROUND_TASKS", "inline")
    if chosen == "thread" and _in_memory_database():
        # A second thread would open a second, empty in-memory database: run in the caller instead.
        return "inline"
    return chosen


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    chosen = mode()
    if chosen == "thread":
        _worker_queue().put((task, args, kwargs))
    else:
        task.delay(*args, **kwargs)


def drain(timeout: float | None = None) -> bool:
    """Wait until the thread queue is empty and its last task finished (tests, shutdown). True when
    idle; False when `timeout` seconds passed first."""
    q = _queue
    if q is None:
        return True
    done = threading.Event()

    def wait() -> None:
        q.join()
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    return done.wait(timeout)


def _in_memory_database() -> bool:
    conn = connections[DEFAULT_DB_ALIAS]
    return conn.vendor == "sqlite" and conn.is_in_memory_db()


def _worker_queue() -> queue.Queue:
    global _queue
    with _lock:
        if _queue is None:
            _queue = queue.Queue()
            threading.Thread(target=_work, args=(_queue,), name="eoffice-latar", daemon=True).start()
        return _queue


def _work(q: queue.Queue) -> None:
    while True:
        task, args, kwargs = q.get()
        try:
            # apply() runs the task here with Celery's semantics (retries included) and never raises.
            result = task.apply(args=args, kwargs=kwargs)
            if result.failed():
                log.error("Tugas latar %s%r gagal: %s", task.name, args, result.result)
        except Exception:  # the queue must outlive any one task
            log.exception("Tugas latar %s%r gagal", task.name, args)
        finally:
            connections.close_all()
            q.task_done()
