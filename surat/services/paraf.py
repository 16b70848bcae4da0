"""The paraf chain: submitting a draft (a new SuratVersi each time), each verifikator's paraf in order,
and returning the draft to its drafter with a note."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lib.errors import InvalidTransition
from organisasi import acting
from organisasi.models import Pegawai
from surat import signals
from surat.models import AksesSurat, Surat, SuratVersi, Verifikator
from surat.services.base import (
    A,
    S,
    _announce,
    _audit,
    _grant,
    _lock,
    _require_catatan,
    _require_drafter,
    _require_konsep,
    _sync_akses_alur,
    surat_transition,
)
from surat.services.validation import _validate_lengkap
from surat.versi import snapshot


@transaction.atomic
def surat_submit(*, actor: Pegawai, surat: Surat) -> Surat:
    """The drafter: KONSEP -> PARAF (first verifikator's turn) or -> TTD when there is no chain.
    Every submission is kept as a SuratVersi (version 1 = first submission)."""
    _lock(surat)
    _require_drafter(actor, surat)
    _require_konsep(surat)
    _validate_lengkap(surat)
    terakhir = surat.riwayat_versi.order_by("-versi").values_list("versi", flat=True).first()
    versi = (terakhir or 0) + 1
    SuratVersi.objects.create(surat=surat, versi=versi, snapshot=snapshot(surat), dibuat_oleh=actor)
    surat.verifikator.update(status=Verifikator.Status.MENUNGGU, pegawai=None, waktu=None, catatan="")
    pertama = surat.verifikator.order_by("urutan").first()
    chain_ids = list(surat.verifikator.values_list("jabatan_id", flat=True))
    _sync_akses_alur(surat)
    _grant(surat, AksesSurat.Peran.VERIFIKATOR, jabatan_ids=chain_ids)
    _grant(surat, AksesSurat.Peran.PENANDATANGAN, jabatan_ids=[surat.penandatangan_id])
    to = S.PARAF if pertama else S.TTD
    surat_transition(
        actor=actor,
        surat=surat,
        to=to,
        aksi=A.DIAJUKAN,
        jabatan=surat.jabatan_konseptor_id,
        updates={"giliran_id": pertama.jabatan_id if pertama else None, "versi": versi},
    )
    _audit(actor, "diajukan", surat, versi=versi, ke=to)
    _announce(signals.surat_diajukan, surat)
    return surat


def _giliran_row(actor: Pegawai, surat: Surat) -> Verifikator:
    if surat.status != S.PARAF:
        raise InvalidTransition("Surat ini tidak sedang menunggu paraf.")
    if not acting.fresh(actor).acts_in(surat.giliran_id):
        raise PermissionDenied("Belum giliran Anda memaraf surat ini.")
    return surat.verifikator.get(jabatan_id=surat.giliran_id)


@transaction.atomic
def paraf_approve(*, actor: Pegawai, surat: Surat, catatan: str = "") -> Surat:
    """The verifikator whose turn it is: paraf; the next verifikator's turn, or -> TTD after the last."""
    _lock(surat)
    row = _giliran_row(actor, surat)
    now = timezone.now()
    Verifikator.objects.filter(pk=row.pk).update(
        status=Verifikator.Status.DISETUJUI, pegawai=actor, waktu=now, catatan=(catatan or "").strip()
    )
    berikut = surat.verifikator.filter(urutan__gt=row.urutan).order_by("urutan").first()
    surat_transition(
        actor=actor,
        surat=surat,
        to=S.PARAF if berikut else S.TTD,
        aksi=A.DIPARAF,
        jabatan=row.jabatan_id,
        catatan=(catatan or "").strip(),
        guard={"giliran_id": row.jabatan_id},
        updates={"giliran_id": berikut.jabatan_id if berikut else None},
    )
    _audit(actor, "diparaf", surat, jabatan=row.jabatan_id)
    _announce(signals.surat_diparaf, surat)
    return surat


@transaction.atomic
def paraf_return(*, actor: Pegawai, surat: Surat, catatan: str) -> Surat:
    """The verifikator whose turn it is: return the draft with a note -> KONSEP."""
    catatan = _require_catatan(catatan)
    _lock(surat)
    row = _giliran_row(actor, surat)
    Verifikator.objects.filter(pk=row.pk).update(
        status=Verifikator.Status.DIKEMBALIKAN, pegawai=actor, waktu=timezone.now(), catatan=catatan
    )
    surat_transition(
        actor=actor,
        surat=surat,
        to=S.KONSEP,
        aksi=A.DIKEMBALIKAN,
        jabatan=row.jabatan_id,
        catatan=catatan,
        guard={"giliran_id": row.jabatan_id},
        updates={"giliran_id": None},
    )
    _audit(actor, "dikembalikan", surat, jabatan=row.jabatan_id, catatan=catatan)
    _announce(signals.surat_dikembalikan, surat)
    return surat
