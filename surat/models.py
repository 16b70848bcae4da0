"""Letters (naskah dinas): drafts, the paraf chain, signing and numbering, delivery, paper letters
registered by the pencatat, read receipts, versions, attachments, the timeline and who may see what.

All writes go through surat.services; all reads for a user start from `Surat.objects.visible_to()`:
who may open a letter and who may read its content is decided here once (`visible_q`, `content_q`).
See surat/README-api.md for the service and selector signatures."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from arsip.models import KlasifikasiArsip  # layer: the KKA code table (arsip) is reference data under the letters
from lib.sql import AdaPerBaris
from lib.storage import private_path
from organisasi import acting
from organisasi.acting import Who
from organisasi.models import Jabatan, Pegawai, UnitKerja
from surat.models_koreksi import KoreksiDanRetensi


class JenisSurat(models.Model):
    """A kind of naskah dinas (Surat Dinas, Nota Dinas, Surat Undangan, ...): rows, not models.

    `kolom_tambahan` lists the extra fields of the kind, each a dict
    {"name": "acara", "label": "Acara", "type": "text|textarea|date|time|list|pegawai_list",
     "required": bool (optional, default False)}; values live in Surat.data_tambahan.
    """

    class Keluarga(models.TextChoices):
        KORESPONDENSI_EKSTERN = "korespondensi_ekstern", "Korespondensi ekstern"
        KORESPONDENSI_INTERN = "korespondensi_intern", "Korespondensi intern"
        PENUGASAN = "penugasan", "Penugasan"
        PENETAPAN = "penetapan", "Penetapan"
        KHUSUS = "khusus", "Naskah dinas khusus"

    TIPE_KOLOM = ("text", "textarea", "date", "time", "list", "pegawai_list")

    kode = models.SlugField(max_length=50, unique=True)
    nama = models.CharField(max_length=100)
    singkatan = models.CharField(max_length=20, blank=True)
    keluarga = models.CharField(max_length=30, choices=Keluarga.choices)
    kolom_tambahan = models.JSONField("kolom tambahan", default=list, blank=True)
    aktif = models.BooleanField(default=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "jenis surat"
        verbose_name_plural = "jenis surat"
        ordering = ["urutan", "nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def perlu_tujuan(self) -> bool:
        """Penugasan and penetapan have no addressee (centred title, no Yth.)."""
        return self.keluarga not in (self.Keluarga.PENUGASAN, self.Keluarga.PENETAPAN)


class SuratQuerySet(models.QuerySet):
    def visible_to(self, who: Who) -> SuratQuerySet:
        """Letters `who` may open (see `visible_q`: the one rule)."""
        return self.filter(visible_q(who))

    def readable_by(self, who: Who) -> SuratQuerySet:
        """Letters whose content (hal, body, attachments) `who` may read (see `content_q`)."""
        return self.filter(content_q(who))

    def in_workflow_of(self, who: Who) -> SuratQuerySet:
        """Letters whose drafting work (versions, paraf and return notes) `who` may read (see `workflow_q`)."""
        return self.filter(workflow_q(who))

    def terkirim(self) -> SuratQuerySet:
        return self.filter(status__in=(Surat.Status.TERKIRIM, Surat.Status.TERCATAT))


class Surat(KoreksiDanRetensi):
    """One letter: a draft written in the app (NASKAH) or a paper letter registered by a pencatat
    (MASUK_LUAR). Signed letters never change: the signer's name, NIP, pangkat and jabatan are
    copied into the ttd_* fields at signing."""

    class Sumber(models.TextChoices):
        NASKAH = "naskah", "Dibuat di aplikasi"
        MASUK_LUAR = "masuk_luar", "Surat masuk dari luar"

    class Status(models.TextChoices):
        KONSEP = "konsep", "Konsep"
        PARAF = "paraf", "Menunggu paraf"
        TTD = "ttd", "Menunggu tanda tangan"
        TERKIRIM = "terkirim", "Ditandatangani dan dikirim"
        TERCATAT = "tercatat", "Tercatat (surat dari luar)"

    class Keamanan(models.TextChoices):
        BIASA = "biasa", "Biasa"
        TERBATAS = "terbatas", "Terbatas"
        RAHASIA = "rahasia", "Rahasia"
        SANGAT_RAHASIA = "sangat_rahasia", "Sangat Rahasia"

    class Urgensi(models.TextChoices):
        AMAT_SEGERA = "amat_segera", "Amat Segera"
        SEGERA = "segera", "Segera"
        BIASA = "biasa", "Biasa"

    jenis = models.ForeignKey(JenisSurat, on_delete=models.PROTECT, related_name="surat")
    sumber = models.CharField(max_length=12, choices=Sumber.choices, default=Sumber.NASKAH)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.KONSEP)

    konseptor = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="surat_dikonsep"
    )
    jabatan_konseptor = models.ForeignKey(
        Jabatan, verbose_name="jabatan konseptor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opd = models.ForeignKey(
        UnitKerja,
        verbose_name="OPD",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="OPD pengirim (naskah) atau OPD penerima (surat dari luar).",
    )

    klasifikasi = models.ForeignKey(
        KlasifikasiArsip, verbose_name="kode klasifikasi", null=True, blank=True, on_delete=models.PROTECT
    )
    keamanan = models.CharField("klasifikasi keamanan", max_length=15, choices=Keamanan.choices, default=Keamanan.BIASA)
    urgensi = models.CharField(max_length=12, choices=Urgensi.choices, default=Urgensi.BIASA)
    hal = models.CharField(max_length=500, blank=True)
    isi = models.TextField(blank=True, help_text="HTML yang sudah dibersihkan (surat.sanitize).")
    data_tambahan = models.JSONField("data tambahan", default=dict, blank=True)

    penandatangan = models.ForeignKey(
        Jabatan, verbose_name="penandatangan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    atas_nama = models.ForeignKey(
        Jabatan,
        verbose_name="atas nama (a.n.)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    untuk_beliau = models.BooleanField("untuk beliau (u.b.)", default=False)
    # The jabatan whose paraf is awaited (status PARAF); kept by the services so "perlu paraf" is one filter.
    giliran = models.ForeignKey(
        Jabatan, verbose_name="giliran paraf", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Signing snapshot (filled at signing; people and posts move, the letter must not change).
    penandatangan_pegawai = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="surat_ditandatangani"
    )
    ttd_nama = models.CharField(max_length=255, blank=True)
    ttd_nip = models.CharField(max_length=18, blank=True)
    ttd_pangkat = models.CharField(max_length=60, blank=True)
    ttd_jabatan = models.CharField(max_length=255, blank=True)
    ttd_sebutan = models.CharField(max_length=5, blank=True, help_text="'Plt.', 'Plh.' atau kosong.")
    ttd_atas_nama = models.CharField(max_length=255, blank=True, help_text="Baris a.n. (nama jabatan).")
    ttd_untuk_beliau = models.CharField(max_length=255, blank=True, help_text="Baris u.b. (nama jabatan).")

    nomor = models.CharField(max_length=120, unique=True, null=True, blank=True)
    nomor_urut = models.PositiveIntegerField(null=True, blank=True)
    tahun = models.PositiveSmallIntegerField(null=True, blank=True)
    tanggal = models.DateField(null=True, blank=True, help_text="Tanggal tanda tangan (atau tanggal terima).")
    ditandatangani_pada = models.DateTimeField(null=True, blank=True)

    balasan_untuk = models.ForeignKey(
        "self", verbose_name="balasan untuk", null=True, blank=True, on_delete=models.SET_NULL, related_name="balasan"
    )

    # Paper letters from outside (MASUK_LUAR).
    asal_instansi = models.CharField("asal surat", max_length=255, blank=True)
    nomor_asal = models.CharField("nomor surat", max_length=120, blank=True)
    tanggal_asal = models.DateField("tanggal surat", null=True, blank=True)
    tanggal_terima = models.DateField("tanggal terima", null=True, blank=True)
    ringkasan = models.TextField(blank=True)

    versi = models.PositiveIntegerField(default=1)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    # The form's one-use token (lib.forms.TokenKirimField) of the submit that registered a paper letter:
    # a repeated submit finds this letter instead of registering it (and numbering it) twice.
    token_kirim = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)

    objects = SuratQuerySet.as_manager()

    class Meta:
        verbose_name = "surat"
        verbose_name_plural = "surat"
        ordering = ["-dibuat", "-id"]
        indexes = [
            models.Index(fields=["jabatan_konseptor", "status", "-diubah", "-id"], name="surat_konsep_idx"),
            models.Index(fields=["giliran", "status"], name="surat_giliran_idx"),
            models.Index(fields=["penandatangan", "status", "-diubah", "-id"], name="surat_ttd_idx"),
            models.Index(fields=["opd", "status", "-tanggal", "-id"], name="surat_opd_idx"),
            models.Index(fields=["status", "-tanggal", "-id"], name="surat_status_tgl_idx"),
            models.Index(fields=["balasan_untuk"], name="surat_balasan_idx"),
            # Surat Keluar: a user's signed letters by date, drafted or signed (one index each side).
            models.Index(fields=["jabatan_konseptor", "status", "-tanggal", "-id"], name="surat_keluar_konsep_idx"),
            models.Index(fields=["penandatangan", "status", "-tanggal", "-id"], name="surat_keluar_ttd_idx"),
        ]

    def __str__(self) -> str:
        # Shown wherever a letter is named outside its scoped pages (the Django admin, logs): never
        # the subject of a Rahasia letter.
        return f"{self.nomor or '(konsep)'} — {'(Rahasia)' if self.is_rahasia else self.hal}"

    @property
    def is_rahasia(self) -> bool:
        return self.keamanan in (self.Keamanan.RAHASIA, self.Keamanan.SANGAT_RAHASIA)

    @property
    def is_konsep(self) -> bool:
        return self.status == self.Status.KONSEP

    @property
    def is_final(self) -> bool:
        """Signed (or registered): the content is frozen."""
        return self.status in (self.Status.TERKIRIM, self.Status.TERCATAT)

    @property
    def nomor_tampil(self) -> str:
        return self.nomor or "(diisi saat ditandatangani)"


class Verifikator(models.Model):
    """One step of the paraf chain, in order. Statuses reset to MENUNGGU when the drafter resubmits."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        DISETUJUI = "disetujui", "Disetujui (paraf)"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="verifikator")
    urutan = models.PositiveSmallIntegerField()
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    pegawai = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField(blank=True)

    class Meta:
        verbose_name = "verifikator"
        verbose_name_plural = "verifikator"
        ordering = ["surat", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["surat", "urutan"], name="verifikator_urutan_unik"),
            models.UniqueConstraint(fields=["surat", "jabatan"], name="verifikator_jabatan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.urutan}. {self.jabatan}"


class Penerima(models.Model):
    """An addressee (TUJUAN) or copy (TEMBUSAN): an internal jabatan, or an external party that the
    sending OPD's pencatat delivers by email or on paper. One row per internal jabatan per letter."""

    class Jenis(models.TextChoices):
        TUJUAN = "tujuan", "Tujuan"
        TEMBUSAN = "tembusan", "Tembusan"

    class KirimStatus(models.TextChoices):
        BELUM = "belum", "Belum dikirim"
        TERKIRIM = "terkirim", "Sudah dikirim"

    class KirimCara(models.TextChoices):
        EMAIL = "email", "Surel (email)"
        POS = "pos", "Pos"
        KURIR = "kurir", "Kurir"
        DIANTAR = "diantar", "Diantar langsung"
        LAINNYA = "lainnya", "Lainnya"

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="penerima")
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    urutan = models.PositiveSmallIntegerField(default=0)
    jabatan = models.ForeignKey(Jabatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Receiving OPD of an internal addressee (jabatan.unit.opd), copied by the services for the agenda.
    opd = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Name as printed (jabatan name or external party), frozen at signing.
    nama_tampil = models.CharField(max_length=255, blank=True)
    eksternal_nama = models.CharField("nama penerima luar", max_length=255, blank=True)
    eksternal_alamat = models.TextField("alamat", blank=True)
    eksternal_email = models.EmailField("email", blank=True)

    diterima_pada = models.DateTimeField(null=True, blank=True, help_text="Saat surat masuk ke kotak penerima.")
    dibaca_pada = models.DateTimeField(null=True, blank=True)
    dibaca_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ditindaklanjuti_pada = models.DateTimeField(null=True, blank=True)

    kirim_status = models.CharField(max_length=10, choices=KirimStatus.choices, blank=True)
    kirim_cara = models.CharField(max_length=10, choices=KirimCara.choices, blank=True)
    dikirim_pada = models.DateTimeField(null=True, blank=True)
    dikirim_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kirim_catatan = models.TextField(blank=True)

    class Meta:
        verbose_name = "penerima"
        verbose_name_plural = "penerima"
        ordering = ["surat", "jenis", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(jabatan__isnull=False) & Q(eksternal_nama=""))
                | (Q(jabatan__isnull=True) & ~Q(eksternal_nama="")),
                name="penerima_intern_xor_ekstern",
            ),
            models.UniqueConstraint(
                fields=["surat", "jabatan"], condition=Q(jabatan__isnull=False), name="penerima_jabatan_unik"
            ),
        ]
        indexes = [
            models.Index(fields=["jabatan", "jenis", "-diterima_pada", "-id"], name="penerima_kotak_idx"),
            models.Index(fields=["jabatan", "jenis", "dibaca_pada"], name="penerima_dibaca_idx"),
            # What waits for a jabatan (Beranda counters, the "belum dibaca / belum ditindaklanjuti" inbox):
            # only the waiting receipts are in these, so counting and paging them never reads the rest.
            models.Index(
                fields=["jabatan", "jenis", "-diterima_pada", "-id"],
                condition=Q(dibaca_pada__isnull=True),
                name="penerima_belum_dibaca_idx",
            ),
            models.Index(
                fields=["jabatan", "jenis", "-diterima_pada", "-id", "surat"],
                condition=Q(ditindaklanjuti_pada__isnull=True),
                name="penerima_belum_tl_idx",
            ),
            models.Index(
                fields=["kirim_status", "surat"],
                condition=Q(jabatan__isnull=True),
                name="penerima_ekstern_idx",
            ),
            # The pencatat's "not opened yet" (surat.tiba.BELUM_DIBUKA): only these receipts get an agenda line.
            models.Index(
                fields=["opd", "-diterima_pada", "-id"],
                condition=Q(dibaca_pada__isnull=True, diterima_pada__isnull=False, jenis="tujuan"),
                name="penerima_opd_belum_dibuka_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_eksternal(self) -> bool:
        return self.jabatan_id is None

    @property
    def nama(self) -> str:
        if self.nama_tampil:
            return self.nama_tampil
        return self.eksternal_nama if self.is_eksternal else str(self.jabatan)


class Agenda(models.Model):
    """A line of an OPD's buku agenda (incoming mail register): numbered per OPD per year with no gap."""

    opd = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    nomor = models.PositiveIntegerField()
    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="agenda")
    penerima = models.ForeignKey(Penerima, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tanggal_terima = models.DateField()
    dicatat_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "agenda surat masuk"
        verbose_name_plural = "buku agenda"
        ordering = ["opd", "-tahun", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "nomor"], name="agenda_nomor_unik"),
            models.UniqueConstraint(fields=["opd", "surat"], name="agenda_surat_unik"),
        ]
        indexes = [
            # The pencatat's "arrived today" (surat.tiba.tiba_di_opd), newest first.
            models.Index(fields=["opd", "tanggal_terima", "-dibuat", "-id"], name="agenda_opd_terima_idx"),
            models.Index(fields=["opd", "-dibuat", "-id"], name="agenda_opd_dibuat_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}/{self.tahun}"


class SuratVersi(models.Model):
    """A saved version of a draft (taken each time the drafter resubmits after a return)."""

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="riwayat_versi")
    versi = models.PositiveIntegerField()
    snapshot = models.JSONField()
    dibuat_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)
    catatan = models.TextField(blank=True)

    class Meta:
        verbose_name = "versi surat"
        verbose_name_plural = "versi surat"
        ordering = ["surat", "versi"]
        constraints = [models.UniqueConstraint(fields=["surat", "versi"], name="suratversi_unik")]

    def __str__(self) -> str:
        return f"versi {self.versi}"


