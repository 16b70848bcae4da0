"""PostgreSQL plumbing of seed_bulk: ids reserved in blocks from the tables' sequences (so worker
processes never collide), COPY of a chunk, and the secondary indexes and constraints of the bulk tables
set aside while millions of rows go in and rebuilt after (their definitions wait in table SISIHAN, so a
run that dies half-way is repaired by the next one)."""

from __future__ import annotations

import io
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import psycopg2.errors
from django.db import connection

from arsip.models import SuratIndeks
from disposisi.models import Disposisi, LaporanTindakLanjut
from surat.models import Agenda, AksesSurat, Lampiran, Penerima, Surat, SuratLog, Verifikator

MODEL = {
    "surat": Surat,
    "penerima": Penerima,
    "akses": AksesSurat,
    "log": SuratLog,
    "verifikator": Verifikator,
    "agenda": Agenda,
    "lampiran": Lampiran,
    "disposisi": Disposisi,
    "instruksi": Disposisi.instruksi.through,
    "laporan": LaporanTindakLanjut,
    "indeks": SuratIndeks,
}
TABLE = {key: model._meta.db_table for key, model in MODEL.items()}
SISIHAN = "seed_bulk_sisihan"
BLOK = 50_000
_KUNCI = 20260702  # advisory lock around id reservations
STAGING = "seed_bulk_indeks"
TSVECTOR = (
    "setweight(to_tsvector('simple', judul), 'A') || setweight(to_tsvector('simple', register), 'B') || "
    "setweight(to_tsvector('simple', isi), 'C') || setweight(to_tsvector('simple', lampiran), 'D')"
)


def connect(params: dict) -> psycopg2.extensions.connection:
    conn = psycopg2.connect(**params)
    with conn.cursor() as cur:
        cur.execute("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'")
    conn.commit()
    return conn


def conn_params() -> dict:
    s = connection.settings_dict
    return {
        "dbname": s["NAME"],
        "user": s["USER"] or None,
        "password": s["PASSWORD"] or None,
        "host": s["HOST"] or None,
        "port": s["PORT"] or None,
    }


class Ids:
    """Next id per table, from blocks of BLOK reserved under an advisory lock (setval past the block)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.next: dict[str, int] = {}
        self.end: dict[str, int] = {}

    def __call__(self, key: str) -> int:
        if self.next.get(key, 0) >= self.end.get(key, 0):
            with self.conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_lock(%s)", [_KUNCI])
                cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE[key]])
                seq = cur.fetchone()[0]
                cur.execute("SELECT nextval(%s)", [seq])
                first = cur.fetchone()[0]
                cur.execute("SELECT setval(%s, %s)", [seq, first + BLOK - 1])
                cur.execute("SELECT pg_advisory_unlock(%s)", [_KUNCI])
            self.next[key], self.end[key] = first, first + BLOK
        self.next[key] += 1
        return self.next[key] - 1


def copy_chunk(conn, lines: dict[str, list[str]], cols: dict[str, str]) -> None:
    """COPY one chunk's lines into the tables (the index rows through the staging table) and commit."""
    with conn.cursor() as cur:
        for key, rows in lines.items():
            if not rows:
                continue
            table = STAGING if key == "indeks" else TABLE[key]
            cur.copy_expert(f"COPY {table} ({', '.join(cols[key].split())}) FROM STDIN", io.StringIO("".join(rows)))
        if lines["indeks"]:
            c = cols["indeks"].replace(" ", ", ")
            cur.execute(
                f"INSERT INTO {TABLE['indeks']} ({c}, dokumen, dokumen_register, diperbarui) "
                f"SELECT {c}, {TSVECTOR}, to_tsvector('simple', register), now() FROM {STAGING}"
            )
            cur.execute(f"TRUNCATE {STAGING}")
    conn.commit()


def create_staging(conn) -> None:
    with conn.cursor() as cur:
        cur.execute(
            f"CREATE TEMP TABLE {STAGING} (surat_id bigint, tanggal date, keamanan text, jenis_id int, opd_id int, "
            "kode_klasifikasi text, register text, judul text, isi text, lampiran text, akses text)"
        )
    conn.commit()


# ---------------------------------------------------------------- indexes and constraints set aside

# The rebuild in three steps, each statement kept in SISIHAN with its step. 1: every index, the unique
# constraints' too, as CREATE INDEX (SHARE lock: several on one table at once). 2: the unique constraints
# put back on their index and the foreign keys added NOT VALID (both instant). 3: VALIDATE CONSTRAINT of
# the foreign keys (each checks its table in one scan); unlike ADD FOREIGN KEY, whose SHARE ROW
# EXCLUSIVE lock on the referenced table lets only one run at a time, validations of different tables
# run side by side.
INDEKS, PASANG, PERIKSA = 1, 2, 3


