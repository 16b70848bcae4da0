"""The conversation a letter belongs to: the letters it replies to and the replies to them, as the
letter page lists them under "Surat terkait (balasan)". Reads only (surat.selectors' rules of who may see what)."""

from __future__ import annotations

from django.db import connection

from lib.kueri_siap import Siap
from organisasi import acting
from organisasi.acting import Who
from surat.models import Surat, content_q

# The conversation in one recursive query: up the `balasan_untuk` links to the first letter, then down
# every reply from there (UNION and the depth caps end the walk even if bad data made a cycle).
_THREAD = """
    WITH RECURSIVE naik(id, induk, d) AS (
        SELECT id, balasan_untuk_id, 0 FROM {t} WHERE id = %s
        UNION
        SELECT s.id, s.balasan_untuk_id, n.d + 1 FROM {t} s JOIN naik n ON s.id = n.induk WHERE n.d < %s
    ),
    akar(id) AS (SELECT id FROM naik ORDER BY d DESC LIMIT 1),
    turun(id, d) AS (
        SELECT id, 0 FROM akar
        UNION
        SELECT s.id, t.d + 1 FROM {t} s JOIN turun t ON s.balasan_untuk_id = t.id WHERE t.d < %s
    )
    SELECT DISTINCT id FROM turun LIMIT %s
"""


def thread(who: Who, surat: Surat, *, maks: int = 50) -> list[Surat]:
    """The conversation the letter belongs to (the letters it replies to and the replies to them),
    oldest first, limited to letters the user may see. Rows carry `boleh_lihat_isi` (False: a secret
    letter seen as a register line only; show no hal)."""
    with connection.cursor() as cursor:
        cursor.execute(_THREAD.format(t=Surat._meta.db_table), [surat.pk, maks, maks, maks])
        ids = sorted(row[0] for row in cursor.fetchall())
    actor = acting.of(who)
    return _UTAS(ids=ids, jabatan_ids=actor.jabatan_ids, opd_ids=actor.pencatat_opd_ids)


# A conversation's letters, compiled once per shape (lib.kueri_siap): built per request, 2 ms of Python.
_UTAS = Siap(
    lambda ids, jabatan_ids, opd_ids: (
        Surat.objects.visible_to(acting.bentuk(jabatan_ids, opd_ids))
        .filter(pk__in=ids)
        .annotate(boleh_lihat_isi=content_q(acting.bentuk(jabatan_ids, opd_ids), known_visible=True))
        .select_related("jenis", "opd")
        .order_by("dibuat", "id")
    )
)
