"""The structure of a Pemda: the Pemda itself, its units (OPD and their parts), positions (jabatan),
staff (pegawai), temporary holders (Plt/Plh) and the roles that grant extra rights.

Positions own the work: letters and dispositions are addressed to a Jabatan, and whoever acts in that
jabatan today (its definitive holder, or a Plt/Plh) sees them. organisasi.acting is the one place that
resolves it (who acts in which jabatan on a day, in both directions).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from lib import cache_lokal
from lib.pola_nomor import contoh, periksa_pola
from organisasi.nip import format_nip


class Pemda(models.Model):
    """The one local government this installation serves; its data heads letters of the Kepala Daerah."""

    class Tingkat(models.TextChoices):
        KOTA = "kota", "Kota"
        KABUPATEN = "kabupaten", "Kabupaten"

    nama_daerah = models.CharField("nama daerah", max_length=100, help_text="Misalnya: Surakarta")
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices, default=Tingkat.KOTA)
    logo = models.ImageField(upload_to="pemda/", blank=True)
    alamat = models.CharField(max_length=255, blank=True)
    kode_pos = models.CharField("kode pos", max_length=10, blank=True)
    telepon = models.CharField(max_length=50, blank=True)
    faksimile = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    website = models.CharField(max_length=100, blank=True)
    # Letter numbering (used when a letter is signed). Placeholders: {kka} {urut} {kode_opd} {tahun}
    # {bulan} {bulan_romawi}.
    pola_nomor = models.CharField("pola nomor surat", max_length=100, default="{kka}/{urut}/{kode_opd}/{tahun}")
    nomor_per_kka = models.BooleanField(
        "urutan nomor per kode klasifikasi",
        default=False,
        help_text="Bila dicentang, nomor urut dihitung per OPD, per kode klasifikasi dan per tahun.",
    )

    class Meta:
        verbose_name = "Pemerintah Daerah"
        verbose_name_plural = "Pemerintah Daerah"

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        _lupakan_pemda()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _lupakan_pemda()
        return result

    def clean(self) -> None:
        """A pattern that cannot number letters is refused when saved, not at the next signing."""
        try:
            periksa_pola(self.pola_nomor, per_kka=self.nomor_per_kka)
        except ValidationError as exc:
            raise ValidationError({"pola_nomor": exc.messages}) from exc

    @property
    def contoh_nomor(self) -> str:
        try:
            periksa_pola(self.pola_nomor, per_kka=self.nomor_per_kka)
        except ValidationError:
            return "(pola belum sah)"
        return contoh(self.pola_nomor)

    @property
    def nama(self) -> str:
        """'Pemerintah Kota Surakarta'."""
        return f"Pemerintah {self.get_tingkat_display()} {self.nama_daerah}"

    @property
    def sebutan_kepala(self) -> str:
        return "Wali Kota" if self.tingkat == self.Tingkat.KOTA else "Bupati"

    @classmethod
    def current(cls) -> Pemda | None:
        return cls.objects.order_by("pk").first()

    @classmethod
    def untuk_tampilan(cls) -> Pemda | None:
        """The Pemda for the page header (name, logo), from the cache: every page shows it, it changes a few
        times a year, and saving it clears the entry (Pemda.save / delete). Not for services: numbering
        and signing read `current()`."""
        return cache_lokal.ingat(PEMDA_CACHE_KEY, cls._dari_cache)

    @classmethod
    def _dari_cache(cls) -> Pemda | None:
        found = cache.get(PEMDA_CACHE_KEY, default=_TIDAK_ADA)
        if found is _TIDAK_ADA:
            found = cls.current()
            cache.set(PEMDA_CACHE_KEY, found, PEMDA_CACHE_DETIK)
        return found


PEMDA_CACHE_KEY = "pemda:tampilan"
PEMDA_CACHE_DETIK = 300
_TIDAK_ADA = object()


def _lupakan_pemda() -> None:
    """Clear the cached header Pemda now and again after commit (a page drawn in between may have cached
    the old one)."""

    def lupa() -> None:
        cache.delete(PEMDA_CACHE_KEY)
        cache_lokal.lupakan(PEMDA_CACHE_KEY)

    lupa()
    transaction.on_commit(lupa)


class UnitKerjaQuerySet(models.QuerySet):
    def opd(self) -> UnitKerjaQuerySet:
        return self.filter(is_opd=True)

    def aktif(self) -> UnitKerjaQuerySet:
        return self.filter(aktif=True)


class UnitKerja(models.Model):
    """A node of the structure tree: the Pemda's top, an OPD, or a part of one (bidang, seksi, ...).

    A unit marked `is_opd` keeps its own letter numbering, agenda book, pencatat and kop surat;
    every unit knows the OPD it belongs to (`opd`, itself for an OPD), kept by the services.
    """

    class Jenis(models.TextChoices):
        PEMDA = "pemda", "Pimpinan Daerah"
        SETDA = "setda", "Sekretariat Daerah"
        DINAS = "dinas", "Dinas"
        BADAN = "badan", "Badan"
        INSPEKTORAT = "inspektorat", "Inspektorat"
        SATPOL = "satpol", "Satuan Polisi Pamong Praja"
        KECAMATAN = "kecamatan", "Kecamatan"
        KELURAHAN = "kelurahan", "Kelurahan"
        BAGIAN = "bagian", "Bagian"
        SEKRETARIAT = "sekretariat", "Sekretariat"
        BIDANG = "bidang", "Bidang"
        SUBBAGIAN = "subbagian", "Subbagian"
        SEKSI = "seksi", "Seksi"
        UPT = "upt", "UPT"

    nama = models.CharField(max_length=200)
    singkatan = models.CharField(max_length=50, blank=True)
    kode = models.CharField(
        "kode surat",
        max_length=30,
        blank=True,
        help_text="Kode singkat pada nomor surat, misalnya DISKOMINFOSP. Wajib untuk OPD.",
    )
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name="unit induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    is_opd = models.BooleanField("merupakan OPD", default=False)
    opd = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    urutan = models.PositiveIntegerField(default=0)
    aktif = models.BooleanField(default=True)
    # Kop surat data of an OPD.
    alamat = models.CharField(max_length=255, blank=True)
    kode_pos = models.CharField("kode pos", max_length=10, blank=True)
    telepon = models.CharField(max_length=50, blank=True)
    faksimile = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    website = models.CharField(max_length=100, blank=True)

    objects = UnitKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["kode"], condition=Q(is_opd=True), name="unitkerja_kode_opd_unik"),
        ]
        indexes = [models.Index(fields=["induk", "urutan"]), models.Index(fields=["opd"])]

    def __str__(self) -> str:
        return self.nama

    def leluhur(self) -> list[UnitKerja]:
        """Ancestors from the root down to the parent, in one query (`naik`)."""
        return list(reversed(naik(UnitKerja, "induk_id", self.induk_id)))


MAKS_KEDALAMAN = 30


def naik(model: type[models.Model], induk: str, start_id: int | None) -> list:
    """`start_id` and the rows above it through the `induk` column, nearest first, in one recursive query
    (not one per level). UNION and the depth cap end the walk if bad data made the links a cycle."""
    if start_id is None:
        return []
    t = model._meta.db_table
    sql = f"""
        WITH RECURSIVE naik(id, induk, kedalaman) AS (
            SELECT id, {induk}, 0 FROM {t} WHERE id = %s
            UNION
            SELECT r.id, r.{induk}, n.kedalaman + 1 FROM {t} r JOIN naik n ON r.id = n.induk
            WHERE n.kedalaman < %s
        )
        SELECT r.* FROM {t} r JOIN (SELECT id, MIN(kedalaman) AS kedalaman FROM naik GROUP BY id) n ON r.id = n.id
        ORDER BY n.kedalaman
    """
    return list(model.objects.raw(sql, [start_id, MAKS_KEDALAMAN]))


class JabatanQuerySet(models.QuerySet):
    def dapat_menandatangani(self) -> JabatanQuerySet:
        return self.filter(dapat_menandatangani=True, aktif=True)


class Jabatan(models.Model):
    """A position. It owns the work; people hold it (definitively, or as Plt/Plh)."""

    class Eselon(models.TextChoices):
        KEPALA_DAERAH = "KD", "Kepala/Wakil Kepala Daerah"
        I_B = "I.b", "I.b (Pimpinan Tinggi Madya)"
        II_A = "II.a", "II.a (Pimpinan Tinggi Pratama)"
        II_B = "II.b", "II.b (Pimpinan Tinggi Pratama)"
        III_A = "III.a", "III.a (Administrator)"
        III_B = "III.b", "III.b (Administrator)"
        IV_A = "IV.a", "IV.a (Pengawas)"
        IV_B = "IV.b", "IV.b (Pengawas)"
        FUNGSIONAL = "JF", "Jabatan Fungsional"
        PELAKSANA = "JP", "Pelaksana"

    nama = models.CharField(max_length=255, help_text="Nama jabatan lengkap, seperti tertulis di surat.")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="jabatan")
    atasan = models.ForeignKey(
        "self",
        verbose_name="atasan langsung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bawahan",
    )
    eselon = models.CharField("eselon/tingkat", max_length=5, choices=Eselon.choices)
    is_kepala_unit = models.BooleanField("kepala unit", default=False)
    dapat_menandatangani = models.BooleanField("dapat menandatangani surat", default=False)
    urutan = models.PositiveIntegerField(default=0)
    aktif = models.BooleanField(default=True)

    objects = JabatanQuerySet.as_manager()

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(is_kepala_unit=True, aktif=True),
                name="jabatan_satu_kepala_per_unit",
            ),
        ]
        indexes = [models.Index(fields=["unit", "urutan"])]

    def __str__(self) -> str:
        return self.nama

    def rantai_atasan(self) -> list[Jabatan]:
        """Superiors from the direct one upwards, in one query (`naik`)."""
        return [j for j in naik(Jabatan, "atasan_id", self.atasan_id) if j.pk != self.pk]


class Pangkat(models.TextChoices):
    """Pangkat and golongan ruang of PNS (PPPK have no pangkat)."""

    I_A = "I/a", "Juru Muda (I/a)"
    I_B = "I/b", "Juru Muda Tingkat I (I/b)"
    I_C = "I/c", "Juru (I/c)"
    I_D = "I/d", "Juru Tingkat I (I/d)"
    II_A = "II/a", "Pengatur Muda (II/a)"
    II_B = "II/b", "Pengatur Muda Tingkat I (II/b)"
    II_C = "II/c", "Pengatur (II/c)"
    II_D = "II/d", "Pengatur Tingkat I (II/d)"
    III_A = "III/a", "Penata Muda (III/a)"
    III_B = "III/b", "Penata Muda Tingkat I (III/b)"
    III_C = "III/c", "Penata (III/c)"
    III_D = "III/d", "Penata Tingkat I (III/d)"
    IV_A = "IV/a", "Pembina (IV/a)"
    IV_B = "IV/b", "Pembina Tingkat I (IV/b)"
    IV_C = "IV/c", "Pembina Utama Muda (IV/c)"
    IV_D = "IV/d", "Pembina Utama Madya (IV/d)"
    IV_E = "IV/e", "Pembina Utama (IV/e)"


class Pegawai(models.Model):
    """A person who uses eoffice, linked to a Django user. NIP is stored as 18 digits."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pegawai")
    nip = models.CharField("NIP", max_length=18, unique=True, null=True, blank=True)
    nik = models.CharField("NIK", max_length=16, blank=True, help_text="16 angka; diperlukan untuk TTE BSrE.")
    gelar_depan = models.CharField("gelar depan", max_length=50, blank=True)
    nama = models.CharField("nama (tanpa gelar)", max_length=150)
    gelar_belakang = models.CharField("gelar belakang", max_length=100, blank=True)
    pangkat = models.CharField("pangkat/golongan", max_length=5, choices=Pangkat.choices, blank=True)
    email = models.EmailField(blank=True)
    telepon = models.CharField(max_length=30, blank=True)
    jabatan = models.OneToOneField(
        Jabatan,
        verbose_name="jabatan definitif",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pemangku",
    )

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama"]
        indexes = [models.Index(fields=["nama"])]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        """'Dr. Budi Santoso, S.Kom., M.Eng.'"""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def nip_tampil(self) -> str:
        return format_nip(self.nip or "")


