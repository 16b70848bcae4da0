"""Reads of letters for a user. Every list, count, lookup and download starts from what the user may
see (`Surat.objects.visible_to`, or `visible_q` for rows about a letter; the one rule, surat/models.py),
loads related rows in the same query and is ordered newest first with `id` as tie-breaker (lib.paging
pages it by keyset, on an index of the same order). Each takes the acting actor (organisasi.acting) or a
Pegawai.

The lists of a user's own work (inbox, copies, drafts, paraf, signature, outgoing) filter on the jabatan
they act in and nothing else: the services grant access to that jabatan in the same transaction that
puts the letter there (a receipt, the drafter's, verifikator's or signer's post: surat.services.base
`_grant`), and those grants are never taken back, so the row is its own permission. Re-checking
`visible_q` per row made the planner expect one row where there were a hundred thousand."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from lib.kueri_siap import Siap, Tetap
from organisasi import acting
from organisasi.acting import Actor, Who
from organisasi.models import Jabatan, UnitKerja
from surat.models import (
    Agenda,
    JenisSurat,
    Lampiran,
    Penerima,
    Surat,
    SuratVersi,
    content_q,
    workflow_q,
)

S = Surat.Status
MAKS_USULAN_VERIFIKATOR = 3


# ---------------------------------------------------------------- one letter


# The letter's own row is read with its small joins only, and the jabatan it names in one more query: with
# every relation joined (14 tables) PostgreSQL spent 10-35 ms planning the lookup of one row by its key,
# whose execution took 0.6 ms (EXPLAIN ANALYZE, 20,000 letters), the largest single cost of the letter
# page. The drafter's and signer's Pegawai rows and the letters it replies to or corrects are read when
# used (rarely, and only when set).
_SATU_JOIN = ("jenis", "opd", "klasifikasi", "dokumen")
_SATU_JABATAN = ("jabatan_konseptor", "penandatangan", "atas_nama", "giliran")


def _surat_dengan_jawaban(pk: int, jabatan_ids: frozenset[int], opd_ids: frozenset[int]) -> QuerySet:
    who = acting.bentuk(jabatan_ids, opd_ids)
    return (
        Surat.objects.visible_to(who)
        .filter(pk=pk)
        .select_related(*_SATU_JOIN)
        .annotate(
            boleh_lihat_isi=content_q(who, known_visible=True),
            boleh_lihat_alur=workflow_q(who),
            ada_balasan=Exists(Surat.objects.filter(balasan_untuk=OuterRef("pk"))),
            ada_versi=Exists(SuratVersi.objects.filter(surat=OuterRef("pk"))),
        )
    )


# Compiled once per shape (how many jabatan and pencatat OPDs the actor has): building and compiling the
# read above was ~4 ms of every letter page, four times what PostgreSQL takes to answer it.
_SURAT_DENGAN_JAWABAN = Siap(_surat_dengan_jawaban, di_server=True)
_JABATAN = Siap(lambda ids: Jabatan.objects.select_related("unit__opd").filter(pk__in=ids), di_server=True)


def get_surat_for(who: Who, pk: int) -> Surat:
    """A letter the user may open (Http404 when missing or not visible). What its pages then ask about it
    comes with it: whether `who` may read its content and its drafting work (`can_see_content`,
    `can_see_workflow` ask the database no more for this `who`), whether it has replies or saved versions
    (`punya_balasan`, `punya_versi`), its signed PDF's row, and its jabatan with their unit and OPD."""
    actor = acting.of(who)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    found = _SURAT_DENGAN_JAWABAN(pk=pk, jabatan_ids=actor.jabatan_ids, opd_ids=actor.pencatat_opd_ids)
    if not found:
        raise Http404("Surat tidak ditemukan.")
    surat = found[0]
    surat.dijawab_untuk = actor.pegawai.pk
    fields = [Surat._meta.get_field(name) for name in _SATU_JABATAN]
    ids = {getattr(surat, f.attname) for f in fields} - {None}
    found = {j.pk: j for j in _JABATAN(ids=frozenset(ids))} if ids else {}
    for f in fields:
        if getattr(surat, f.attname) in found:
            f.set_cached_value(surat, found[getattr(surat, f.attname)])
    return surat


