"""Dispositions of a received letter: a tree of instructions passed down from the addressee to the people
below, each branch finished by a follow-up report (laporan tindak lanjut)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.db import models
from django.db.models import Q
from django.utils import timezone

from lib.storage import private_path
from organisasi.models import Jabatan, Pegawai
from surat.models import BerkasUnggahan, Surat


class InstruksiDisposisiQuerySet(models.QuerySet):
    def aktif(self) -> InstruksiDisposisiQuerySet:
        return self.filter(aktif=True)


class InstruksiDisposisi(models.Model):
    """One instruction checkbox of the disposition form and sheet (configurable by the admin)."""

    nama = models.CharField(max_length=100, unique=True)
    aktif = models.BooleanField(default=True, help_text="Hanya instruksi aktif yang tampil di formulir.")
    urutan = models.PositiveIntegerField(default=0)

    objects = InstruksiDisposisiQuerySet.as_manager()

    class Meta:
        verbose_name = "instruksi disposisi"
        verbose_name_plural = "instruksi disposisi"
        ordering = ["urutan", "nama"]

    def __str__(self) -> str:
        return self.nama


class DisposisiQuerySet(models.QuerySet):
    def aktif(self) -> DisposisiQuerySet:
        """Not finished and not cancelled."""
        return self.filter(status__in=Disposisi.AKTIF)

    def terlambat(self, on: datetime.date | None = None) -> DisposisiQuerySet:
        on = on or timezone.localdate()
        return self.aktif().filter(batas_waktu__lt=on)

    def untuk_jabatan(self, ids: Iterable[int]) -> DisposisiQuerySet:
        return self.filter(kepada_jabatan_id__in=ids)


class Disposisi(models.Model):
    """One instruction from `dari_jabatan` to `kepada_jabatan` about a letter. `induk` is the disposition
    this one passes further down (None for the first level, given by the letter's addressee)."""

    class Prioritas(models.TextChoices):
        # Derajat kecepatan in the letters' words (Tata Naskah Dinas): one vocabulary for letters and
        # dispositions. The stored values predate that and keep their order.
        BIASA = "biasa", "Biasa"
        PENTING = "penting", "Segera"
        SEGERA = "segera", "Amat Segera"

    class Status(models.TextChoices):
        TERKIRIM = "terkirim", "Belum dibaca"
        DIBACA = "dibaca", "Dibaca"
        DITERUSKAN = "diteruskan", "Diteruskan"
        SELESAI = "selesai", "Selesai"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    AKTIF = (Status.TERKIRIM, Status.DIBACA, Status.DITERUSKAN)

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="disposisi")
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="anak", verbose_name="disposisi induk"
    )
    dari_jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    dari_pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    kepada_jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    instruksi = models.ManyToManyField(InstruksiDisposisi, blank=True, related_name="+")
    catatan = models.TextField(blank=True)
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    prioritas = models.CharField("derajat kecepatan", max_length=10, choices=Prioritas.choices, default=Prioritas.BIASA)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TERKIRIM)
    dibuat = models.DateTimeField(default=timezone.now)
    dibaca_pada = models.DateTimeField(null=True, blank=True)
    dibaca_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    selesai_pada = models.DateTimeField(null=True, blank=True)
    dibatalkan_pada = models.DateTimeField(null=True, blank=True)
    # The form's one-use token (lib.forms.TokenKirimField): a repeated submit returns these dispositions.
    token_kirim = models.CharField(max_length=32, blank=True, default="", editable=False)

    objects = DisposisiQuerySet.as_manager()

    class Meta:
        verbose_name = "disposisi"
        verbose_name_plural = "disposisi"
        ordering = ["-dibuat", "-id"]
        constraints = [
            # One open disposition of a letter from one jabatan to another: two officials (or two clicks)
            # at once cannot both give it (disposisi_create also locks the branch it starts from).
            models.UniqueConstraint(
                fields=["surat", "dari_jabatan", "kepada_jabatan"],
                condition=Q(status__in=("terkirim", "dibaca", "diteruskan")),
                name="disposisi_aktif_unik",
            ),
            models.UniqueConstraint(
                fields=["token_kirim", "kepada_jabatan"], condition=~Q(token_kirim=""), name="disposisi_token_unik"
            ),
        ]
        indexes = [
            models.Index(fields=["kepada_jabatan", "-dibuat", "-id"], name="disposisi_masuk_idx"),
            models.Index(fields=["kepada_jabatan", "status", "-dibuat", "-id"], name="disposisi_masuk_status_idx"),
            models.Index(fields=["dari_jabatan", "-id"], name="disposisi_keluar_idx"),
            models.Index(fields=["surat", "id"], name="disposisi_surat_idx"),
            models.Index(
                fields=["batas_waktu"],
                condition=Q(status__in=("terkirim", "dibaca", "diteruskan"), batas_waktu__isnull=False),
                name="disposisi_tenggat_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Disposisi kepada {self.kepada_jabatan}"

    @property
    def is_aktif(self) -> bool:
        return self.status in self.AKTIF

    @property
    def terlambat(self) -> bool:
        return self.is_aktif and self.batas_waktu is not None and self.batas_waktu < timezone.localdate()

    @property
    def keadaan(self) -> str:
        """belum_dibaca, dibaca, diteruskan, selesai, dibatalkan, or terlambat when overdue."""
        if self.terlambat:
            return "terlambat"
        return "belum_dibaca" if self.status == self.Status.TERKIRIM else self.status

    @property
    def keadaan_label(self) -> str:
        return KEADAAN_LABEL[self.keadaan]

    @property
    def lencana(self) -> Lencana:
        """The state's badge (templates/disposisi/_keadaan.html)."""
        keadaan = self.keadaan
        kelas, ikon = KEADAAN_LENCANA[keadaan]
        # An overdue disposition also says where it stands.
        status = self.get_status_display().lower() if keadaan == "terlambat" else ""
        return Lencana(kelas, ikon, KEADAAN_LABEL[keadaan], status)


KEADAAN_LABEL = {
    "belum_dibaca": "Belum dibaca",
    "dibaca": "Dibaca",
    "diteruskan": "Diteruskan",
    "selesai": "Selesai",
    "dibatalkan": "Dibatalkan",
    "terlambat": "Terlambat",
}
# keadaan -> the badge's classes and Bootstrap icon
KEADAAN_LENCANA = {
    "belum_dibaca": ("text-bg-primary", "envelope-fill"),
    "dibaca": ("text-bg-secondary", "envelope-open"),
    "diteruskan": ("text-bg-info", "signpost-split"),
    "selesai": ("text-bg-success", "check-circle-fill"),
    "dibatalkan": ("text-bg-light border text-decoration-line-through", "x-circle"),
    "terlambat": ("text-bg-danger", "exclamation-triangle-fill"),
}


class Lencana(NamedTuple):
    kelas: str
    ikon: str
    label: str
    status: str  # the status in words beside an overdue badge, else ""


class LaporanTindakLanjut(models.Model):
    """The follow-up report that finishes a branch, written by whoever acts in its `kepada_jabatan`."""

    disposisi = models.ForeignKey(Disposisi, on_delete=models.CASCADE, related_name="laporan")
    isi = models.TextField()
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "laporan tindak lanjut"
        verbose_name_plural = "laporan tindak lanjut"
        ordering = ["disposisi", "dibuat", "id"]

    def __str__(self) -> str:
        return f"Laporan {self.pegawai} ({self.dibuat:%Y-%m-%d})"


def lampiran_laporan_path(instance: LampiranLaporan, filename: str) -> str:
    return private_path("disposisi")


class LampiranLaporan(BerkasUnggahan):
    """A file attached to a report. Served only through a permission-checked view."""

    laporan = models.ForeignKey(LaporanTindakLanjut, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(upload_to=lampiran_laporan_path, max_length=255)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lampiran laporan"
        verbose_name_plural = "lampiran laporan"
        ordering = ["laporan", "id"]

    def __str__(self) -> str:
        return self.nama_asli
