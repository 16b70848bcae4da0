"""Archives: the classification (kode klasifikasi arsip, KKA, Permendagri 83/2022) with its retention
schedule (JRA), the case files (berkas) each OPD files its finished letters into, the berita acara of
transfers and destruction, the text taken from attachments (OCR) and the search index of letters.

Codes form a tree: `000` Umum -> `000.8` Organisasi dan Tata Laksana -> `000.8.3` -> `000.8.3.3`. The
project ships its own base set of levels 1-2 (arsip/data/kka_dasar.csv); a Pemda imports the rest with
`manage.py impor_klasifikasi`. Retention not set on a code is inherited from its nearest parent.

All writes go through arsip.services (berkas, JRA), arsip.ocr (text of attachments) and arsip.indeks
(search index); reads for a user go through arsip.selectors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lib.storage import private_path


def kunci_urut(kode: str) -> str:
    """Sort key that orders '400.2' before '400.10': every numeric part zero-padded to 4 digits."""
    return ".".join(part.zfill(4) if part.isdigit() else part for part in kode.split("."))


class KlasifikasiArsipQuerySet(models.QuerySet):
    def aktif(self) -> KlasifikasiArsipQuerySet:
        return self.filter(aktif=True)

    def search(self, q: str) -> KlasifikasiArsipQuerySet:
        """Codes starting with `q` (a code typed as '000.8') or whose name contains every word of it
        ('rapat pimpinan'); '000.1 rapat' combines both. Ordered by code."""
        words = q.split()
        if not words:
            return self
        qs = self
        if words[0][0].isdigit():
            qs = qs.filter(kode__startswith=words.pop(0).rstrip("."))
        for word in words[:5]:
            qs = qs.filter(nama__icontains=word)
        return qs.order_by("kunci")


class NasibAkhir(models.TextChoices):
    MUSNAH = "musnah", "Musnah"
    PERMANEN = "permanen", "Permanen"
    DINILAI_KEMBALI = "dinilai_kembali", "Dinilai kembali"


@dataclass(frozen=True)
class Jra:
    """Effective retention of a code: each value with the code it was taken from ('' = not set anywhere)."""

    retensi_aktif: int | None
    retensi_inaktif: int | None
    nasib_akhir: str
    sumber_aktif: str = ""
    sumber_inaktif: str = ""
    sumber_nasib: str = ""

    @property
    def lengkap(self) -> bool:
        return self.retensi_aktif is not None and self.retensi_inaktif is not None and bool(self.nasib_akhir)

    @property
    def nasib_akhir_label(self) -> str:
        return NasibAkhir(self.nasib_akhir).label if self.nasib_akhir else "Belum diatur"


def kode_leluhur(kode: str) -> list[str]:
    """'000.8.3' -> ['000.8.3', '000.8', '000'] (nearest first)."""
    parts = kode.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


class KlasifikasiArsip(models.Model):
    """One KKA code, with its own JRA values (empty ones inherit; see `jra()`)."""

    NasibAkhir = NasibAkhir

    kode = models.CharField(max_length=30, unique=True, help_text="Misalnya 000.8.3.3")
    nama = models.CharField(max_length=255)
    induk = models.ForeignKey(
        "self", verbose_name="kode induk", null=True, blank=True, on_delete=models.PROTECT, related_name="anak"
    )
    level = models.PositiveSmallIntegerField(default=1, help_text="1 untuk 000, 2 untuk 000.1, dan seterusnya.")
    kunci = models.CharField("kunci urut", max_length=80, editable=False, db_index=True)
    aktif = models.BooleanField(default=True)

    # JRA (Jadwal Retensi Arsip). Empty = inherit from the nearest parent that has a value.
    retensi_aktif = models.PositiveSmallIntegerField(
        "retensi aktif (tahun)", null=True, blank=True, help_text="Kosongkan untuk mengikuti kode induk."
    )
    retensi_inaktif = models.PositiveSmallIntegerField(
        "retensi inaktif (tahun)", null=True, blank=True, help_text="Kosongkan untuk mengikuti kode induk."
    )
    nasib_akhir = models.CharField(
        "nasib akhir",
        max_length=16,
        choices=NasibAkhir.choices,
        blank=True,
        help_text="Kosongkan untuk mengikuti kode induk.",
    )

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

    def jra(self) -> Jra:
        """Effective retention: each value from this code or its nearest parent that sets it (one query)."""
        rows = {
            k.kode: k
            for k in KlasifikasiArsip.objects.filter(kode__in=kode_leluhur(self.kode)[1:]).only(
                "kode", "retensi_aktif", "retensi_inaktif", "nasib_akhir"
            )
        }
        rows[self.kode] = self
        return jra_dari(self.kode, rows)


def jra_dari(kode: str, rows: dict[str, KlasifikasiArsip]) -> Jra:
    """Effective retention of `kode` given its ancestors' rows keyed by code (any missing are skipped)."""
    found: dict[str, tuple[object, str]] = {}
    for k in kode_leluhur(kode):
        row = rows.get(k)
        if row is None:
            continue
        for name in ("retensi_aktif", "retensi_inaktif", "nasib_akhir"):
            value = getattr(row, name)
            if name not in found and value not in (None, ""):
                found[name] = (value, k)
    ra, sa = found.get("retensi_aktif", (None, ""))
    ri, si = found.get("retensi_inaktif", (None, ""))
    na, sn = found.get("nasib_akhir", ("", ""))
    return Jra(ra, ri, str(na), sa, si, sn)  # type: ignore[arg-type]


