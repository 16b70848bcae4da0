"""Reads of dispositions for a user: the inbox and outbox lists, one disposition, the ways to dispose a
letter, the home page counters and the reminders' finders (a letter's tree: disposisi/pohon.py).

Lists are ordered newest first with `id` as tie-breaker (keyset-friendly) and load their related rows in
the same query."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Value, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from disposisi.akses import Rantai
from disposisi.models import Disposisi, InstruksiDisposisi, LampiranLaporan
from lib.kueri_siap import Siap, Tetap
from lib.paging import DaftarSiap
from organisasi import acting
from organisasi.models import Jabatan, Pegawai
from surat import selectors as surat_selectors
from surat.models import Penerima, Surat, content_q

S = Disposisi.Status
HARI_JATUH_TEMPO = 2

STATUS_PILIHAN = [
    ("", "Semua"),
    ("belum_dibaca", "Belum dibaca"),
    ("belum_selesai", "Belum selesai"),
    ("dibaca", "Dibaca"),
    ("diteruskan", "Diteruskan"),
    ("selesai", "Selesai"),
    ("dibatalkan", "Dibatalkan"),
]
_STATUS_FILTER = {
    "belum_dibaca": Q(status=S.TERKIRIM),
    "belum_selesai": Q(status__in=Disposisi.AKTIF),
    "dibaca": Q(status=S.DIBACA),
    "diteruskan": Q(status=S.DITERUSKAN),
    "selesai": Q(status=S.SELESAI),
    "dibatalkan": Q(status=S.DIBATALKAN),
}


def instruksi_prefetch() -> Prefetch:
    return Prefetch("instruksi", queryset=InstruksiDisposisi.objects.order_by("urutan", "nama"))


def _list_qs(pegawai: Pegawai) -> QuerySet[Disposisi]:
    """Rows carry `boleh_lihat_isi`: False when the user may no longer read the letter (hide its hal); a
    cancelled disposition takes its access away (the rule: surat.models.content_q)."""
    return (
        Disposisi.objects.select_related("surat", "dari_jabatan", "kepada_jabatan")
        .prefetch_related(instruksi_prefetch())
        .annotate(boleh_lihat_isi=content_q(pegawai, "surat_id", "surat__"))
    )


def _filters(
    qs: QuerySet[Disposisi],
    *,
    status: str | None = None,
    terlambat: bool = False,
    jatuh_tempo_dalam_hari: int | None = None,
    q: str | None = None,
    dari: datetime.date | None = None,
    sampai: datetime.date | None = None,
) -> QuerySet[Disposisi]:
    today = timezone.localdate()
    if status in _STATUS_FILTER:
        qs = qs.filter(_STATUS_FILTER[status])
    if terlambat:
        qs = qs.terlambat(today)
    if jatuh_tempo_dalam_hari is not None:
        akhir = today + datetime.timedelta(days=jatuh_tempo_dalam_hari)
        qs = qs.aktif().filter(batas_waktu__gte=today, batas_waktu__lte=akhir)
    if dari:
        qs = qs.filter(dibuat__date__gte=dari)
    if sampai:
        qs = qs.filter(dibuat__date__lte=sampai)
    q = (q or "").strip()
    if q:
        # Rows whose letter the user may no longer read show nothing searchable, so they never match.
        qs = qs.filter(boleh_lihat_isi=True).filter(
            Q(surat__hal__icontains=q)
            | Q(surat__nomor__icontains=q)
            | Q(surat__asal_instansi__icontains=q)
            | Q(surat__nomor_asal__icontains=q)
            | Q(catatan__icontains=q)
        )
    return qs


def _lingkup(field: str, pegawai: Pegawai, jabatan: int | None) -> Q:
    """The rows of every jabatan the user acts in, or of `jabatan`, one of them (a branch, see `cabang`)."""
    if jabatan is None:
        return Q(**{f"{field}__in": acting.of(pegawai).jabatan_ids})
    return Q(**{field: jabatan})


def disposisi_masuk(pegawai: Pegawai, *, jabatan: int | None = None, **filters: Any) -> QuerySet[Disposisi]:
    """Dispositions to a jabatan the user acts in today (cancelled ones only when asked for), with
    `boleh_lihat_isi`; the search matches only rows whose letter the user may still read. `jabatan`: only
    those to this one of them (a branch, see `cabang`); `boleh_lihat_isi` still counts every jabatan."""
    qs = _list_qs(pegawai).filter(_lingkup("kepada_jabatan_id", pegawai, jabatan))
    if filters.get("status") != "dibatalkan":
        qs = qs.exclude(status=S.DIBATALKAN)
    return _filters(qs, **filters).order_by("-dibuat", "-id")


def disposisi_keluar(pegawai: Pegawai, *, jabatan: int | None = None, **filters: Any) -> QuerySet[Disposisi]:
    """Dispositions given from a jabatan the user acts in today (`jabatan`: as disposisi_masuk)."""
    qs = _list_qs(pegawai).filter(_lingkup("dari_jabatan_id", pegawai, jabatan))
    return _filters(qs, **filters).order_by("-id")


def _daftar_siap(fn: Callable[..., QuerySet[Disposisi]], *, bercabang: bool) -> DaftarSiap:
    """The list's page without filters (a filter's dates come from today), its reads compiled once per shape
    (lib.paging.DaftarSiap), then the rows' instructions. `bercabang`: one branch (`cabang`) per read."""
    return DaftarSiap(
        lambda jabatan_ids, opd_ids, jabatan=None: fn(
            acting.bentuk(jabatan_ids, opd_ids), jabatan=jabatan
        ).prefetch_related(None),
        sesudah=lambda rows: prefetch_related_objects(rows, instruksi_prefetch()),
        nilai_cabang=(lambda nilai, i: {**nilai, "jabatan": sorted(nilai["jabatan_ids"])[i]}) if bercabang else None,
    )


