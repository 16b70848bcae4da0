"""What the guides remember per user: whether the first-sign-in tour was finished or skipped."""

from django.db import models

from organisasi.models import Pegawai


class PanduanStatus(models.Model):
    pegawai = models.OneToOneField(Pegawai, on_delete=models.CASCADE, related_name="panduan_status")
    # None: the tour shows on the next visit to the Beranda (first sign-in, or "putar ulang").
    tur_selesai_pada = models.DateTimeField("tur selesai pada", null=True, blank=True)

    class Meta:
        verbose_name = "status panduan"
        verbose_name_plural = "status panduan"

    def __str__(self) -> str:
        return f"{self.pegawai}: tur {'selesai' if self.tur_selesai_pada else 'belum'}"
