"""Who may dispose a letter, and to whom.

- May dispose: whoever acts today in a jabatan that received the letter as TUJUAN (first level), or in a
  jabatan that received a disposition of it that is not finished or cancelled (passing it further down).
- To whom: a **pimpinan daerah** (Wali Kota, Wakil Wali Kota, Sekda) may dispose to any active jabatan of
  the Pemda except themselves and their own superiors. A pimpinan daerah is a jabatan of eselon KD or I.b,
  or the head (`is_kepala_unit`) of a unit of jenis `pemda` or `setda`.
  Everyone else disposes only to jabatan below them: those whose `atasan` chain reaches theirs, at any depth.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from organisasi.models import Jabatan, Penugasan, UnitKerja

JENIS_PIMPINAN = (UnitKerja.Jenis.PEMDA, UnitKerja.Jenis.SETDA)
ESELON_PIMPINAN = (Jabatan.Eselon.KEPALA_DAERAH, Jabatan.Eselon.I_B)
MAKS_KEDALAMAN = 20


def is_pimpinan_daerah(jabatan: Jabatan) -> bool:
    """Wali Kota/Bupati, their Wakil and the Sekda: they dispose across every OPD."""
    if jabatan.eselon in ESELON_PIMPINAN:
        return True
    return jabatan.is_kepala_unit and jabatan.unit.jenis in JENIS_PIMPINAN


# One recursive query walks the tree (SQLite and PostgreSQL alike) instead of one query per level. UNION
# (not UNION ALL) and the depth cap end the walk even if bad data made the `atasan` links a cycle.
_BAWAH = """
    WITH RECURSIVE bawah(id, kedalaman) AS (
        SELECT id, 1 FROM {t} WHERE atasan_id = %s AND aktif
        UNION
        SELECT j.id, b.kedalaman + 1 FROM {t} j JOIN bawah b ON j.atasan_id = b.id
        WHERE j.aktif AND b.kedalaman < %s
    )
    SELECT DISTINCT id FROM bawah
"""
_ATAS = """
    WITH RECURSIVE atas(id, atasan_id, kedalaman) AS (
        SELECT id, atasan_id, 0 FROM {t} WHERE id = %s
        UNION
        SELECT j.id, j.atasan_id, a.kedalaman + 1 FROM {t} j JOIN atas a ON j.id = a.atasan_id
        WHERE a.kedalaman < %s
    )
    SELECT DISTINCT id FROM atas WHERE kedalaman > 0
"""


def _walk(sql: str, jabatan: Jabatan) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(t=Jabatan._meta.db_table), [jabatan.pk, MAKS_KEDALAMAN])
        return {row[0] for row in cursor.fetchall()}


def bawahan_ids(jabatan: Jabatan) -> set[int]:
    """Ids of the active jabatan below `jabatan` at any depth (through active jabatan), in one query."""
    return _walk(_BAWAH, jabatan) - {jabatan.pk}


def _atasan_ids(jabatan: Jabatan) -> set[int]:
    """Ids of the superiors of `jabatan` up to the top, in one query."""
    return _walk(_ATAS, jabatan) - {jabatan.pk}


def di_luar_jangkauan(dari: Jabatan, kepada: list[Jabatan]) -> list[Jabatan]:
    """The jabatan of `kepada` that `dari` may not dispose to (self, inactive, or outside reach)."""
    if is_pimpinan_daerah(dari):
        tolak = _atasan_ids(dari) | {dari.pk}
        return [j for j in kepada if j.pk in tolak or not j.aktif]
    boleh = bawahan_ids(dari)
    return [j for j in kepada if j.pk not in boleh]


def tujuan_disposisi_pilihan(jabatan: Jabatan) -> QuerySet[Jabatan]:
    """The jabatan offered as checkboxes on the disposition form of `jabatan`, with their holders loaded
    (`pemangku`, and `pelaksana`: today's Plt/Plh), ordered by OPD and unit.

    A pimpinan daerah gets their own subordinates plus the head of every active unit (the form would be
    unusable with every post of the Pemda; the service still accepts any jabatan for them)."""
    ids = bawahan_ids(jabatan)
    qs = Jabatan.objects.filter(aktif=True)
    if is_pimpinan_daerah(jabatan):
        qs = qs.filter(Q(pk__in=ids) | Q(is_kepala_unit=True, unit__aktif=True)).exclude(
            pk__in=_atasan_ids(jabatan) | {jabatan.pk}
        )
    else:
        qs = qs.filter(pk__in=ids)
    today = timezone.localdate()
    return (
        qs.select_related("unit", "unit__opd", "pemangku")
        .prefetch_related(
            Prefetch(
                "penugasan",
                queryset=Penugasan.objects.filter(mulai__lte=today, selesai__gte=today).select_related("pegawai"),
                to_attr="pelaksana",
            )
        )
        .order_by(
            "unit__opd__urutan",
            "unit__opd__nama",
            "unit__urutan",
            "unit__nama",
            "unit_id",
            "-is_kepala_unit",
            "urutan",
            "nama",
        )
    )