# By (arah, bercabang).
DAFTAR_SIAP = {
    (arah, bercabang): _daftar_siap(fn, bercabang=bercabang)
    for arah, fn in (("masuk", disposisi_masuk), ("keluar", disposisi_keluar))
    for bercabang in (False, True)
}


def cabang(pegawai: Pegawai, arah: str, **filters: Any) -> list[QuerySet[Disposisi]]:
    """Disposisi Masuk/Keluar of a Plt/Plh as branches, one per jabatan, each read along its own index and
    merged by lib.paging.page_of (none for one jabatan). Each names its own jabatan only: as `IN (all) AND
    = one`, PostgreSQL multiplied the estimates and sorted all 1,900 dispositions of a head's post."""
    ids = sorted(acting.of(pegawai).jabatan_ids)
    if len(ids) < 2:
        return []
    fn = disposisi_masuk if arah == "masuk" else disposisi_keluar
    return [fn(pegawai, jabatan=j, **filters) for j in ids]


URUTAN_PRIORITAS = {Disposisi.Prioritas.SEGERA: 0, Disposisi.Prioritas.PENTING: 1, Disposisi.Prioritas.BIASA: 2}


def _menunggu(jabatan_ids: frozenset[int], opd_ids: frozenset[int], batas: int) -> QuerySet[Disposisi]:
    who = acting.bentuk(jabatan_ids, opd_ids)
    return (
        Disposisi.objects.filter(kepada_jabatan_id__in=jabatan_ids, status__in=(S.TERKIRIM, S.DIBACA))
        .filter(content_q(who, "surat_id", "surat__"))
        .select_related("surat", "dari_jabatan")
        .order_by(F("batas_waktu").asc(nulls_last=True), "-prioritas", "dibuat", "id")[:batas]
    )


_MENUNGGU = Siap(_menunggu, di_server=True)  # on every Beranda: compiled once per shape, planned once


def menunggu(pegawai: Pegawai, batas: int = 5) -> list[Disposisi]:
    """For the Beranda's to-do: dispositions waiting for the user (not yet passed on, finished or
    cancelled), those with a deadline first by deadline, then by priority; at most `batas`."""
    actor = acting.of(pegawai)
    return _MENUNGGU(jabatan_ids=actor.jabatan_ids, opd_ids=actor.pencatat_opd_ids, batas=Tetap(batas))


def peringkat(d: Disposisi) -> int:
    """0 most urgent: overdue or due today, or Amat Segera; 1 due within 2 days or Segera; else 2."""
    hari = (d.batas_waktu - timezone.localdate()).days if d.batas_waktu else None
    if (hari is not None and hari <= 0) or d.prioritas == Disposisi.Prioritas.SEGERA:
        return 0
    if (hari is not None and hari <= 2) or d.prioritas == Disposisi.Prioritas.PENTING:
        return 1
    return 2


def get_disposisi_for(pegawai: Pegawai, pk: int) -> Disposisi:
    """A disposition on a branch the user may see (disposisi.akses: the receiving OPD's chain) of a letter
    whose content they may read (Http404 otherwise)."""
    visible = Surat.objects.visible_to(pegawai)
    d = get_object_or_404(
        Disposisi.objects.select_related(
            "surat", "surat__jenis", "induk", "dari_jabatan", "kepada_jabatan", "dari_pegawai", "dibaca_oleh"
        )
        .prefetch_related(instruksi_prefetch())
        .filter(surat__in=visible),
        pk=pk,
    )
    if not surat_selectors.can_see_content(pegawai, d.surat) or d.pk not in Rantai.of(d.surat_id).terlihat(pegawai):
        raise Http404
    return d


def get_lampiran_laporan_for(pegawai: Pegawai, pk: int) -> LampiranLaporan:
    """A report file the user may download (Http404 unless they may see its disposition, as above)."""
    lampiran = get_object_or_404(
        LampiranLaporan.objects.select_related("laporan__disposisi__surat").filter(
            laporan__disposisi__surat__in=Surat.objects.visible_to(pegawai)
        ),
        pk=pk,
    )
    d = lampiran.laporan.disposisi
    if not surat_selectors.can_see_content(pegawai, d.surat) or d.pk not in Rantai.of(d.surat_id).terlihat(pegawai):
        raise Http404
    return lampiran


