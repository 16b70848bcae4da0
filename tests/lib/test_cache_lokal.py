"""lib.cache_lokal: a value is read once per LOKAL_DETIK in a process, and forgotten on request."""

from __future__ import annotations

from lib import cache_lokal


def test_a_value_is_read_once_until_it_expires_or_is_forgotten(monkeypatch):
    jam = [100.0]
    monkeypatch.setattr(cache_lokal.time, "time", lambda: jam[0])
    dibaca = []

    def baca():
        dibaca.append(1)
        return len(dibaca)

    assert [cache_lokal.ingat("k", baca, detik=30) for _ in range(3)] == [1, 1, 1]
    jam[0] += 31
    assert cache_lokal.ingat("k", baca, detik=30) == 2
    cache_lokal.lupakan("k")
    assert cache_lokal.ingat("k", baca, detik=30) == 3
    cache_lokal.lupakan()
    assert cache_lokal.ingat("k", baca, detik=30) == 4
