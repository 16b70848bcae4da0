"""The writes that change what someone may do (who holds a post, a role, an account's e-mail) and the
notice to the person concerned, applied in two places: at once by organisasi.services when an admin
Pemda makes the change, or by organisasi.persetujuan when a second person approves an admin OPD's
request. Called inside their callers' transactions; permission is the callers' to check."""

from __future__ import annotations

from audit.services import record
from organisasi import akun_email, kabar
from organisasi.models import Pegawai, Peran, UnitKerja


def kabari_pindah(pegawai: Pegawai, actor: Pegawai | None) -> None:
    baru = pegawai.jabatan.nama if pegawai.jabatan_id else "tanpa jabatan"
    kabar.kewenangan(pegawai, actor, "Jabatan Anda diubah", f"{actor or 'Sistem'} memindahkan {pegawai} ke {baru}.")


def ganti_email(actor: Pegawai | None, pegawai: Pegawai, baru: str) -> None:
    """What the actor may do to the address: set it (admin Pemda), or request it from the old address."""
    if akun_email.perlu_konfirmasi(actor, pegawai):
        akun_email.minta(actor=actor, pegawai=pegawai, baru=baru)
        pegawai.email_menunggu = baru
    else:
        akun_email.terapkan(actor=actor, pegawai=pegawai, baru=baru)


def beri_peran(actor: Pegawai | None, pegawai: Pegawai, jenis: str, opd: UnitKerja | None) -> Peran:
    peran = Peran.objects.create(pegawai=pegawai, jenis=jenis, opd=opd)
    record(actor=actor, aksi="peran.beri", objek=peran, pegawai=pegawai.pk, jenis=jenis, opd=opd.pk if opd else None)
    tempat = f" untuk {opd}" if opd else ""
    kabar.kewenangan(
        pegawai,
        actor,
        "Anda mendapat peran baru",
        f"{actor or 'Sistem'} memberi peran {peran.get_jenis_display()}{tempat}.",
    )
    return peran


def pemangku_lain(jabatan_id: int, pegawai_id: int | None) -> Pegawai | None:
    return Pegawai.objects.filter(jabatan_id=jabatan_id).exclude(pk=pegawai_id).first()


def pegawai_opd_id(pegawai: Pegawai) -> int | None:
    return pegawai.jabatan.unit.opd_id if pegawai.jabatan_id else None
