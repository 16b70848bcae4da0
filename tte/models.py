"""What the lokal TTE backend stores: the Pemda's root CA and each signer's certificate, both with their
private keys sealed (see tte.crypto). The CA key is sealed under the TTE_CA_PASSPHRASE setting; a
signer's key under that signer's own passphrase, which is never stored."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisasi.models import Pegawai


class OtoritasSertifikat(models.Model):
    """A root CA of this Pemda. One is active; replaced ones stay as trust roots so that documents
    signed under them still verify."""

    nama = models.CharField(max_length=200)
    serial = models.CharField("nomor seri", max_length=64, unique=True)
    sertifikat_pem = models.TextField("sertifikat (PEM)")
    kunci_terenkripsi = models.TextField("kunci privat terenkripsi", editable=False)
    berlaku_mulai = models.DateTimeField("berlaku mulai")
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    aktif = models.BooleanField(default=True, help_text="CA yang menerbitkan sertifikat baru.")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "otoritas sertifikat (CA)"
        verbose_name_plural = "otoritas sertifikat (CA)"
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(fields=["aktif"], condition=Q(aktif=True), name="ca_satu_aktif"),
        ]

    def __str__(self) -> str:
        return self.nama


class SertifikatTteQuerySet(models.QuerySet):
    def berlaku(self, on=None) -> SertifikatTteQuerySet:
        """Certificates a signer may use at `on` (default now): not revoked and within their validity."""
        on = on or timezone.now()
        return self.filter(dicabut_pada__isnull=True, berlaku_mulai__lte=on, berlaku_sampai__gt=on)


class SertifikatTte(models.Model):
    """A signer's certificate issued by the Pemda's CA. At most one per pegawai is not revoked:
    issuing a new one revokes the old (kept, because documents signed with it must still verify)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="sertifikat_tte")
    penerbit = models.ForeignKey(OtoritasSertifikat, on_delete=models.PROTECT, related_name="sertifikat")
    serial = models.CharField("nomor seri", max_length=64, unique=True)
    subject = models.CharField("subjek", max_length=500)
    sertifikat_pem = models.TextField("sertifikat (PEM)")
    kunci_terenkripsi = models.TextField("kunci privat terenkripsi", editable=False)
    berlaku_mulai = models.DateTimeField("berlaku mulai")
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)
    alasan_dicabut = models.CharField("alasan dicabut", max_length=200, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = SertifikatTteQuerySet.as_manager()

    class Meta:
        verbose_name = "sertifikat TTE"
        verbose_name_plural = "sertifikat TTE"
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"], condition=Q(dicabut_pada__isnull=True), name="sertifikat_tte_satu_aktif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.serial})"