def lampiran_path(instance: Lampiran, filename: str) -> str:
    return private_path("surat")


class BerkasUnggahan(models.Model):
    """What every uploaded file records besides the file itself (checked by surat.files.validate_upload)."""

    nama_asli = models.CharField("nama berkas", max_length=255)
    ukuran = models.PositiveBigIntegerField()
    mime = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)

    class Meta:
        abstract = True


class Lampiran(BerkasUnggahan):
    """An attached file (or the scan of a paper letter). Served only through a permission-checked view."""

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(upload_to=lampiran_path, max_length=255)
    diunggah_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lampiran"
        verbose_name_plural = "lampiran"
        ordering = ["surat", "id"]

    def __str__(self) -> str:
        return self.nama_asli


class SuratLog(models.Model):
    """The timeline of a letter (and its letter-level audit trail): one row per action."""

    class Aksi(models.TextChoices):
        DIBUAT = "dibuat", "Konsep dibuat"
        DIUBAH = "diubah", "Konsep diubah"
        DIAJUKAN = "diajukan", "Diajukan"
        DIPARAF = "diparaf", "Diparaf"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DITANDATANGANI = "ditandatangani", "Ditandatangani"
        DIKIRIM = "dikirim", "Dikirim"
        DITERIMA = "diterima", "Diterima"
        DIBACA = "dibaca", "Dibaca"
        DIKIRIM_EKSTERNAL = "dikirim_eksternal", "Dikirim ke penerima luar"
        DICATAT = "dicatat", "Dicatat di buku agenda"
        DIBALAS = "dibalas", "Dibalas"
        LAMPIRAN_DITAMBAH = "lampiran_ditambah", "Lampiran ditambahkan"
        LAMPIRAN_DIHAPUS = "lampiran_dihapus", "Lampiran dihapus"
        DIDISPOSISIKAN = "didisposisikan", "Didisposisikan"
        DISPOSISI_BATAL = "disposisi_batal", "Disposisi dibatalkan"
        LAPORAN_DISPOSISI = "laporan_disposisi", "Laporan tindak lanjut"
        TANPA_DISPOSISI = "tanpa_disposisi", "Tidak perlu disposisi, diarsipkan"
        DIRALAT = "diralat", "Diralat"
        DICABUT = "dicabut", "Dicabut"
        DIMUSNAHKAN = "dimusnahkan", "Isi dimusnahkan (retensi)"

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="log")
    waktu = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    aksi = models.CharField(max_length=20, choices=Aksi.choices)
    dari_status = models.CharField(max_length=10, choices=Surat.Status.choices, blank=True)
    ke_status = models.CharField(max_length=10, choices=Surat.Status.choices, blank=True)
    catatan = models.TextField(blank=True)
    penerima = models.ForeignKey(Penerima, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "riwayat surat"
        verbose_name_plural = "riwayat surat"
        ordering = ["surat", "waktu", "id"]
        indexes = [models.Index(fields=["surat", "waktu", "id"], name="suratlog_surat_idx")]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.get_aksi_display()}"


