"""Notices about signing certificates, following tte.signals: a request reaches every Admin TTE, the
decision reaches the signer, and holders hear 30 and 7 days before their certificate ends (once each)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from notifikasi.models import Event
from notifikasi.services import notify
from organisasi.models import Pegawai, Peran
from tte.models import PermohonanSertifikat, SertifikatTte


def permohonan_diajukan(*, permohonan_id: int, **signal: object) -> None:
    permohonan = PermohonanSertifikat.objects.select_related("pegawai").get(pk=permohonan_id)
    admins = Pegawai.objects.filter(
        Q(peran__jenis=Peran.Jenis.ADMIN_TTE) | Q(user__is_superuser=True), user__is_active=True
    ).distinct()
    notify(
        event=Event.SERTIFIKAT_TTE,
        penerima=[(admin, admin.jabatan_id) for admin in admins],
        judul=f"Permohonan sertifikat TTE dari {permohonan.pegawai.nama_lengkap}",
        pesan="Periksa identitas pemohon, lalu setujui atau tolak permohonan ini.",
        url=reverse("tte:kelola"),
        kunci=f"tte-permohonan:{permohonan.pk}",
        kecuali=[permohonan.pegawai_id],
    )


def permohonan_diputus(*, permohonan_id: int, **signal: object) -> None:
    permohonan = PermohonanSertifikat.objects.select_related("pegawai").get(pk=permohonan_id)
    setuju = permohonan.status == PermohonanSertifikat.Status.DISETUJUI
    pemohon = permohonan.pegawai
    notify(
        event=Event.SERTIFIKAT_TTE,
        penerima=[(pemohon, pemohon.jabatan_id)],
        judul="Permohonan sertifikat TTE disetujui" if setuju else "Permohonan sertifikat TTE ditolak",
        pesan="Buat passphrase Anda sendiri untuk menerbitkan sertifikat." if setuju else permohonan.catatan,
        url=reverse("tte:sertifikat"),
        kunci=f"tte-putusan:{permohonan.pk}",
    )


def sertifikat_segera_berakhir(*, sertifikat_id: int, hari: int, **signal: object) -> None:
    sertifikat = SertifikatTte.objects.select_related("pegawai").get(pk=sertifikat_id)
    holder = sertifikat.pegawai
    notify(
        event=Event.SERTIFIKAT_TTE,
        penerima=[(holder, holder.jabatan_id)],
        judul=f"Sertifikat TTE Anda berakhir {timezone.localtime(sertifikat.berlaku_sampai):%d-%m-%Y}",
        pesan="Perpanjang sekarang agar tetap dapat menandatangani surat.",
        url=reverse("tte:sertifikat"),
        kunci=f"tte-kedaluwarsa-{hari}:{sertifikat.serial}",
    )
