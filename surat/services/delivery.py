"""Delivery and what follows it: internal inboxes and agenda lines at signing, read receipts, "acted
on", and the pencatat's record of a letter sent to an external addressee."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lib.errors import InvalidTransition
from lib.signals import send_on_commit
from organisasi import acting
from organisasi.models import Pegawai
from rekap import fakta  # layer: the Rekap's summary rows change in the same transaction as the letters
from surat import numbering, signals
from surat.models import Agenda, AksesSurat, Penerima, Penomoran, Surat, SuratLog
from surat.services.base import A, S, _audit, _grant_rows, _lock, _log, _log_row


def _deliver(
    actor: Pegawai, surat: Surat, now: datetime.datetime, *, pencatat_opd_ids: Iterable[int] = ()
) -> dict[int, Penerima]:
    """Signed letter -> internal inboxes (access for TUJUAN and TEMBUSAN, a log line each); externals wait
    for the sending OPD's pencatat (kirim_status BELUM). Returns the receiving OPDs that need an agenda
    line (the first TUJUAN row of each): signing numbers them with `_number_agenda` after the signature.
    The rows are written in one statement per table however many addressees (`pencatat_opd_ids`: more
    OPDs whose pencatat get access in the same statement, the sender's)."""
    penerima = list(surat.penerima.select_related("jabatan").order_by("jenis", "urutan", "id"))  # no join to order
    agenda_opd: dict[int, Penerima] = {}
    akses = [AksesSurat(surat=surat, opd_id=o, peran=AksesSurat.Peran.PENCATAT) for o in pencatat_opd_ids]
    logs = []
    for p in penerima:
        p.nama_tampil = p.nama[:255]
        if p.is_eksternal:
            p.kirim_status = Penerima.KirimStatus.BELUM
            continue
        p.diterima_pada = now
        tujuan = p.jenis == Penerima.Jenis.TUJUAN
        peran = AksesSurat.Peran.TUJUAN if tujuan else AksesSurat.Peran.TEMBUSAN
        akses.append(AksesSurat(surat=surat, jabatan_id=p.jabatan_id, peran=peran))
        if tujuan and p.opd_id and p.opd_id not in agenda_opd:
            agenda_opd[p.opd_id] = p
            akses.append(AksesSurat(surat=surat, opd_id=p.opd_id, peran=AksesSurat.Peran.PENCATAT))
        logs.append(_log_row(surat, actor, A.DITERIMA, jabatan=p.jabatan_id, penerima=p))
    logs.append(_log_row(surat, actor, A.DIKIRIM, ke=surat.status))
    Penerima.objects.bulk_update(penerima, ["nama_tampil", "kirim_status", "diterima_pada"])
    _grant_rows(akses)
    SuratLog.objects.bulk_create(logs)
    return agenda_opd


def _number_agenda(surat: Surat, agenda_opd: dict[int, Penerima], tanggal: datetime.date) -> list[Agenda]:
    """An agenda line in each receiving OPD's book. The counters are taken in OPD id order (surat/
    numbering.py: the lock order), so two signings to overlapping recipients never wait on each other
    in a circle."""
    return [
        _agenda(surat, opd_id=opd_id, tahun=tanggal.year, penerima=agenda_opd[opd_id], tanggal=tanggal, actor=None)
        for opd_id in sorted(agenda_opd)
    ]


def _agenda(
    surat: Surat, *, opd_id: int, tahun: int, penerima: Penerima | None, tanggal: datetime.date, actor: Pegawai | None
) -> Agenda:
    nomor = numbering.next_value(opd=opd_id, tahun=tahun, seri=Penomoran.Seri.AGENDA)
    return Agenda.objects.create(
        opd_id=opd_id,
        tahun=tahun,
        nomor=nomor,
        surat=surat,
        penerima=penerima,
        tanggal_terima=tanggal,
        dicatat_oleh=actor,
    )


# ---------------------------------------------------------------- reading and follow-up


def mark_read(*, actor: Pegawai, surat: Surat) -> int:
    """Anyone who may read the letter, on opening it: the first read of each of the actor's received
    Penerima rows is recorded (with its log line, the Rekap's count and an audit event), and surat_dibuka is
    announced (their notices about it count as read). Returns how many rows were read for the first time.

    A letter is opened far more often than it is first read, so a later opening writes nothing: the rows
    come from `surat.penerima` (prefetched by the letter page, surat.rincian.muat_penerima) and the actor's
    jabatan from `acting.of`, the same resolution that let them open the page a moment ago; the
    conditional UPDATE still records each first read once. surat_dibuka is sent after commit without the
    outbox: it only marks notices read, is harmless to repeat and is repeated by the next opening, so a
    stored announcement (two write transactions on every view) would guard nothing."""
    ids = acting.of(actor).jabatan_ids
    rows = [
        p for p in surat.penerima.all() if p.jabatan_id in ids and p.diterima_pada is not None and p.dibaca_pada is None
    ]
    count = _first_read(actor, surat, rows) if rows else 0
    send_on_commit(signals.surat_dibuka, Surat, surat_id=surat.pk, pegawai_id=actor.pk)
    return count


@transaction.atomic
def _first_read(actor: Pegawai, surat: Surat, rows: list[Penerima]) -> int:
    # A first read of an urgent letter leaves the Rekap's "belum dibaca" count.
    perubahan = fakta.sebelum(surat.pk)
    now = timezone.now()
    count = 0
    for p in rows:
        if Penerima.objects.filter(pk=p.pk, dibaca_pada__isnull=True).update(dibaca_pada=now, dibaca_oleh=actor):
            count += 1
            p.dibaca_pada, p.dibaca_oleh = now, actor  # the page drawn next shows it read
            _log(surat, actor, A.DIBACA, jabatan=p.jabatan_id, penerima=p)
    if count:
        perubahan.simpan()
        _audit(actor, "dibaca", surat)
    return count


@transaction.atomic
def mark_ditindaklanjuti(*, actor: Pegawai, surat: Surat) -> int:
    """An addressee (TUJUAN) marks the letter as acted on (disposition or reply done)."""
    ids = acting.fresh(actor).jabatan_ids
    now = timezone.now()
    count = Penerima.objects.filter(
        surat=surat,
        jenis=Penerima.Jenis.TUJUAN,
        jabatan_id__in=ids,
        diterima_pada__isnull=False,
        ditindaklanjuti_pada__isnull=True,
    ).update(ditindaklanjuti_pada=now)
    if not count:
        raise PermissionDenied("Surat ini tidak ditujukan kepada Anda atau sudah ditindaklanjuti.")
    _audit(actor, "ditindaklanjuti", surat)
    return count


@transaction.atomic
def eksternal_sent(
    *,
    actor: Pegawai,
    penerima: Penerima,
    cara: str,
    dikirim_pada: datetime.datetime | None = None,
    catatan: str = "",
) -> Penerima:
    """The pencatat of the sending OPD: record that a signed letter went out to an external addressee."""
    surat = _lock(penerima.surat)
    if surat.opd_id not in acting.fresh(actor).pencatat_opd_ids:
        raise PermissionDenied("Hanya pencatat OPD pengirim yang boleh mencatat pengiriman.")
    if not penerima.is_eksternal or surat.status != S.TERKIRIM:
        raise InvalidTransition("Penerima ini tidak menunggu pengiriman.")
    if cara not in Penerima.KirimCara.values:
        raise ValidationError({"cara": "Pilih cara pengiriman."})
    dikirim_pada = dikirim_pada or timezone.now()
    if dikirim_pada > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"dikirim_pada": "Waktu pengiriman tidak boleh di masa depan."})
    perubahan = fakta.sebelum(surat.pk)
    updated = Penerima.objects.filter(pk=penerima.pk, kirim_status=Penerima.KirimStatus.BELUM).update(
        kirim_status=Penerima.KirimStatus.TERKIRIM,
        kirim_cara=cara,
        dikirim_pada=dikirim_pada,
        dikirim_oleh=actor,
        kirim_catatan=(catatan or "").strip(),
    )
    if not updated:
        raise InvalidTransition("Pengiriman ke penerima ini sudah dicatat.")
    perubahan.simpan()
    penerima.refresh_from_db()
    _log(
        surat,
        actor,
        A.DIKIRIM_EKSTERNAL,
        catatan=f"{penerima.get_kirim_cara_display()}: {penerima.eksternal_nama}",
        penerima=penerima,
    )
    _audit(actor, "dikirim_eksternal", surat, penerima=penerima.pk, cara=cara)
    return penerima