class PenugasanQuerySet(models.QuerySet):
    def berlaku_pada(self, on: datetime.date | None = None) -> PenugasanQuerySet:
        on = on or timezone.localdate()
        return self.filter(mulai__lte=on, selesai__gte=on)


class Penugasan(models.Model):
    """A pegawai temporarily holds another jabatan: Plh (holder away, at most 3 months) or Plt
    (post vacant, at most 1 year). Assignments of one jabatan never overlap (checked in services)."""

    class Jenis(models.TextChoices):
        PLH = "plh", "Plh. (Pelaksana Harian)"
        PLT = "plt", "Plt. (Pelaksana Tugas)"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penugasan")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penugasan")
    jenis = models.CharField(max_length=3, choices=Jenis.choices)
    mulai = models.DateField("mulai tanggal")
    selesai = models.DateField("sampai tanggal")
    nomor_sk = models.CharField("nomor surat perintah", max_length=100, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        verbose_name = "penugasan Plt/Plh"
        verbose_name_plural = "penugasan Plt/Plh"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="penugasan_selesai_setelah_mulai"),
        ]
        indexes = [
            models.Index(fields=["pegawai", "mulai", "selesai"]),
            models.Index(fields=["jabatan", "mulai", "selesai"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.jabatan} — {self.pegawai}"

    @property
    def singkatan(self) -> str:
        """'Plt.' or 'Plh.', as printed before the jabatan in a signature block."""
        return "Plt." if self.jenis == self.Jenis.PLT else "Plh."


# Roles that cover the whole Pemda and so have no OPD.
PERAN_TANPA_OPD = ["admin_pemda", "admin_tte"]


class Peran(models.Model):
    """An extra right of a pegawai. Pencatat, admin OPD and arsiparis are scoped to one OPD;
    admin Pemda covers everything; Admin TTE (approves signing certificates) covers the whole Pemda."""

    class Jenis(models.TextChoices):
        PENCATAT = "pencatat", "Pencatat surat (TU)"
        ADMIN_OPD = "admin_opd", "Admin OPD"
        ADMIN_PEMDA = "admin_pemda", "Admin Pemda"
        ARSIPARIS = "arsiparis", "Unit Kearsipan"
        ADMIN_TTE = "admin_tte", "Admin TTE"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="peran")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    opd = models.ForeignKey(
        UnitKerja,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="peran",
        limit_choices_to={"is_opd": True},
        help_text="Kosongkan untuk Admin Pemda dan Admin TTE.",
    )

    class Meta:
        verbose_name = "peran"
        verbose_name_plural = "peran"
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "jenis", "opd"], name="peran_unik"),
            models.CheckConstraint(
                condition=Q(jenis__in=PERAN_TANPA_OPD, opd__isnull=True)
                | (~Q(jenis__in=PERAN_TANPA_OPD) & Q(opd__isnull=False)),
                name="peran_opd_sesuai_jenis",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} — {self.opd or 'semua OPD'}"


