"""Signing: the signer (own post, Plt or Plh) numbers and dates the letter, freezes the signature block
and delivers it in one transaction; or returns the draft with a note.

Rendering and signing take seconds (BSrE up to its timeout), so while they run the transaction holds
only the letter's row and the signing OPD's number counter (which must stay held: no gaps). The
receiving OPDs' agenda counters are taken in a short step after the signature, in OPD id order, and the
audit events are chained last (audit.services.chained_at_end); the order is in surat/numbering.py."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from audit.services import chained_at_end
from lib.errors import InvalidTransition
from organisasi import acting
from organisasi.acting import Actor
from organisasi.models import Jabatan, Pegawai, Pemda
from rekap import fakta  # layer: the Rekap's summary rows change in the same transaction as the letters
from surat import numbering, signals
from surat.models import Penerima, Surat
from surat.services.base import A, S, _announce, _audit, _lock, _require_catatan, surat_transition
from surat.services.delivery import _deliver, _number_agenda
from surat.services.koreksi import terapkan as terapkan_koreksi


def _require_signer(actor: Pegawai, surat: Surat) -> Actor:
    """The signer as acting today (read again under the lock: a Plh may have ended)."""
    if surat.status != S.TTD:
        raise InvalidTransition("Surat ini tidak sedang menunggu tanda tangan.")
    me = acting.fresh(actor)
    if not me.acts_in(surat.penandatangan_id):
        raise PermissionDenied("Anda bukan penandatangan surat ini.")
    return me


@transaction.atomic
def sign(*, actor: Pegawai, surat: Surat, before_commit: Callable[[Surat], None] | None = None) -> Surat:
    """Whoever acts in the signer's jabatan today: number and date the letter, freeze the signature block,
    deliver it (TERKIRIM). `before_commit(surat)` runs inside the transaction once the number is set (PDF
    + electronic signature); if it raises, the number, the delivery and everything else roll back. The
    agenda numbers and the audit chain come after it (see the module docstring)."""
    with chained_at_end():
        perubahan = fakta.sebelum(surat.pk)
        agenda_opd = _number_and_deliver(actor, surat)
        if before_commit is not None:
            before_commit(surat)
        # A ralat/pencabutan marks the letter it corrects: a short row lock of that letter, after the
        # signature like the agenda numbers (the old letter is not held while the PDF is signed).
        terapkan_koreksi(actor, surat)
        _number_agenda(surat, agenda_opd, surat.tanggal)
        # Last, like the agenda numbers: the OPD's summary rows are not held while the PDF is signed.
        perubahan.simpan()
    _announce(signals.surat_ditandatangani, surat)
    _announce(signals.surat_diterima, surat)
    return surat


def _number_and_deliver(actor: Pegawai, surat: Surat) -> dict[int, Penerima]:
    _lock(surat)
    me = _require_signer(actor, surat)
    jabatan = Jabatan.objects.select_related("unit__opd").get(pk=surat.penandatangan_id)
    now = timezone.now()
    today = timezone.localdate(now)
    opd_ttd = jabatan.unit.opd or jabatan.unit
    pemda = Pemda.current()
    per_kka = bool(pemda and pemda.nomor_per_kka)
    kka = surat.klasifikasi.kode if surat.klasifikasi_id else ""
    urut, nomor = numbering.nomor_surat_bebas(
        opd=opd_ttd,
        tahun=today.year,
        kka=kka,
        per_kka=per_kka,
        pola=pemda.pola_nomor if pemda else numbering.POLA_BAWAAN,
        kode_opd=opd_ttd.kode or opd_ttd.singkatan,
        tanggal=today,
    )
    ub = ""
    if surat.untuk_beliau and jabatan.atasan_id:
        ub = Jabatan.objects.values_list("nama", flat=True).get(pk=jabatan.atasan_id)
    updates = {
        "nomor": nomor,
        "nomor_urut": urut,
        "tahun": today.year,
        "tanggal": today,
        "ditandatangani_pada": now,
        "penandatangan_pegawai": actor,
        "ttd_nama": actor.nama_lengkap,
        "ttd_nip": actor.nip or "",
        "ttd_pangkat": actor.get_pangkat_display() if actor.pangkat else "",
        "ttd_jabatan": jabatan.nama,
        "ttd_sebutan": me.singkatan(jabatan.pk),
        "ttd_atas_nama": surat.atas_nama.nama if surat.atas_nama_id else "",
        "ttd_untuk_beliau": ub,
        "giliran_id": None,
    }
    surat_transition(actor=actor, surat=surat, to=S.TERKIRIM, aksi=A.DITANDATANGANI, jabatan=jabatan, updates=updates)
    agenda_opd = _deliver(actor, surat, now, pencatat_opd_ids=[surat.opd_id])
    _audit(actor, "ditandatangani", surat, nomor=nomor, jabatan=jabatan.pk, sebutan=updates["ttd_sebutan"])
    return agenda_opd


@transaction.atomic
def signer_return(*, actor: Pegawai, surat: Surat, catatan: str) -> Surat:
    """The signer: return the draft with a note -> KONSEP."""
    catatan = _require_catatan(catatan)
    _lock(surat)
    _require_signer(actor, surat)
    surat_transition(
        actor=actor, surat=surat, to=S.KONSEP, aksi=A.DIKEMBALIKAN, jabatan=surat.penandatangan_id, catatan=catatan
    )
    _audit(actor, "dikembalikan", surat, jabatan=surat.penandatangan_id, catatan=catatan)
    _announce(signals.surat_dikembalikan, surat)
    return surat
