"""Writes of the Rekap: the unit costs (admin Pemda), and the monthly report PDF a viewer asks for
(queued, rendered by a worker like the other print jobs, PDF/A). The weekly digest is in rekap.mingguan."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit.services import record
from organisasi import acting
from organisasi.models import Pegawai
from rekap import pdf, periode, ringkasan
from rekap.jangkauan import lingkup_for
from rekap.models import BiayaSatuan, LaporanBulanan

BIAYA_FIELDS = ("harga_kertas", "harga_toner", "biaya_kurir", "halaman_per_surat")


@transaction.atomic
def simpan_biaya(
    *, actor: Pegawai, harga_kertas: int, harga_toner: int, biaya_kurir: int, halaman_per_surat: int
) -> BiayaSatuan:
    """Admin Pemda: set the unit costs of the savings estimate (one row, created on first save)."""
    if not acting.fresh(actor).is_admin_pemda:
        raise PermissionDenied("Hanya Admin Pemda yang boleh mengubah biaya satuan.")
    biaya = BiayaSatuan.objects.select_for_update().order_by("pk").first() or BiayaSatuan()
    lama = {f: getattr(biaya, f) for f in BIAYA_FIELDS}
    biaya.harga_kertas, biaya.harga_toner, biaya.biaya_kurir = harga_kertas, harga_toner, biaya_kurir
    biaya.halaman_per_surat = halaman_per_surat
    biaya.diubah_oleh = actor
    biaya.full_clean()
    biaya.save()
    baru = {f: getattr(biaya, f) for f in BIAYA_FIELDS}
    record(actor=actor, aksi="rekap.biaya_satuan", objek=biaya, lama=lama, baru=baru)
    return biaya


@transaction.atomic
def minta_laporan_bulanan(
    *,
    actor: Pegawai,
    bulan: datetime.date,
    opd_id: int | None,
    unit_id: int | None,
    enqueue: Callable[[int], None],
) -> LaporanBulanan:
    """A viewer of the Rekap: queue the one-page monthly report of a month (not in the future) for a
    scope within their reach."""
    lingkup = lingkup_for(acting.fresh(actor), opd_id, unit_id)
    if lingkup is None:
        raise PermissionDenied
    bulan = bulan.replace(day=1)
    if bulan > timezone.localdate():
        raise ValueError("Bulan yang dilaporkan belum dimulai.")
    laporan = LaporanBulanan.objects.create(
        pemohon=actor, bulan=bulan, opd=lingkup.opd, unit=lingkup.unit, status=LaporanBulanan.Status.DIPROSES
    )
    record(actor=actor, aksi="rekap.laporan_bulanan", objek=laporan, bulan=bulan, opd=opd_id, unit=unit_id)
    transaction.on_commit(lambda: enqueue(laporan.pk))
    return laporan


def render_laporan(laporan_id: int) -> LaporanBulanan | None:
    """System (Celery): render a queued monthly report. Idempotent; a requester who lost the reach gets
    GAGAL with a message; a crash marks it GAGAL and re-raises for the task's retry."""
    try:
        return _render_laporan(laporan_id)
    except Exception as exc:
        LaporanBulanan.objects.filter(pk=laporan_id, status=LaporanBulanan.Status.DIPROSES).update(
            status=LaporanBulanan.Status.GAGAL, error=type(exc).__name__
        )
        raise


@transaction.atomic
def _render_laporan(laporan_id: int) -> LaporanBulanan | None:
    laporan = (
        LaporanBulanan.objects.select_for_update(of=("self",))
        .select_related("pemohon__user", "pemohon__jabatan__unit")
        .filter(pk=laporan_id)
        .first()
    )
    if laporan is None or laporan.siap:
        return laporan
    lingkup = lingkup_for(acting.fresh(laporan.pemohon), laporan.opd_id, laporan.unit_id)
    if lingkup is None or (laporan.opd_id and lingkup.opd is None):
        laporan.status, laporan.error = LaporanBulanan.Status.GAGAL, "Anda tidak lagi berwenang melihat rekap ini."
        laporan.save(update_fields=["status", "error"])
        return laporan
    data = pdf.render_laporan_bulanan(ringkasan.hitung(lingkup, periode.bulan_penuh(laporan.bulan)))
    laporan.berkas.save(laporan.nama_berkas, ContentFile(data), save=False)
    laporan.sha256 = hashlib.sha256(data).hexdigest()
    laporan.status = LaporanBulanan.Status.SIAP
    laporan.error = ""
    laporan.selesai = timezone.now()
    laporan.save()
    return laporan
