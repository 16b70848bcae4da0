"""PostgreSQL plumbing of seed_bulk: ids reserved in blocks from the tables' sequences (so worker
processes never collide), COPY of a chunk, and the secondary indexes and constraints of the bulk tables
set aside while millions of rows go in and rebuilt after (their definitions wait in table SISIHAN, so a
run that dies half-way is repaired by the next one)."""

from __future__ import annotations

import io
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


def set_aside() -> int:
    """Drop the bulk tables' foreign keys, unique constraints and secondary indexes (the primary keys
    stay), keeping their definitions in SISIHAN. Returns how many."""
    tables = list(TABLE.values())
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE IF NOT EXISTS {SISIHAN} (urutan serial PRIMARY KEY, tahap int, sql text)")
        cur.execute(
            "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c "
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
        rows = [(1, sql) for _, sql in indexes]
        rows += [
            (1 if t == "u" else 2, f'ALTER TABLE {tbl} ADD CONSTRAINT "{name}" {d}') for tbl, name, t, d in constraints
        ]
        for tahap, sql in rows:
            cur.execute(f"INSERT INTO {SISIHAN} (tahap, sql) VALUES (%s, %s)", [tahap, sql])
        for tbl, name, _, _ in sorted(constraints, key=lambda c: c[2] != "f"):
            cur.execute(f'ALTER TABLE {tbl} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f"DROP INDEX {name}")
    return len(rows)


def restore(params: dict, workers: int = 2) -> int:
    """Rebuild what set_aside dropped: indexes and unique constraints first, then the foreign keys (each
    checked against its table in one scan), `workers` statements at a time. Returns how many."""
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", [SISIHAN])
        if cur.fetchone()[0] is None:
            return 0
        cur.execute(f"SELECT tahap, sql FROM {SISIHAN} ORDER BY tahap, urutan")
        rows = cur.fetchall()

    def run(sql: str) -> None:
        conn = connect(params)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
        except (psycopg2.errors.DuplicateTable, psycopg2.errors.DuplicateObject):
            pass  # rebuilt already by a run that stopped half-way through restoring
        finally:
            conn.close()

    for tahap in sorted({t for t, _ in rows}):
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(run, [sql for t, sql in rows if t == tahap]))
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE {SISIHAN}")
    return len(rows)