# ---------------------------------------------------------------- berkas (case files)


class BerkasQuerySet(models.QuerySet):
    def terbuka(self) -> BerkasQuerySet:
        """Files that still accept letters: aktif and not closed."""
        return self.filter(status=Berkas.Status.AKTIF, ditutup_pada__isnull=True)

    def jatuh_tempo_pindah(self, on: datetime.date | None = None) -> BerkasQuerySet:
        """Aktif files whose active retention has ended (due for transfer to the Unit Kearsipan)."""
        on = on or timezone.localdate()
        return self.filter(status=Berkas.Status.AKTIF, aktif_sampai__lt=on)

    def jatuh_tempo_akhir(self, on: datetime.date | None = None) -> BerkasQuerySet:
        """Inaktif files whose inactive retention has ended (usul musnah or permanent)."""
        on = on or timezone.localdate()
        return self.filter(status=Berkas.Status.INAKTIF, inaktif_sampai__lt=on)


class Berkas(models.Model):
    """A case file of one OPD: letters on one matter under one KKA code, numbered per OPD.

    `aktif_sampai` / `inaktif_sampai` are the last days of the active and inactive periods, counted in
    whole years from the end of the year of the newest item (kept by arsip.services whenever the items
    or the JRA change); NULL when the JRA of the code is not set."""

    class Status(models.TextChoices):
        AKTIF = "aktif", "Aktif"
        INAKTIF = "inaktif", "Inaktif (di Unit Kearsipan)"
        USUL_MUSNAH = "usul_musnah", "Diusulkan musnah"
        MUSNAH = "musnah", "Musnah"
        PERMANEN = "permanen", "Permanen"

    opd = models.ForeignKey("organisasi.UnitKerja", verbose_name="OPD", on_delete=models.PROTECT, related_name="+")
    nomor = models.PositiveIntegerField("nomor berkas")
    klasifikasi = models.ForeignKey(
        KlasifikasiArsip, verbose_name="kode klasifikasi", on_delete=models.PROTECT, related_name="berkas"
    )
    uraian = models.CharField(max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.AKTIF)
    kurun_mulai = models.DateField("kurun waktu mulai", null=True, blank=True)
    kurun_selesai = models.DateField("kurun waktu selesai", null=True, blank=True)
    jumlah_item = models.PositiveIntegerField("jumlah item", default=0)
    aktif_sampai = models.DateField("masa aktif sampai", null=True, blank=True)
    inaktif_sampai = models.DateField("masa inaktif sampai", null=True, blank=True)
    nasib_akhir = models.CharField("nasib akhir", max_length=16, choices=NasibAkhir.choices, blank=True)
    ditutup_pada = models.DateTimeField("ditutup pada", null=True, blank=True)
    dipindahkan_pada = models.DateTimeField("dipindahkan pada", null=True, blank=True)
    diterima_oleh = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diusulkan_musnah_oleh = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diusulkan_musnah_pada = models.DateTimeField(null=True, blank=True)
    keputusan_oleh = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    keputusan_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField(blank=True)
    dibuat_oleh = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(default=timezone.now)

    objects = BerkasQuerySet.as_manager()

    class Meta:
        verbose_name = "berkas"
        verbose_name_plural = "berkas"
        ordering = ["opd", "nomor"]
        constraints = [models.UniqueConstraint(fields=["opd", "nomor"], name="berkas_nomor_unik")]
        indexes = [
            models.Index(fields=["opd", "klasifikasi", "status"], name="berkas_opd_kka_idx"),
            models.Index(fields=["status", "aktif_sampai"], name="berkas_aktif_sampai_idx"),
            models.Index(fields=["status", "inaktif_sampai"], name="berkas_inaktif_sampai_idx"),
        ]

    def __str__(self) -> str:
        return f"Berkas {self.nomor}: {self.uraian}"

    @property
    def terbuka(self) -> bool:
        return self.status == self.Status.AKTIF and self.ditutup_pada is None

    @property
    def kurun_waktu(self) -> str:
        """'2024' or '2023–2025' (years of the items), '-' when empty."""
        if not self.kurun_mulai:
            return "-"
        a, b = self.kurun_mulai.year, (self.kurun_selesai or self.kurun_mulai).year
        return str(a) if a == b else f"{a}–{b}"


