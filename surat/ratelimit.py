"""A small fixed-window rate limiter on Django's cache (Redis in production, so all web processes share
the counts; per-process memory otherwise). Used by the public verification page."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The caller's address. Behind our proxy (BEHIND_PROXY) the last X-Forwarded-For entry is the one
    the proxy saw; earlier entries are whatever the client claimed."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """Count one hit for the caller in `scope`; False once more than `limit` hits fall in the current
    `window` seconds."""
    bucket = int(time.time() // window)
    key = f"rl:{scope}:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit
