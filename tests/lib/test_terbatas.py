"""lib/terbatas.py: a child process with CPU, memory and wall-clock caps."""

import os
import time

import pytest

from lib import terbatas


def _dua_kali(x):
    return x * 2


def _putar():
    while True:
        pass


def _tidur():
    time.sleep(60)


def _rakus():
    simpan = []
    while True:
        simpan.append(b"x" * 10_000_000)


def _salah():
    raise ValueError("isi tidak sah")


def test_result_comes_back():
    assert terbatas.jalankan(_dua_kali, 21, cpu_detik=5, memori_mb=100) == 42


def test_cpu_cap_stops_a_busy_child():
    mulai = time.monotonic()
    with pytest.raises(terbatas.BatasTerlampaui) as exc:
        terbatas.jalankan(_putar, cpu_detik=1, memori_mb=100)
    assert exc.value.alasan == "waktu" and "terlalu lama" in str(exc.value)
    assert time.monotonic() - mulai < 10


def test_wall_clock_cap_stops_a_sleeping_child():
    with pytest.raises(terbatas.BatasTerlampaui):
        terbatas.jalankan(_tidur, cpu_detik=1, memori_mb=100, batas_detik=1)


def test_memory_cap_stops_a_greedy_child():
    with pytest.raises(terbatas.BatasTerlampaui) as exc:
        terbatas.jalankan(_rakus, cpu_detik=10, memori_mb=200)
    assert exc.value.alasan == "memori" and "memori terlalu besar" in str(exc.value)


def test_exception_of_the_child_is_raised_again():
    with pytest.raises(ValueError, match="isi tidak sah"):
        terbatas.jalankan(_salah, cpu_detik=5, memori_mb=100)


def _mulai_lalu_besar():
    mulai = time.monotonic()  # CLOCK_MONOTONIC: the same clock in parent and child
    time.sleep(0.2)
    return mulai, b"%" * 300_000  # more than a pipe holds: the child waits for the parent to read


def test_started_child_works_while_the_parent_does():
    with terbatas.mulai(_mulai_lalu_besar, cpu_detik=5, memori_mb=100) as anak:
        time.sleep(0.5)  # the parent's own work (signing: scrypt)
        sebelum_menunggu = time.monotonic()
        mulai_anak, data = anak.hasil()
    # The child had started (and, sleeping 0.2 s, finished its work) before the parent asked for it.
    assert mulai_anak < sebelum_menunggu - 0.2
    assert data == b"%" * 300_000


def test_leaving_the_block_without_the_result_stops_the_child():
    with pytest.raises(RuntimeError, match="frasa sandi salah"):
        with terbatas.mulai(_tidur, cpu_detik=1, memori_mb=100) as anak:
            pid = anak._pid
            raise RuntimeError("frasa sandi salah")
    with pytest.raises(ChildProcessError):  # killed and reaped: no zombie left behind
        os.waitpid(pid, os.WNOHANG)


def test_wall_clock_runs_from_the_start_not_from_the_wait():
    with terbatas.mulai(_tidur, cpu_detik=1, memori_mb=100, batas_detik=1) as anak:
        time.sleep(1.2)
        awal = time.monotonic()
        with pytest.raises(terbatas.BatasTerlampaui):
            anak.hasil()
        assert time.monotonic() - awal < 0.8  # counted from the wait, it would have taken 1 s more
