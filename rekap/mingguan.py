"""The weekly digest: on Monday morning every head of OPD gets last week's figures of their reach and the
overdue items, as a notification and (unless they opted out) an email.

Idempotent: the notice carries the key "rekap-mingguan:<Monday of the week>", so a head gets one per
week however often beat or an operator runs the task. Opting out is the "Rekap mingguan" line of the
notification preferences: a head who unticked it gets neither the notice nor the email.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from notifikasi import selectors as notifikasi_selectors
from notifikasi.models import Event, Notifikasi
from notifikasi.services import notify
from organisasi import acting
from organisasi.models import Jabatan, Pegawai
from rekap import layanan, periode, ringkasan
from rekap.jangkauan import lingkup_for
from rekap.ringkasan import angka, rupiah
from surat.terbilang import tanggal

BUTIR_TERLAMBAT = 5


def kepala_opd(on: datetime.date) -> list[tuple[Pegawai, int]]:
    """Everyone acting on `on` as the head of an OPD (holder, Plt or Plh), each once, with that jabatan."""
    ids = Jabatan.objects.filter(is_kepala_unit=True, aktif=True, unit__is_opd=True, unit__aktif=True).values_list(
        "pk", flat=True
    )
    return acting.pegawai_acting_in(list(ids), on)


def pesan_untuk(pegawai: Pegawai, on: datetime.date) -> tuple[str, str] | None:
    """(judul, pesan) of `pegawai`'s digest for the week before `on`; None when they have no reach."""
    actor = acting.Actor(pegawai, on)
    lingkup = lingkup_for(actor)
    if lingkup is None:
        return None
    minggu = periode.hitung("minggu_lalu", on)
    r = ringkasan.hitung(lingkup, minggu, ringkasan.SEMUA - {"layanan_opd", "jenis", "elektronik"})
    t = r.total
    tepat = t.tepat_waktu
    ttd = t.layanan["ttd"]
    baris = [
        f"{lingkup.judul}, {minggu.label}:",
        f"- Surat ditandatangani: {angka(t.volume['ditandatangani'])}; diterima elektronik: "
        f"{angka(t.volume['diterima'])}; surat kertas dicatat: {angka(t.volume['kertas'])}.",
        f"- Waktu pengajuan sampai tanda tangan (median): {angka(ttd['p50'])} jam.",
        f"- Disposisi selesai tepat waktu: {angka(tepat['persen'])}% ({tepat['tepat']} dari {tepat['n']}).",
        f"- Penghematan: {angka(t.hemat.lembar)} lembar kertas, {angka(t.hemat.kurir)} perjalanan kurir, "
        f"sekitar {rupiah(t.hemat.rupiah)}.",
        f"- Saat ini: {angka(t.terlambat)} disposisi melewati batas waktu, {angka(t.belum_dibaca)} surat "
        "segera belum dibaca.",
    ]
    butir = layanan.baris_untuk(actor, list(layanan.daftar_terlambat(lingkup)[:BUTIR_TERLAMBAT]))
    if butir:
        baris.append("Disposisi terlambat:")
        baris += [f"- {b['hal']} — {b['jabatan']}, batas {tanggal(b['batas_waktu'])}" for b in butir]
    return f"Rekap mingguan {minggu.label}", "\n".join(baris)


def kirim_rekap_mingguan(on: datetime.date | None = None) -> int:
    """System (beat): the digest of the week before `on` (default today) to each head who has not opted
    out and has not had it yet this week. Returns how many were created now."""
    on = on or timezone.localdate()
    senin = on - datetime.timedelta(days=on.weekday())
    kunci = f"rekap-mingguan:{senin.isoformat()}"
    kepala = kepala_opd(on)
    mau = notifikasi_selectors.email_wanted((p.pk for p, _ in kepala), Event.REKAP_MINGGUAN)
    sudah = set(
        Notifikasi.objects.filter(kunci_unik__in=[f"{kunci}:pegawai:{p.pk}" for p, _ in kepala]).values_list(
            "penerima_id", flat=True
        )
    )
    url = reverse("rekap:index") + "?periode=minggu_lalu"
    dibuat = 0
    for pegawai, jabatan_id in kepala:
        if pegawai.pk not in mau or pegawai.pk in sudah:
            continue
        isi = pesan_untuk(pegawai, on)
        if isi is None:
            continue
        judul, pesan = isi
        dibuat += len(
            notify(
                event=Event.REKAP_MINGGUAN,
                penerima=[(pegawai, jabatan_id)],
                judul=judul,
                pesan=pesan,
                url=url,
                kunci=kunci,
            )
        )
    return dibuat