class AksesSuratQuerySet(models.QuerySet):
    def granting(self, who: Who) -> AksesSuratQuerySet:
        """The rows that let `who` open a letter: one for a jabatan they act in today, or a pencatat row of
        an OPD whose mail they keep. The ids are resolved first (organisasi.acting, once per request), so
        the database walks the (jabatan, surat) and (opd, surat) indexes."""
        actor = acting.of(who)
        cond = Q(jabatan_id__in=actor.jabatan_ids)
        if actor.pencatat_opd_ids:
            cond |= Q(peran=AksesSurat.Peran.PENCATAT, opd_id__in=actor.pencatat_opd_ids)
        return self.filter(cond)

    def workflow(self) -> AksesSuratQuerySet:
        """The rows of the drafting OPD's workflow: drafter, the current paraf chain and the signer."""
        return self.filter(peran__in=AksesSurat.PERAN_ALUR)

    def own(self, who: Who) -> AksesSuratQuerySet:
        """The rows of a jabatan `who` acts in today: these also open a Rahasia letter's content."""
        return self.filter(jabatan_id__in=acting.of(who).jabatan_ids)

    def surat_ids(self, who: Who) -> models.QuerySet:
        """The ids of the letters `who` may open (the rule of `granting`) as a UNION of two index-only scans;
        an OR in one scan would read the table (search over a million letters)."""
        actor = acting.of(who)
        ids = self.filter(jabatan_id__in=actor.jabatan_ids).values("surat_id")
        if actor.pencatat_opd_ids:
            pencatat = self.filter(peran=AksesSurat.Peran.PENCATAT, opd_id__in=actor.pencatat_opd_ids)
            ids = ids.union(pencatat.values("surat_id"))
        return ids


