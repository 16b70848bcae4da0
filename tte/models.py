"""What the lokal TTE backend stores: the Pemda's root CA, its timestamp authority (TSA) and CRL, each
signer's certificate and the signers' requests for one. Private keys are sealed (see tte.crypto): the
CA's and the TSA's under the TTE_CA_PASSPHRASE setting, a signer's under that signer's own passphrase,
which is never stored."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisasi.models import Pegawai


class OtoritasSertifikat(models.Model):
    """A root CA of this Pemda. One is active; replaced ones stay as trust roots so that documents
    signed under them still verify."""

    nama = models.CharField(max_length=200)
    serial = models.CharField("nomor seri", max_length=64, unique=True)
    sertifikat_pem = models.TextField("sertifikat (PEM)")
    kunci_terenkripsi = models.TextField("kunci privat terenkripsi", editable=False)
    berlaku_mulai = models.DateTimeField("berlaku mulai")
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    aktif = models.BooleanField(default=True, help_text="CA yang menerbitkan sertifikat baru.")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "otoritas sertifikat (CA)"
        verbose_name_plural = "otoritas sertifikat (CA)"
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(fields=["aktif"], condition=Q(aktif=True), name="ca_satu_aktif"),
        ]

    def __str__(self) -> str:
        return self.nama


class OtoritasTimestamp(models.Model):
    """The Pemda's timestamp authority (RFC 3161), certified by a CA of this Pemda. One is active; a new
    one replaces it well before it expires (tte.tsa), so every new timestamp outlives the archive margin."""

    penerbit = models.ForeignKey(OtoritasSertifikat, on_delete=models.PROTECT, related_name="tsa")
    serial = models.CharField("nomor seri", max_length=64, unique=True)
    sertifikat_pem = models.TextField("sertifikat (PEM)")
    kunci_terenkripsi = models.TextField("kunci privat terenkripsi", editable=False)
    berlaku_mulai = models.DateTimeField("berlaku mulai")
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    aktif = models.BooleanField(default=True)
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "otoritas cap waktu (TSA)"
        verbose_name_plural = "otoritas cap waktu (TSA)"
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(fields=["aktif"], condition=Q(aktif=True), name="tsa_satu_aktif"),
        ]

    def __str__(self) -> str:
        return f"TSA {self.serial}"


class LingkupCrl(models.TextChoices):
    """A CA publishes two partitioned CRLs (RFC 5280 issuing distribution point): one for signers'
    certificates and one for its TSA's. Kept apart, a validator years later who fetches the current
    TSA list to trust the newest timestamp does not mistake it for news about a signer's certificate
    that has long expired (pyHanko's long-term validation would, with one shared list)."""

    PENANDATANGAN = "penandatangan", "Sertifikat penanda tangan"
    TSA = "tsa", "Sertifikat TSA"


class DaftarPencabutan(models.Model):
    """The current CRL of one CA and scope (DER), regenerated on every revocation and on a schedule;
    published at /tte/crl/<serial CA>.crl (signers) and /tte/crl/<serial CA>-tsa.crl (TSA) and
    embedded in every signature (PAdES B-LT)."""

    penerbit = models.ForeignKey(OtoritasSertifikat, on_delete=models.CASCADE, related_name="crl")
    lingkup = models.CharField(max_length=15, choices=LingkupCrl.choices, default=LingkupCrl.PENANDATANGAN)
    nomor = models.PositiveIntegerField("nomor CRL", default=0)
    der = models.BinaryField()
    terbit = models.DateTimeField("diterbitkan")
    berikutnya = models.DateTimeField("terbit berikutnya paling lambat")

    class Meta:
        verbose_name = "daftar sertifikat dicabut (CRL)"
        verbose_name_plural = "daftar sertifikat dicabut (CRL)"
        constraints = [models.UniqueConstraint(fields=["penerbit", "lingkup"], name="crl_satu_per_lingkup")]

    def __str__(self) -> str:
        return f"CRL {self.get_lingkup_display()} #{self.nomor} {self.penerbit}"


class AlasanPencabutan(models.TextChoices):
    """Why a certificate was revoked; each maps to an RFC 5280 reason code in the CRL (tte.crypto)."""

    KUNCI_BOCOR = "kunci_bocor", "Perangkat hilang atau frasa sandi TTE diketahui orang lain"
    PINDAH_JABATAN = "pindah_jabatan", "Pindah atau meninggalkan jabatan"
    MENINGGAL = "meninggal", "Meninggal dunia"
    DIGANTI = "diganti", "Diganti dengan sertifikat baru"
    LAINNYA = "lainnya", "Lainnya"


class SertifikatTteQuerySet(models.QuerySet):
    def berlaku(self, on=None) -> SertifikatTteQuerySet:
        """Certificates a signer may use at `on` (default now): not revoked and within their validity."""
        on = on or timezone.now()
        return self.filter(dicabut_pada__isnull=True, berlaku_mulai__lte=on, berlaku_sampai__gt=on)


class SertifikatTte(models.Model):
    """A signer's certificate issued by the Pemda's CA. At most one per pegawai is not revoked:
    issuing a new one revokes the old (kept, because documents signed with it must still verify)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="sertifikat_tte")
    penerbit = models.ForeignKey(OtoritasSertifikat, on_delete=models.PROTECT, related_name="sertifikat")
    serial = models.CharField("nomor seri", max_length=64, unique=True)
    subject = models.CharField("subjek", max_length=500)
    sertifikat_pem = models.TextField("sertifikat (PEM)")
    kunci_terenkripsi = models.TextField("kunci privat terenkripsi", editable=False)
    berlaku_mulai = models.DateTimeField("berlaku mulai")
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)
    alasan_dicabut = models.CharField("alasan dicabut", max_length=200, blank=True)
    kode_alasan = models.CharField("kode alasan dicabut", max_length=20, choices=AlasanPencabutan.choices, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = SertifikatTteQuerySet.as_manager()

    class Meta:
        verbose_name = "sertifikat TTE"
        verbose_name_plural = "sertifikat TTE"
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"], condition=Q(dicabut_pada__isnull=True), name="sertifikat_tte_satu_aktif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.serial})"


class PermohonanSertifikat(models.Model):
    """A signer's request to activate a certificate (lokal backend). The Admin TTE approves or refuses
    it; after approval the signer chooses their own passphrase, which issues the certificate."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Menunggu persetujuan Admin TTE"
        DISETUJUI = "disetujui", "Disetujui; tinggal membuat frasa sandi TTE"
        DITOLAK = "ditolak", "Ditolak"
        SELESAI = "selesai", "Sertifikat sudah terbit"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="permohonan_sertifikat")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    diajukan = models.DateTimeField(auto_now_add=True)
    diputus_oleh = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="diputus oleh"
    )
    diputus_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.CharField(max_length=300, blank=True)
    sertifikat = models.ForeignKey(SertifikatTte, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "permohonan sertifikat TTE"
        verbose_name_plural = "permohonan sertifikat TTE"
        ordering = ["-diajukan", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=Q(status__in=["diajukan", "disetujui"]),
                name="permohonan_sertifikat_satu_terbuka",
            ),
        ]

    def __str__(self) -> str:
        return f"Permohonan {self.pegawai} ({self.get_status_display()})"
