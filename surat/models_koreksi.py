"""The fields a letter carries for corrections and for retention, kept apart from surat/models.py (an
abstract base of `Surat`, so the columns live in the surat table).

- Corrections (surat.services.koreksi): a signed letter never changes; a new letter corrects (ralat)
  or withdraws (pencabutan) it. On the new letter: what it corrects and how. On the old one, set when a
  correction is signed: the newest signed correction (a withdrawal outranks a ralat) and its kind.
- Retention (arsip.retensi): `dimusnahkan_pada` is set when every OPD holding the letter destroyed its
  copy; the body, attachments, OCR text, versions and notes are gone, the register line and hashes stay.
"""

from __future__ import annotations

from django.db import models


class JenisKoreksi(models.TextChoices):
    RALAT = "ralat", "Ralat"
    PENCABUTAN = "pencabutan", "Pencabutan"


class StatusKoreksi(models.TextChoices):
    DIRALAT = "diralat", "Diralat"
    DICABUT = "dicabut", "Dicabut"


class KoreksiDanRetensi(models.Model):
    JenisKoreksi = JenisKoreksi
    StatusKoreksi = StatusKoreksi

    koreksi_untuk = models.ForeignKey(
        "self",
        verbose_name="ralat/pencabutan atas",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="koreksi",
    )
    jenis_koreksi = models.CharField("jenis koreksi", max_length=10, choices=JenisKoreksi.choices, blank=True)
    dikoreksi_oleh = models.ForeignKey(
        "self",
        verbose_name="diralat/dicabut dengan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dikoreksi = models.CharField("status koreksi", max_length=10, choices=StatusKoreksi.choices, blank=True)
    # Retention (arsip.retensi): set when every OPD holding the letter destroyed its copy; the body,
    dimusnahkan_pada = models.DateTimeField("isi dimusnahkan pada", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_dimusnahkan(self) -> bool:
        return self.dimusnahkan_pada is not None
