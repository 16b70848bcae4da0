"""A small rate limiter and failure lockout on Django's cache (Redis in production, so all web processes
share the counts; per-process memory otherwise).

`allow` counts every hit of a caller's address in fixed windows (the public verification page, password
reset requests). `within_budget`/`spend` do the same with an amount (milliseconds of processing an
address may cost the public verification page per window). `fail`/`locked`/`clear` count failures under any key (a user name, a pegawai, an address)
and lock the key for a whole window once a limit is reached (sign-in, TTE passphrase)."""

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


def _incr(key: str, timeout: int, amount: int = 1) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key, amount)
    except ValueError:  # the key expired between add and incr
        cache.set(key, amount, timeout=timeout)
        return amount


def allow(request: HttpRequest, scope: str, *, limit: int, window: int, key: str | None = None) -> bool:
    """Count one hit in `scope` for the caller's address (or for `key`); False once more than `limit`
    hits fall in the current `window` seconds."""
    bucket = int(time.time() // window)
    return _incr(f"rl:{scope}:{key or client_ip(request)}:{bucket}", window + 5) <= limit


def _budget_key(request: HttpRequest, scope: str, window: int) -> str:
    return f"rl:budget:{scope}:{client_ip(request)}:{int(time.time() // window)}"


def within_budget(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """True while the caller's address has spent less than `limit` in `scope` this `window`."""
    return (cache.get(_budget_key(request, scope, window)) or 0) < limit


def spend(request: HttpRequest, scope: str, *, amount: int, window: int) -> None:
    """Charge `amount` to the caller's address in `scope` for the current `window`."""
    if amount > 0:
        _incr(_budget_key(request, scope, window), window + 5, amount)


def locked(key: str) -> bool:
    """True while `key` is locked out after too many failures."""
    return bool(cache.get(f"rl:kunci:{key}"))


def fail(key: str, *, limit: int, window: int) -> bool:
    """Count one failure for `key` (the window starts at the first failure); at the `limit`-th failure
    lock `key` for `window` seconds and start counting afresh. True when this failure locked it."""
    if _incr(f"rl:gagal:{key}", window) < limit:
        return False
    cache.set(f"rl:kunci:{key}", 1, timeout=window)
    cache.delete(f"rl:gagal:{key}")
    return True


def clear(key: str) -> None:
    """Forget the failures counted for `key` (after a success); a lock already set stays."""
    cache.delete(f"rl:gagal:{key}")