class ItemBerkas(models.Model):
    """One letter filed into a berkas, numbered within it. A letter is filed at most once per OPD
    (the sender and each receiving OPD keep their own copy)."""

    class Tingkat(models.TextChoices):
        ASLI = "asli", "Asli"
        SALINAN = "salinan", "Salinan"

    berkas = models.ForeignKey(Berkas, on_delete=models.PROTECT, related_name="item")
    opd = models.ForeignKey("organisasi.UnitKerja", on_delete=models.PROTECT, related_name="+")
    surat = models.ForeignKey("surat.Surat", on_delete=models.PROTECT, related_name="item_berkas")
    nomor = models.PositiveIntegerField("nomor item")
    uraian = models.CharField("uraian item", max_length=500)
    tanggal = models.DateField()
    tingkat_perkembangan = models.CharField(
        "tingkat perkembangan", max_length=8, choices=Tingkat.choices, default=Tingkat.ASLI
    )
    keterangan = models.CharField(max_length=255, blank=True)
    dibuat_oleh = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "item berkas"
        verbose_name_plural = "item berkas"
        ordering = ["berkas", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["berkas", "nomor"], name="itemberkas_nomor_unik"),
            models.UniqueConstraint(fields=["opd", "surat"], name="itemberkas_surat_per_opd_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.uraian}"


def berita_acara_path(instance: BeritaAcara, filename: str) -> str:
    return private_path("arsip/berita-acara", suffix=".pdf", monthly=False)


class BeritaAcara(models.Model):
    """The berita acara of a transfer (pemindahan) or a destruction (pemusnahan) of one berkas: numbered
    per kind per year, its PDF kept for good (also after the berkas's files are destroyed)."""

    class Jenis(models.TextChoices):
        PEMINDAHAN = "pemindahan", "Pemindahan arsip inaktif"
        PEMUSNAHAN = "pemusnahan", "Pemusnahan arsip"

    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    berkas = models.ForeignKey(Berkas, on_delete=models.PROTECT, related_name="berita_acara")
    tahun = models.PositiveSmallIntegerField()
    nomor = models.PositiveIntegerField()
    tanggal = models.DateField()
    pihak_pertama = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pihak_kedua = models.ForeignKey(
        "organisasi.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dokumen = models.FileField(upload_to=berita_acara_path, max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    ringkasan = models.JSONField(default=dict, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "berita acara"
        verbose_name_plural = "berita acara"
        ordering = ["-tanggal", "-id"]
        constraints = [models.UniqueConstraint(fields=["jenis", "tahun", "nomor"], name="beritaacara_nomor_unik")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nomor}/{self.tahun}"


# ---------------------------------------------------------------- text of attachments (OCR)


def ocr_path(instance: TeksLampiran, filename: str) -> str:
    return private_path("arsip/ocr", suffix=".pdf")


class TeksLampiran(models.Model):
    """The text of one attachment, for search: taken from the PDF's own text, or read by OCR from a
    scan (the searchable copy with a text layer is kept beside the original, which never changes)."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu diproses"
        DIPROSES = "diproses", "Sedang diproses"
        SELESAI = "selesai", "Selesai"
        TIDAK_PERLU = "tidak_perlu", "Tidak perlu dibaca"
        TIDAK_TERSEDIA = "tidak_tersedia", "OCR tidak tersedia"
        TERLALU_BESAR = "terlalu_besar", "Terlalu banyak halaman"
        GAGAL = "gagal", "Gagal dibaca"
        DIMUSNAHKAN = "dimusnahkan", "Berkas sudah dimusnahkan"

    class Sumber(models.TextChoices):
        OCR = "ocr", "OCR (pindaian)"
        PDF = "pdf", "Teks PDF"
        TTE = "tte", "Teks PDF bertanda tangan (tanpa OCR)"

    lampiran = models.OneToOneField("surat.Lampiran", on_delete=models.CASCADE, related_name="teks")
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.MENUNGGU)
    sumber = models.CharField(max_length=5, choices=Sumber.choices, blank=True)
    teks = models.TextField(blank=True)
    halaman = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField("SHA-256 berkas yang dibaca", max_length=64, blank=True)
    berkas_ocr = models.FileField("PDF hasil OCR", upload_to=ocr_path, max_length=255, blank=True)
    pesan = models.CharField(max_length=255, blank=True)
    mulai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "teks lampiran"
        verbose_name_plural = "teks lampiran"

    def __str__(self) -> str:
        return f"Teks lampiran {self.lampiran_id} ({self.get_status_display()})"


# ---------------------------------------------------------------- search index


class SuratIndeks(models.Model):
    """What the search box reads for one letter, kept by arsip.indeks after every change.

    `register` holds what a register line shows (nomor, nomor asal, sender, addressees): it may be
    matched for anyone who can see the letter. The other texts (hal, body, attachments, OCR) are
    matched and shown only to people who may read the content (not to a pencatat of a Rahasia letter).
    On PostgreSQL `dokumen` / `dokumen_register` are tsvectors ('simple' config) with GIN indexes and
    `register` has a trigram index (numbers and names); SQLite searches the texts with LIKE.

    `akses` copies the letter's access rows as keys (`j<jabatan id>` for a jabatan, `p<opd id>` for an
    OPD's pencatat; surat.models.AksesSurat), so on PostgreSQL the search filters visibility in the same
    index scan as the words (GIN on the keys) instead of joining every letter the user may see."""

    surat = models.OneToOneField("surat.Surat", on_delete=models.CASCADE, primary_key=True, related_name="indeks")
    # Copies of the letter's filter columns, so a search reads this table and the access rows only.
    tanggal = models.DateField(null=True, blank=True)
    keamanan = models.CharField(max_length=15, blank=True)
    jenis_id = models.IntegerField(null=True, blank=True)
    opd_id = models.IntegerField(null=True, blank=True)
    kode_klasifikasi = models.CharField(max_length=30, blank=True)
    register = models.TextField(blank=True)
    judul = models.TextField(blank=True)
    isi = models.TextField(blank=True)
    lampiran = models.TextField(blank=True)
    dokumen = SearchVectorField(null=True, blank=True)
    dokumen_register = SearchVectorField(null=True, blank=True)
    akses = models.TextField(blank=True, help_text="Kunci akses dipisah spasi: j<id jabatan>, p<id OPD pencatat>.")
    diperbarui = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "indeks pencarian surat"
        verbose_name_plural = "indeks pencarian surat"

    def __str__(self) -> str:
        return f"Indeks surat {self.surat_id}"