def _dijawab(who: Who, surat: Surat, nama: str) -> bool | None:
    """The answer `get_surat_for` loaded with the letter for this `who`; None when it was not loaded for
    them (another way to the letter, or another user): then the database is asked."""
    if getattr(surat, "dijawab_untuk", None) != acting.of(who).pegawai.pk:
        return None
    return getattr(surat, nama)


def can_see_content(who: Who, surat: Surat) -> bool:
    """True when the user may read the body and attachments (surat.models.content_q). A pencatat whose
    only access is the OPD's register sees a RAHASIA/SANGAT RAHASIA letter as a register line only; a
    letter whose content was destroyed (arsip.retensi) is a register line for everyone."""
    if surat.is_dimusnahkan:
        return False  # destroyed under the retention schedule: only the register line is left
    boleh = _dijawab(who, surat, "boleh_lihat_isi")
    return boleh if boleh is not None else Surat.objects.readable_by(who).filter(pk=surat.pk).exists()


def can_see_workflow(who: Who, surat: Surat) -> bool:
    """True when the user may read the drafting work: versions, the paraf chain's notes and returns
    (surat.models.workflow_q: the drafting OPD's workflow only)."""
    boleh = _dijawab(who, surat, "boleh_lihat_alur")
    return boleh if boleh is not None else Surat.objects.in_workflow_of(who).filter(pk=surat.pk).exists()


def punya_balasan(surat: Surat) -> bool:
    """Whether some letter replies to this one (loaded by `get_surat_for`, else asked)."""
    ada = getattr(surat, "ada_balasan", None)
    return ada if ada is not None else surat.balasan.exists()


def punya_versi(surat: Surat) -> bool:
    """Whether the draft has saved versions, i.e. was ever submitted (loaded by `get_surat_for`, else asked)."""
    ada = getattr(surat, "ada_versi", None)
    return ada if ada is not None else surat.riwayat_versi.exists()


def get_lampiran_for(who: Who, pk: int) -> Lampiran:
    """An attachment the user may download (Http404 otherwise, also for register-only access)."""
    lampiran = get_object_or_404(
        Lampiran.objects.select_related("surat").filter(surat__in=Surat.objects.visible_to(who)), pk=pk
    )
    if not can_see_content(who, lampiran.surat):
        raise Http404
    return lampiran


def aksi_tersedia(who: Who, surat: Surat) -> set[str]:
    """Buttons to show on the detail page (the services check again): `ubah, ajukan, hapus, paraf,
    kembalikan_paraf, tandatangani, kembalikan_ttd, balas, tindaklanjut, kirim_eksternal, koreksi`."""
    ids = acting.of(who).jabatan_ids
    aksi: set[str] = set()
    if surat.sumber == Surat.Sumber.NASKAH and surat.jabatan_konseptor_id in ids and surat.status == S.KONSEP:
        aksi |= {"ubah", "ajukan"}
        if not punya_versi(surat):
            # Only a draft nobody else has seen yet may disappear (services.surat_delete).
            aksi.add("hapus")
    if surat.status == S.PARAF and surat.giliran_id in ids:
        aksi |= {"paraf", "kembalikan_paraf"}
    if surat.status == S.TTD and surat.penandatangan_id in ids:
        aksi |= {"tandatangani", "kembalikan_ttd"}
    if surat.is_final:
        # From the letter's recipients (prefetched by the letter page: muat_penerima; else one query).
        penerima = list(surat.penerima.all())
        mine = [p for p in penerima if p.jabatan_id in ids and p.diterima_pada is not None]
        if mine and can_see_content(who, surat):
            aksi.add("balas")
        if any(p.jenis == Penerima.Jenis.TUJUAN and p.ditindaklanjuti_pada is None for p in mine):
            aksi.add("tindaklanjut")
        if (
            surat.status == S.TERKIRIM
            and surat.opd_id in acting.of(who).pencatat_opd_ids
            and any(p.jabatan_id is None and p.kirim_status == Penerima.KirimStatus.BELUM for p in penerima)
        ):
            aksi.add("kirim_eksternal")
    if (
        surat.status == S.TERKIRIM
        and not alasan_tidak_dapat_dikoreksi(surat)
        and jabatan_pengoreksi(acting.of(who), surat) is not None
        and can_see_content(who, surat)
    ):
        aksi.add("koreksi")
    return aksi