class AksesSurat(models.Model):
    """Who may open a letter: a jabatan (whoever acts in it today) or, for PENCATAT, an OPD's pencatat.
    Written by the services as the letter moves; `visible_q` and `content_q` below read it."""

    class Peran(models.TextChoices):
        KONSEPTOR = "konseptor", "Konseptor"
        VERIFIKATOR = "verifikator", "Verifikator"
        PENANDATANGAN = "penandatangan", "Penandatangan"
        TUJUAN = "tujuan", "Tujuan"
        TEMBUSAN = "tembusan", "Tembusan"
        PENCATAT = "pencatat", "Pencatat surat"
        DISPOSISI = "disposisi", "Penerima disposisi"

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="akses")
    jabatan = models.ForeignKey(Jabatan, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    peran = models.CharField(max_length=15, choices=Peran.choices)
    dibuat = models.DateTimeField(auto_now_add=True)

    # The drafting work (versions, paraf and return notes) is seen by these only; the services keep the
    # VERIFIKATOR and PENANDATANGAN rows equal to the current chain and signer.
    PERAN_ALUR = (Peran.KONSEPTOR, Peran.VERIFIKATOR, Peran.PENANDATANGAN)

    objects = AksesSuratQuerySet.as_manager()

    class Meta:
        verbose_name = "akses surat"
        verbose_name_plural = "akses surat"
        constraints = [
            models.CheckConstraint(
                condition=Q(jabatan__isnull=False, opd__isnull=True) | Q(jabatan__isnull=True, opd__isnull=False),
                name="akses_jabatan_xor_opd",
            ),
            models.UniqueConstraint(
                fields=["surat", "jabatan", "peran"], condition=Q(jabatan__isnull=False), name="akses_jabatan_unik"
            ),
            models.UniqueConstraint(
                fields=["surat", "opd", "peran"], condition=Q(opd__isnull=False), name="akses_opd_unik"
            ),
        ]
        indexes = [
            models.Index(fields=["jabatan", "surat"], name="akses_jabatan_idx"),
            models.Index(fields=["opd", "surat"], name="akses_opd_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_peran_display()}: {self.jabatan or self.opd}"


# ---------------------------------------------------------------- who may see a letter: the one rule

RAHASIA = (Surat.Keamanan.RAHASIA, Surat.Keamanan.SANGAT_RAHASIA)


def visible_q(who: Who, ref: str = "pk") -> Exists:
    """`who` may open the letter `ref` points at ("pk", or "surat_id" from a row about a letter): an access row
    of a post they act in today, or a pencatat row of an OPD whose mail they keep. Every read starts here."""
    return Exists(AksesSurat.objects.granting(who).filter(surat=OuterRef(ref)))


def content_q(who: Who, ref: str = "pk", prefix: str = "", *, known_visible: bool = False) -> ExpressionWrapper:
    """`who` may read the letter's content (hal, ringkasan, body, attachments): an access row of a jabatan
    they act in, or pencatat access to a letter that is not Rahasia/Sangat Rahasia (a pencatat keeps the
    register line of a secret letter, not its content). `prefix` leads to the letter's fields ("surat__"
    from an agenda line). With `known_visible` the rows are letters `who` may open already, so only a
    secret letter needs the access check. A boolean expression (a CASE's true/false are parameters that
    a read prepared on the server cannot type), probed per row: read on a page of rows (lib.sql)."""
    own = AdaPerBaris(AksesSurat.objects.own(who).filter(surat=OuterRef(ref)))
    rahasia = Q(**{f"{prefix}keamanan__in": RAHASIA})
    if known_visible:
        return ExpressionWrapper(~rahasia | Q(own), output_field=models.BooleanField())
    actor = acting.of(who)
    cond = Q(own)
    if actor.pencatat_opd_ids:
        pencatat = AksesSurat.objects.filter(peran=AksesSurat.Peran.PENCATAT, opd_id__in=actor.pencatat_opd_ids)
        cond |= Q(AdaPerBaris(pencatat.filter(surat=OuterRef(ref)))) & ~rahasia
    return ExpressionWrapper(cond, output_field=models.BooleanField())


def workflow_q(who: Who, ref: str = "pk") -> Exists:
    """`who` may read the drafting work of the letter (its draft versions, the paraf chain's notes and
    returns): only the drafting OPD's workflow, a jabatan they act in today holding a KONSEPTOR, VERIFIKATOR
    (current chain) or PENANDATANGAN row. Addressees, copies and every pencatat see the signed letter only."""
    return Exists(AksesSurat.objects.own(who).workflow().filter(surat=OuterRef(ref)))


from surat.models_dokumen import Cetakan, DokumenSurat  # noqa: E402,F401  (PDF models, see that module)
from surat.models_nomor import Penomoran  # noqa: E402,F401  (the number counters)
