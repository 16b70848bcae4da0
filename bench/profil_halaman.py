"""In-process profile of one page: where a request's own time goes, without HTTP or gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eoffice_bulk .venv/bin/python bench/profil_halaman.py \
        --user kominfo.kepala /surat/masuk/ [/disposisi/ ...] [-n 60] [--prof] [--kueri]

Each URL is requested -n times through Django's test client (DEBUG off, the benchmark's settings,
signed in as --user), after 5 warm-up requests. Printed per URL: median and p90 of process CPU time and of
wall time per request, and the queries per request. --prof adds cProfile's top functions (own time and
cumulative), --kueri each distinct query's median time, so a page's Python can be told from its SQL, and
--explain the plan of the slowest one as run (EXPLAIN ANALYZE with the last request's parameters).
--fungsi module:name ... times single functions (wall, their calls inside included): cProfile inflates
Python much more than SQL, so it misjudges a page that spends its time in both.

To compare two commits on the same data, run this script from each commit's work tree in turn (`git
worktree add /tmp/base <commit>`), a few rounds each, and compare the medians: CPU time is steadier than
wall time on a shared machine, but both move with the machine's load.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def _setup(database_url: str) -> None:
    from bench.bench_pages import server_env

    os.environ.update(server_env(database_url, os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
    import django

    django.setup()


def _ukur_templat() -> dict[str, float]:
    """Wrap Template._render to add each template's own time (minus the templates it includes) to a dict."""
    from django.template.base import Template

    waktu: dict[str, float] = defaultdict(float)
    tumpukan: list[float] = []  # time spent in nested templates, per open template
    asli = Template._render

    def _render(self, context):
        tumpukan.append(0.0)
        t = time.perf_counter()
        try:
            return asli(self, context)
        finally:
            lama = time.perf_counter() - t
            dalam = tumpukan.pop()
            waktu[self.origin.template_name or "?"] += (lama - dalam) * 1000
            if tumpukan:
                tumpukan[-1] += lama

    Template._render = _render
    return waktu


def _ukur_fungsi(nama: list[str]) -> dict[str, float]:
    """Wrap each `module:attr` or `module:Class.attr` function to add its wall time to a dict (a call
    nested in another wrapped call counts in both)."""
    import functools
    import importlib

    waktu: dict[str, float] = defaultdict(float)
    for n in nama:
        modul, _, jalur = n.partition(":")
        *kelas, attr = jalur.split(".")
        pemilik = importlib.import_module(modul)
        for k in kelas:
            pemilik = getattr(pemilik, k)
        asli = getattr(pemilik, attr)
        if not callable(asli) or isinstance(asli, type):
            raise SystemExit(f"--fungsi {n}: not a function (a property's time shows in its caller's)")

        @functools.wraps(asli)
        def dibungkus(*a, _asli=asli, _n=n, **kw):
            t = time.perf_counter()
            try:
                return _asli(*a, **kw)
            finally:
                waktu[_n] += (time.perf_counter() - t) * 1000

        setattr(pemilik, attr, dibungkus)
    return waktu


def _persentil(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url", nargs="+")
    ap.add_argument("--user", default="kominfo.kepala")
    ap.add_argument("-n", type=int, default=60)
    ap.add_argument("--prof", action="store_true", help="cProfile's top functions")
    ap.add_argument("--kueri", action="store_true", help="each distinct query's median time")
    ap.add_argument("--templat", action="store_true", help="each template's own render time (its includes apart)")
    ap.add_argument("--fungsi", nargs="+", default=[], help="module:name functions to time (wall ms/req)")
    ap.add_argument("--baris", type=int, default=35, help="rows of the cProfile listing")
    ap.add_argument(
        "--explain", nargs="?", const=1, type=int, help="EXPLAIN ANALYZE of the slowest query, or the Nth slowest"
    )
    args = ap.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print("DATABASE_URL is required (the bulk database, docs/performance.md)", file=sys.stderr)
        return 2
    _setup(database_url)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    waktu_templat = _ukur_templat() if args.templat else None
    waktu_fungsi = _ukur_fungsi(args.fungsi)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=args.user))

    for url in args.url:
        for _ in range(5):
            r = client.get(url)
        if r.status_code != 200:
            print(f"{url}: HTTP {r.status_code}", file=sys.stderr)
            return 1
        cpu, wall, kueri = [], [], []
        waktu_kueri: dict[str, list[float]] = defaultdict(list)
        params_terakhir: dict[str, object] = {}

        def catat(execute, sql, params, many, context, waktu_kueri=waktu_kueri, params_terakhir=params_terakhir):
            t = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                waktu_kueri[sql].append((time.perf_counter() - t) * 1000)
                params_terakhir[sql] = params

        if waktu_templat is not None:
            waktu_templat.clear()
        waktu_fungsi.clear()
        prof = cProfile.Profile() if args.prof else None
        for _ in range(args.n):
            jumlah = sum(len(v) for v in waktu_kueri.values())
            c0, w0 = time.process_time(), time.perf_counter()
            if prof:
                prof.enable()
            with connection.execute_wrapper(catat):
                client.get(url)
            if prof:
                prof.disable()
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
            kueri.append(sum(len(v) for v in waktu_kueri.values()) - jumlah)
        print(
            f"{url}  cpu p50 {statistics.median(cpu):.1f} p90 {_persentil(cpu, 0.9):.1f} ms · "
            f"wall p50 {statistics.median(wall):.1f} p90 {_persentil(wall, 0.9):.1f} ms · "
            f"{statistics.median(kueri):.0f} queries"
        )
        if args.kueri:
            total = 0.0
            for sql, ts in sorted(waktu_kueri.items(), key=lambda kv: -statistics.median(kv[1]) * len(kv[1])):
                per_req = statistics.median(ts) * len(ts) / args.n
                total += per_req
                print(f"  {per_req:6.2f} ms/req  ×{len(ts) / args.n:.0f}  {' '.join(sql.split())[:150]}")
            print(f"  {total:6.2f} ms/req in SQL (medians)")
        if args.explain and waktu_kueri:
            sql = sorted(waktu_kueri, key=lambda k: -statistics.median(waktu_kueri[k]))[args.explain - 1]
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params_terakhir[sql])
                print(cursor.mogrify(sql, params_terakhir[sql]).decode())
                print("\n".join(row[0] for row in cursor.fetchall()))
        if waktu_templat:
            for nama, ms in sorted(waktu_templat.items(), key=lambda kv: -kv[1])[:25]:
                print(f"  {ms / args.n:6.2f} ms/req  {nama}")
        for nama in args.fungsi:
            print(f"  {waktu_fungsi[nama] / args.n:6.2f} ms/req  {nama}")
        if prof:
            # Own time of every function, then the project's own functions by cumulative time.
            for kunci, saring in (("tottime", ()), ("cumulative", (r"^(?!.*(\.venv|pyenv)).*\.py",))):
                out = io.StringIO()
                pstats.Stats(prof, stream=out).sort_stats(kunci).print_stats(*saring, args.baris)
                print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:12000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
