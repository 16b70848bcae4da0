"""The signed-in user's Pegawai with its own jabatan and unit, read on every page (organisasi.decorators.
get_pegawai) in SQL written once per process.

The ORM built and compiled the same three-table read on every request, ~1.5 ms of Python for a lookup by
a unique key. It also brings what the acting actor asks next on every page (a Plt/Plh post in force
today? which roles?), two round trips fewer. The columns come from the models' own fields, so a field
added to Pegawai, Jabatan or UnitKerja is read here too; the instances are made with Model.from_db, as
the ORM makes them, and the relations cached both ways as select_related("jabatan__unit") leaves them
(tests/organisasi/test_pegawai_masuk.py compares the two). On PostgreSQL with connections kept open it
is prepared on the server once per connection (lib.kueri_siap.di_server).
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connection, models
from django.utils import timezone

from lib.kueri_siap import di_server
from organisasi.models import Jabatan, Pegawai, Penugasan, Peran, UnitKerja

# Where the read leaves today's Plt/Plh check and roles on the instance: (day, any Plt/Plh post in force,
# ((jenis, opd_id), ...)). organisasi.acting.Actor uses them for that day instead of asking again.
AWAL = "_acting_awal"

_MODEL = (Pegawai, Jabatan, UnitKerja)


def _kolom(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


@lru_cache(maxsize=4)
def _sql(vendor: str) -> str:
    qn = connection.ops.quote_name
    p, j, u = (qn(m._meta.db_table) for m in _MODEL)
    pilih = ", ".join(
        f"{t}.{qn(m._meta.get_field(a).column)}" for t, m in zip((p, j, u), _MODEL, strict=True) for a in _kolom(m)
    )
    # What organisasi.acting asks next on every page, brought along: whether a Plt/Plh post is in force
    # today (as acting._ada_penugasan) and the roles (as Actor._peran), "jenis:opd_id" joined by commas.
    tugas, peran = qn(Penugasan._meta.db_table), qn(Peran._meta.db_table)
    gabung = "string_agg" if vendor == "postgresql" else "group_concat"
    return (
        f"SELECT {pilih},"
        f" EXISTS (SELECT 1 FROM {tugas} t WHERE t.pegawai_id = {p}.{qn('id')} AND t.mulai <= %s AND t.selesai >= %s),"
        f" (SELECT {gabung}(r.jenis || ':' || COALESCE(CAST(r.opd_id AS TEXT), ''), ',') FROM {peran} r"
        f" WHERE r.pegawai_id = {p}.{qn('id')})"
        f" FROM {p} LEFT OUTER JOIN {j} ON ({p}.{qn('jabatan_id')} = {j}.{qn('id')})"
        f" LEFT OUTER JOIN {u} ON ({j}.{qn('unit_id')} = {u}.{qn('id')}) WHERE {p}.{qn('user_id')} = %s"
    )


def _peran(teks: str | None) -> tuple[tuple[str, int | None], ...]:
    pasangan = (bagian.split(":") for bagian in (teks or "").split(",") if bagian)
    return tuple((jenis, int(opd) if opd else None) for jenis, opd in pasangan)


def pegawai_dari_user(user_id: int) -> Pegawai | None:
    """The Pegawai of `user_id` with `jabatan` and `jabatan.unit` loaded (None when the account has none),
    carrying today's answers for its acting actor (under AWAL, read by organisasi.acting)."""
    hari = timezone.localdate()
    sql = _sql(connection.vendor)
    # Planned once per kept connection on PostgreSQL (every page runs it; lib.kueri_siap.di_server).
    sql = di_server(connection, "eo_pegawai_masuk", sql, 3) or sql
    with connection.cursor() as cursor:
        cursor.execute(sql, [hari, hari, user_id])
        baris = cursor.fetchone()
    if baris is None:
        return None
    *baris, ada_tugas, peran = baris
    bagian, awal = [], 0
    for model in _MODEL:
        kolom = _kolom(model)
        bagian.append((model, kolom, baris[awal : awal + len(kolom)]))
        awal += len(kolom)
    (_, kp, vp), (_, kj, vj), (_, ku, vu) = bagian
    db = connection.alias
    pegawai = Pegawai.from_db(db, kp, vp)
    pegawai.__dict__[AWAL] = (hari, bool(ada_tugas), _peran(peran))
    jabatan_field = Pegawai._meta.get_field("jabatan")
    if vj[0] is None:
        jabatan_field.set_cached_value(pegawai, None)
        return pegawai
    jabatan = Jabatan.from_db(db, kj, vj)
    jabatan_field.set_cached_value(pegawai, jabatan)
    jabatan_field.remote_field.set_cached_value(jabatan, pegawai)
    Jabatan._meta.get_field("unit").set_cached_value(jabatan, UnitKerja.from_db(db, ku, vu))
    return pegawai
