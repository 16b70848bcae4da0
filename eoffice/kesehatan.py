"""`/kesehatan/` for load balancers and monitoring: can this web process serve requests?

Checks the database, the cache and the Celery broker, that the media folder is writable, and that a
worker answers a ping task within a few seconds (with tasks in-process, the demo, it says so). JSON
with "ok"/"gagal" per check and HTTP 200 or 503; never a host name, address, path or error text, only
the error's class, so the public endpoint reveals nothing about the installation. The worker's answer
is remembered for a few seconds so a flood of probes does not flood the queue."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eoffice.celery import app as celery_app
from eoffice.tasks import ping

BATAS_WORKER_DETIK = 3.0
INGAT_WORKER_DETIK = 10.0
_worker_terakhir: dict[str, object] = {}


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _cache() -> dict:
    kunci, nilai = f"kesehatan:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(kunci, nilai, timeout=10)
    if cache.get(kunci) != nilai:
        raise RuntimeError("cache tidak menyimpan")
    cache.delete(kunci)
    return {}


def _broker() -> dict:
    if celery_app.conf.task_always_eager:
        return {"mode": "dalam proses (tanpa broker)"}
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {}


def _media() -> dict:
    folder = Path(settings.MEDIA_ROOT)
    folder.mkdir(parents=True, exist_ok=True)
    uji = folder / f".kesehatan-{uuid.uuid4().hex}"
    uji.write_bytes(b"ok")
    uji.unlink()
    return {}


def _worker() -> dict:
    if celery_app.conf.task_always_eager:
        return {"mode": "dalam proses (tanpa worker terpisah)"}
    if _worker_terakhir.get("sampai", 0) > time.monotonic():
        return dict(_worker_terakhir["hasil"])
    hasil = ping.apply_async(args=[21], expires=BATAS_WORKER_DETIK).get(timeout=BATAS_WORKER_DETIK)
    if hasil.get("nilai") != 42 or not hasil.get("db"):
        raise RuntimeError("jawaban worker salah")
    _worker_terakhir.update(sampai=time.monotonic() + INGAT_WORKER_DETIK, hasil={})
    return {}


PEMERIKSAAN: dict[str, Callable[[], dict]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "media": _media,
    "worker": _worker,
}


def _jalankan(fungsi: Callable[[], dict]) -> dict:
    mulai = time.monotonic()
    try:
        hasil = {"status": "ok", **fungsi()}
    except Exception as exc:  # any failure is a failed check, reported by its class only
        hasil = {"status": "gagal", "galat": type(exc).__name__}
    hasil["ms"] = round((time.monotonic() - mulai) * 1000)
    return hasil


@never_cache
@require_GET
def kesehatan(request: HttpRequest) -> JsonResponse:
    """Anyone (load balancer): 200 when every check passes, else 503."""
    hasil = {nama: _jalankan(fungsi) for nama, fungsi in PEMERIKSAAN.items()}
    sehat = all(h["status"] == "ok" for h in hasil.values())
    return JsonResponse({"status": "ok" if sehat else "gagal", "pemeriksaan": hasil}, status=200 if sehat else 503)
