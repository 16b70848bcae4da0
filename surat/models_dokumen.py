"""The PDF of a letter (signed with TTE, or a rendered copy for letters signed without it) and print jobs
(buku agenda for a period) rendered by Celery workers. Files live in private storage and are only
served through permission-checked views; the public sees a letter only through its verification token.

Imported at the end of surat/models.py so Django registers the models with the surat app.
"""

from __future__ import annotations

import secrets

from django.db import models

from lib.storage import private_path


def _token() -> str:
    return secrets.token_urlsafe(32)


def dokumen_path(instance: DokumenSurat, filename: str) -> str:
    return private_path("surat-pdf", suffix=".pdf")


def cetakan_path(instance: Cetakan, filename: str) -> str:
    return private_path("cetakan", suffix=".pdf")


class StatusPdf(models.TextChoices):
    BELUM = "belum", "Belum dibuat"
    DIPROSES = "diproses", "Sedang diproses"
    SIAP = "siap", "Siap diunduh"
    GAGAL = "gagal", "Gagal dibuat"


class DokumenSurat(models.Model):
    """The PDF of one signed letter. With TTE (`ditandatangani_tte_pada` set) the bytes are exactly what
    the signer signed and are never rewritten; without TTE it is a rendered copy (Celery)."""

    Status = StatusPdf

    surat = models.OneToOneField("surat.Surat", on_delete=models.CASCADE, related_name="dokumen")
    berkas = models.FileField(upload_to=dokumen_path, max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=StatusPdf.choices, default=StatusPdf.BELUM)
    error = models.TextField("keterangan gagal", blank=True)
    token_verifikasi = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    ditandatangani_tte_pada = models.DateTimeField("ditandatangani TTE pada", null=True, blank=True)
    sertifikat_serial = models.CharField("nomor seri sertifikat", max_length=64, blank=True)
    id_dokumen_bsre = models.CharField("id dokumen BSrE", max_length=100, blank=True)
    # Expiry of the newest timestamp's certificate: the archive task (surat.cap_waktu) adds a new
    # document timestamp before it. Empty on a signed PDF without one (it gets one on the next run).
    cap_waktu_sampai = models.DateTimeField("cap waktu berlaku sampai", null=True, blank=True, db_index=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dokumen PDF surat"
        verbose_name_plural = "dokumen PDF surat"

    def __str__(self) -> str:
        return f"PDF {self.surat_id} ({self.get_status_display()})"

    @property
    def is_tte(self) -> bool:
        return self.ditandatangani_tte_pada is not None

    @property
    def siap(self) -> bool:
        return self.status == StatusPdf.SIAP and bool(self.berkas)


class RiwayatDokumenSurat(models.Model):
    """The hash of an earlier version of a TTE-signed PDF, before the archive task appended a document
    timestamp to it: copies downloaded then still verify as this letter (each is a prefix of the file)."""

    dokumen = models.ForeignKey(DokumenSurat, on_delete=models.CASCADE, related_name="riwayat")
    sha256 = models.CharField(max_length=64, db_index=True)
    diganti = models.DateTimeField("diganti pada", auto_now_add=True)

    class Meta:
        verbose_name = "versi lama PDF surat"
        verbose_name_plural = "versi lama PDF surat"

    def __str__(self) -> str:
        return f"{self.dokumen_id}: {self.sha256[:12]}"


class Cetakan(models.Model):
    """A print job a user asked for (e.g. the buku agenda of a period): queued, rendered by a worker,
    then downloadable by the same user only."""

    class Jenis(models.TextChoices):
        BUKU_AGENDA = "buku_agenda", "Buku agenda"

    Status = StatusPdf

    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    pemohon = models.ForeignKey("organisasi.Pegawai", on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey("organisasi.UnitKerja", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    dari = models.DateField(null=True, blank=True)
    sampai = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=StatusPdf.choices, default=StatusPdf.BELUM)
    error = models.TextField("keterangan gagal", blank=True)
    berkas = models.FileField(upload_to=cetakan_path, max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "cetakan"
        verbose_name_plural = "cetakan"
        ordering = ["-dibuat", "-id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.dari}–{self.sampai}"

    @property
    def siap(self) -> bool:
        return self.status == StatusPdf.SIAP and bool(self.berkas)

    @property
    def nama_berkas(self) -> str:
        return f"buku-agenda-{self.dari:%Y%m%d}-{self.sampai:%Y%m%d}.pdf"
