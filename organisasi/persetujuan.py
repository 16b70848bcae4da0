"""Second-person approval of what could hand one person another's authority: who holds a post that
signs or heads a unit, an OPD role, the e-mail of such a holder.

An admin Pemda changes these at once (organisasi.services). An admin OPD only proposes them: the
services call `ajukan_*`, which store a PengajuanKewenangan with the state it was proposed against
(`sebelum`) and tell the pegawai and every admin Pemda. An admin Pemda or a second admin of the OPD —
never the proposer, never the pegawai concerned — approves (`setujui`: exactly the proposed change, and
only while `sebelum` still holds) or rejects (`tolak`) it within PENGAJUAN_MASA_BERLAKU_HARI days. Every
step is audited with the state before and after.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import record
from organisasi import kabar, penerapan, permissions
from organisasi.models import Jabatan, Pegawai, PengajuanKewenangan, Peran, UnitKerja

PENGAJUAN_MASA_BERLAKU_HARI = 7
PENGAJUAN_BASI = (
    "Data pegawai ini sudah berubah sejak pengajuan dibuat, sehingga pengajuan tidak dapat disetujui. "
    "Tolak pengajuan ini dan ajukan ulang bila masih diperlukan."
)
PENGAJUAN_SELESAI = "Pengajuan ini sudah diputus atau sudah kedaluwarsa."
PENGAJUAN_ORANG_KEDUA = (
    "Pengajuan harus diputus oleh Admin Pemda atau admin lain: bukan pengaju dan bukan pegawai yang bersangkutan."
)


def _keadaan(jenis: str, pegawai: Pegawai, sesudah: dict[str, Any]) -> dict[str, Any]:
    """The state a request is proposed against; approving needs it unchanged."""
    if jenis == PengajuanKewenangan.Jenis.JABATAN:
        lain = penerapan.pemangku_lain(sesudah["jabatan"], pegawai.pk) if sesudah["jabatan"] else None
        return {"jabatan": pegawai.jabatan_id, "pemangku_tujuan": lain.pk if lain else None}
    if jenis == PengajuanKewenangan.Jenis.PERAN:
        punya = Peran.objects.filter(pegawai=pegawai, jenis=sesudah["jenis"], opd_id=sesudah["opd"]).exists()
        return {"jabatan": pegawai.jabatan_id, "punya_peran": punya}
    return {"jabatan": pegawai.jabatan_id, "email": pegawai.email}


def _ajukan(
    *, actor: Pegawai, pegawai: Pegawai, jenis: str, opd_id: int, sesudah: dict[str, Any], uraian: str
) -> PengajuanKewenangan:
    """Hold a change for a second person; the pegawai and every admin Pemda are told."""
    sekarang = timezone.now()
    pengajuan = PengajuanKewenangan.objects.create(
        jenis=jenis,
        pegawai=pegawai,
        opd_id=opd_id,
        sebelum=_keadaan(jenis, pegawai, sesudah),
        sesudah=sesudah,
        uraian=uraian[:500],
        pengaju=actor,
        dibuat=sekarang,
        kedaluwarsa=sekarang + datetime.timedelta(days=PENGAJUAN_MASA_BERLAKU_HARI),
    )
    record(
        actor=actor,
        aksi="pengajuan.buat",
        objek=pengajuan,
        jenis=jenis,
        pegawai=pegawai.pk,
        sebelum=pengajuan.sebelum,
        sesudah=sesudah,
    )
    kabar.kewenangan(
        pegawai,
        actor,
        "Perubahan kewenangan diajukan",
        f"{actor} mengajukan perubahan untuk {pegawai}: {uraian}. Perubahan berlaku setelah disetujui "
        "Admin Pemda atau admin lain.",
        url_admin=reverse("organisasi:pengajuan_list"),
    )
    return pengajuan


def ajukan_jabatan(*, actor: Pegawai, pegawai: Pegawai, jabatan: Jabatan | None) -> PengajuanKewenangan:
    lama = pegawai.jabatan.nama if pegawai.jabatan_id else "tanpa jabatan"
    baru = jabatan.nama if jabatan else "tanpa jabatan"
    opd_id = jabatan.unit.opd_id if jabatan else penerapan.pegawai_opd_id(pegawai)
    return _ajukan(
        actor=actor,
        pegawai=pegawai,
        jenis=PengajuanKewenangan.Jenis.JABATAN,
        opd_id=opd_id,
        sesudah={"jabatan": jabatan.pk if jabatan else None},
        uraian=f"jabatan {lama} menjadi {baru}",
    )


def ajukan_email(*, actor: Pegawai, pegawai: Pegawai, baru: str) -> PengajuanKewenangan:
    return _ajukan(
        actor=actor,
        pegawai=pegawai,
        jenis=PengajuanKewenangan.Jenis.EMAIL,
        opd_id=penerapan.pegawai_opd_id(pegawai),
        sesudah={"email": baru},
        uraian=f"email {pegawai.email or '(kosong)'} menjadi {baru or '(kosong)'}",
    )


def ajukan_peran(*, actor: Pegawai, pegawai: Pegawai, jenis: str, opd: UnitKerja) -> PengajuanKewenangan:
    return _ajukan(
        actor=actor,
        pegawai=pegawai,
        jenis=PengajuanKewenangan.Jenis.PERAN,
        opd_id=opd.pk,
        sesudah={"jenis": jenis, "opd": opd.pk},
        uraian=f"peran {Peran.Jenis(jenis).label} untuk {opd}",
    )


def boleh_memutus(actor: Pegawai, pengajuan: PengajuanKewenangan) -> bool:
    """Admin Pemda, or an admin of the request's OPD, who is neither the proposer nor the pegawai concerned."""
    if actor.pk in (pengajuan.pengaju_id, pengajuan.pegawai_id):
        return False
    return permissions.can_manage_opd(actor, pengajuan.opd_id)


