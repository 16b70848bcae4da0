"""Running a parse or render of untrusted content (a draft body, an uploaded PDF) in a child process with
hard caps, so one hostile input costs at most a few seconds and a few hundred MB and never takes the
web process or the worker down with it.

`jalankan(fn, *args, cpu_detik=..., memori_mb=...)` forks (the child inherits the warm caches: fonts,
stylesheets, imported libraries, so a small render costs what it did in-process), sets RLIMIT_CPU and
RLIMIT_AS in the child, runs `fn(*args)` and sends its result back through a pipe. A wall-clock
deadline kills a child that sleeps or blocks. Over a cap -> `BatasTerlampaui` with an Indonesian
message; an exception in `fn` is raised again in the parent. `mulai(...)` starts the same child without
waiting for it, so the parent can work meanwhile.

The child must not touch the database: it shares the parent's connection sockets, and the parent's
transaction is not its own. Pass it plain data (HTML text, a file path) and take plain data back.
`preexec(...)` gives the same caps to a program started with subprocess (OCRmyPDF).
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any

MB = 1024 * 1024


class BatasTerlampaui(Exception):
    """The child went over a cap. `alasan` is "waktu" or "memori"; str() is for the user."""

    def __init__(self, alasan: str) -> None:
        self.alasan = alasan
        pesan = {
            "waktu": "Pemrosesan dihentikan karena terlalu lama.",
            "memori": "Pemrosesan dihentikan karena memerlukan memori terlalu besar.",
        }
        super().__init__(pesan.get(alasan, "Pemrosesan dihentikan."))


class _GalatAnak(Exception):
    """An exception of the child that could not be sent back as itself."""


def _ukuran_sekarang() -> int:
    """Bytes of address space this process holds now (the child starts from the parent's)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _batasi(cpu_detik: int, memori_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_detik, cpu_detik + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memori_bytes, memori_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def preexec(*, cpu_detik: int, memori_mb: int) -> Callable[[], None]:
    """For subprocess.run(preexec_fn=...): a program of its own gets `memori_mb` of address space."""
    return lambda: _batasi(cpu_detik, memori_mb * MB)


def jalankan(fn: Callable[..., Any], *args: Any, cpu_detik: int, memori_mb: int, batas_detik: float = 0) -> Any:
    """`fn(*args)` in a forked child with at most `cpu_detik` of CPU, `memori_mb` of memory on top of
    what this process already holds, and `batas_detik` of wall time (default: twice the CPU plus 5 s)."""
    with mulai(fn, *args, cpu_detik=cpu_detik, memori_mb=memori_mb, batas_detik=batas_detik) as anak:
        return anak.hasil()


class Anak:
    """A child started by `mulai`: `hasil()` waits for its result (or raises as `jalankan` does); leaving
    the `with` block without asking kills it, so an error in the parent leaves no child behind."""

    def __init__(self, pid: int, baca: int, batas_detik: float) -> None:
        # The wall-clock deadline runs from the fork, whatever the parent does meanwhile.
        self._pid, self._baca, self._akhir = pid, baca, time.monotonic() + batas_detik
        self._selesai = False

    def hasil(self) -> Any:
        if self._selesai:
            raise RuntimeError("hasil() sudah diambil")
        self._selesai = True
        return _tunggu(self._pid, self._baca, self._akhir)

    def hentikan(self) -> None:
        if self._selesai:
            return
        self._selesai = True
        os.close(self._baca)
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)

    def __enter__(self) -> Anak:
        return self

    def __exit__(self, *exc: object) -> None:
        self.hentikan()


def mulai(fn: Callable[..., Any], *args: Any, cpu_detik: int, memori_mb: int, batas_detik: float = 0) -> Anak:
    """`jalankan` without waiting: the child works while the parent does something else (signing opens
    the signer's key while the letter renders). Use it as a context manager."""
    batas_detik = batas_detik or 2 * cpu_detik + 5
    baca, tulis = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(baca)
        kode = 0
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _batasi(cpu_detik, _ukuran_sekarang() + memori_mb * MB)
            try:
                hasil: tuple = ("ok", fn(*args))
            except MemoryError:
                hasil = ("batas", "memori")
            except BaseException as exc:  # noqa: BLE001 - sent to the parent
                hasil = ("galat", exc)
            try:
                data = pickle.dumps(hasil)
            except Exception:  # noqa: BLE001 - an unpicklable exception or result
                data = pickle.dumps(("galat", _GalatAnak(repr(hasil[1])[:500])))
            with os.fdopen(tulis, "wb") as keluar:
                keluar.write(data)
        except MemoryError:
            kode = 3
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            kode = 1
        finally:
            os._exit(kode)
    os.close(tulis)
    return Anak(pid, baca, batas_detik)


def _tunggu(pid: int, baca: int, akhir: float) -> Any:
    potongan: list[bytes] = []
    try:
        while True:
            sisa = akhir - time.monotonic()
            if sisa <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise BatasTerlampaui("waktu")
            siap, _, _ = select.select([baca], [], [], sisa)
            if not siap:
                continue
            data = os.read(baca, 1 << 20)
            if not data:
                break
            potongan.append(data)
    finally:
        os.close(baca)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        # SIGXCPU / SIGKILL at the CPU limit; SIGSEGV / SIGABRT when a C library's allocation failed.
        raise BatasTerlampaui("waktu" if os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL) else "memori")
    if not potongan:
        raise BatasTerlampaui("memori")
    jenis, nilai = pickle.loads(b"".join(potongan))
    if jenis == "ok":
        return nilai
    if jenis == "batas":
        raise BatasTerlampaui(nilai)
    raise nilai
