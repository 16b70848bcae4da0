"""Reads of the archives for a user: who may manage which OPD's files, the berkas lists and the daftar
arsip, what falls due, letters waiting to be filed, and the JRA with inherited values.

Roles (decided here, enforced again in arsip.services):
- the pencatat (TU) of an OPD files that OPD's letters into berkas;
- the Unit Kearsipan (Peran ARSIPARIS, wherever it sits) keeps the JRA, receives transfers of every
  OPD and proposes destruction or permanent keeping; it may also file;
- the admin Pemda approves or rejects destruction (never the one who proposed it);
- the admin OPD may read its OPD's daftar arsip.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from arsip.models import Berkas, ItemBerkas, Jra, KlasifikasiArsip, jra_dari, kode_leluhur
from organisasi.models import Pegawai, UnitKerja
from organisasi.permissions import arsiparis_opd_ids, can_manage_opd, is_admin_pemda, pencatat_opd_ids
from surat.models import Agenda, Penerima, Surat

# ---------------------------------------------------------------- roles


def is_unit_kearsipan(pegawai: Pegawai | None) -> bool:
    return pegawai is not None and bool(arsiparis_opd_ids(pegawai))


def can_edit_jra(pegawai: Pegawai | None) -> bool:
    return is_unit_kearsipan(pegawai) or is_admin_pemda(pegawai)


def can_kelola_berkas(pegawai: Pegawai, opd_id: int | None) -> bool:
    """File letters, open and close berkas of this OPD."""
    return opd_id is not None and (is_unit_kearsipan(pegawai) or opd_id in pencatat_opd_ids(pegawai))


def can_lihat_arsip(pegawai: Pegawai, opd_id: int | None) -> bool:
    """Read the berkas and the daftar arsip of this OPD."""
    if opd_id is None:
        return False
    return can_kelola_berkas(pegawai, opd_id) or is_admin_pemda(pegawai) or can_manage_opd(pegawai, opd_id)


def opd_arsip_pilihan(pegawai: Pegawai) -> QuerySet[UnitKerja]:
    """The OPDs whose archives the user may read (for the OPD switcher)."""
    qs = UnitKerja.objects.opd().order_by("nama")
    if is_unit_kearsipan(pegawai) or is_admin_pemda(pegawai):
        return qs
    ids = set(pencatat_opd_ids(pegawai))
    ids |= {o for o in qs.values_list("pk", flat=True) if can_manage_opd(pegawai, o)}
    return qs.filter(pk__in=ids)


def can_see_anything(pegawai: Pegawai) -> bool:
    return can_edit_jra(pegawai) or opd_arsip_pilihan(pegawai).exists()


# ---------------------------------------------------------------- classification and JRA


def jra_map(klasifikasi: list[KlasifikasiArsip]) -> dict[int, Jra]:
    """Effective JRA of many codes in one query for their ancestors."""
    kode = {k for obj in klasifikasi for k in kode_leluhur(obj.kode)}
    rows = {k.kode: k for k in KlasifikasiArsip.objects.filter(kode__in=kode)}
    return {obj.pk: jra_dari(obj.kode, rows) for obj in klasifikasi}


def klasifikasi_list(q: str = "", *, level: int | None = None) -> QuerySet[KlasifikasiArsip]:
    qs = KlasifikasiArsip.objects.all()
    if q:
        qs = qs.search(q)
    elif level:
        qs = qs.filter(level__lte=level)
    return qs.order_by("kunci")


# ---------------------------------------------------------------- berkas


def get_berkas_for(pegawai: Pegawai, pk: int) -> Berkas:
    """A berkas of an OPD whose archives the user may read (Http404 otherwise)."""
    berkas = get_object_or_404(Berkas.objects.select_related("opd", "klasifikasi"), pk=pk)
    if not can_lihat_arsip(pegawai, berkas.opd_id):
        raise Http404
    return berkas


def berkas_list(
    pegawai: Pegawai, *, opd: UnitKerja | int, status: str | tuple[str, ...] | None = None, q: str = ""
) -> QuerySet[Berkas]:
    opd_id = getattr(opd, "pk", opd)
    if not can_lihat_arsip(pegawai, opd_id):
        raise Http404
    qs = Berkas.objects.filter(opd_id=opd_id).select_related("klasifikasi")
    if status:
        qs = qs.filter(status__in=(status,) if isinstance(status, str) else status)
    if q:
        qs = qs.filter(Q(uraian__icontains=q) | Q(klasifikasi__kode__startswith=q))
    return qs.order_by("nomor")


def item_list(berkas: Berkas) -> QuerySet[ItemBerkas]:
    return berkas.item.select_related("surat").order_by("nomor")


def daftar_arsip(pegawai: Pegawai, *, opd: UnitKerja | int, jenis: str) -> list[dict[str, Any]]:
    """Daftar Arsip Aktif (jenis 'aktif') or Inaktif ('inaktif') of an OPD: one row per item with the
    columns of the archive list (nomor berkas, KKA, uraian, kurun waktu, jumlah, nomor item, uraian item,
    tanggal, tingkat perkembangan, keterangan). Two queries."""
    status = (Berkas.Status.AKTIF,) if jenis == "aktif" else (Berkas.Status.INAKTIF, Berkas.Status.USUL_MUSNAH)
    berkas = list(berkas_list(pegawai, opd=opd, status=status))
    items: dict[int, list[ItemBerkas]] = {}
    for item in ItemBerkas.objects.filter(berkas__in=berkas).order_by("berkas_id", "nomor"):
        items.setdefault(item.berkas_id, []).append(item)
    rows = []
    for b in berkas:
        for i, item in enumerate(items.get(b.pk) or [None]):
            rows.append(
                {
                    "berkas": b,
                    "pertama": i == 0,
                    "nomor_berkas": b.nomor,
                    "kka": b.klasifikasi.kode,
                    "uraian": b.uraian,
                    "kurun_waktu": b.kurun_waktu,
                    "jumlah": f"{b.jumlah_item} item",
                    "nomor_item": item.nomor if item else "",
                    "uraian_item": item.uraian if item else "",
                    "tanggal": item.tanggal if item else None,
                    "tingkat": item.get_tingkat_perkembangan_display() if item else "",
                    "keterangan": item.keterangan if item else "",
                }
            )
    return rows


# ---------------------------------------------------------------- filing proposals


def surat_opd(opd_id: int) -> QuerySet[Surat]:
    """Final letters an OPD keeps: its own signed letters, paper letters it registered, and letters it
    received (agenda line) or got a copy of."""
    diterima = Exists(Agenda.objects.filter(surat=OuterRef("pk"), opd_id=opd_id))
    tembusan = Exists(Penerima.objects.filter(surat=OuterRef("pk"), opd_id=opd_id, diterima_pada__isnull=False))
    return Surat.objects.filter(
        Q(opd_id=opd_id) | diterima | tembusan,
        status__in=(Surat.Status.TERKIRIM, Surat.Status.TERCATAT),
    )


def surat_selesai(opd_id: int) -> QuerySet[Surat]:
    """Letters of the OPD that are finished for it: sent by it, or every addressee row of the OPD acted
    on (ditindaklanjuti: a finished disposition or a reply sets it)."""
    belum = Exists(
        Penerima.objects.filter(
            surat=OuterRef("pk"),
            opd_id=opd_id,
            jenis=Penerima.Jenis.TUJUAN,
            diterima_pada__isnull=False,
            ditindaklanjuti_pada__isnull=True,
        )
    )
    return surat_opd(opd_id).filter(Q(opd_id=opd_id, sumber=Surat.Sumber.NASKAH) | ~belum)


def usulan_pemberkasan(pegawai: Pegawai, *, opd: UnitKerja | int, limit: int = 200) -> list[dict[str, Any]]:
    """Finished letters of the OPD not yet filed, each with the open berkas of its KKA code (or of the
    nearest parent code) it should go into; `berkas` None means a new berkas will be opened."""
    opd_id = getattr(opd, "pk", opd)
    if not can_kelola_berkas(pegawai, opd_id):
        raise Http404
    return usulan_opd(opd_id, limit=limit)


def usulan_opd(opd_id: int, *, limit: int = 200) -> list[dict[str, Any]]:
    """`usulan_pemberkasan` without the permission check (services and system jobs)."""
    filed = ItemBerkas.objects.filter(opd_id=opd_id, surat=OuterRef("pk"))
    surat = list(
        surat_selesai(opd_id)
        .filter(~Exists(filed), klasifikasi__isnull=False)
        .select_related("klasifikasi", "jenis")
        .order_by("tanggal", "id")[:limit]
    )
    terbuka: dict[str, Berkas] = {}
    for b in Berkas.objects.terbuka().filter(opd_id=opd_id).select_related("klasifikasi").order_by("nomor"):
        terbuka.setdefault(b.klasifikasi.kode, b)
    hasil = []
    for s in surat:
        berkas = next((terbuka[k] for k in kode_leluhur(s.klasifikasi.kode) if k in terbuka), None)
        hasil.append({"surat": s, "berkas": berkas})
    return hasil


def surat_belum_berklasifikasi(opd_id: int) -> int:
    filed = ItemBerkas.objects.filter(opd_id=opd_id, surat=OuterRef("pk"))
    return surat_selesai(opd_id).filter(~Exists(filed), klasifikasi__isnull=True).count()


# ---------------------------------------------------------------- due dates


def jatuh_tempo(pegawai: Pegawai | None = None, *, on: datetime.date | None = None) -> dict[str, QuerySet[Berkas]]:
    """What falls due for the Unit Kearsipan today: transfers, end of the inactive period, and
    destruction proposals waiting for approval."""
    on = on or timezone.localdate()
    rel = ("opd", "klasifikasi")
    return {
        "pindah": Berkas.objects.jatuh_tempo_pindah(on).select_related(*rel).order_by("aktif_sampai", "id"),
        "akhir": Berkas.objects.jatuh_tempo_akhir(on).select_related(*rel).order_by("inaktif_sampai", "id"),
        "usul_musnah": Berkas.objects.filter(status=Berkas.Status.USUL_MUSNAH)
        .select_related(*rel, "diusulkan_musnah_oleh")
        .order_by("diusulkan_musnah_pada", "id"),
    }
