"""The Beranda's part of the letters: the counter cards (each read from an index that holds exactly what
it counts) and the short "to do today" list. Reads only, like surat.selectors, whose lists they build on."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from lib.kueri_siap import Siap, Tetap, di_server
from lib.rencana import urutan_tertulis
from organisasi import acting
from organisasi.acting import Who
from surat import tiba
from surat.models import Agenda, Penerima, Surat

S = Surat.Status
# A counter card shows at most this; beyond it "99+", as the bell does. A head who never marks letters as
# acted on had 140,000 such receipts at a million letters: counting them was 31 ms of every Beranda, for
# a number nobody reads digit by digit. Counted up to BATAS_ANGKA + 1, a card costs what that many rows
# cost (the pencatat's "not opened yet" card probes each receipt's agenda line: 1,000 of them were 1.6 ms).
BATAS_ANGKA = 99


def angka_kartu(n: int) -> int | str:
    """What a counter card shows for a count made with `counts` (capped at BATAS_ANGKA + 1)."""
    return f"{BATAS_ANGKA}+" if n > BATAS_ANGKA else n


def counts(**reads: tuple[str | None, list]) -> dict[str, int]:
    """The size of each read up to BATAS_ANGKA + 1, in one round trip: `SELECT (SELECT COUNT(*) FROM
    (q1 LIMIT …)), ...`. Each read is the (sql, params) of a card (`_kartu(...).sql(...)`, which selects
    `pk` up to that limit; None as its SQL counts 0). Each count keeps its own plan (an index-only scan of
    the index that holds its rows), which one aggregate with FILTER over the union of the rows would lose."""
    parts, params = [], []
    for sql, p in reads.values():
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS n)" if sql is not None else "0")
        params.extend(p)
    sql = "SELECT " + ", ".join(parts)
    # Planned once per kept connection (~0.3 ms of every Beranda); one statement per set of cards and
    # number of posts, named by its text.
    nama = "eo_kartu_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()
    sql = di_server(connection, nama, sql, len(params)) or sql
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return dict(zip(reads, (int(n) for n in row), strict=True))


def _kartu(bangun: Callable[..., QuerySet]) -> Siap:
    """A counter card's read, compiled once per shape: its rows' pk up to BATAS_ANGKA + 1."""
    return Siap(lambda **nilai: bangun(**nilai).order_by().values_list("pk")[: BATAS_ANGKA + 1])


T, TB = Penerima.Jenis.TUJUAN, Penerima.Jenis.TEMBUSAN


def _kotak(ids: frozenset[int]) -> QuerySet:
    return Penerima.objects.filter(jabatan_id__in=ids, diterima_pada__isnull=False)


# Built and compiled on every Beranda, these reads cost more Python than PostgreSQL takes to count them.
_KARTU = {
    "perlu_paraf": _kartu(lambda ids: Surat.objects.filter(status=S.PARAF, giliran_id__in=ids)),
    "perlu_ttd": _kartu(lambda ids: Surat.objects.filter(status=S.TTD, penandatangan_id__in=ids)),
    "masuk_belum_dibaca": _kartu(lambda ids: _kotak(ids).filter(jenis=T, dibaca_pada__isnull=True)),
    "masuk_belum_ditindaklanjuti": _kartu(lambda ids: _kotak(ids).filter(jenis=T, ditindaklanjuti_pada__isnull=True)),
    "tembusan_belum_dibaca": _kartu(lambda ids: _kotak(ids).filter(jenis=TB, dibaca_pada__isnull=True)),
}
# Letters, not addressees: one letter to three outside parties is one card entry.
_BELUM_DIKIRIM = _kartu(
    lambda opd_ids: Surat.objects.filter(
        pk__in=Penerima.objects.filter(
            jabatan__isnull=True,
            kirim_status=Penerima.KirimStatus.BELUM,
            surat__status=S.TERKIRIM,
            surat__opd_id__in=opd_ids,
        ).values("surat_id")
    )
)


# The pencatat's cards. "Arrived today" is the two branches of surat.tiba.tiba_di_opd. "Not opened
# yet" counts from the other end: the OPDs' received TUJUAN receipts not opened yet
# (penerima_opd_belum_dibuka_idx) that have an agenda line, so it costs what is unopened, not every line
# the OPDs ever registered. An agenda line's receipt is always a received TUJUAN one of its own OPD
# (surat.services.delivery, surat.services.paper) and a receipt has at most one line, so it counts the
# lines of tiba_di_opd(who, belum_dibuka=True).
_OPD_HARI_INI = _kartu(
    lambda opd_ids, hari, awal, akhir: Agenda.objects.filter(tiba.kondisi_tiba(hari, awal, akhir), opd_id__in=opd_ids)
)
# The agenda line is looked up per receipt (a scalar subquery: one index probe each, 1 ms for the
# 1,000 counted). As EXISTS, PostgreSQL merged the receipts with the whole agenda index instead (6 ms).
_OPD_BELUM_DIBUKA = _kartu(
    lambda opd_ids: (
        Penerima.objects.filter(opd_id__in=opd_ids, **tiba.BELUM_DIBUKA)
        .annotate(baris_agenda=Subquery(Agenda.objects.filter(penerima_id=OuterRef("pk")).order_by().values("pk")[:1]))
        .filter(baris_agenda__isnull=False)
    )
)


def beranda_counters(who: Who) -> dict[str, int]:
    """The home page counts (as SRIKANDI users expect), in one query of small counts, each read from an
    index that holds exactly the rows it counts (surat_giliran_idx, surat_ttd_idx and the partial "not
    yet read / not yet acted on" indexes of Penerima), so a count costs what is waiting, not what the
    jabatan ever received. No visibility join: these rows are the user's own (see surat.selectors' module docstring)."""
    actor = acting.of(who)
    reads = {nama: kartu.sql(ids=actor.jabatan_ids) for nama, kartu in _KARTU.items()}
    if opd_ids := actor.pencatat_opd_ids:
        hari, awal, akhir = tiba.rentang_hari_ini()
        reads["ditandatangani_belum_dikirim"] = _BELUM_DIKIRIM.sql(opd_ids=opd_ids)
        reads["opd_hari_ini"] = _OPD_HARI_INI.sql(opd_ids=opd_ids, hari=hari, awal=awal, akhir=akhir)
        reads["opd_belum_dibuka"] = _OPD_BELUM_DIBUKA.sql(opd_ids=opd_ids)
    return {"ditandatangani_belum_dikirim": 0, **counts(**reads)}


U = Surat.Urgensi
URUTAN_URGENSI = {U.AMAT_SEGERA: 0, U.SEGERA: 1, U.BIASA: 2}


@dataclass
class Tugas:
    """One line of the Beranda's "to do today": the letter, what to do with it and since when it waits.
    A line of another app (a disposition) brings its own `url`, `batas_waktu` and `peringkat` (0 most
    urgent; by default the letter's urgency)."""

    surat: Surat
    aksi: str
    waktu: datetime.datetime | None
    url: str = ""
    batas_waktu: datetime.date | None = None
    peringkat: int | None = None
    langkah_url: str = ""  # the next step straight from the Beranda (e.g. the disposition form)
    langkah: str = ""

    @property
    def urutan(self) -> tuple:
        peringkat = URUTAN_URGENSI.get(self.surat.urgensi, 9) if self.peringkat is None else self.peringkat
        return (peringkat, self.batas_waktu or datetime.date.max, self.waktu or timezone.now())


def _urutan_urgensi(prefix: str = "") -> Case:
    return Case(
        *(When(**{f"{prefix}urgensi": u}, then=Value(r)) for u, r in URUTAN_URGENSI.items()),
        default=Value(9),
        output_field=IntegerField(),
    )


def tugas_hari_ini(who: Who, batas: int = 5) -> list[Tugas]:
    """What the user should do first: letters to sign, drafts to initial and urgent incoming letters not yet acted on,
    most urgent first and, within the same urgency, the one waiting longest first (at most `batas`). Each
    read goes along an index of its main table, its joins are lookups (lib/rencana.py)."""
    with urutan_tertulis():
        return _tugas_hari_ini(who, batas)


# The to-do line prints the letter's own fields only (hal, urgency, security): none of the lists'
# joins, which cost as much to compile and to run as the rest of the Beranda's reads. Each read is
# compiled once per shape (lib.kueri_siap).
# Letters to sign and drafts to initial in one read: each side walks its own index (surat_ttd_idx,
# surat_giliran_idx) into a BitmapOr, as the two reads did one query apiece.
_MENUNGGU = Siap(
    lambda ids, batas: Surat.objects.filter(
        Q(status=S.TTD, penandatangan_id__in=ids) | Q(status=S.PARAF, giliran_id__in=ids)
    ).order_by(_urutan_urgensi(), "diubah", "id")[:batas],
    di_server=True,  # the same BitmapOr of the two indexes for every post
)
# Urgent incoming letters stay on the list until acted on (disposed, answered or marked), not only
# until opened: the Kepala disposes from here (issue 15). A head may have tens of thousands of receipts
# not acted on, so each urgency is read on its own, oldest first along the partial index of receipts not
# acted on (it carries surat_id), stopping after `batas`; then only those receipts load.
_SEGERA = Siap(
    lambda ids, urgensi, batas: (
        Penerima.objects.filter(
            jenis=Penerima.Jenis.TUJUAN,
            jabatan_id__in=ids,
            diterima_pada__isnull=False,
            ditindaklanjuti_pada__isnull=True,
            surat__urgensi=urgensi,
        )
        .order_by("diterima_pada", "id")
        .values_list("diterima_pada", "pk")[:batas]
    ),
    di_server=True,  # one post's receipts not acted on, oldest first, whichever post and urgency
)
# The ids are this user's own receipts (read above by their jabatan): they load with their letters only,
# none of the lists' annotations.
_PENERIMA = Siap(lambda ids: Penerima.objects.filter(pk__in=ids).select_related("surat"), di_server=True)


def _tugas_hari_ini(who: Who, batas: int) -> list[Tugas]:
    ids = acting.of(who).jabatan_ids
    tugas = [
        Tugas(s, "Tanda tangani" if s.status == S.TTD else "Paraf", s.diubah)
        for s in _MENUNGGU(ids=ids, batas=Tetap(batas))
    ]
    segera: list[int] = []
    for urgensi in (U.AMAT_SEGERA, U.SEGERA):
        if len(segera) >= batas:
            break
        # One read per jabatan, merged oldest first: with a Plt/Plh post, `jabatan_id IN (a, b)` cannot
        # walk the index in order and sorted every receipt of both posts not acted on (23,000 rows, 10 ms).
        sisa = batas - len(segera)
        baris = sorted(r for j in sorted(ids) for r in _SEGERA(ids=(j,), urgensi=str(urgensi), batas=Tetap(sisa)))
        segera += [pk for _, pk in baris[:sisa]]
    masuk = {p.pk: p for p in _PENERIMA(ids=segera)} if segera else {}
    tugas += [
        Tugas(p.surat, "Baca" if p.dibaca_pada is None else "Tindak lanjuti", p.diterima_pada)
        for p in (masuk[pk] for pk in segera if pk in masuk)
    ]
    tugas.sort(key=lambda t: t.urutan)
    return tugas[:batas]
