"""In-app notifications (the bell) and each pegawai's choice of which events also come by email.

A notification is addressed to a person, noting the jabatan it was for (positions own the work: every
pegawai acting in that jabatan today gets one). Email and the optional webhook are sent by Celery
tasks from the stored row, so all channels carry exactly the same words.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisasi.models import Jabatan, Pegawai


class Event(models.TextChoices):
    PERLU_PARAF = "perlu_paraf", "Konsep perlu paraf"
    PERLU_TTD = "perlu_ttd", "Konsep perlu tanda tangan"
    KONSEP_DIKEMBALIKAN = "konsep_dikembalikan", "Konsep dikembalikan"
    SURAT_MASUK = "surat_masuk", "Surat masuk"
    TEMBUSAN_MASUK = "tembusan_masuk", "Tembusan masuk"
    DISPOSISI_MASUK = "disposisi_masuk", "Disposisi masuk"
    LAPORAN_MASUK = "laporan_masuk", "Laporan tindak lanjut masuk"
    BATAS_WAKTU_BESOK = "batas_waktu_besok", "Batas waktu disposisi besok"
    BATAS_WAKTU_LEWAT = "batas_waktu_lewat", "Batas waktu disposisi terlewati"
    SURAT_SEGERA_BELUM_DIBACA = "surat_segera_belum_dibaca", "Surat amat segera belum dibaca"
    DISPOSISI_DIBATALKAN = "disposisi_dibatalkan", "Disposisi dibatalkan"
    RETENSI_JATUH_TEMPO = "retensi_jatuh_tempo", "Arsip jatuh tempo retensi"
    PENUGASAN_PLT_PLH = "penugasan_plt_plh", "Penunjukan Plt./Plh."
    SERTIFIKAT_TTE = "sertifikat_tte", "Sertifikat TTE"
    SURAT_DIKOREKSI = "surat_dikoreksi", "Surat diralat atau dicabut"
    KEAMANAN = "keamanan", "Peringatan keamanan"
    REKAP_MINGGUAN = "rekap_mingguan", "Rekap mingguan pimpinan (Senin pagi)"


# Which events email a pegawai who never changed their preferences. Copies (tembusan) are for
# information only, so they stay in the app unless the user asks for email.
EMAIL_BAWAAN: dict[str, bool] = {event: True for event in Event.values} | {Event.TEMBUSAN_MASUK: False}


class NotifikasiQuerySet(models.QuerySet):
    def untuk(self, pegawai: Pegawai | int) -> NotifikasiQuerySet:
        return self.filter(penerima=pegawai)

    def belum_dibaca(self) -> NotifikasiQuerySet:
        return self.filter(dibaca_pada__isnull=True)


class Notifikasi(models.Model):
    """One notice for one pegawai. `kunci_unik` is set for notices that must exist at most once
    (reminders, arrivals): a second attempt finds the row instead of adding one."""

    Event = Event

    class EmailStatus(models.TextChoices):
        TIDAK_PERLU = "tidak_perlu", "Tidak dikirim lewat email"
        MENUNGGU = "menunggu", "Menunggu dikirim"
        TERKIRIM = "terkirim", "Terkirim"
        GAGAL = "gagal", "Gagal dikirim"

    penerima = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="notifikasi")
    jabatan = models.ForeignKey(
        Jabatan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="Jabatan yang dituju."
    )
    event = models.CharField("jenis", max_length=30, choices=Event.choices)
    judul = models.CharField(max_length=255)
    pesan = models.TextField(blank=True)
    url = models.CharField("tautan", max_length=500, help_text="Alamat halaman di eoffice, tanpa nama situs.")
    surat = models.ForeignKey("surat.Surat", null=True, blank=True, on_delete=models.CASCADE, related_name="notifikasi")
    disposisi_id = models.PositiveBigIntegerField(null=True, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    dibaca_pada = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(max_length=12, choices=EmailStatus.choices, default=EmailStatus.TIDAK_PERLU)
    email_dikirim_pada = models.DateTimeField(null=True, blank=True)
    email_galat = models.TextField("galat email terakhir", blank=True)
    kunci_unik = models.CharField(max_length=150, null=True, blank=True, editable=False)

    objects = NotifikasiQuerySet.as_manager()

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci_unik"], condition=Q(kunci_unik__isnull=False), name="notifikasi_kunci_unik"
            ),
        ]
        indexes = [
            models.Index(fields=["penerima", "dibaca_pada", "-id"], name="notifikasi_kotak_idx"),
            models.Index(fields=["penerima", "surat"], name="notifikasi_surat_idx"),
            models.Index(fields=["penerima", "disposisi_id"], name="notifikasi_disposisi_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()}: {self.judul}"

    @property
    def sudah_dibaca(self) -> bool:
        return self.dibaca_pada is not None


class PreferensiNotifikasi(models.Model):
    """A pegawai's own choice for one event; absent rows mean EMAIL_BAWAAN."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="preferensi_notifikasi")
    event = models.CharField("jenis", max_length=30, choices=Event.choices)
    email = models.BooleanField("kirim email")

    class Meta:
        verbose_name = "preferensi notifikasi"
        verbose_name_plural = "preferensi notifikasi"
        constraints = [models.UniqueConstraint(fields=["pegawai", "event"], name="preferensi_notifikasi_unik")]

    def __str__(self) -> str:
        return f"{self.pegawai}: {self.get_event_display()} ({'email' if self.email else 'tanpa email'})"