# ---------------------------------------------------------------- who may act


@dataclass(frozen=True)
class Jalur:
    """A way the user may dispose a letter: from `jabatan`, passing on `induk` (None: first level)."""

    jabatan: Jabatan
    induk: Disposisi | None = None


def dapat_didisposisikan(surat: Surat) -> bool:
    """Whether `surat` is in a state that may be disposed at all (signed and sent, or registered): then
    every TUJUAN addressee who received it may dispose it (the first way of jalur_disposisi)."""
    return surat.status in (Surat.Status.TERKIRIM, Surat.Status.TERCATAT)


def _tujuan_saya(pegawai: Pegawai, surat: Surat) -> list[Penerima]:
    """The user's received TUJUAN receipts of `surat`, from the letter's recipients (prefetched by the letter
    page, surat.rincian.muat_penerima; else one query)."""
    ids = acting.of(pegawai).jabatan_ids
    return [
        p
        for p in surat.penerima.all()
        if p.jenis == Penerima.Jenis.TUJUAN and p.jabatan_id in ids and p.diterima_pada is not None
    ]


def jalur_disposisi(pegawai: Pegawai, surat: Surat, semua: list[Disposisi] | None = None) -> list[Jalur]:
    """The ways `pegawai` may dispose `surat` now (empty: no "Disposisikan" button). `semua`: the letter's
    dispositions when the page loaded them already (`disposisi_surat`), else they are asked for."""
    if not dapat_didisposisikan(surat):
        return []
    ids = acting.of(pegawai).jabatan_ids
    if not ids:
        return []
    jalur = [Jalur(p.jabatan) for p in _tujuan_saya(pegawai, surat)]
    if semua is None:
        semua = list(
            Disposisi.objects.aktif()
            .filter(surat=surat, kepada_jabatan_id__in=ids)
            .select_related("kepada_jabatan__unit", "dari_jabatan")
            .order_by("id")
        )
    jalur += [Jalur(d.kepada_jabatan, d) for d in semua if d.is_aktif and d.kepada_jabatan_id in ids]
    return jalur


def boleh_tanpa_disposisi(pegawai: Pegawai, surat: Surat) -> bool:
    """True when the user is a TUJUAN addressee whose receipt is not yet acted on."""
    return any(p.ditindaklanjuti_pada is None for p in _tujuan_saya(pegawai, surat))


# ---------------------------------------------------------------- counters and reminders


def beranda_counters(pegawai: Pegawai) -> dict[str, int]:
    """Home page counts for the jabatan the user acts in: unread, not finished, due within 2 days, overdue.
    One query (plus the cached acting jabatan)."""
    today = timezone.localdate()
    akhir = today + datetime.timedelta(days=HARI_JATUH_TEMPO)
    baris = _KARTU(ids=acting.of(pegawai).jabatan_ids, today=today, akhir=akhir)
    return dict(zip(KARTU_BERANDA, baris[0] if baris else (0, 0, 0, 0), strict=True))


KARTU_BERANDA = ("belum_dibaca", "belum_selesai", "jatuh_tempo", "terlambat")
# Every count is of open dispositions: read only those (disposisi_masuk_status_idx), not every one the
# post ever received (5,000 for a busy post at a million letters: 7 ms, now the open ones only). Asked on
# every Beranda: compiled and prepared once (lib.kueri_siap), as one row of four counts.
_KARTU = Siap(
    lambda ids, today, akhir: (
        Disposisi.objects.filter(kepada_jabatan_id__in=ids, status__in=Disposisi.AKTIF)
        .order_by()
        .annotate(satu=Value(1))  # one group and no GROUP BY: a constant is not grouped by
        .values("satu")
        .annotate(
            belum_dibaca=Count("pk", filter=Q(status=S.TERKIRIM)),
            belum_selesai=Count("pk"),
            jatuh_tempo=Count("pk", filter=Q(batas_waktu__gte=today, batas_waktu__lte=akhir)),
            terlambat=Count("pk", filter=Q(batas_waktu__lt=today)),
        )
        .values_list(*KARTU_BERANDA)
    ),
    di_server=True,
)


def _reminder_qs() -> QuerySet[Disposisi]:
    return Disposisi.objects.aktif().select_related("surat", "kepada_jabatan", "dari_jabatan").order_by("id")


def jatuh_tempo_besok(on: datetime.date) -> QuerySet[Disposisi]:
    """Unfinished dispositions whose deadline is the day after `on` (for the reminder task)."""
    return _reminder_qs().filter(batas_waktu=on + datetime.timedelta(days=1))


def terlambat(on: datetime.date) -> QuerySet[Disposisi]:
    """Unfinished dispositions whose deadline passed before `on` (for the reminder task)."""
    return _reminder_qs().filter(batas_waktu__lt=on)
