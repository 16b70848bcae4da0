"""The transactional outbox: what an action announces (a signal of some app's signals.py, with id
arguments) is written as a row in the action's own transaction, so it commits or rolls back with it.
After the commit the row is sent; a row a dead process or a failed send left behind is sent again by
beat (outbox.services.sapu)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kiriman(models.Model):
    sinyal = models.CharField(max_length=120, help_text="modul:nama, mis. surat.signals:surat_diterima")
    pengirim = models.CharField(max_length=100, blank=True, help_text="label model pengirim sinyal")
    argumen = models.JSONField(default=dict, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    terkirim_pada = models.DateTimeField(null=True, blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "kiriman"
        verbose_name_plural = "kiriman"
        indexes = [
            models.Index(fields=["dibuat"], condition=Q(terkirim_pada__isnull=True), name="kiriman_tertunda_idx"),
            models.Index(fields=["terkirim_pada"], condition=Q(terkirim_pada__isnull=False), name="kiriman_lama_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.sinyal} {self.argumen}"
