"""The number counters of letters and agenda books (re-exported by surat.models)."""

from __future__ import annotations

from django.db import models

from organisasi.models import UnitKerja


class Penomoran(models.Model):
    """A counter row, locked with SELECT ... FOR UPDATE while a number is taken.

    seri SURAT: letter numbers per (OPD of the signer, year[, KKA code when Pemda.nomor_per_kka]).
    seri AGENDA: agenda numbers per (receiving OPD, year)."""

    class Seri(models.TextChoices):
        SURAT = "surat", "Nomor surat"
        AGENDA = "agenda", "Nomor agenda"

    opd = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    seri = models.CharField(max_length=10, choices=Seri.choices, default=Seri.SURAT)
    kka_prefix = models.CharField(max_length=30, blank=True, default="")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "penomoran"
        verbose_name_plural = "penomoran"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "seri", "kka_prefix"], name="penomoran_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} {self.seri} {self.kka_prefix}: {self.last}"
