"""Benchmark: the Rekap pages over 1,000,000 letters on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eoffice_bench_rekap .venv/bin/python bench/bench_rekap.py \
        [--surat 1000000] [--ulang 15] [--reuse] [--explain] [--kepala kepala7] [--admin adminpemda]

The database named in DATABASE_URL is a throw-away one: dropped and created again (unless --reuse finds
it filled). The structure (40 OPDs, each with a kepala, 3 bidang and staff) is made with the ORM; the
letters, recipients, submission logs, access rows and dispositions with INSERT ... SELECT over
generate_series, spread over three years up to today, so a year holds about a third of them; then the
Rekap's summary rows are rebuilt from them (rekap.fakta). With --reuse it also runs on a database filled
otherwise (seed_demo + seed_bulk: pass --kepala kominfo.kepala).

Each Rekap page is then asked for through Django's test client (the whole view: selectors, template,
context processors) as a Kepala Dinas (one OPD) and as admin Pemda (every OPD), for this month, this
quarter and this year, cold (cache emptied before each request: the figures are read from the summary
rows again) and warm
(figures from the 5-minute cache, as for every later visit); it prints the median, p95 and the number
of queries per page.

Target (issue 16): p95 < 300 ms per page with a bounded number of queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eoffice_bench_rekap")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import dj_database_url  # noqa: E402
import psycopg2  # noqa: E402

N_OPD = 40
HALAMAN = ("rekap:index", "rekap:layanan", "rekap:terlambat", "rekap:penghematan")
PERIODE = ("bulan", "triwulan", "tahun")
TARGET_MS = 300


def reset_database(url: str) -> None:
    cfg = dj_database_url.parse(url)
    conn = psycopg2.connect(
        dbname="postgres", user=cfg["USER"], password=cfg["PASSWORD"], host=cfg["HOST"], port=cfg["PORT"] or 5432
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
        cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    conn.close()


def _isi_kosong(table: str, given: set[str]) -> tuple[str, str]:
    """Columns NOT NULL without a database default that `given` leaves out, and a neutral value for
    each ('' for text, false, '{}' for JSON, 0): Django fills these, a bulk INSERT must too."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL",
            [table],
        )
        rows = [(c, t) for c, t in cur.fetchall() if c not in given and c != "id"]
    nilai = {"boolean": "false", "jsonb": "'{}'::jsonb", "integer": "0", "smallint": "0", "bigint": "0"}
    return ", ".join(c for c, _ in rows), ", ".join(nilai.get(t, "''") for _, t in rows)


def _insert(table: str, kolom: dict[str, str], sumber: str) -> int:
    """INSERT INTO table (kolom..., the other NOT NULL columns) SELECT expressions FROM sumber."""
    from django.db import connection

    extra_cols, extra_vals = _isi_kosong(table, set(kolom))
    cols = ", ".join(kolom) + (f", {extra_cols}" if extra_cols else "")
    vals = ", ".join(kolom.values()) + (f", {extra_vals}" if extra_vals else "")
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {vals} FROM {sumber}")
        return cur.rowcount


