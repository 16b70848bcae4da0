"""Reads for the guides and the training pages: tour state, a trainee's progress, the trainer's table."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from audit.models import AuditEvent
from lib.kueri_siap import Siap
from organisasi import acting, permissions
from organisasi.models import Pegawai
from panduan.latihan import AKSI_DIPERIKSA, LATIHAN, Kejadian
from panduan.models import PanduanStatus

AKSI_RESET = "latihan.reset"


def perlu_tur(pegawai: Pegawai) -> bool:
    """True until the pegawai finished or skipped the first-sign-in tour (or asked to replay it)."""
    return not _TUR_SELESAI(pegawai_id=pegawai.pk)


# Asked on every Beranda: compiled and prepared once (lib.kueri_siap); built per request it cost 1 ms.
_TUR_SELESAI = Siap(
    lambda pegawai_id: (
        PanduanStatus.objects.filter(pegawai_id=pegawai_id, tur_selesai_pada__isnull=False)
        .order_by()
        .values_list("pk")[:1]
    ),
    di_server=True,
)


def peran_panduan(pegawai: Pegawai) -> str:
    """Which role's guide (panduan.guides.PERAN key) fits a pegawai: admin (the structure), pencatat (mail and
    the agenda book), arsiparis, pejabat (whoever heads a unit or signs), else staf (writes letters)."""
    actor = acting.of(pegawai)
    if permissions.is_admin(pegawai):
        return "admin"
    if actor.pencatat_opd_ids:
        return "pencatat"
    if actor.arsiparis_opd_ids:
        return "arsiparis"
    if any(a.jabatan.is_kepala_unit or a.jabatan.dapat_menandatangani for a in actor.jabatan):
        return "pejabat"
    return "staf"


def reset_terakhir_id() -> int:
    """Id of the audit event of the last training reset; progress counts only what came after it."""
    return AuditEvent.objects.filter(aksi=AKSI_RESET).order_by("-id").values_list("id", flat=True).first() or 0


def kejadian_for(pegawai_ids: list[int]) -> dict[int, list[Kejadian]]:
    """The checked audit events of these pegawai since the last reset, oldest first, per pegawai."""
    rows = (
        AuditEvent.objects.filter(actor_id__in=pegawai_ids, aksi__in=AKSI_DIPERIKSA, id__gt=reset_terakhir_id())
        .order_by("id")
        .values_list("actor_id", "aksi", "objek_id", "data")
    )
    out: dict[int, list[Kejadian]] = defaultdict(list)
    for actor_id, aksi, objek_id, data in rows:
        out[actor_id].append(Kejadian(aksi=aksi, objek_id=objek_id, data=data or {}))
    return out


def kemajuan(events: list[Kejadian]) -> list[dict[str, Any]]:
    """Per exercise: its steps with a done flag, and how many are done."""
    result = []
    for latihan in LATIHAN:
        langkah = [(step, step.cek(events)) for step in latihan.langkah]
        jumlah = sum(done for _, done in langkah)
        result.append(
            {"latihan": latihan, "langkah": langkah, "jumlah_selesai": jumlah, "selesai": jumlah == len(langkah)}
        )
    return result


def kemajuan_for(pegawai: Pegawai) -> list[dict[str, Any]]:
    """The checklist of one trainee."""
    return kemajuan(kejadian_for([pegawai.pk]).get(pegawai.pk, []))


def peserta_for(pelatih: Pegawai):
    """Trainees a trainer sees: everybody who has signed in, limited to the OPD the trainer manages."""
    qs = Pegawai.objects.filter(user__last_login__isnull=False).select_related("jabatan__unit").order_by("nama")
    opd_ids = permissions.managed_opd_ids(pelatih)
    if opd_ids is not None:
        qs = qs.filter(jabatan__unit__opd_id__in=opd_ids)
    return qs


def tabel_pelatih(pelatih: Pegawai) -> list[dict[str, Any]]:
    """One row per trainee: the pegawai, per exercise (done steps, all steps, finished), exercises finished."""
    peserta = list(peserta_for(pelatih))
    events = kejadian_for([p.pk for p in peserta])
    rows = []
    for p in peserta:
        progress = kemajuan(events.get(p.pk, []))
        rows.append(
            {
                "pegawai": p,
                "kemajuan": progress,
                "jumlah_selesai": sum(1 for k in progress if k["selesai"]),
            }
        )
    return rows
