"""Corrections of a signed letter (Tata Naskah Dinas): a signed letter never changes; the drafting OPD
writes a new letter that corrects it (ralat) or withdraws it (pencabutan), drafted, initialled and
signed like any other. The two are linked both ways: the new letter's `koreksi_untuk`, and, once the
new one is signed, the old letter's `dikoreksi_oleh` / `dikoreksi` (what its page, its recipients'
inboxes and the public verification page say)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import date as format_date
from django.utils.html import escape

from lib.errors import InvalidTransition
from organisasi import acting
from organisasi.models import Pegawai
from surat import signals
from surat.models import JenisSurat, Surat
from surat.selectors import alasan_tidak_dapat_dikoreksi, jabatan_pengoreksi
from surat.services.base import A, _announce, _audit, _log
from surat.services.drafting import surat_create
from surat.services.validation import validate_koreksi

J = Surat.JenisKoreksi


def _isi_awal(surat: Surat, jenis: str) -> str:
    tanggal = format_date(surat.tanggal, "j F Y") if surat.tanggal else ""
    pokok = f"surat kami nomor {escape(surat.nomor)} tanggal {tanggal} hal {escape(surat.hal)}"
    if jenis == J.PENCABUTAN:
        return (
            f"<p>Dengan ini kami mencabut {pokok}. Surat tersebut dinyatakan tidak berlaku sejak tanggal "
            "surat ini.</p><p>Alasan pencabutan: …</p>"
        )
    return f"<p>Sehubungan dengan {pokok}, dengan ini kami sampaikan ralat sebagai berikut:</p><p>…</p>"


def _penerima(surat: Surat) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"tujuan": [], "tembusan": []}
    for p in surat.penerima.select_related("jabatan"):
        if p.jabatan_id:
            if p.jabatan.aktif:
                out[p.jenis].append(p.jabatan)
        else:
            out[p.jenis].append({"nama": p.eksternal_nama, "alamat": p.eksternal_alamat, "email": p.eksternal_email})
    return out


@transaction.atomic
def koreksi_mulai(*, actor: Pegawai, surat: Surat, jenis: str) -> Surat:
    """Someone acting in a jabatan of the drafting OPD who may read the letter: start a ralat or a
    pencabutan of a signed letter (a KONSEP addressed like the original, for the same signer)."""
    if jenis not in J.values:
        raise ValidationError({"jenis_koreksi": "Pilih ralat atau pencabutan."})
    me = acting.fresh(actor)
    jabatan = jabatan_pengoreksi(me, surat)
    if jabatan is None or not Surat.objects.readable_by(me).filter(pk=surat.pk).exists():
        raise PermissionDenied("Hanya OPD pembuat surat yang dapat meralat atau mencabutnya.")
    surat = (
        Surat.objects.select_for_update(of=("self",))
        .select_related("jenis", "klasifikasi", "penandatangan")
        .get(pk=surat.pk)
    )
    alasan = alasan_tidak_dapat_dikoreksi(surat)
    if alasan:
        raise InvalidTransition(alasan)
    jenis_surat = surat.jenis if surat.jenis.aktif else JenisSurat.objects.get(kode="surat-dinas")
    awalan = "Ralat" if jenis == J.RALAT else "Pencabutan"
    penandatangan = surat.penandatangan if surat.penandatangan_id and surat.penandatangan.aktif else None
    baru = surat_create(
        actor=actor,
        jabatan_konseptor=jabatan,
        jenis=jenis_surat,
        hal=f"{awalan} surat nomor {surat.nomor} hal {surat.hal}"[:500],
        isi=_isi_awal(surat, jenis),
        klasifikasi=surat.klasifikasi if surat.klasifikasi_id and surat.klasifikasi.aktif else None,
        keamanan=surat.keamanan,
        urgensi=surat.urgensi,
        data_tambahan=surat.data_tambahan,
        penandatangan=penandatangan,
        atas_nama=surat.atas_nama if penandatangan else None,
        untuk_beliau=surat.untuk_beliau if penandatangan else False,
        **_penerima(surat),
    )
    Surat.objects.filter(pk=baru.pk).update(koreksi_untuk=surat, jenis_koreksi=jenis)
    baru.koreksi_untuk, baru.jenis_koreksi = surat, jenis
    # No timeline row on the old letter yet: its recipients (other OPD) see that timeline, and a draft
    # is the drafting OPD's internal work until it is signed.
    _audit(actor, "koreksi_dikonsep", surat, konsep=baru.pk, jenis=jenis)
    return baru


def terapkan(actor: Pegawai, surat: Surat) -> None:
    """Inside the signing transaction of a correction: mark the old letter as corrected or withdrawn by
    it, log it on the old letter and announce it (its recipients are notified)."""
    if not surat.koreksi_untuk_id:
        return
    validate_koreksi(surat)
    lama = Surat.objects.select_for_update().get(pk=surat.koreksi_untuk_id)
    if lama.dikoreksi == Surat.StatusKoreksi.DICABUT:
        raise InvalidTransition(f"Surat nomor {lama.nomor} sudah dicabut; ralat atau pencabutan ini tidak diperlukan.")
    status = Surat.StatusKoreksi.DICABUT if surat.jenis_koreksi == J.PENCABUTAN else Surat.StatusKoreksi.DIRALAT
    Surat.objects.filter(pk=lama.pk).update(dikoreksi=status, dikoreksi_oleh=surat)
    aksi = A.DICABUT if status == Surat.StatusKoreksi.DICABUT else A.DIRALAT
    _log(lama, actor, aksi, jabatan=surat.penandatangan_id, catatan=f"Dengan surat nomor {surat.nomor}")
    _audit(actor, status, lama, oleh=surat.pk, nomor=surat.nomor)
    _announce(signals.surat_dikoreksi, lama)
