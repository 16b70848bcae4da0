"""Django's Redis cache, kept working while Redis is down.

What the cache holds here can be lost without harm (rate-limit counts, cached verdicts, draft previews)
but the pages that use it cannot: with Redis stopped, sign-in, signing and the public verification page
answered 500. This backend turns a connection error into the same operation on a per-process memory
cache, logs it once, and leaves Redis alone for JEDA_DETIK before trying again (so a dead Redis costs
one connect timeout per process per JEDA_DETIK, not one per request). Rate limits then count per process:
looser than shared counts, never none. Once Redis answers again everything goes back to it.

settings.CACHES: {"BACKEND": "lib.cache_tahan.RedisTahanGangguan", "LOCATION": REDIS_URL,
"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

JEDA_DETIK = 10.0
GANGGUAN = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class _KlienSekali(RedisCacheClient):
    """Django's client makes a new redis.Redis for every operation; redis-py 8 fills ~170 response
    callbacks in each (0.1-0.2 ms, three times on a page). One per connection pool serves them all: a
    redis.Redis over a pool is safe to share."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._klien: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        klien = self._klien.get(id(pool))
        if klien is None:
            klien = self._klien[id(pool)] = self._client(connection_pool=pool)
        return klien


class RedisTahanGangguan(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _KlienSekali
        self._cadangan = LocMemCache(f"cadangan:{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._mati_sampai = 0.0
        self._kunci = threading.Lock()

    @property
    def redis_mati(self) -> bool:
        return time.monotonic() < self._mati_sampai

    def _coba(self, nama: str, *args: Any, **kwargs: Any) -> Any:
        if not self.redis_mati:
            try:
                return getattr(RedisCache, nama)(self, *args, **kwargs)
            except GANGGUAN as exc:
                with self._kunci:
                    if not self.redis_mati:
                        logger.warning("Redis cache tidak terjangkau (%s); memakai memori proses sementara.", exc)
                    self._mati_sampai = time.monotonic() + JEDA_DETIK
        return getattr(self._cadangan, nama)(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("add", *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("get", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("set", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("delete", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("has_key", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("incr", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("set_many", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._coba("delete_many", *args, **kwargs)

    def clear(self) -> Any:
        return self._coba("clear")
