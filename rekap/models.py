"""What the Rekap stores: the summary rows its period figures are read from (`Angka`, kept by
rekap.fakta), the unit costs admin Pemda sets for the savings estimate, and the monthly report PDFs
("Laporan bulanan") rendered by a worker."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lib.storage import private_path
from surat.models_dokumen import StatusPdf


class Angka(models.Model):
    """One summary row: how many events of one measure (`ukuran`) fell on one day or in one month, for
    one OPD and either the OPD as a whole (`unit` 0) or one unit of it; for letters signed, per kind;
    for durations, per histogram class (`kelas`) with the sum of their seconds. Ids are plain integers
    with 0 for "none", so that the unique key (which the incremental upsert conflicts on) holds on
    every database. Written only by rekap.fakta; read by rekap.selectors and rekap.layanan."""

    class Tingkat(models.TextChoices):
        HARI = "H", "hari"
        BULAN = "B", "bulan"
        KINI = "K", "saat ini"  # a count of now (hari: date.min), not of a period

    tingkat = models.CharField(max_length=1, choices=Tingkat.choices)
    ukuran = models.CharField(max_length=12)
    unit = models.IntegerField()
    hari = models.DateField(help_text="Hari itu, atau hari pertama bulan itu.")
    opd = models.IntegerField()
    jenis = models.IntegerField(default=0)
    kelas = models.IntegerField(default=0)
    n = models.BigIntegerField(default=0)
    detik = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "angka rekap"
        verbose_name_plural = "angka rekap"
        constraints = [
            models.UniqueConstraint(
                fields=["tingkat", "ukuran", "unit", "hari", "opd", "jenis", "kelas"], name="rekap_angka_kunci"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ukuran} {self.hari} OPD {self.opd}: {self.n}"


class BiayaSatuan(models.Model):
    """The unit costs of the savings estimate (one row; admin Pemda edits it on /rekap/biaya/)."""

    harga_kertas = models.PositiveIntegerField(
        "harga kertas per lembar (Rp)", default=100, validators=[MaxValueValidator(1_000_000)]
    )
    harga_toner = models.PositiveIntegerField(
        "biaya tinta/toner per lembar (Rp)", default=150, validators=[MaxValueValidator(1_000_000)]
    )
    biaya_kurir = models.PositiveIntegerField(
        "biaya satu perjalanan kurir (Rp)", default=25_000, validators=[MaxValueValidator(100_000_000)]
    )
    halaman_per_surat = models.PositiveSmallIntegerField(
        "rata-rata halaman per surat",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Jumlah halaman satu surat bila dicetak (termasuk lampiran), untuk menghitung kertas.",
    )
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "biaya satuan rekap"
        verbose_name_plural = "biaya satuan rekap"

    def __str__(self) -> str:
        return f"Kertas Rp{self.harga_kertas}, toner Rp{self.harga_toner}, kurir Rp{self.biaya_kurir}"

    @property
    def per_lembar(self) -> int:
        return self.harga_kertas + self.harga_toner

    @classmethod
    def current(cls) -> BiayaSatuan:
        """The configured row, or the defaults (unsaved) before admin Pemda sets any."""
        return cls.objects.order_by("pk").first() or cls()


def laporan_path(instance: LaporanBulanan, filename: str) -> str:
    return private_path("rekap", suffix=".pdf")


class LaporanBulanan(models.Model):
    """A one-page "Laporan bulanan" a viewer asked for: queued, rendered by a worker (PDF/A like every
    PDF of the app), then downloadable by the same viewer only. The scope is stored as asked; the
    worker checks it again against the requester's reach."""

    Status = StatusPdf

    pemohon = models.ForeignKey("organisasi.Pegawai", on_delete=models.CASCADE, related_name="+")
    bulan = models.DateField(help_text="Hari pertama bulan yang dilaporkan.")
    opd = models.ForeignKey("organisasi.UnitKerja", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("organisasi.UnitKerja", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=StatusPdf.choices, default=StatusPdf.DIPROSES)
    error = models.TextField("keterangan gagal", blank=True)
    berkas = models.FileField(upload_to=laporan_path, max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "laporan bulanan"
        verbose_name_plural = "laporan bulanan"
        ordering = ["-dibuat", "-id"]

    def __str__(self) -> str:
        return f"Laporan bulanan {self.bulan:%m/%Y}"

    @property
    def siap(self) -> bool:
        return self.status == StatusPdf.SIAP and bool(self.berkas)

    @property
    def nama_berkas(self) -> str:
        return f"laporan-bulanan-{self.bulan:%Y-%m}.pdf"
