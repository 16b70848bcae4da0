"""Replies: a recipient starts a reply, a KONSEP linked to the letter and addressed to its sender."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lib.errors import InvalidTransition
from organisasi import acting
from organisasi.models import Jabatan, Pegawai
from surat.models import JenisSurat, Surat
from surat.services.base import A, _log
from surat.services.drafting import surat_create


@transaction.atomic
def balas(*, actor: Pegawai, surat: Surat, jabatan_konseptor: Jabatan, jenis: JenisSurat | None = None) -> Surat:
    """A recipient who can read the letter: start a reply (a KONSEP linked to it, addressed to the sender)."""
    if not Surat.objects.readable_by(acting.fresh(actor)).filter(pk=surat.pk).exists():
        raise PermissionDenied("Anda tidak dapat membalas surat ini.")
    if not surat.is_final:
        raise InvalidTransition("Hanya surat yang sudah dikirim atau dicatat yang dapat dibalas.")
    if jenis is None:
        korespondensi = (JenisSurat.Keluarga.KORESPONDENSI_EKSTERN, JenisSurat.Keluarga.KORESPONDENSI_INTERN)
        jenis = (
            surat.jenis
            if surat.jenis.keluarga in korespondensi and surat.jenis.aktif
            else JenisSurat.objects.get(kode="surat-dinas")
        )
    if surat.sumber == Surat.Sumber.MASUK_LUAR:
        tujuan: list[Any] = [{"nama": surat.asal_instansi}]
    elif surat.penandatangan_id:
        tujuan = [surat.penandatangan]
    else:
        tujuan = []
    balasan = surat_create(
        actor=actor,
        jabatan_konseptor=jabatan_konseptor,
        jenis=jenis,
        hal=surat.hal,
        klasifikasi=surat.klasifikasi if surat.klasifikasi_id and surat.klasifikasi.aktif else None,
        keamanan=surat.keamanan,
        tujuan=tujuan,
        balasan_untuk=surat,
    )
    _log(surat, actor, A.DIBALAS, jabatan=jabatan_konseptor, catatan=f"Konsep balasan #{balasan.pk}")
    return balasan
