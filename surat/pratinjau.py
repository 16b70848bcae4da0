"""The draft preview PDF. Rendering a draft is the most expensive thing a user can ask for with a GET,
and drafts are written by anyone, so the web process never renders one: a worker does
(surat.tasks.render_pratinjau_task, within the renderer's caps) and keeps the result in the cache
under the hash of the draft's HTML. A draft that did not change is rendered once however often its
preview is opened; a changed one gets a new key. Without a broker (demo) the task runs in-process, so
the first GET already finds the PDF.

The cache is Redis in production; when it does not answer, the preview is rendered in the request
(still in the capped child process), so a Redis outage costs speed, not the page.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError

from surat import pdf
from surat.models import Surat

logger = logging.getLogger(__name__)

CACHE_DETIK = 6 * 3600
ANTRE_DETIK = 120  # a render asked for in this window is not queued again


class CacheMati(Exception):
    pass


def kunci(surat: Surat) -> str:
    html = pdf.surat_html(surat, konsep=True)
    return f"pratinjau:{surat.pk}:{hashlib.sha256(html.encode()).hexdigest()}"


def _cache(op: Callable[..., Any], *args: Any) -> Any:
    try:
        return op(*args)
    except Exception as exc:  # redis.ConnectionError and kin: the cache is down
        logger.warning("cache pratinjau tidak tersedia: %s", type(exc).__name__)
        raise CacheMati from exc


def siapkan(surat_id: int) -> None:
    """System (the task): render the preview of a draft and keep it (or the reason it cannot be made)."""
    surat = Surat.objects.select_related("jenis", "opd", "penandatangan__unit").filter(pk=surat_id).first()
    if surat is None or surat.is_final:
        return
    key = kunci(surat)
    if cache.get(key) is not None:
        return
    try:
        hasil = {"pdf": pdf.render_surat_pdf(surat, konsep=True)}
    except ValidationError as exc:
        hasil = {"galat": " ".join(exc.messages)}
    cache.set(key, hasil, CACHE_DETIK)


def pratinjau(surat: Surat, antrekan: Callable[[int], None]) -> dict[str, Any] | None:
    """Anyone who may read the draft: {"pdf": bytes} or {"galat": message}, or None while a worker
    renders it (queued here at most once per ANTRE_DETIK)."""
    try:
        key = kunci(surat)
        hasil = _cache(cache.get, key)
        if hasil is None and _cache(cache.add, f"{key}:antre", 1, ANTRE_DETIK):
            antrekan(surat.pk)
            hasil = _cache(cache.get, key)
        return hasil
    except CacheMati:
        try:
            return {"pdf": pdf.render_surat_pdf(surat, konsep=True)}
        except ValidationError as exc:
            return {"galat": " ".join(exc.messages)}
