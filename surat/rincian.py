"""The letter page's own reads beside the letter (surat.selectors.get_surat_for): its recipients with
their read receipts, its attachments, its paraf chain and its history. The page reads each on every
visit, so each is compiled once (lib.kueri_siap) and its rows carry the letter, as the ORM's related
managers leave them."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from lib.kueri_siap import Siap, pasang_prefetch
from surat.models import Lampiran, Penerima, Surat, SuratLog, Verifikator


def muat_penerima(surat: Surat) -> list[Penerima]:
    """The letter page: read the letter's recipients once, in `pembaca` order with their jabatan, unit and
    readers, into the letter's `penerima` (Django's prefetch cache), so the page, its buttons
    (`aksi_tersedia`, the disposition buttons) and marking it read ask no more. Returns them."""
    if "penerima" not in getattr(surat, "_prefetched_objects_cache", {}):
        pasang_prefetch(surat, "penerima", _PENERIMA_SURAT(surat_id=surat.pk))
    return list(surat.penerima.all())


# layer: each attachment's reading state (arsip's TeksLampiran) in the same query, without its text
_LAMPIRAN = Siap(
    lambda surat_id: Lampiran.objects.filter(surat_id=surat_id).select_related("teks").defer("teks__teks"),
    di_server=True,
)
_VERIFIKATOR = Siap(
    lambda surat_id: (
        Verifikator.objects.filter(surat_id=surat_id).select_related("jabatan", "pegawai").order_by("urutan")
    ),
    di_server=True,
)


def lampiran_surat(surat: Surat) -> list[Lampiran]:
    """The letter page's attachments, in the letter's own order (compiled once, lib.kueri_siap)."""
    rows = _LAMPIRAN(surat_id=surat.pk)
    for row in rows:
        Lampiran.surat.field.set_cached_value(row, surat)
    return rows


def verifikator_surat(surat: Surat) -> list[Verifikator]:
    """The letter's paraf chain in order, with each post and the pegawai who initialled."""
    rows = _VERIFIKATOR(surat_id=surat.pk)
    for row in rows:
        Verifikator.surat.field.set_cached_value(row, surat)
    return rows


# Timeline rows of the drafting work: seen only inside the drafting OPD's workflow (workflow_q).
LOG_ALUR = (
    SuratLog.Aksi.DIBUAT,
    SuratLog.Aksi.DIUBAH,
    SuratLog.Aksi.DIAJUKAN,
    SuratLog.Aksi.DIPARAF,
    SuratLog.Aksi.DIKEMBALIKAN,
    SuratLog.Aksi.LAMPIRAN_DITAMBAH,
    SuratLog.Aksi.LAMPIRAN_DIHAPUS,
)


def _timeline(surat_id: int, alur: bool) -> QuerySet[SuratLog]:
    qs = SuratLog.objects.filter(surat_id=surat_id).select_related("actor", "jabatan__unit", "penerima")
    qs = qs.order_by("waktu", "id")
    return qs if alur else qs.exclude(aksi__in=LOG_ALUR)


_TIMELINE = Siap(_timeline, di_server=True)  # the letter page's reads are compiled once per shape (lib.kueri_siap)


def timeline(surat: Surat, *, alur: bool = True) -> list[SuratLog]:
    """The letter's history, oldest first; without the drafting work's rows unless `alur` (pass
    `can_see_workflow`)."""
    rows = _TIMELINE(surat_id=surat.pk, alur=alur)
    for row in rows:
        SuratLog.surat.field.set_cached_value(row, surat)
    return rows


def pembaca(surat: Surat) -> QuerySet[Penerima]:
    """Read receipts: every recipient with when it was received, read (and by whom) and acted on;
    addressees (tujuan) first, then copies (tembusan), each in the order the drafter gave."""
    return _urut_pembaca(Penerima.objects.filter(surat=surat))


def _urut_pembaca(qs: QuerySet[Penerima]) -> QuerySet[Penerima]:
    tujuan_dulu = Case(When(jenis=Penerima.Jenis.TUJUAN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.select_related("jabatan__unit", "dibaca_oleh", "dikirim_oleh").order_by(tujuan_dulu, "urutan", "id")


_PENERIMA_SURAT = Siap(lambda surat_id: _urut_pembaca(Penerima.objects.filter(surat_id=surat_id)), di_server=True)