def build(n_surat: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from organisasi.models import Jabatan, Pegawai, Pemda, Peran, UnitKerja
    from tests.factories import make_nip

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    User = get_user_model()
    with transaction.atomic():
        Pemda.objects.create(nama_daerah="Surakarta")
        for i in range(N_OPD):
            opd = UnitKerja.objects.create(nama=f"Dinas Bench {i}", kode=f"DB{i}", jenis="dinas", is_opd=True)
            opd.opd = opd
            opd.save(update_fields=["opd"])
            kepala = Jabatan.objects.create(
                nama=f"Kepala Dinas Bench {i}", unit=opd, eselon="II.b", is_kepala_unit=True
            )
            user = User.objects.create(username=f"kepala{i}")
            Pegawai.objects.create(user=user, nip=make_nip(), nama=f"Kepala {i}", jabatan=kepala)
            for b in range(3):
                bidang = UnitKerja.objects.create(nama=f"Bidang {b} Bench {i}", jenis="bidang", induk=opd, opd=opd)
                kabid = Jabatan.objects.create(
                    nama=f"Kabid {b} Bench {i}", unit=bidang, eselon="III.b", is_kepala_unit=True, atasan=kepala
                )
                for s in range(4):
                    Jabatan.objects.create(
                        nama=f"Staf {s} Bidang {b} Bench {i}", unit=bidang, eselon="JP", atasan=kabid
                    )
        admin = User.objects.create(username="adminpemda")
        p = Pegawai.objects.create(user=admin, nip=make_nip(), nama="Admin Pemda")
        Peran.objects.create(pegawai=p, jenis="admin_pemda")
    t1 = time.monotonic()

    with connection.cursor() as cur:
        # Helper tables: the kepala and the staff jabatan of every OPD, numbered for random picks.
        cur.execute(
            "CREATE TEMP TABLE b_kepala AS SELECT row_number() OVER (ORDER BY j.id) - 1 AS n, j.id AS jabatan_id, "
            "u.id AS opd_id FROM organisasi_jabatan j JOIN organisasi_unitkerja u ON u.id = j.unit_id "
            "WHERE j.is_kepala_unit AND u.is_opd"
        )
        cur.execute(
            "CREATE TEMP TABLE b_staf AS SELECT row_number() OVER (ORDER BY j.id) - 1 AS n, j.id AS jabatan_id, "
            "u.opd_id FROM organisasi_jabatan j JOIN organisasi_unitkerja u ON u.id = j.unit_id WHERE j.eselon = 'JP'"
        )
        cur.execute(
            "CREATE TEMP TABLE b_kabid AS SELECT j.id AS jabatan_id, j.atasan_id AS kepala_id FROM organisasi_jabatan j "
            "WHERE j.eselon = 'III.b'"
        )
        cur.execute("SELECT count(*) FROM b_staf")
        n_staf = cur.fetchone()[0]
        cur.execute("SELECT min(id), max(id) FROM surat_jenissurat")
        jmin, jmax = cur.fetchone()

    # Letters: 90 % drafted in the app (95 % of them signed), 10 % paper letters; three years up to now.
    _insert(
        "surat_surat",
        {
            "jenis_id": f"{jmin} + (g % ({jmax} - {jmin} + 1))",
            "sumber": "CASE WHEN g % 10 = 0 THEN 'masuk_luar' ELSE 'naskah' END",
            "status": "CASE WHEN g % 10 = 0 THEN 'tercatat' WHEN g % 20 = 1 THEN 'paraf' ELSE 'terkirim' END",
            "jabatan_konseptor_id": "CASE WHEN g % 10 = 0 THEN NULL ELSE s.jabatan_id END",
            "giliran_id": "NULL",
            "opd_id": "s.opd_id",
            "keamanan": "CASE WHEN g % 50 = 0 THEN 'rahasia' ELSE 'biasa' END",
            "urgensi": "CASE WHEN g % 15 = 0 THEN 'amat_segera' WHEN g % 7 = 0 THEN 'segera' ELSE 'biasa' END",
            "hal": "'Surat bench nomor ' || g",
            "dibuat": "t.dibuat",
            "diubah": "t.dibuat",
            "ditandatangani_pada": "CASE WHEN g % 10 <> 0 AND g % 20 <> 1 THEN t.dibuat + (g % 72) * interval '1 hour' END",
            "tanggal_terima": "CASE WHEN g % 10 = 0 THEN (t.dibuat AT TIME ZONE 'Asia/Jakarta')::date END",
            "versi": "1",
            "untuk_beliau": "false",
            "data_tambahan": "'{}'::jsonb",
        },
        f"generate_series(1::bigint, {n_surat}) g "
        f"JOIN b_staf s ON s.n = (g * 7919) % {n_staf} "
        f"CROSS JOIN LATERAL (SELECT now() - ((g * 104729) % {3 * 365 * 24 * 60}) * interval '1 minute' AS dibuat) t",
    )
    with connection.cursor() as cur:
        # Submission logs of the app's letters, 1-3 hours after drafting.
        cur.execute(
            "INSERT INTO surat_suratlog (surat_id, waktu, aksi, dari_status, ke_status, catatan) "
            "SELECT id, dibuat + (id % 3 + 1) * interval '1 hour', 'diajukan', 'konsep', 'paraf', '' "
            "FROM surat_surat WHERE sumber = 'naskah'"
        )
        # Every signed or registered letter goes to the kepala of another OPD (paper: of its own OPD).
        cur.execute(
            f"INSERT INTO surat_penerima (surat_id, jenis, urutan, jabatan_id, opd_id, nama_tampil, eksternal_nama, "
            f"eksternal_alamat, eksternal_email, diterima_pada, dibaca_pada, kirim_status, kirim_cara, kirim_catatan) "
            f"SELECT s.id, 'tujuan', 0, k.jabatan_id, k.opd_id, '', '', '', '', "
            f"COALESCE(s.ditandatangani_pada, s.dibuat), "
            f"CASE WHEN s.id % 9 = 0 THEN NULL ELSE COALESCE(s.ditandatangani_pada, s.dibuat) + interval '2 hours' END, "
            f"'', '', '' FROM surat_surat s JOIN b_kepala k ON k.n = CASE WHEN s.sumber = 'masuk_luar' "
            f"THEN (SELECT n FROM b_kepala WHERE opd_id = s.opd_id) ELSE (s.id * 31) % {N_OPD} END "
            f"WHERE s.status IN ('terkirim', 'tercatat')"
        )
        cur.execute(
            "INSERT INTO surat_aksessurat (surat_id, jabatan_id, peran, dibuat) "
            "SELECT surat_id, jabatan_id, 'tujuan', now() FROM surat_penerima"
        )
        # Two thirds of the received letters are disposed to a kabid 1-30 hours after arrival; most finished.
        cur.execute(
            "INSERT INTO disposisi_disposisi (surat_id, dari_jabatan_id, dari_pegawai_id, kepada_jabatan_id, catatan, "
            "batas_waktu, prioritas, status, dibuat, selesai_pada) "
            "SELECT p.surat_id, p.jabatan_id, pg.id, kb.jabatan_id, '', "
            "(p.diterima_pada + interval '7 days')::date, 'biasa', "
            "CASE WHEN p.id % 5 = 0 THEN 'dibaca' ELSE 'selesai' END, "
            "p.diterima_pada + (p.id % 30 + 1) * interval '1 hour', "
            "CASE WHEN p.id % 5 = 0 THEN NULL ELSE p.diterima_pada + (p.id % 240 + 2) * interval '1 hour' END "
            "FROM surat_penerima p JOIN organisasi_pegawai pg ON pg.jabatan_id = p.jabatan_id "
            "JOIN LATERAL (SELECT jabatan_id FROM b_kabid WHERE kepala_id = p.jabatan_id "
            "ORDER BY jabatan_id LIMIT 1 OFFSET p.id % 3) kb ON true WHERE p.id % 3 <> 0"
        )
        cur.execute("VACUUM ANALYZE")
    t2 = time.monotonic()
    from rekap import fakta

    print(f"angka rekap: {fakta.bangun_ulang()} baris dalam {time.monotonic() - t2:.0f} s")
    with connection.cursor() as cur:
        cur.execute("SELECT (SELECT count(*) FROM surat_surat), (SELECT count(*) FROM surat_penerima), "
                    "(SELECT count(*) FROM disposisi_disposisi)")  # fmt: skip
        s, p, d = cur.fetchone()
    print(f"dibangun: {s} surat, {p} penerima, {d} disposisi; struktur {t1 - t0:.0f} s, surat {t2 - t1:.0f} s")


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def _samples(client, url: str, ulang: int, dingin: bool) -> tuple[list[float], int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples, n_queries = [], 0
    for _ in range(ulang):
        if dingin:
            cache.clear()  # the figures computed again, as on the first visit of a scope in 5 minutes
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        n_queries = len(queries)
    return samples, n_queries


def measure(
    ulang: int, periode_list: tuple[str, ...] = PERIODE, viewers: tuple[str, ...] = ("kepala7", "adminpemda")
) -> bool:
    """Every page and period, cold (figures computed) and warm (figures from the 5-minute cache)."""
    from django.test import Client
    from django.urls import reverse

    from organisasi.models import Pegawai

    lulus = True
    for username in viewers:
        client = Client()
        client.force_login(Pegawai.objects.get(user__username=username).user)
        for nama in HALAMAN:
            for periode in periode_list:
                url = f"{reverse(nama)}?periode={periode}"
                client.get(url)  # warm-up (connections, templates)
                for dingin in (True, False):
                    samples, n_queries = _samples(client, url, ulang, dingin)
                    ok = p95(samples) < TARGET_MS
                    lulus &= ok or dingin
                    print(
                        f"{'PASS' if ok else 'FAIL'} {username:10} {nama:18} {periode:8} "
                        f"{'dingin' if dingin else 'hangat'} median {statistics.median(samples):7.1f} ms "
                        f"p95 {p95(samples):7.1f} ms, {n_queries} kueri"
                    )
    return lulus


def explain(admin: str) -> None:
    """EXPLAIN ANALYZE of the summary reads, Pemda-wide over this year, beside the sizes of the tables:
    the rows read depend on OPDs, days and measures, not on the letters."""
    from django.db.models import Count, Sum

    from organisasi.models import Pegawai
    from rekap import layanan, periode
    from rekap.jangkauan import lingkup_for
    from rekap.models import Angka
    from rekap.selectors import UKURAN_VOLUME, angka
    from surat.models import Surat

    lingkup = lingkup_for(Pegawai.objects.get(user__username=admin))
    tahun = periode.hitung("tahun")
    print(f"--- {Surat.objects.count()} surat, {Angka.objects.count()} baris angka rekap")
    for label, qs in (
        ("volume per OPD", angka(lingkup, tahun, *UKURAN_VOLUME).values("ukuran", "opd").annotate(n=Sum("n")).order_by()),
        ("waktu layanan per OPD", angka(lingkup, tahun, "w_ttd", "w_disposisi", "w_laporan").values("ukuran", "opd", "kelas").annotate(n=Sum("n"), d=Sum("detik")).order_by()),
        ("terlambat per OPD", layanan.terlambat(lingkup).values("kepada_jabatan__unit__opd").annotate(n=Count("pk")).order_by()),
    ):  # fmt: skip
        print(f"--- {label}")
        print(qs.explain(analyze=True))
    t = time.perf_counter()
    layanan.waktu_layanan(lingkup, tahun, grup=True)
    print(f"--- waktu layanan per OPD, setahun: {(time.perf_counter() - t) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surat", type=int, default=1_000_000)
    parser.add_argument("--ulang", type=int, default=15, help="requests per page and period")
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the summary reads")
    parser.add_argument("--periode", nargs="+", choices=PERIODE, default=list(PERIODE), help="periods to measure")
    parser.add_argument("--kepala", default="kepala7", help="username of the Kepala Dinas who views")
    parser.add_argument("--admin", default="adminpemda", help="username of the admin Pemda who views")
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Benchmark ini butuh PostgreSQL: DATABASE_URL=postgres://...")
    if not args.reuse:
        reset_database(url)
    import django

    django.setup()
    from surat.models import Surat

    if not args.reuse or not Surat.objects.exists():
        build(args.surat)
    if args.explain:
        explain(args.admin)
    try:
        beban = Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        beban = "?"
    lulus = measure(args.ulang, tuple(args.periode), (args.kepala, args.admin))
    print(
        f"{'PASS' if lulus else 'FAIL'}: semua halaman Rekap p95 < {TARGET_MS} ms; beban mesin (loadavg 1 menit) {beban}"
    )


if __name__ == "__main__":
    main()