class PengajuanKewenanganQuerySet(models.QuerySet):
    def menunggu(self) -> PengajuanKewenanganQuerySet:
        """Still open: neither decided nor past its expiry."""
        return self.filter(status=PengajuanKewenangan.Status.MENUNGGU, kedaluwarsa__gt=timezone.now())


class PengajuanKewenangan(models.Model):
    """A change that could hand one person another's authority (who holds a post that signs or heads a
    unit, a role, the e-mail of such a holder), proposed by an admin OPD and held until an admin Pemda or
    a second admin of the OPD approves it: never the proposer, never the pegawai it is about. `sebelum`
    is the state it was proposed against: when that changed meanwhile, approving is refused."""

    class Jenis(models.TextChoices):
        JABATAN = "jabatan", "Pemangku jabatan"
        PERAN = "peran", "Pemberian peran"
        EMAIL = "email", "Email akun"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu persetujuan"
        DISETUJUI = "disetujui", "Disetujui"
        DITOLAK = "ditolak", "Ditolak"

    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="pengajuan_kewenangan")
    opd = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="+")
    sebelum = models.JSONField()
    sesudah = models.JSONField()
    uraian = models.CharField(max_length=500)
    pengaju = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)
    kedaluwarsa = models.DateTimeField()
    pemutus = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    diputus = models.DateTimeField(null=True, blank=True)

    objects = PengajuanKewenanganQuerySet.as_manager()

    class Meta:
        verbose_name = "pengajuan perubahan kewenangan"
        verbose_name_plural = "pengajuan perubahan kewenangan"
        indexes = [models.Index(fields=["status", "opd", "kedaluwarsa"], name="pengajuan_menunggu")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.uraian}"