def _ambil_untuk_diputus(actor: Pegawai, pengajuan: PengajuanKewenangan) -> PengajuanKewenangan:
    pengajuan = PengajuanKewenangan.objects.select_for_update().get(pk=pengajuan.pk)
    if not boleh_memutus(actor, pengajuan):
        raise PermissionDenied(PENGAJUAN_ORANG_KEDUA)
    if pengajuan.status != PengajuanKewenangan.Status.MENUNGGU or pengajuan.kedaluwarsa <= timezone.now():
        raise ValidationError(PENGAJUAN_SELESAI)
    return pengajuan


def _putus(actor: Pegawai, pengajuan: PengajuanKewenangan, status: str) -> None:
    pengajuan.status, pengajuan.pemutus, pengajuan.diputus = status, actor, timezone.now()
    pengajuan.save(update_fields=["status", "pemutus", "diputus"])
    record(
        actor=actor,
        aksi="pengajuan.setujui" if status == PengajuanKewenangan.Status.DISETUJUI else "pengajuan.tolak",
        objek=pengajuan,
        jenis=pengajuan.jenis,
        pegawai=pengajuan.pegawai_id,
        pengaju=pengajuan.pengaju_id,
        sebelum=pengajuan.sebelum,
        sesudah=pengajuan.sesudah,
    )


@transaction.atomic
def setujui(*, actor: Pegawai, pengajuan: PengajuanKewenangan) -> PengajuanKewenangan:
    """Admin Pemda or a second admin applies exactly the proposed change, if the pegawai's state is still
    the one it was proposed against. An e-mail approved by an admin OPD still waits for the old address."""
    pengajuan = _ambil_untuk_diputus(actor, pengajuan)
    pegawai = Pegawai.objects.select_for_update(of=("self",)).select_related("user").get(pk=pengajuan.pegawai_id)
    if _keadaan(pengajuan.jenis, pegawai, pengajuan.sesudah) != pengajuan.sebelum:
        raise ValidationError(PENGAJUAN_BASI)
    _putus(actor, pengajuan, PengajuanKewenangan.Status.DISETUJUI)
    sesudah = pengajuan.sesudah
    if pengajuan.jenis == PengajuanKewenangan.Jenis.JABATAN:
        lama = pegawai.jabatan_id
        pegawai.jabatan_id = sesudah["jabatan"]
        pegawai.save(update_fields=["jabatan"])
        record(
            actor=actor,
            aksi="pegawai.ubah",
            objek=pegawai,
            diubah=["jabatan"],
            perubahan={"jabatan_id": [lama, pegawai.jabatan_id]},
            pengajuan=pengajuan.pk,
        )
        penerapan.kabari_pindah(pegawai, actor)
    elif pengajuan.jenis == PengajuanKewenangan.Jenis.PERAN:
        penerapan.beri_peran(actor, pegawai, sesudah["jenis"], UnitKerja.objects.get(pk=sesudah["opd"]))
    else:
        penerapan.ganti_email(actor, pegawai, sesudah["email"])
    return pengajuan


@transaction.atomic
def tolak(*, actor: Pegawai, pengajuan: PengajuanKewenangan) -> PengajuanKewenangan:
    """Admin Pemda or a second admin turns the request down; nothing else changes. The pegawai is told."""
    pengajuan = _ambil_untuk_diputus(actor, pengajuan)
    _putus(actor, pengajuan, PengajuanKewenangan.Status.DITOLAK)
    kabar.kewenangan(
        pengajuan.pegawai,
        actor,
        "Pengajuan perubahan kewenangan ditolak",
        f"{actor} menolak pengajuan {pengajuan.pengaju}: {pengajuan.uraian}.",
        url_admin=reverse("organisasi:pengajuan_list"),
    )
    return pengajuan
