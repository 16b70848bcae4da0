"""A tamper-evident log of every action: each row carries the SHA-256 of its content chained to the
previous row's hash, so an edited or deleted row breaks the chain (`verify_chain`)."""

from django.db import models


class AuditEvent(models.Model):
    waktu = models.DateTimeField(db_index=True)
    actor = models.ForeignKey("organisasi.Pegawai", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    aksi = models.CharField(max_length=60, db_index=True)
    objek_tipe = models.CharField(max_length=60, blank=True)
    objek_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"
        ordering = ["-id"]
        indexes = [models.Index(fields=["objek_tipe", "objek_id"])]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aksi} {self.objek_tipe}#{self.objek_id}"


class AuditHead(models.Model):
    """One row: the hash of the newest event. Locking it orders concurrent writers."""

    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.last_hash
