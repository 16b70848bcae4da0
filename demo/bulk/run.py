"""seed_bulk's run: the demo city first (demo.seed), then letters spread over the years asked for, one
worker process per year (each owns its year's letter and agenda numbers, so numbers stay unique
without locks; by default all years at once, so no year is left to run alone on a core at the end),
written in chunks with COPY; for a large run the bulk tables' indexes and constraints are set aside
first and rebuilt after (demo.bulk.db); then the app's counters (Penomoran) are moved past the numbers
used, and the tables vacuumed and analysed."""

from __future__ import annotations

import datetime
import multiprocessing
import random
import time
from collections import Counter
from dataclasses import dataclass

from django.db import connection, connections

from demo.bulk import db
from demo.bulk.plan import Plan, load
from demo.bulk.rows import COLS, Chunk, Counters, Maker
from organisasi.models import Pemda
from rekap import fakta
from surat.models import Penomoran

CHUNK = 5000
BATAS_INDEKS = 50_000  # from this many letters on, indexes are set aside and rebuilt after


@dataclass
class Tugas:
    """One worker's share: the letters of one year."""

    tahun: int
    jumlah: int
    seed: int
    today: datetime.date
    surat: dict[int, int]
    agenda: dict[int, int]
    pola: str
    params: dict
    plan: Plan


def _waktu(rng: random.Random, tahun: int, today: datetime.date, n: int) -> list[datetime.datetime]:
    """n moments in office hours (07.30-16.00 WIB, Monday to Friday) of `tahun`, up to today, in order."""
    start = datetime.date(tahun, 1, 1)
    end = min(datetime.date(tahun, 12, 31), today)
    hari = [start + datetime.timedelta(d) for d in range((end - start).days + 1)]
    kerja = [d for d in hari if d.weekday() < 5] or hari
    base = [datetime.datetime(d.year, d.month, d.day, 0, 30, tzinfo=datetime.UTC) for d in kerja]
    out = [rng.choice(base) + datetime.timedelta(seconds=rng.randrange(8 * 3600 + 1800)) for _ in range(n)]
    return sorted(out)


def _kerjakan(t: Tugas) -> tuple[int, dict[int, int], dict[int, int], Counter]:
    """Worker: write the letters of one year. Returns (year, letter counters, agenda counters, rows)."""
    conn = db.connect(t.params)
    db.create_staging(conn)
    rng = random.Random(t.seed)
    counters = Counters(t.surat, t.agenda)
    maker = Maker(t.plan, tahun=t.tahun, today=t.today, rng=rng, counters=counters, ids=db.Ids(conn), pola_nomor=t.pola)
    rows: Counter = Counter()
    waktu = _waktu(rng, t.tahun, t.today, t.jumlah)
    for start in range(0, t.jumlah, CHUNK):
        ch = Chunk()
        mulai = time.process_time()
        for when in waktu[start : start + CHUNK]:
            maker.letter(ch, when)
        rows["detik python"] += time.process_time() - mulai
        mulai = time.monotonic()
        db.copy_chunk(conn, ch.lines, COLS)
        rows["detik copy"] += time.monotonic() - mulai
        rows.update({k: len(v) for k, v in ch.lines.items()})
    conn.close()
    return t.tahun, dict(counters.surat), dict(counters.agenda), rows


def _bagi(jumlah: int, tahun: list[int], today: datetime.date) -> dict[int, int]:
    """Letters per year: the same per working day, so the current year gets its part so far."""
    hari = {y: (min(datetime.date(y, 12, 31), today) - datetime.date(y, 1, 1)).days + 1 for y in tahun}
    total = sum(hari.values())
    bagian = {y: jumlah * h // total for y, h in hari.items()}
    bagian[tahun[-1]] += jumlah - sum(bagian.values())
    return bagian


def _counters(seri: str) -> dict[tuple[int, int], int]:
    return {
        (opd, tahun): last
        for opd, tahun, last in Penomoran.objects.filter(seri=seri, kka_prefix="").values_list(
            "opd_id", "tahun", "last"
        )
    }


def _simpan_counters(seri: str, nilai: dict[tuple[int, int], int]) -> None:
    for (opd, tahun), last in nilai.items():
        row, _ = Penomoran.objects.get_or_create(opd_id=opd, tahun=tahun, seri=seri, kka_prefix="")
        if last > row.last:
            Penomoran.objects.filter(pk=row.pk).update(last=last)


def seed_bulk(
    *, jumlah: int, tahun: list[int], opd: list[str] | None = None, seed: int = 1, workers: int = 2, log=print
) -> Counter:
    """System: add `jumlah` letters over `tahun` (letters of the OPDs coded `opd` only, when given) to the
    seeded demo city. Returns rows written per table."""
    if connection.vendor != "postgresql":
        raise ValueError("seed_bulk butuh PostgreSQL (COPY); DATABASE_URL sekarang bukan PostgreSQL.")
    pemda = Pemda.current()
    if pemda is None:
        raise ValueError("Belum ada Pemda: jalankan manage.py seed_demo dulu.")
    if pemda.nomor_per_kka:
        raise ValueError("seed_bulk menomori per OPD per tahun; Pemda ini menomori per kode klasifikasi.")
    started = time.monotonic()
    plan = load()
    if opd:
        plan.opd = [o for o in plan.opd if o.kode in opd]
        if not plan.opd:
            raise ValueError(f"Tidak ada OPD dengan kode {', '.join(opd)}.")
    today = datetime.date.today()
    params = db.conn_params()
    db.restore(params)  # a run that stopped half-way left indexes aside
    besar = jumlah >= BATAS_INDEKS
    if besar:
        log(f"{db.set_aside()} indeks dan constraint disisihkan selama pengisian.")
    surat, agenda = _counters(Penomoran.Seri.SURAT), _counters(Penomoran.Seri.AGENDA)
    tugas = [
        Tugas(
            y,
            n,
            seed * 10_000 + y,
            today,
            {o: last for (o, ty), last in surat.items() if ty == y},
            {o: last for (o, ty), last in agenda.items() if ty == y},
            pemda.pola_nomor,
            params,
            plan,
        )
        for y, n in _bagi(jumlah, tahun, today).items()
        if n
    ]
    connections.close_all()  # the workers are forked: they must not share this connection
    rows: Counter = Counter()
    with multiprocessing.get_context("fork").Pool(min(workers, len(tugas))) as pool:
        for y, s, a, r in pool.imap_unordered(_kerjakan, tugas):
            rows.update(r)
            surat.update({(o, y): last for o, last in s.items()})
            agenda.update({(o, y): last for o, last in a.items()})
            log(
                f"tahun {y}: {r['surat']} surat; python {r['detik python']:.0f} s, COPY {r['detik copy']:.0f} s "
                f"(sejak mulai {time.monotonic() - started:.0f} s)"
            )
    if besar:
        t = time.monotonic()
        n = db.restore(params, workers, log=log)
        log(f"{n} indeks dan constraint dibangun lagi ({time.monotonic() - t:.0f} detik).")
    _simpan_counters(Penomoran.Seri.SURAT, surat)
    _simpan_counters(Penomoran.Seri.AGENDA, agenda)
    t = time.monotonic()
    db.vacuum_analyze(params, workers)
    log(f"VACUUM ANALYZE {time.monotonic() - t:.0f} detik.")
    t = time.monotonic()
    log(f"{fakta.bangun_ulang(workers=workers)} angka rekap dihitung ulang ({time.monotonic() - t:.0f} detik).")
    log(f"selesai dalam {time.monotonic() - started:.0f} detik.")
    return rows
