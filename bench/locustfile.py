"""Mixed signed-in load (docs/performance.md): 80% reads, 15% searches, 5% writes, by demo accounts of the
largest OPD, another OPD and the Wali Kota. Start the server as the page benchmark does, then locust:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eoffice_bulk .venv/bin/python bench/bench_pages.py --serve
    .venv/bin/locust -f bench/locustfile.py --headless -u 24 -r 24 -t 70s \
        --host http://127.0.0.1:8104 --csv test-artifacts/locust

Each user waits BENCH_TUNGGU seconds between requests (default 0: the server's throughput is what is
measured; with the old 0.5-2 s think time 12 users could never ask for more than ~10 requests/s).
Signing in (PBKDF2, about half a second of CPU each) happens once per user when it starts: 12 users
signing in keep both cores busy for the first ~5 s. The mix is of signed-in users, so every user waits
until all have signed in, and the statistics are reset then: the figures (and the CSV) cover the signed-in
mix only, over the rest of the run.
FastHttpUser keeps locust's own CPU per request low: it shares the machine with the server.

BENCH_LANTAI=1 runs the same users against the floor only (eoffice.bench.lantai: signed in, same
middleware, one indexed query): the most requests/s this machine gives with locust beside the server,
the ceiling any mixed load is read against.

locust comes from requirements-bench.txt (not a runtime dependency).
"""

from __future__ import annotations

import os
import random
import re
import sys
import urllib.parse
from itertools import cycle
from pathlib import Path

from gevent.event import Event
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import form_of  # noqa: E402

PASSWORD = "Surakarta2026"  # demo.akun.DEMO_PASSWORD
AKUN = cycle(
    [
        "kominfo.kepala",
        "kominfo.tu",
        "kominfo.staf",
        "walikota",
        "kominfo.sekretaris",
        "kominfo.kabid",
        "kominfo.kasi",
        "dishub.sekretaris",
        "dishub.staf",
        "dishub.tu",
        "sekda",
        "disdag.sekretaris",
    ]
)
KATA = ["rapat", "anggaran", "koordinasi", "pengadaan", "perizinan", "banjir", "beasiswa", "statistik"]
LINK_SURAT = re.compile(rb'href="/surat/(\d+)/"')
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _form(fields) -> str:
    """A form body as a browser sends it (repeated names kept: the draft form has several)."""
    return urllib.parse.urlencode(list(fields))


TUNGGU = float(os.environ.get("BENCH_TUNGGU", "0"))
LANTAI = os.environ.get("BENCH_LANTAI") == "1"
# Users signed in so far, and an event set once the last of them has (see the docstring).
_MASUK = {"jumlah": 0}
_SEMUA_MASUK = Event()


class Pegawai(FastHttpUser):
    abstract = LANTAI  # locust runs every concrete user class in the file
    wait_time = between(0, TUNGGU)

    def on_start(self) -> None:
        self.username = next(AKUN)
        page = self.client.get("/akun/masuk/", name="masuk (form)")
        token = form_of(page.content, "/akun/masuk/")["fields"]
        data = dict(token) | {"username": self.username, "password": PASSWORD}
        masuk = self.client.post("/akun/masuk/", data=_form(data.items()), headers=FORM, name="masuk")
        if masuk.status_code != 200 or b'name="password"' in (masuk.content or b""):
            raise RuntimeError(f"{self.username} tidak bisa masuk")
        self.surat: list[str] = []
        _MASUK["jumlah"] += 1
        runner = self.environment.runner
        if _MASUK["jumlah"] >= runner.target_user_count:
            runner.stats.reset_all()
            _SEMUA_MASUK.set()
        # A user who could not sign in never counts: the others start after a minute, statistics not reset.
        _SEMUA_MASUK.wait(timeout=60)

    # ---- reads: 80
    @task(20)
    def beranda(self) -> None:
        self.client.get("/", name="beranda")

    @task(20)
    def masuk(self) -> None:
        page = self.client.get(f"/surat/masuk/?halaman={random.choice([1, 1, 1, 2, 5])}", name="surat masuk")
        self.surat = [m.decode() for m in LINK_SURAT.findall(page.content)] or self.surat

    @task(10)
    def keluar(self) -> None:
        self.client.get("/surat/keluar/", name="surat keluar")

    @task(10)
    def disposisi(self) -> None:
        self.client.get("/disposisi/", name="disposisi")

    @task(15)
    def detail(self) -> None:
        if self.surat:
            self.client.get(f"/surat/{random.choice(self.surat)}/", name="detail surat")
        else:
            self.client.get("/surat/konsep/", name="konsep")

    @task(5)
    def konsep(self) -> None:
        self.client.get("/surat/konsep/", name="konsep")

    # ---- searches: 15
    @task(15)
    def cari(self) -> None:
        self.client.get(f"/arsip/cari/?q={random.choice(KATA)}", name="cari")

    # ---- writes: 5 (a konseptor saves a draft; everyone else opens and so marks a letter read)
    @task(5)
    def tulis(self) -> None:
        page = self.client.get("/surat/konsep/", name="konsep")
        ids = [m.decode() for m in LINK_SURAT.findall(page.content)]
        if not ids:
            return
        path = f"/surat/{ids[0]}/ubah/"
        form_page = self.client.get(path, name="ubah konsep (form)")
        if form_page.status_code != 200:
            return
        fields = [(n, f"{v[:400]} ." if n == "hal" else v) for n, v in form_of(form_page.content, path)["fields"]]
        self.client.post(path, data=_form(fields), headers=FORM, name="simpan konsep")


class Lantai(FastHttpUser):
    """BENCH_LANTAI=1: signed in as above, then only the floor."""

    abstract = not LANTAI
    wait_time = between(0, TUNGGU)
    on_start = Pegawai.on_start

    @task
    def lantai(self) -> None:
        self.client.get("/_bench/lantai/", name="lantai")
