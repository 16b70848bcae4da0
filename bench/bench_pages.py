"""Benchmark: the pages over HTTP against gunicorn (DEBUG off, PostgreSQL), each read against the floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eoffice_bulk .venv/bin/python bench/bench_pages.py \
        [--port 8104] [--putaran 30] [--tulis 10] [--json hasil.json] [--maks-rasio 6] [--redis redis://...]

The database must hold the demo city and bulk letters (manage.py seed_bulk, docs/performance.md). The
script starts gunicorn (2 sync workers, EOFFICE_BENCH=1) on --port, signs in the head of the largest OPD
(kominfo.kepala), its pencatat (kominfo.tu), a konseptor (kominfo.staf), the Wali Kota, and the pencatat
and a Kabid of the OPD that keeps its mail in order (PERAN_RAPI: the pages of what waits), and requests
every page of each role in a shuffled order, each page immediately followed by the floor
(/_bench/lantai/: same middleware and session, one indexed query) with the same session, so a busy
machine slows both. Each role's first row is the frame (/_bench/bingkai/: every page's header, menu
and bell with nothing in them), so a page's time reads as frame plus its own work. Writes (saving a draft, signing, disposing) are measured the same way on letters
prepared before the clock starts (the letters to sign are drafted and initialled through the services).

Printed: p50/p95/p99 in ms, queries per request (X-Jumlah-Kueri), and p95 divided by the floor's p95.
--json writes the same as JSON. --maks-rasio R exits 1 when a read page's p95 exceeds R times the floor
(writes are reported, not judged: signing renders and signs a PDF by design).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PERAN = {
    "kepala OPD terbesar": "kominfo.kepala",
    "pencatat": "kominfo.tu",
    "konseptor": "kominfo.staf",
    "Wali Kota": "walikota",
}
BENCH_CA = "eoffice-bench-ca-7c1f0e2a9b"  # not a secret: a throw-away benchmark database's local CA
BENCH_AUDIT = "eoffice-bench-audit-key-5d8e2b7f41c9a306"  # likewise: the audit chain of that database
PIMPINAN = ("kepala OPD terbesar", "Wali Kota")
# The well-run OPD (demo.bulk.plan.OPD_RAPI) has nothing waiting but an old backlog: a read that walks an
# index until it finds what waits is measured where it cannot stop early. Only the pages that show what
# waits: the rest read as they do for anyone.
PERAN_RAPI = {"pencatat OPD rapi": "dishub.tu", "Kabid OPD rapi": "dishub.kabid"}
HALAMAN_RAPI = ("Beranda", "Surat Masuk hlm 1", "Disposisi", "Buku Agenda")
HALAMAN_DALAM = 400
LANTAI = "/_bench/lantai/"


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    """The environment of gunicorn and of this process (the sessions made here must open there)."""
    return {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "EOFFICE_BENCH": "1",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or "bench-" + secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://eoffice.surakarta.go.id",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The passphrase the bench database's CA was made with (bench/smoke.sh seeds with the same); the
        # settings refuse the DEBUG default with DEBUG off.
        "TTE_CA_PASSPHRASE": os.environ.get("TTE_CA_PASSPHRASE") or BENCH_CA,
        "AUDIT_HMAC_KEY": os.environ.get("AUDIT_HMAC_KEY") or BENCH_AUDIT,
        "REDIS_URL": redis_url,
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


# ---------------------------------------------------------------- HTTP


class Klien:
    """One signed-in user: cookies kept by hand over http.client (a new connection per request, as
    gunicorn's sync workers close it anyway)."""

    def __init__(self, port: int, cookies: dict[str, str]) -> None:
        self.port = port
        self.cookies = dict(cookies)

    def request(self, method: str, path: str, data: dict | list | None = None) -> tuple[int, bytes, dict, float]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": f"127.0.0.1:{self.port}"}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        mulai = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        isi = resp.read()
        ms = (time.perf_counter() - mulai) * 1000
        conn.close()
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                k, _, v = value.split(";", 1)[0].partition("=")
                self.cookies[k.strip()] = v.strip()
        return resp.status, isi, {k.lower(): v for k, v in resp.getheaders()}, ms


class FormParser(HTMLParser):
    """The POST forms of a page: their fields as a browser would submit them untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {"action": a.get("action", ""), "fields": [], "choices": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            self._form["choices"].setdefault(name, []).append(a.get("value", "")) if kind in (
                "checkbox",
                "radio",
            ) else None
            if kind not in ("checkbox", "radio", "submit", "file") or "checked" in a:
                self._form["fields"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._form["choices"].setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                self._form["fields"].append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["fields"].append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            name, value = self._form["fields"][-1]
            self._form["fields"][-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_of(html: bytes, path: str) -> dict:
    """The page's own POST form (action empty or `path`; the sign-out form in the frame is not it)."""
    parser = FormParser()
    parser.feed(html.decode("utf-8", "replace"))
    forms = [f for f in parser.forms if f["action"] in ("", path)]
    if not forms:
        raise RuntimeError(f"formulir untuk {path} tidak ditemukan")
    return max(forms, key=lambda f: len(f["fields"]))


# ---------------------------------------------------------------- what to measure


@dataclass
class Ukur:
    peran: str
    nama: str
    path: str
    tulis: bool = False
    persiapan: object = None  # for writes: a callable that returns (path, data) for the next sample
    ms: list[float] = field(default_factory=list)
    lantai: list[float] = field(default_factory=list)
    kueri: list[int] = field(default_factory=list)
    status: set[int] = field(default_factory=set)
    dalam: int = 0  # a deep page: this page number of the list at `path` (resolved once the server runs)


def _targets(peran: str, username: str) -> tuple[list[Ukur], object]:
    """The read pages of one role, built from what this user may see."""
    from django.db.models import Count, Exists, OuterRef

    from demo.bulk.teks import KATA, kosakata
    from disposisi.models import Disposisi
    from organisasi import acting
    from organisasi.models import Pegawai
    from surat import selectors
    from surat.models import Surat
    from surat.views.kotak import PER_HALAMAN

    pegawai = Pegawai.objects.select_related("user", "jabatan").get(user__username=username)
    actor = acting.fresh(pegawai)
    vocab = kosakata(random.Random(20260702))
    nomor = (
        Surat.objects.visible_to(actor).filter(nomor__isnull=False).order_by("-id").values_list("nomor", flat=True)[:1]
    )
    u = [
        # What every page pays for its frame (header, menu, bell) with nothing in it: not a user's page.
        Ukur(peran, "Bingkai (halaman kosong)", "/_bench/bingkai/"),
        Ukur(peran, "Beranda", "/"),
        Ukur(peran, "Surat Masuk hlm 1", "/surat/masuk/"),
        Ukur(peran, "Konsep", "/surat/konsep/"),
        Ukur(peran, "Perlu Ditandatangani", "/surat/perlu-tanda-tangan/"),
        Ukur(peran, "Surat Keluar", "/surat/keluar/"),
        Ukur(peran, "Disposisi", "/disposisi/"),
        Ukur(peran, "Cari: kata di ~12% surat", f"/arsip/cari/?q={KATA[60]}"),
        Ukur(peran, "Cari: kata di hampir semua surat", f"/arsip/cari/?q={KATA[0]}"),
        Ukur(peran, "Cari: kata jarang", f"/arsip/cari/?q={vocab[len(KATA) + 3000]}"),
        Ukur(peran, "Pemilih KKA", "/surat/klasifikasi/cari/?q=keuangan"),
    ]
    if nomor:
        u.append(Ukur(peran, "Cari: nomor surat", "/arsip/cari/?" + urllib.parse.urlencode({"q": nomor[0]})))
    halaman = min(HALAMAN_DALAM, selectors.surat_masuk(actor).count() // PER_HALAMAN)
    if halaman >= 2:
        u.append(Ukur(peran, f"Surat Masuk hlm {halaman}", "/surat/masuk/", dalam=halaman))
    if actor.pencatat_opd_ids:
        u.append(Ukur(peran, "Buku Agenda", "/surat/agenda/"))
    if peran in PIMPINAN:  # the Rekap pages are for leaders
        u += [
            Ukur(peran, "Rekap", "/rekap/"),
            Ukur(peran, "Rekap: waktu layanan", "/rekap/layanan/"),
            Ukur(peran, "Rekap: terlambat", "/rekap/terlambat/"),
        ]
    pohon = (
        Disposisi.objects.filter(surat__in=Surat.objects.visible_to(actor))
        .values("surat")
        .annotate(n=Count("id"))
        .filter(n__gte=50)
        .order_by("-surat")
        .values_list("surat", flat=True)[:1]
    )
    if pohon:
        u.append(Ukur(peran, "Surat dengan pohon 50 disposisi", f"/surat/{pohon[0]}/"))
    # An ordinary letter's page: the newest signed letter this user may open that has no disposition.
    biasa = (
        Surat.objects.visible_to(actor)
        .filter(status=Surat.Status.TERKIRIM)
        .exclude(Exists(Disposisi.objects.filter(surat=OuterRef("pk"))))
        .order_by("-id")
        .values_list("id", flat=True)[:1]
    )
    if biasa:
        u.append(Ukur(peran, "Surat tanpa disposisi", f"/surat/{biasa[0]}/"))
    return u, pegawai


BERIKUTNYA = re.compile(r'href="([^"]+)">Berikutnya')


def halaman_dalam(k: Klien, path: str, nomor: int) -> str:
    """The URL of page `nomor` of a list as a user reaches it: by following "Berikutnya" when the links
    carry keyset keys (?setelah=), else by the page number an offset list takes."""
    _, html, _, _ = k.request("GET", path)
    link = BERIKUTNYA.search(html.decode("utf-8", "replace"))
    if link is None or "setelah=" not in link.group(1):
        return f"{path}?halaman={nomor}"
    url = path
    for _ in range(nomor - 1):
        _, html, _, _ = k.request("GET", url)
        link = BERIKUTNYA.search(html.decode("utf-8", "replace"))
        if link is None:
            break
        url = urllib.parse.urljoin(path, unescape(link.group(1)))
    return url


def _siapkan_ttd(kepala, staf, n: int) -> list[int]:
    """n letters waiting for the head's signature, drafted by the konseptor and initialled through the
    services (not timed)."""
    from arsip.models import KlasifikasiArsip
    from organisasi import acting
    from organisasi.models import Jabatan
    from surat import services
    from surat.models import JenisSurat, Surat

    # Addressed to the Sekda, as many of the head's letters are.
    tujuan = Jabatan.objects.get(unit__kode="SETDA", is_kepala_unit=True)
    ids = []
    for i in range(n):
        surat = services.surat_create(
            actor=staf,
            jabatan_konseptor=staf.jabatan,
            jenis=JenisSurat.objects.get(kode="surat-dinas"),
            klasifikasi=KlasifikasiArsip.objects.order_by("kode").first(),
            hal=f"Uji kinerja tanda tangan {i + 1}",
            isi="<p>Dengan hormat, surat ini dibuat oleh pengukur kinerja.</p>",
            penandatangan=kepala.jabatan,
            tujuan=[tujuan],
        )
        services.surat_submit(actor=staf, surat=surat)
        while surat.status == Surat.Status.PARAF:
            pelaksana = acting.pegawai_acting_in([surat.giliran_id])[0][0]
            services.paraf_approve(actor=pelaksana, surat=surat)
        ids.append(surat.pk)
    return ids


# ---------------------------------------------------------------- statistics and output


def pct(samples: list[float], p: int) -> float:
    s = sorted(samples)
    if not s:
        return float("nan")
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def ringkas(u: Ukur) -> dict:
    return {
        "peran": u.peran,
        "halaman": u.nama,
        "path": u.path,
        "tulis": u.tulis,
        "n": len(u.ms),
        "p50": round(pct(u.ms, 50), 1),
        "p95": round(pct(u.ms, 95), 1),
        "p99": round(pct(u.ms, 99), 1),
        "kueri": int(statistics.median(u.kueri)) if u.kueri else None,
        "lantai_p50": round(pct(u.lantai, 50), 1),
        "lantai_p95": round(pct(u.lantai, 95), 1),
        "rasio_p95": round(pct(u.ms, 95) / pct(u.lantai, 95), 1) if u.lantai else None,
        "status": sorted(u.status),
        "sampel": [round(x, 1) for x in u.ms],  # in the order taken: a slow first sample is a cold worker
    }


def cetak(hasil: list[dict], lantai: dict) -> None:
    print(f"\nlantai (floor): p50 {lantai['p50']} ms, p95 {lantai['p95']} ms, p99 {lantai['p99']} ms")
    print(f"{'peran':<20} {'halaman':<34} {'p50':>8} {'p95':>8} {'p99':>8} {'kueri':>6} {'p95÷lantai':>11}")
    for r in hasil:
        print(
            f"{r['peran']:<20} {r['halaman']:<34} {r['p50']:>8} {r['p95']:>8} {r['p99']:>8} "
            f"{r['kueri'] if r['kueri'] is not None else '-':>6} {r['rasio_p95']:>10}×"
            + ("" if r["status"] in ([200], [302]) else f"  status {r['status']}")
        )


# ---------------------------------------------------------------- the run


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    # Always: a manifest left from an older checkout lacks new files, and DEBUG off answers 500 for them.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(gunicorn), "eoffice.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "300"],
        cwd=BASE_DIR,
        env=env,
    )
    for _ in range(120):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/akun/masuk/")
            conn.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("gunicorn tidak menjawab")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--putaran", type=int, default=30, help="sampel per halaman per peran")
    parser.add_argument("--tulis", type=int, default=10, help="sampel per aksi tulis (0: tanpa)")
    parser.add_argument("--workers", type=int, default=2, help="proses gunicorn")
    parser.add_argument("--json", help="tulis hasil ke berkas JSON ini")
    parser.add_argument("--maks-rasio", type=float, help="gagal bila p95 halaman baca > rasio × p95 lantai")
    parser.add_argument(
        "--kecuali",
        action="append",
        default=[],
        metavar="HALAMAN",
        help="halaman yang diukur dan dilaporkan tetapi tidak menggagalkan --maks-rasio (yang diketahui masih "
        "kurang, lihat docs/performance.md)",
    )
    parser.add_argument(
        "--hanya",
        action="append",
        default=[],
        metavar="TEKS",
        help="ukur hanya halaman yang namanya memuat teks ini (boleh berulang; mis. --hanya Cari --hanya pohon)",
    )
    parser.add_argument("--serve", action="store_true", help="hanya jalankan server (untuk locust) sampai Ctrl-C")
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", ""), help="REDIS_URL server")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Benchmark ini butuh PostgreSQL: DATABASE_URL=postgres://...")
    env = {**os.environ, **server_env(database_url, args.redis)}
    if args.serve:
        proc = start_server(env, args.port, args.workers)
        print(f"gunicorn di http://127.0.0.1:{args.port}/ ({args.workers} proses); Ctrl-C untuk berhenti")
        try:
            proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
        return
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from demo.akun import DEMO_PASSPHRASE
    from surat.models import Surat

    jumlah_surat = Surat.objects.count()
    ukur: list[Ukur] = []
    klien: dict[str, Klien] = {}
    pegawai = {}
    for peran, username in {**PERAN, **PERAN_RAPI}.items():
        targets, p = _targets(peran, username)
        if peran in PERAN_RAPI:
            targets = [u for u in targets if u.nama in HALAMAN_RAPI]
        ukur += [u for u in targets if not args.hanya or any(t in u.nama for t in args.hanya)]
        pegawai[peran] = p
        c = Client()
        c.force_login(p.user)
        klien[peran] = Klien(args.port, {k: v.value for k, v in c.cookies.items()})

    kepala, staf = pegawai["kepala OPD terbesar"], pegawai["konseptor"]
    tulis: list[Ukur] = []
    if args.tulis:
        tulis += _writes(kepala, staf, pegawai, args.tulis)
    connection.close()

    proc = start_server(env, args.port, args.workers)
    try:
        rng = random.Random(7)
        for u in ukur:
            if u.dalam:
                u.path = halaman_dalam(klien[u.peran], u.path, u.dalam)
        # Warm-up: every worker has imported and cached what it needs, and compiled the page's reads
        # (lib.kueri_siap compiles once per process). Which sync worker accepts a connection is not
        # fixed: two requests per page left one worker cold now and then, and its first sample (the
        # pencatat's Surat Masuk compiles the most: +20 ms) became the page's p95.
        for u in ukur + tulis:
            if not u.tulis:
                for _ in range(3 * args.workers):
                    klien[u.peran].request("GET", u.path)
        lantai_semua: list[float] = []
        for putaran in range(args.putaran):
            urutan = ukur + [w for w in tulis if putaran < len(w.persiapan)]
            rng.shuffle(urutan)
            for u in urutan:
                k = klien[u.peran]
                if u.tulis:
                    path, data = _isi_form(k, u, putaran, DEMO_PASSPHRASE)
                    status, _, headers, ms = k.request("POST", path, data)
                else:
                    status, _, headers, ms = k.request("GET", u.path)
                u.ms.append(ms)
                u.status.add(status)
                if "x-jumlah-kueri" in headers:
                    u.kueri.append(int(headers["x-jumlah-kueri"]))
                _, _, _, lantai_ms = k.request("GET", LANTAI)
                u.lantai.append(lantai_ms)
                lantai_semua.append(lantai_ms)
            print(f"putaran {putaran + 1}/{args.putaran} selesai", file=sys.stderr, flush=True)
    finally:
        proc.terminate()
        proc.wait(30)

    hasil = [ringkas(u) for u in ukur + tulis if u.ms]
    lantai = {p: round(pct(lantai_semua, p), 1) for p in (50, 95, 99)}
    cetak(hasil, {f"p{p}": v for p, v in lantai.items()})
    meta = {
        "surat": jumlah_surat,
        "waktu": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "putaran": args.putaran,
        "workers": args.workers,
        "loadavg": Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else None,
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
        ).stdout.strip(),
    }
    if args.json:
        Path(args.json).write_text(
            json.dumps({"meta": meta, "lantai": lantai, "halaman": hasil}, indent=1, ensure_ascii=False)
        )
    gagal = []
    if args.maks_rasio:
        lewat = [r for r in hasil if not r["tulis"] and r["p95"] > args.maks_rasio * lantai[95]]
        gagal = [r for r in lewat if r["halaman"] not in args.kecuali]
        for r in lewat:
            tanda = "GAGAL" if r in gagal else "DIKETAHUI (tidak menggagalkan)"
            print(
                f"{tanda}: {r['peran']} / {r['halaman']}: p95 {r['p95']} ms > {args.maks_rasio} × lantai {lantai[95]} ms"
            )
    bad = [r for r in hasil if any(s >= 400 for s in r["status"])]
    for r in bad:
        print(f"GAGAL: {r['peran']} / {r['halaman']} menjawab {r['status']}")
    sys.exit(1 if gagal or bad else 0)


