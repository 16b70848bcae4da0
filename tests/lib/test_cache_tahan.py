"""lib/cache_tahan.py: with Redis unreachable the cache answers from process memory, so the rate limits
of sign-in, signing and the verification page keep counting and nothing answers 500."""

import os

import pytest
from django.core.cache import cache
from django.urls import reverse

from lib import cache_tahan, ratelimit
from tests.conftest import PASSWORD

MATI = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused at once


@pytest.fixture
def redis_mati(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "lib.cache_tahan.RedisTahanGangguan",
            "LOCATION": MATI,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    monkeypatch.setattr(cache_tahan, "JEDA_DETIK", 60)


def test_cache_operations_fall_back_to_process_memory(redis_mati):
    cache.set("a", 1)
    assert cache.get("a") == 1 and cache.incr("a") == 2
    assert cache.add("b", 5) and not cache.add("b", 6)
    cache.delete("a")
    assert cache.get("a") is None


def test_lockouts_still_count_while_redis_is_down(redis_mati):
    assert not any(ratelimit.fail("pegawai:1", limit=3, window=60) for _ in range(2))
    assert ratelimit.fail("pegawai:1", limit=3, window=60)
    assert ratelimit.locked("pegawai:1")


def test_sign_in_works_while_redis_is_down(redis_mati, client, cast):
    response = client.post(reverse("akun:masuk"), {"username": "staf", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_verification_page_works_while_redis_is_down(redis_mati, client, db):
    assert client.get("/verifikasi/").status_code == 200
    assert client.get("/verifikasi/tidak-ada/").status_code == 404


def test_one_redis_client_serves_every_operation(settings):
    """With Redis up, every operation goes through one redis.Redis per connection pool instead of a new
    one per call (run where .ci/run sets EOFFICE_TEST_REDIS_URL)."""
    url = os.environ.get("EOFFICE_TEST_REDIS_URL")
    if not url:
        pytest.skip("EOFFICE_TEST_REDIS_URL tidak diisi")
    settings.CACHES = {"default": {"BACKEND": "lib.cache_tahan.RedisTahanGangguan", "LOCATION": url}}
    cache.set("eo-uji-klien", 1)
    assert cache.incr("eo-uji-klien") == 2 and cache.get("eo-uji-klien") == 2
    [pertama] = cache._cache._klien.values()
    cache.delete("eo-uji-klien")
    assert cache.get("eo-uji-klien") is None
    assert list(cache._cache._klien.values()) == [pertama]