def set_aside() -> int:
    """Drop the bulk tables' foreign keys, unique constraints and secondary indexes (the primary keys
    stay), keeping what rebuilds them in SISIHAN. Returns how many were dropped."""
    tables = list(TABLE.values())
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE IF NOT EXISTS {SISIHAN} (urutan serial PRIMARY KEY, tahap int, sql text)")
        cur.execute(
            "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid), "
            "pg_get_indexdef(c.conindid) FROM pg_constraint c "
            "WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')",
            [tables],
        )
        constraints = cur.fetchall()
        cur.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))",
            [tables],
        )
        indexes = cur.fetchall()
        rows = [(INDEKS, sql) for _, sql in indexes]
        for tbl, name, jenis, definisi, indeks in constraints:
            if jenis == "u":
                rows += [
                    (INDEKS, indeks),
                    (PASANG, f'ALTER TABLE {tbl} ADD CONSTRAINT "{name}" UNIQUE USING INDEX "{name}"'),
                ]
            else:
                rows += [
                    (PASANG, f'ALTER TABLE {tbl} ADD CONSTRAINT "{name}" {definisi} NOT VALID'),
                    (PERIKSA, f'ALTER TABLE {tbl} VALIDATE CONSTRAINT "{name}"'),
                ]
        for tahap, sql in rows:
            cur.execute(f"INSERT INTO {SISIHAN} (tahap, sql) VALUES (%s, %s)", [tahap, sql])
        for tbl, name, _, _, _ in sorted(constraints, key=lambda c: c[2] != "f"):
            cur.execute(f'ALTER TABLE {tbl} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f"DROP INDEX {name}")
    return len(indexes) + len(constraints)


def _tabel(sql: str) -> str:
    """The table a rebuild statement works on."""
    tabel = sql.split(" ON ")[1].split()[0] if sql.startswith("CREATE") else sql.split()[2]
    return tabel.removeprefix("public.")


def restore(params: dict, workers: int = 2, log=None) -> int:
    """Rebuild what set_aside dropped, step by step (INDEKS, PASANG, PERIKSA), `workers` statements at a
    time, the largest tables' and the GIN indexes first (so no long build is left for the end alone).
    Returns how many indexes and constraints came back; `log` gets the time of each step."""
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", [SISIHAN])
        if cur.fetchone()[0] is None:
            return 0
        cur.execute(f"SELECT tahap, sql FROM {SISIHAN} ORDER BY tahap, urutan")
        rows = cur.fetchall()
        cur.execute(
            "SELECT c.oid::regclass::text, pg_relation_size(c.oid) FROM pg_class c WHERE c.oid = ANY(%s::regclass[])",
            [list(TABLE.values())],
        )
        ukuran = dict(cur.fetchall())

    def run(sqls: list[str]) -> None:
        conn = connect(params)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                for sql in sqls:
                    try:
                        cur.execute(sql)
                    except (psycopg2.errors.DuplicateTable, psycopg2.errors.DuplicateObject):
                        pass  # rebuilt already by a run that stopped half-way through restoring
        finally:
            conn.close()

    for tahap in sorted({t for t, _ in rows}):
        mulai = time.monotonic()
        sqls = [sql for t, sql in rows if t == tahap]
        if tahap == PASANG:
            run(sqls)  # instant, and ADD CONSTRAINT locks its table
        else:
            # PERIKSA: one job per table (validations of one table wait for each other anyway).
            jobs = (
                [[sql] for sql in sqls]
                if tahap == INDEKS
                else [[s for s in sqls if _tabel(s) == t] for t in {_tabel(s) for s in sqls}]
            )
            jobs.sort(key=lambda j: (" USING gin " not in j[0], -ukuran.get(_tabel(j[0]), 0)))
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(run, jobs))
        if log:
            log(
                f"  {len(sqls)} {('indeks', 'constraint dipasang', 'foreign key diperiksa')[tahap - 1]}: {time.monotonic() - mulai:.0f} detik"
            )
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE {SISIHAN}")
    return sum(1 for t, _ in rows if t != PASANG)


def vacuum_analyze(params: dict, workers: int = 2) -> None:
    """VACUUM ANALYZE the bulk tables, `workers` at a time, largest first: the statistics for the planner
    and the visibility map that lets the counters read their indexes only."""
    conn = connect(params)
    with conn.cursor() as cur:
        cur.execute(
            "SELECT c.oid::regclass::text FROM pg_class c WHERE c.oid = ANY(%s::regclass[]) "
            "ORDER BY pg_relation_size(c.oid) DESC",
            [list(TABLE.values())],
        )
        tables = [t for (t,) in cur.fetchall()]
    conn.close()

    def run(table: str) -> None:
        c = connect(params)
        c.autocommit = True
        try:
            with c.cursor() as cur:
                cur.execute(f"VACUUM ANALYZE {table}")
        finally:
            c.close()

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, tables))