def _writes(kepala, staf, pegawai: dict, n: int) -> list[Ukur]:
    """The write actions and what each sample works on (prepared now, outside the clock)."""
    from disposisi.models import Disposisi
    from organisasi import acting
    from surat import selectors
    from surat.models import Surat

    out = []
    konsep = selectors.konsep_list(acting.fresh(staf)).filter(status=Surat.Status.KONSEP).first()
    if konsep is None:
        konsep = Surat.objects.get(pk=_siapkan_ttd(kepala, staf, 1)[0])
        Surat.objects.filter(pk=konsep.pk).update(status=Surat.Status.KONSEP)
    out.append(Ukur("konseptor", "Simpan konsep", f"/surat/{konsep.pk}/ubah/", tulis=True, persiapan=[konsep.pk] * n))
    out.append(
        Ukur(
            "kepala OPD terbesar",
            "Tandatangani",
            "/surat/<pk>/tandatangani/",
            tulis=True,
            persiapan=_siapkan_ttd(kepala, staf, n),
        )
    )
    for peran in ("kepala OPD terbesar", "Wali Kota"):
        actor = acting.fresh(pegawai[peran])
        belum = (
            selectors.surat_masuk(actor)
            .exclude(surat__in=Disposisi.objects.values("surat"))
            .values_list("surat_id", flat=True)[: n * 3]
        )
        out.append(
            Ukur(peran, "Disposisikan", "/disposisi/surat/<pk>/disposisikan/", tulis=True, persiapan=list(belum))
        )
    return out


def _isi_form(k: Klien, u: Ukur, putaran: int, passphrase: str) -> tuple[str, list]:
    """GET the form of this sample's letter (not timed) and fill it as a user would."""
    pk = u.persiapan[putaran]
    path = u.path.replace("<pk>", str(pk))
    status, html, _, _ = k.request("GET", path)
    if status != 200:
        return path, []
    form = form_of(html, path)
    data = list(form["fields"])
    if u.nama == "Simpan konsep":
        # One suffix, replaced: appended on every run, the subject outgrew its field and the save failed.
        data = [
            (n, re.sub(r"( \(disimpan \d+\))+$", "", v) + f" (disimpan {putaran})" if n == "hal" else v)
            for n, v in data
        ]
    elif u.nama == "Tandatangani":
        data = [(n, passphrase if n == "passphrase" else v) for n, v in data]
    elif u.nama == "Disposisikan":
        data += [("kepada", form["choices"]["kepada"][0]), ("instruksi", form["choices"]["instruksi"][0])]
        data = [(n, "Mohon ditindaklanjuti." if n == "catatan" else v) for n, v in data]
    return path, data


if __name__ == "__main__":
    main()
