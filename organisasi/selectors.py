"""Reads of the structure: the whole tree for the Struktur Organisasi page, searches, admin lists.
Each costs a fixed number of queries however large the Pemda."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from organisasi import permissions
from organisasi.models import Jabatan, Pegawai, PengajuanKewenangan, Penugasan, Peran, UnitKerja
from organisasi.nip import normalize_nip


@dataclass
class JabatanNode:
    jabatan: Jabatan
    pemangku: Pegawai | None
    penugasan: list[Penugasan] = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        """Vacant: nobody holds it definitively."""
        return self.pemangku is None


@dataclass
class UnitNode:
    unit: UnitKerja
    jabatan: list[JabatanNode] = field(default_factory=list)
    anak: list[UnitNode] = field(default_factory=list)

    @property
    def jumlah_kosong(self) -> int:
        return sum(1 for j in self.jabatan if j.kosong) + sum(a.jumlah_kosong for a in self.anak)


def struktur_tree(*, on: datetime.date | None = None, opd_id: int | None = None) -> list[UnitNode]:
    """The active units as a tree with their jabatan, definitive holders and today's Plt/Plh.
    Three queries whatever the size. With `opd_id`, only that OPD's subtree."""
    on = on or timezone.localdate()
    units = list(UnitKerja.objects.aktif().order_by("urutan", "nama"))
    if opd_id is not None:
        units = [u for u in units if u.opd_id == opd_id]
    jabatan = Jabatan.objects.filter(aktif=True, unit__in=[u.pk for u in units]).select_related("pemangku")
    penugasan = Penugasan.objects.berlaku_pada(on).filter(jabatan__in=jabatan).select_related("pegawai")

    by_jabatan: dict[int, list[Penugasan]] = {}
    for p in penugasan:
        by_jabatan.setdefault(p.jabatan_id, []).append(p)
    nodes = {u.pk: UnitNode(unit=u) for u in units}
    for j in sorted(jabatan, key=lambda j: (not j.is_kepala_unit, j.urutan, j.nama)):
        holder = getattr(j, "pemangku", None)
        nodes[j.unit_id].jabatan.append(JabatanNode(jabatan=j, pemangku=holder, penugasan=by_jabatan.get(j.pk, [])))
    roots: list[UnitNode] = []
    for u in units:
        parent = nodes.get(u.induk_id) if u.induk_id else None
        (parent.anak if parent else roots).append(nodes[u.pk])
    return roots


def pegawai_search(query: str, *, limit: int = 50, berjabatan: bool = False) -> QuerySet[Pegawai]:
    """Pegawai whose name or NIP matches, with jabatan and unit loaded; `berjabatan`: only those placed in
    a post (whom a letter can assign)."""
    query = (query or "").strip()
    qs = Pegawai.objects.select_related("jabatan__unit__opd").order_by("nama", "pk")
    if not query:
        return qs.none()
    if berjabatan:
        qs = qs.filter(jabatan__isnull=False)
    digits = normalize_nip(query)
    cond = Q(nama__icontains=query)
    if digits.isdigit() and len(digits) >= 4:
        cond |= Q(nip__startswith=digits) | Q(nip__contains=digits)
    return qs.filter(cond)[:limit]


def pegawai_label(pegawai: Pegawai) -> str:
    """How a pegawai picker names someone (its short list and its search the same): 'Ir. Hendro Purnomo
    — Kepala Dinas Perhubungan'; needs `jabatan` loaded."""
    jabatan = pegawai.jabatan.nama if pegawai.jabatan_id else "(tanpa jabatan)"
    return f"{pegawai.nama_lengkap} — {jabatan}"


# What a pegawai picker lists without its search: enough for one OPD's staff, never a whole city's.
PEGAWAI_DASAR_MAKS = 200


def pegawai_pilihan_dasar(opd_ids: Iterable[int], *, termasuk: Iterable[int] = ()) -> list[Pegawai]:
    """The short list of a pegawai picker (the people a Surat Tugas assigns): those placed in the OPDs
    given, by name (at most PEGAWAI_DASAR_MAKS), and the ones already chosen (`termasuk`) wherever they
    are. Anyone else is found by the picker's search (organisasi:pegawai_cari)."""
    qs = Pegawai.objects.select_related("jabatan__unit__opd").order_by("nama", "pk")
    dasar = list(qs.filter(jabatan__isnull=False, jabatan__unit__opd_id__in=list(opd_ids))[:PEGAWAI_DASAR_MAKS])
    sudah = {p.pk for p in dasar}
    tambah = [i for i in dict.fromkeys(termasuk) if i not in sudah][:PEGAWAI_DASAR_MAKS]
    if tambah:
        dasar += list(qs.filter(pk__in=tambah))
    return dasar


def penugasan_aktif_for(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Penugasan]:
    """This pegawai's Plt/Plh assignments in force on `on` (default today)."""
    return Penugasan.objects.berlaku_pada(on).filter(pegawai=pegawai).select_related("jabatan__unit")


def opd_list() -> QuerySet[UnitKerja]:
    return UnitKerja.objects.opd().aktif().order_by("urutan", "nama")


# ---- lists for the admin pages, scoped to what the actor manages


def units_managed_by(actor: Pegawai) -> QuerySet[UnitKerja]:
    ids = permissions.managed_opd_ids(actor)
    qs = UnitKerja.objects.select_related("induk", "opd").order_by("opd__urutan", "urutan", "nama")
    return qs if ids is None else qs.filter(opd_id__in=ids)


def jabatan_managed_by(actor: Pegawai) -> QuerySet[Jabatan]:
    ids = permissions.managed_opd_ids(actor)
    qs = Jabatan.objects.select_related("unit__opd", "atasan", "pemangku").order_by(
        "unit__opd__urutan", "urutan", "nama"
    )
    return qs if ids is None else qs.filter(unit__opd_id__in=ids)


def pegawai_managed_by(actor: Pegawai) -> QuerySet[Pegawai]:
    ids = permissions.managed_opd_ids(actor)
    qs = Pegawai.objects.select_related("jabatan__unit__opd", "user").order_by("nama")
    return qs if ids is None else qs.filter(jabatan__unit__opd_id__in=ids)


def penugasan_managed_by(actor: Pegawai) -> QuerySet[Penugasan]:
    ids = permissions.managed_opd_ids(actor)
    qs = Penugasan.objects.select_related("pegawai", "jabatan__unit__opd").order_by("-mulai")
    return qs if ids is None else qs.filter(jabatan__unit__opd_id__in=ids)


def peran_managed_by(actor: Pegawai) -> QuerySet[Peran]:
    """Roles the actor may see and revoke: all for an admin Pemda, those of its OPDs for an admin OPD."""
    ids = permissions.managed_opd_ids(actor)
    qs = Peran.objects.select_related("pegawai", "opd").order_by("jenis", "opd__nama", "pegawai__nama")
    return qs if ids is None else qs.filter(opd_id__in=ids)


def pengajuan_for(actor: Pegawai) -> QuerySet[PengajuanKewenangan]:
    """Open requests (PengajuanKewenangan) the actor may see: all for an admin Pemda, those of its OPDs for
    an admin OPD (its own among them, which it cannot decide). Oldest first: they expire first."""
    ids = permissions.managed_opd_ids(actor)
    qs = PengajuanKewenangan.objects.menunggu().select_related("pegawai", "pengaju", "opd").order_by("dibuat", "pk")
    return qs if ids is None else qs.filter(opd_id__in=ids)
