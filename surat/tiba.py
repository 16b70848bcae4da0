"""What arrived at an OPD, for its pencatat: the agenda lines received or registered today, and those
whose addressee has not opened the letter yet (the clerk forwards the paper original or reminds). The
pencatat's Surat Masuk shows the newest of each; the Beranda counts them (surat.beranda).

Rows carry `boleh_lihat_isi` as in the Buku Agenda; no rows for anyone who keeps no OPD's mail."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from lib.kueri_siap import Siap, Tetap
from lib.rencana import urutan_tertulis
from organisasi import acting
from organisasi.acting import Who
from surat.models import Agenda, Penerima, content_q


def tiba_di_opd(who: Who, *, belum_dibuka: bool = False) -> QuerySet[Agenda]:
    """For a pencatat: the agenda lines of the OPDs whose mail they keep that arrived today (Asia/Jakarta),
    or with `belum_dibuka` every line whose addressee has not opened the letter yet (the clerk
    forwards the paper original or reminds). Rows carry `boleh_lihat_isi` as in `buku_agenda`; no rows for
    anyone else."""
    if belum_dibuka:
        return _tiba(who, Q(penerima__isnull=False, penerima__dibaca_pada__isnull=True))
    return _tiba(who, kondisi_tiba(*rentang_hari_ini()))


def rentang_hari_ini() -> tuple[datetime.date, datetime.datetime, datetime.datetime]:
    """Today in Asia/Jakarta as the "arrived today" reads take it: the date, and its start and end."""
    hari = timezone.localdate()
    awal = timezone.make_aware(datetime.datetime.combine(hari, datetime.time.min))
    return hari, awal, awal + datetime.timedelta(days=1)


def kondisi_tiba(hari: datetime.date, awal: datetime.datetime, akhir: datetime.datetime) -> Q:
    """Agenda lines received on `hari` or registered between `awal` and `akhir` (`rentang_hari_ini`)."""
    return _diterima_pada(hari) | _dicatat_antara(awal, akhir)


def _diterima_pada(hari: datetime.date) -> Q:
    return Q(tanggal_terima=hari)


def _dicatat_antara(awal: datetime.datetime, akhir: datetime.datetime) -> Q:
    # A range of `dibuat`, not its date cast, so this side is read from its index.
    return Q(dibuat__gte=awal, dibuat__lt=akhir)


def tiba_hari_ini_terbaru(who: Who, n: int) -> list[Agenda]:
    """The newest `n` lines of tiba_di_opd(who), read as its two branches (received today; registered
    today) and merged: each walks its own index (agenda_opd_terima_idx, agenda_opd_dibuat_idx) and stops
    at today, where the OR of both, asked for its newest rows, walks every line the OPD ever registered.
    Bounded by today, each is planned in the written join order (lib/rencana.py: 1 ms instead of 3)."""
    actor = acting.of(who)
    hari, awal, akhir = rentang_hari_ini()
    ids = {"jabatan_ids": actor.jabatan_ids, "opd_ids": actor.pencatat_opd_ids, "batas": Tetap(n)}
    with urutan_tertulis():
        baris = {a.pk: a for a in _DITERIMA_PADA(hari=hari, **ids) + _DICATAT_ANTARA(awal=awal, akhir=akhir, **ids)}
    return sorted(baris.values(), key=lambda a: (a.dibuat, a.pk), reverse=True)[:n]


def belum_dibuka_terbaru(who: Who, n: int) -> list[Agenda]:
    """The newest `n` lines of tiba_di_opd(who, belum_dibuka=True): the OPDs' newest received receipts not
    opened yet that have a line (penerima_opd_belum_dibuka_idx, newest first: a line is written as its letter
    arrives, so this is the book's order but for letters that arrive in the same second), then those lines.
    It costs what it returns, wherever the OPD's unopened letters lie in its history: walking the book
    newest first and checking each line's receipt read every line back to the newest unopened one (an OPD
    whose first months left letters unopened and that opens everything now read its whole book: 0.15–0.5 s
    at 20,000 lines)."""
    actor = acting.of(who)
    belum = [pk for (pk,) in _PENERIMA_BELUM_DIBUKA(opd_ids=actor.pencatat_opd_ids, batas=Tetap(n))]
    if not belum:
        return []
    # Padded to a power of two with its last id: a compiled read per list length would be up to n.
    belum += belum[-1:] * ((1 << (len(belum) - 1).bit_length()) - len(belum))
    return _BELUM_DIBUKA_DARI(
        jabatan_ids=actor.jabatan_ids, opd_ids=actor.pencatat_opd_ids, penerima_ids=belum, batas=Tetap(n)
    )


# A received TUJUAN receipt not opened yet: what penerima_opd_belum_dibuka_idx holds. Only such a receipt
# has an agenda line (surat.services.delivery, surat.services.paper).
BELUM_DIBUKA = {"dibaca_pada__isnull": True, "diterima_pada__isnull": False, "jenis": Penerima.Jenis.TUJUAN}


def _tiba(who: Who, kondisi: Q) -> QuerySet[Agenda]:
    return (
        Agenda.objects.filter(kondisi, opd_id__in=acting.of(who).pencatat_opd_ids)
        .annotate(boleh_lihat_isi=content_q(who, "surat_id", "surat__", known_visible=True))
        # What the pencatat's sections print (surat.views.kotak.KOLOM_OPD_MASUK: the sender's OPD, the
        # addressee), nothing more: each join cost PostgreSQL planning time on every Surat Masuk.
        .select_related("surat__opd", "penerima__jabatan")
        .defer("surat__isi", "surat__data_tambahan")  # no table prints them (surat.tabel.tanpa_isi)
        .order_by("-dibuat", "-id")
    )


# The pencatat's Surat Masuk reads these on every visit: compiled once per shape (lib.kueri_siap), and
# prepared on the server: each on its own index, their plan is the same for every OPD (planning was 0.8 ms
# of each, running 0.2 ms).
_BELUM_DIBUKA_DARI = Siap(
    lambda jabatan_ids, opd_ids, penerima_ids, batas: _tiba(
        acting.bentuk(jabatan_ids, opd_ids), Q(penerima_id__in=penerima_ids, penerima__dibaca_pada__isnull=True)
    )[:batas],
    di_server=True,
)
# A receipt's line is looked up in the agenda's penerima index, one probe per receipt, as the Beranda's
# count does (surat.beranda._OPD_BELUM_DIBUKA): a second TUJUAN receipt in the same OPD has none.
_PENERIMA_BELUM_DIBUKA = Siap(
    lambda opd_ids, batas: (
        Penerima.objects.filter(opd_id__in=opd_ids, **BELUM_DIBUKA)
        .alias(baris=Subquery(Agenda.objects.filter(penerima_id=OuterRef("pk")).order_by().values("pk")[:1]))
        .filter(baris__isnull=False)
        .order_by("-diterima_pada", "-id")
        .values_list("pk")[:batas]
    ),
    di_server=True,
)
_DITERIMA_PADA = Siap(
    lambda jabatan_ids, opd_ids, hari, batas: _tiba(acting.bentuk(jabatan_ids, opd_ids), _diterima_pada(hari))[:batas],
    di_server=True,
)
_DICATAT_ANTARA = Siap(
    lambda jabatan_ids, opd_ids, awal, akhir, batas: _tiba(
        acting.bentuk(jabatan_ids, opd_ids), _dicatat_antara(awal, akhir)
    )[:batas],
    di_server=True,
)