# ---------------------------------------------------------------- corrections (ralat, pencabutan)


def jabatan_pengoreksi(actor: Actor, surat: Surat) -> Jabatan | None:
    """The jabatan in which `actor` may correct `surat`: one they act in today inside the drafting OPD
    (the original drafter's post first). None: they may not."""
    found = [j.jabatan for j in actor.jabatan if (j.jabatan.unit.opd_id or j.jabatan.unit_id) == surat.opd_id]
    for jabatan in found:
        if jabatan.pk == surat.jabatan_konseptor_id:
            return jabatan
    return found[0] if found else None


def alasan_tidak_dapat_dikoreksi(surat: Surat) -> str:
    """Why `surat` cannot be corrected at all (empty when it can)."""
    if surat.sumber != Surat.Sumber.NASKAH or surat.status != Surat.Status.TERKIRIM:
        return "Hanya surat yang sudah ditandatangani di aplikasi ini yang dapat diralat atau dicabut."
    if surat.dikoreksi == Surat.StatusKoreksi.DICABUT:
        return f"Surat nomor {surat.nomor} sudah dicabut."
    if surat.is_dimusnahkan:
        return "Isi surat ini sudah dimusnahkan sesuai jadwal retensi."
    return ""


def koreksi_terkirim(surat: Surat) -> list[Surat]:
    """The signed corrections of `surat`, oldest first, with their PDF row (the public link)."""
    return list(surat.koreksi.filter(status=S.TERKIRIM).select_related("dokumen").order_by("ditandatangani_pada", "pk"))


# ---------------------------------------------------------------- choices for forms


def jabatan_konseptor_pilihan(who: Who) -> QuerySet[Jabatan]:
    """The jabatan the user may draft as (own post plus Plt/Plh posts today)."""
    return Jabatan.objects.filter(pk__in=acting.of(who).jabatan_ids).select_related("unit")


def penandatangan_pilihan() -> QuerySet[Jabatan]:
    return Jabatan.objects.dapat_menandatangani().select_related("unit")


def jenis_pilihan() -> QuerySet[JenisSurat]:
    return JenisSurat.objects.filter(aktif=True)


JABATAN_CARI_MAKS = 50


