"""A real Celery worker for the tests that must prove a task runs outside the web process.

Registered as a pytest plugin in tests/conftest.py. Two fixtures:

- ``celery_worker_process`` (session): starts ``celery -A eoffice worker --pool=solo`` once per test
  process, on the Redis given by EOFFICE_TEST_REDIS_URL, pointed at the *test* database and the test
  MEDIA_ROOT, with a file-based email backend writing to ``email_dir`` (never SMTP), consuming a queue
  of its own (so parallel pytest-xdist workers and other runs sharing the Redis never take each
  other's tasks). Skips when EOFFICE_TEST_REDIS_URL is not set or the test
  database is an in-memory SQLite that a second process cannot open.
- ``celery_worker_url`` (function): uses that worker and switches the project's Celery app from
  in-process (eager) to the broker for one test, so ``some_task.delay()`` -- also when a service
  queues it in ``transaction.on_commit`` -- really goes through Redis to the worker. It pulls in
  ``transactional_db``: the worker is another process and only sees committed rows.

    def test_pdf_is_rendered_by_worker(celery_worker_url, cast): ...
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from celery._state import _set_task_join_will_block
from django.conf import settings
from kombu import pools as kombu_pools

from eoffice.celery import app as celery_app

REDIS_ENV = "EOFFICE_TEST_REDIS_URL"
START_TIMEOUT = 30  # seconds for the worker to print "ready"
STOP_TIMEOUT = 10  # seconds between SIGTERM and SIGKILL
BASE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class RunningWorker:
    url: str
    queue: str
    database_url: str
    log_path: Path
    process: subprocess.Popen
    email_dir: Path  # the worker's email goes here as files (filebased backend), never to SMTP

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def database_url_for(db: dict) -> str | None:
    """DATABASE_URL that opens the database described by a Django DATABASES entry, or None when a
    second process cannot open it (in-memory SQLite)."""
    engine = db["ENGINE"]
    name = str(db["NAME"])
    if engine.endswith("sqlite3"):
        if name == ":memory:" or "mode=memory" in name:
            return None
        return f"sqlite:///{name}"
    if "postgresql" in engine:
        user = quote(db.get("USER") or "", safe="")
        password = quote(db.get("PASSWORD") or "", safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{auth}{db.get('HOST') or ''}{port}/{quote(name, safe='')}"
    return None


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, tmp_path_factory) -> Iterator[RunningWorker]:
    url = os.environ.get(REDIS_ENV, "").strip()
    if not url:
        pytest.skip(f"{REDIS_ENV} is not set: no Redis for a real Celery worker (.ci/run sets it).")
    # django_db_setup has swapped NAME for the test database's name by now.
    database_url = database_url_for(settings.DATABASES["default"])
    if database_url is None:
        pytest.skip("The test database is in-memory SQLite; a worker process cannot open it. Use PostgreSQL.")

    queue = f"eoffice-test-{uuid.uuid4().hex[:12]}"
    worker = start_worker(
        url=url,
        queue=queue,
        database_url=database_url,
        log_path=tmp_path_factory.mktemp("celery") / "worker.log",
        email_dir=tmp_path_factory.mktemp("celery-email"),
    )
    try:
        yield worker
    finally:
        _stop(worker.process)
        _forget_queue(url, queue)


def start_worker(*, url: str, queue: str, database_url: str, log_path: Path, email_dir: Path) -> RunningWorker:
    """A worker process on broker `url`, consuming `queue` only, ready when this returns (the fault tests
    start, kill and restart their own)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eoffice.settings",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        # Tasks the worker itself queues (a digest's emails) stay on the run's own queue.
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(email_dir),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "eoffice", "worker",
        "--pool=solo", "--concurrency=1", "--loglevel=INFO",
        "--without-heartbeat", "--without-gossip", "--without-mingle",
        f"--queues={queue}", f"--hostname={queue}@%h",
    ]  # fmt: skip
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    worker = RunningWorker(
        url=url, queue=queue, database_url=database_url, log_path=log_path, process=process, email_dir=email_dir
    )
    deadline = time.monotonic() + START_TIMEOUT
    while " ready." not in worker.log():
        if process.poll() is not None:
            pytest.fail(f"Celery worker exited with {process.returncode} at start:\n{worker.log()[-4000:]}")
        if time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"Celery worker not ready after {START_TIMEOUT} s:\n{worker.log()[-4000:]}")
        time.sleep(0.1)
    return worker


def _forget_queue(url: str, queue: str) -> None:
    """Remove the keys kombu keeps for the run's own queue, so a shared Redis does not fill up."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    except redis.RedisError:
        pass
    finally:
        client.close()


def _reset_connections(app) -> None:
    """Drop what the app built from the old configuration (broker pool, producer, result backend)."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    # kombu keeps connection and producer pools in global registries keyed by broker URL; a closed pool
    # left there would fail the next worker test in this process with "Acquire on closed pool".
    kombu_pools.reset()
    app.__dict__.pop("amqp", None)
    app._backend_cache = None
    app._local = threading.local()


@pytest.fixture
def celery_worker_url(celery_worker_process: RunningWorker, transactional_db) -> Iterator[str]:
    keys = ("task_always_eager", "broker_url", "result_backend", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        task_always_eager=False,
        broker_url=celery_worker_process.url,
        result_backend=celery_worker_process.url,
        task_default_queue=celery_worker_process.queue,
    )
    _reset_connections(celery_app)
    # Celery keeps "a task is running here, joining would block" in one process-wide flag that eager
    # tasks run from several threads at once (the concurrent-signing test) can leave set; this process
    # runs no task while it waits for the real worker, so clear it.
    _set_task_join_will_block(False)
    try:
        yield celery_worker_process.url
    finally:
        celery_app.conf.update(saved)
        _reset_connections(celery_app)
