"""What the Rekap stores: the unit costs admin Pemda sets for the savings estimate, and the monthly
report PDFs ("Laporan bulanan") rendered by a worker. The figures themselves are computed from the
letters and dispositions by aggregate queries (rekap.selectors), never stored."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lib.storage import private_path
from surat.models_dokumen import StatusPdf


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