def jabatan_cari(q: str, limit: int = 20) -> QuerySet[Jabatan]:
    """Any signed-in user, for the addressee pickers: active jabatan whose name, unit or OPD (name, short
    name or code) or holder's name contains every word of `q`, best matches first. Empty `q`: none."""
    words = (q or "").split()[:6]
    if not words:
        return Jabatan.objects.none()
    qs = Jabatan.objects.filter(aktif=True)
    for word in words:
        qs = qs.filter(
            Q(nama__icontains=word)
            | Q(unit__nama__icontains=word)
            | Q(unit__opd__nama__icontains=word)
            | Q(unit__opd__singkatan__icontains=word)
            | Q(unit__opd__kode__iexact=word)
            | Q(pemangku__nama__icontains=word)
        )
    limit = max(1, min(limit, JABATAN_CARI_MAKS))
    # The whole phrase in the jabatan's name first ("kepala dinas" -> the Kepala Dinas), then heads of
    # OPD, then other heads of units.
    frasa = Case(When(nama__icontains=" ".join(words), then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.select_related("unit__opd", "pemangku").order_by(
        frasa, "-is_kepala_unit", "-unit__is_opd", "unit__opd__urutan", "unit__opd__nama", "urutan", "nama", "pk"
    )[:limit]


def jabatan_pilihan_dasar(who: Who, *, termasuk: list[int] | tuple[int, ...] = ()) -> QuerySet[Jabatan]:
    """The short list the addressee pickers offer without JavaScript: the heads of every OPD, all jabatan
    of the OPDs the user acts in, and the ones already chosen (`termasuk`)."""
    opd_ids = Jabatan.objects.filter(pk__in=acting.of(who).jabatan_ids).values("unit__opd_id")
    dasar = Q(aktif=True) & (Q(is_kepala_unit=True, unit__is_opd=True) | Q(unit__opd_id__in=opd_ids))
    return (
        Jabatan.objects.filter(dasar | Q(pk__in=list(termasuk)))
        .select_related("unit__opd", "pemangku")
        .order_by("unit__opd__urutan", "unit__opd__nama", "unit__urutan", "urutan", "nama", "pk")
    )


def usulan_verifikator(jabatan_konseptor: Jabatan, penandatangan: Jabatan | None) -> list[Jabatan]:
    """Default paraf chain: the drafter's superiors from the direct one up to (excluding) the signer,
    at most 3. Empty when the drafter is the signer."""
    if penandatangan is None or jabatan_konseptor.pk == penandatangan.pk:
        return []
    chain: list[Jabatan] = []
    for jabatan in jabatan_konseptor.rantai_atasan():
        if jabatan.pk == penandatangan.pk:
            break
        chain.append(jabatan)
    return chain[:MAKS_USULAN_VERIFIKATOR]


# ---------------------------------------------------------------- lists


def _filters(
    qs: QuerySet,
    prefix: str = "",
    *,
    tanggal_field: str = "tanggal",
    dari: datetime.date | None = None,
    sampai: datetime.date | None = None,
    jenis: JenisSurat | int | None = None,
    keamanan: str | None = None,
    urgensi: str | None = None,
    opd_pengirim: UnitKerja | int | None = None,
    q: str | None = None,
    hal_hanya: Q | None = None,
) -> QuerySet:
    """The common list filters. `q` matches nomor, hal and the paper letter's origin; `hal_hanya` limits
    the hal match to rows the user may read (lists where a pencatat sees secret letters as a register
    line only: searching the hidden hal must not confirm it)."""
    p = prefix
    if dari:
        qs = qs.filter(**{f"{p}{tanggal_field}__gte": dari})
    if sampai:
        qs = qs.filter(**{f"{p}{tanggal_field}__lte": sampai})
    if jenis:
        qs = qs.filter(**{f"{p}jenis_id": getattr(jenis, "pk", jenis)})
    if keamanan:
        qs = qs.filter(**{f"{p}keamanan": keamanan})
    if urgensi:
        qs = qs.filter(**{f"{p}urgensi": urgensi})
    if opd_pengirim:
        qs = qs.filter(**{f"{p}opd_id": getattr(opd_pengirim, "pk", opd_pengirim), f"{p}sumber": Surat.Sumber.NASKAH})
    q = (q or "").strip()
    if q:
        hal = Q(**{f"{p}hal__icontains": q})
        qs = qs.filter(
            Q(**{f"{p}nomor__icontains": q})
            | (hal & hal_hanya if hal_hanya is not None else hal)
            | Q(**{f"{p}asal_instansi__icontains": q})
            | Q(**{f"{p}nomor_asal__icontains": q})
        )
    return qs


# The list selectors below join nothing beyond a receipt's letter: each list's table asks for the
# relations its columns print (surat.tabel.relasi), so Surat Keluar does not read five tables it never shows.


def konsep_list(who: Who, *, proses: bool = False, **filters: Any) -> QuerySet[Surat]:
    """Drafts of the user's acting jabatan: KONSEP (proses=False) or still in paraf/signature (proses=True)."""
    status = (S.PARAF, S.TTD) if proses else (S.KONSEP,)
    qs = Surat.objects.filter(
        sumber=Surat.Sumber.NASKAH, status__in=status, jabatan_konseptor_id__in=acting.of(who).jabatan_ids
    )
    qs = _filters(qs, tanggal_field="dibuat__date", **filters)
    return qs.order_by("-diubah", "-id")


def perlu_paraf(who: Who, **filters: Any) -> QuerySet[Surat]:
    """Drafts waiting for the paraf of a jabatan the user acts in (only the one whose turn it is)."""
    qs = Surat.objects.filter(status=S.PARAF, giliran_id__in=acting.of(who).jabatan_ids)
    qs = _filters(qs, tanggal_field="dibuat__date", **filters)
    return qs.order_by("-diubah", "-id")


def perlu_ttd(who: Who, **filters: Any) -> QuerySet[Surat]:
    """Drafts waiting for the user's signature (own post or Plt/Plh)."""
    qs = Surat.objects.filter(status=S.TTD, penandatangan_id__in=acting.of(who).jabatan_ids)
    qs = _filters(qs, tanggal_field="dibuat__date", **filters)
    return qs.order_by("-diubah", "-id")


def surat_keluar(who: Who, **filters: Any) -> QuerySet[Surat]:
    """Signed letters the user's acting jabatan drafted or signed."""
    ids = acting.of(who).jabatan_ids
    return _keluar(Q(jabatan_konseptor_id__in=ids) | Q(penandatangan_id__in=ids), **filters)


def surat_keluar_cabang(who: Who, **filters: Any) -> list[QuerySet[Surat]]:
    """surat_keluar as its branches (one per acting jabatan and side, see _CABANG), for
    lib.paging.page_of(cabang=...). Each is built without the other side's OR: PostgreSQL does not
    simplify `(konseptor OR penandatangan) AND penandatangan`, misjudges its rows and then reads every
    letter the jabatan ever signed into a bitmap and sorts them, instead of walking its own index."""
    return [_keluar(c, **filters) for c in cabang(who, "keluar")]


def surat_keluar_satu_cabang(who: Who, *, cabang: int) -> QuerySet[Surat]:
    """Branch `cabang` of surat_keluar_cabang(who), without filters (a prepared list's builder). The
    prepared list asks it with one jabatan at a time (`cabang_ke`): a branch's SQL holds its own jabatan
    only, so with a Plt/Plh post the others could not be values of its read."""
    return surat_keluar_cabang(who)[cabang]


def _keluar(lingkup: Q, **filters: Any) -> QuerySet[Surat]:
    qs = _filters(Surat.objects.filter(lingkup, status=S.TERKIRIM), **filters)
    return qs.order_by("-tanggal", "-id")


# The fields a list of the user's own work filters on: with several acting jabatan (a Plt/Plh post), or
# two ways into the list (Surat Keluar: drafted or signed), each jabatan and field is a branch read along
# its own index and merged by lib.paging.page_of(cabang=...), never one sort of every row.
_CABANG = {
    "masuk": ("jabatan_id",),
    "tembusan": ("jabatan_id",),
    "keluar": ("jabatan_konseptor_id", "penandatangan_id"),
    "konsep": ("jabatan_konseptor_id",),
    "konsep_proses": ("jabatan_konseptor_id",),
    "perlu_paraf": ("giliran_id",),
    "perlu_ttd": ("penandatangan_id",),
}


def cabang(who: Who, nama: str) -> list[Q]:
    """The branches of list `nama` for `who` (see _CABANG); empty for lists that have none."""
    ids = sorted(acting.of(who).jabatan_ids)
    return [Q(**{field: pk}) for field in _CABANG.get(nama, ()) for pk in ids]


def cabang_ke(jabatan_ids: Iterable[int], i: int) -> tuple[int, int]:
    """Branch `i` of `cabang(who, nama)` for an actor acting in `jabatan_ids`: (the index of its field in
    _CABANG[nama], its jabatan)."""
    ids = sorted(jabatan_ids)
    return i // len(ids), ids[i % len(ids)]


def _kotak(
    who: Who, jenis: str, filters: dict[str, Any], *, belum_dibaca: bool, belum_ditindaklanjuti: bool = False
) -> QuerySet[Penerima]:
    ids = acting.of(who).jabatan_ids
    qs = Penerima.objects.filter(jenis=jenis, jabatan_id__in=ids, diterima_pada__isnull=False)
    if belum_dibaca:
        qs = qs.filter(dibaca_pada__isnull=True)
    if belum_ditindaklanjuti:
        qs = qs.filter(ditindaklanjuti_pada__isnull=True)
    qs = _filters(qs, "surat__", **filters)
    agenda = Agenda.objects.filter(surat=OuterRef("surat_id"), opd=OuterRef("opd_id")).values("nomor")[:1]
    return qs.select_related("surat").annotate(agenda_nomor=Subquery(agenda)).order_by("-diterima_pada", "-id")


def surat_masuk(
    who: Who, *, belum_dibaca: bool = False, belum_ditindaklanjuti: bool = False, **filters: Any
) -> QuerySet[Penerima]:
    """Letters addressed (TUJUAN) to a jabatan the user acts in; one row per receipt with its read state.
    `belum_dibaca` / `belum_ditindaklanjuti` keep only the receipts not yet read / not yet acted on."""
    return _kotak(
        who,
        Penerima.Jenis.TUJUAN,
        filters,
        belum_dibaca=belum_dibaca,
        belum_ditindaklanjuti=belum_ditindaklanjuti,
    )


def tembusan_list(who: Who, *, belum_dibaca: bool = False, **filters: Any) -> QuerySet[Penerima]:
    """Copies (TEMBUSAN) for a jabatan the user acts in."""
    return _kotak(who, Penerima.Jenis.TEMBUSAN, filters, belum_dibaca=belum_dibaca)


def buku_agenda(who: Who, *, opd: UnitKerja | int, tahun: int, **filters: Any) -> QuerySet[Agenda]:
    """The agenda book of an OPD for a year, for its pencatat. Rows carry `boleh_lihat_isi` (False for a
    RAHASIA letter the pencatat sees as a register line only: hide its hal and body)."""
    return _buku_agenda(who, opd_id=_opd_dicatat(who, opd), tahun=tahun, **filters)


def buku_agenda_siap(
    who: Who, *, opd: UnitKerja | int, tahun: int
) -> tuple[Callable[..., QuerySet[Agenda]], dict[str, Any]]:
    """`buku_agenda` without filters as a builder and its values, for a page that compiles its read once
    (surat.views.kotak `pilih`): the OPD is checked here, the builder then only reads. The year is part
    of the shape (one of the form's choices): a stand-in would not fit its column."""
    return _buku_agenda, {"opd_id": _opd_dicatat(who, opd), "tahun": Tetap(tahun)}


def _opd_dicatat(who: Who, opd: UnitKerja | int) -> int:
    opd_id = getattr(opd, "pk", opd)
    if opd_id not in acting.of(who).pencatat_opd_ids:
        raise PermissionDenied("Anda bukan pencatat surat OPD ini.")
    return opd_id


def _buku_agenda(who: Who, *, opd_id: int, tahun: int, **filters: Any) -> QuerySet[Agenda]:
    qs = Agenda.objects.filter(opd_id=opd_id, tahun=tahun).annotate(
        boleh_lihat_isi=content_q(who, "surat_id", "surat__", known_visible=True)
    )
    qs = _filters(qs, "surat__", hal_hanya=Q(boleh_lihat_isi=True), **filters)
    return qs.select_related(
        "surat__jenis", "surat__opd", "surat__klasifikasi", "penerima__jabatan", "dicatat_oleh"
    ).order_by("-nomor", "-id")


def eksternal_belum_dikirim(who: Who, **filters: Any) -> QuerySet[Penerima]:
    """External addressees of signed letters of the user's OPDs (as pencatat) not yet sent, oldest first;
    the common list filters apply to the letter. Rows carry `boleh_lihat_isi` as in `buku_agenda`."""
    qs = Penerima.objects.filter(
        jabatan__isnull=True,
        kirim_status=Penerima.KirimStatus.BELUM,
        surat__status=S.TERKIRIM,
        surat__opd_id__in=acting.of(who).pencatat_opd_ids,
    ).annotate(boleh_lihat_isi=content_q(who, "surat_id", "surat__", known_visible=True))
    qs = _filters(qs, "surat__", hal_hanya=Q(boleh_lihat_isi=True), **filters)
    return qs.select_related("surat__jenis", "surat__opd", "surat__penandatangan").order_by("surat__tanggal", "id")


# ---------------------------------------------------------------- detail pieces


def versi_list(surat: Surat) -> QuerySet[SuratVersi]:
    return surat.riwayat_versi.select_related("dibuat_oleh").order_by("versi")
