"""Archive classification (kode klasifikasi arsip, KKA, Permendagri 83/2022).

Every letter carries one code; it drives numbering, filing and (later) retention. Codes form a tree:
`000` Umum -> `000.8` Organisasi dan Tata Laksana -> `000.8.3` -> `000.8.3.3`. The project ships
its own base set of levels 1-2 (arsip/data/kka_dasar.csv); a Pemda imports the rest.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


def kunci_urut(kode: str) -> str:
    """Sort key that orders '400.2' before '400.10': every numeric part zero-padded to 4 digits."""
    return ".".join(part.zfill(4) if part.isdigit() else part for part in kode.split("."))


class KlasifikasiArsipQuerySet(models.QuerySet):
    def aktif(self) -> KlasifikasiArsipQuerySet:
        return self.filter(aktif=True)

    def search(self, q: str) -> KlasifikasiArsipQuerySet:
        """Codes starting with `q` (a code typed as '000.8') or whose name contains it."""
        q = q.strip()
        if not q:
            return self
        if q[0].isdigit():
            return self.filter(kode__startswith=q)
        return self.filter(nama__icontains=q)


class KlasifikasiArsip(models.Model):
    """One KKA code."""

    kode = models.CharField(max_length=30, unique=True, help_text="Misalnya 000.8.3.3")
    nama = models.CharField(max_length=255)
    induk = models.ForeignKey(
        "self", verbose_name="kode induk", null=True, blank=True, on_delete=models.PROTECT, related_name="anak"
    )
    level = models.PositiveSmallIntegerField(default=1, help_text="1 untuk 000, 2 untuk 000.1, dan seterusnya.")
    kunci = models.CharField("kunci urut", max_length=80, editable=False, db_index=True)
    aktif = models.BooleanField(default=True)

    objects = KlasifikasiArsipQuerySet.as_manager()

    class Meta:
        verbose_name = "klasifikasi arsip"
        verbose_name_plural = "klasifikasi arsip"
        ordering = ["kunci"]
        indexes = [
            # Prefix search (kode LIKE '000.8%') on PostgreSQL with a non-C collation needs pattern ops.
            models.Index(fields=["kode"], name="kka_kode_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["induk", "kunci"], name="kka_induk_kunci_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1), name="kka_level_min_1"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs) -> None:
        # Derived columns only (sort key and depth), never domain state.
        self.kunci = kunci_urut(self.kode)
        self.level = self.kode.count(".") + 1
        super().save(*args, **kwargs)
