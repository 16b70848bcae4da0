"""Forms of the list pages (the GET filter form), the agenda book and the paper-letter register."""

from __future__ import annotations

import datetime
import os
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone

from lib.forms import FormPolos, MultipleFileField, MultipleFileInput, TanggalInput, TokenKirimField, pilihan_tersimpan
from organisasi.models import Jabatan, UnitKerja
from organisasi.selectors import opd_list
from surat import selectors
from surat.files import validate_upload
from surat.models import Surat

PINDAIAN_MIME = ("application/pdf", "image/jpeg", "image/png")
PINDAIAN_EKSTENSI = (".pdf", ".jpg", ".jpeg", ".png")
PILIH_ULANG = "Berkas yang tadi dipilih belum tersimpan. Pilih ulang berkas pindaian sebelum menyimpan."


class FilterForm(FormPolos):
    """The GET filter form shared by the lists. `status_pilihan` adds a read-state select (Surat Masuk,
    Tembusan); `tanpa` drops fields a list does not need (e.g. OPD pengirim for own drafts). Plain
    markup (lib.forms.FormPolos) and cached options: it sits on top of every busy list. `jenis` and
    `opd_pengirim` clean to ids (the selectors take ids)."""

    q = forms.CharField(
        label="Cari",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Nomor, hal, atau asal surat"}),
    )
    status = forms.ChoiceField(label="Tampilkan", required=False)
    dari = forms.DateField(label="Dari tanggal", required=False, widget=TanggalInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=TanggalInput())
    jenis = forms.TypedChoiceField(label="Jenis surat", coerce=int, required=False, empty_value=None)
    keamanan = forms.ChoiceField(
        label="Klasifikasi keamanan", required=False, choices=[("", "Semua")] + Surat.Keamanan.choices
    )
    urgensi = forms.ChoiceField(
        label="Derajat kecepatan", required=False, choices=[("", "Semua")] + Surat.Urgensi.choices
    )
    opd_pengirim = forms.TypedChoiceField(label="OPD pengirim", coerce=int, required=False, empty_value=None)

    UTAMA = ("opd", "tahun", "status", "q")
    LANJUTAN = ("dari", "sampai", "jenis", "keamanan", "urgensi", "opd_pengirim")

    def __init__(
        self,
        data: Any = None,
        *,
        status_pilihan: list[tuple[str, str]] | None = None,
        tanpa: tuple[str, ...] = (),
        opsi: tuple[tuple, tuple] | None = None,
        **kwargs: Any,
    ) -> None:
        """`opsi`: the options of `jenis` and `opd_pengirim` as `FilterForm.opsi()` gave them."""
        super().__init__(data, **kwargs)
        self.fields["jenis"].choices, self.fields["opd_pengirim"].choices = opsi or self.opsi()
        if status_pilihan:
            self.fields["status"].choices = status_pilihan
        else:
            del self.fields["status"]
        for name in tanpa:
            self.fields.pop(name, None)

    @staticmethod
    def opsi() -> tuple[tuple, tuple]:
        """The options of `jenis` and `opd_pengirim` (kept in the cache: lib.forms.pilihan_tersimpan)."""
        return (
            tuple(pilihan_tersimpan("jenis", selectors.jenis_pilihan(), "Semua jenis")),
            tuple(pilihan_tersimpan("opd", opd_list(), "Semua OPD")),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty values as keyword arguments for the selectors (invalid ones are ignored
        and shown as errors next to their field)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    @property
    def lanjutan_terisi(self) -> bool:
        """True when one of the detailed filters is set, so the page shows them opened."""
        return any(self.data.get(name) for name in self.LANJUTAN if name in self.fields)

    @property
    def utama(self) -> list[forms.BoundField]:
        """The fields always shown (search, read state, OPD and year); the rest fold away."""
        return [self[name] for name in self.UTAMA if name in self.fields]

    @property
    def lanjutan(self) -> list[forms.BoundField]:
        return [self[name] for name in self.LANJUTAN if name in self.fields]


def tahun_pilihan(jumlah: int = 10) -> list[tuple[int, str]]:
    tahun = timezone.localdate().year
    return [(t, str(t)) for t in range(tahun, tahun - jumlah, -1)]


class AgendaFilterForm(FilterForm):
    """The agenda book: an OPD (when the pencatat keeps several) and a year, plus the common filters."""

    opd = forms.ModelChoiceField(label="OPD", queryset=UnitKerja.objects.none(), required=False, empty_label=None)
    tahun = forms.TypedChoiceField(label="Tahun", coerce=int, required=False)

    def __init__(self, data: Any = None, *, opd_ids: set[int], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["opd"].queryset = self.opd_pilihan(opd_ids)
        self.fields["tahun"].choices = tahun_pilihan()
        if len(opd_ids) < 2:
            self.fields["opd"].widget = forms.HiddenInput()

    @staticmethod
    def opd_pilihan(opd_ids: set[int]) -> QuerySet[UnitKerja]:
        """The OPDs whose agenda book the pencatat keeps, the first one shown unless another is chosen."""
        return UnitKerja.objects.filter(pk__in=opd_ids).order_by("urutan", "nama")


class JabatanChoiceField(forms.ModelChoiceField):
    """Jabatan labelled with their OPD when the pencatat keeps the mail of several OPD."""

    dengan_opd = False

    def label_from_instance(self, obj: Jabatan) -> str:
        return f"{obj.nama} — {obj.unit.opd or obj.unit}" if self.dengan_opd else obj.nama


class JabatanMultipleChoiceField(forms.ModelMultipleChoiceField):
    dengan_opd = False
    label_from_instance = JabatanChoiceField.label_from_instance


class CatatMasukForm(forms.Form):
    """Register a paper letter from outside (pencatat). The service checks the rules again."""

    opd = forms.ModelChoiceField(label="Dicatat untuk OPD", queryset=UnitKerja.objects.none(), empty_label=None)
    asal_instansi = forms.CharField(
        label="Asal surat (instansi pengirim)",
        max_length=255,
        help_text="Misalnya: Kementerian Dalam Negeri, PT Bank Jateng, atau nama perorangan.",
        error_messages={"required": "Asal surat wajib diisi."},
    )
    nomor_asal = forms.CharField(label="Nomor surat", max_length=120, required=False)
    tanggal_asal = forms.DateField(label="Tanggal surat", required=False, widget=TanggalInput())
    tanggal_terima = forms.DateField(
        label="Tanggal terima", widget=TanggalInput(), error_messages={"required": "Tanggal terima wajib diisi."}
    )
    hal = forms.CharField(label="Hal", max_length=500, error_messages={"required": "Hal wajib diisi."})
    jenis = forms.ModelChoiceField(label="Jenis surat", queryset=selectors.jenis_pilihan(), empty_label=None)
    keamanan = forms.ChoiceField(
        label="Klasifikasi keamanan", choices=Surat.Keamanan.choices, initial=Surat.Keamanan.BIASA
    )
    urgensi = forms.ChoiceField(label="Derajat kecepatan", choices=Surat.Urgensi.choices, initial=Surat.Urgensi.BIASA)
    ringkasan = forms.CharField(
        label="Ringkasan isi", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    scans = MultipleFileField(
        label="Berkas pindaian (scan)",
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        help_text="PDF, JPG atau PNG. Boleh lebih dari satu berkas: tahan tombol Ctrl saat memilih.",
        error_messages={"required": "Pilih berkas pindaian surat (PDF, JPG atau PNG)."},
    )
    tujuan = JabatanChoiceField(
        label="Diteruskan kepada",
        queryset=Jabatan.objects.none(),
        empty_label=None,
        help_text="Biasanya kepala OPD; beliau yang akan mendisposisikan surat ini.",
        error_messages={"invalid_choice": "Pilih jabatan di OPD ini.", "required": "Pilih jabatan tujuan."},
    )
    tembusan = JabatanMultipleChoiceField(
        label="Tembusan (boleh dikosongkan)",
        queryset=Jabatan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Pilih jabatan di OPD ini."},
    )
    token = TokenKirimField()

    def __init__(self, *args: Any, opd_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        jabatan = (
            Jabatan.objects.filter(unit__opd_id__in=opd_ids, aktif=True)
            .select_related("unit__opd")
            .order_by("unit__opd__nama", "-is_kepala_unit", "urutan", "nama")
        )
        opd_qs = UnitKerja.objects.filter(pk__in=opd_ids).order_by("urutan", "nama")
        self.fields["opd"].queryset = opd_qs
        self.fields["tujuan"].queryset = jabatan
        self.fields["tembusan"].queryset = jabatan
        several = len(opd_ids) > 1
        self.fields["tujuan"].dengan_opd = self.fields["tembusan"].dengan_opd = several
        if not several:
            self.fields["opd"].widget = forms.HiddenInput()
        if not self.is_bound:
            self.initial.setdefault("tanggal_terima", timezone.localdate())
            self.initial.setdefault("jenis", self.fields["jenis"].queryset.filter(kode="surat-dinas").first())
            opd = opd_qs.first()
            if opd is not None:
                self.initial.setdefault("opd", opd)
                kepala = jabatan.filter(unit=opd, is_kepala_unit=True).first()
                self.initial.setdefault("tujuan", kepala)

    def clean_tanggal_terima(self) -> datetime.date:
        tanggal = self.cleaned_data["tanggal_terima"]
        if tanggal > timezone.localdate():
            raise ValidationError("Tanggal terima tidak boleh di masa depan.")
        return tanggal

    def clean_scans(self) -> list[UploadedFile]:
        berkas_list = self.cleaned_data["scans"]
        errors = []
        for berkas in berkas_list:
            if os.path.splitext(berkas.name or "")[1].lower() not in PINDAIAN_EKSTENSI:
                errors.append(f"{berkas.name}: pindaian harus berupa PDF, JPG atau PNG.")
                continue
            try:
                info = validate_upload(berkas)
            except ValidationError as e:
                errors += [f"{berkas.name}: {m}" for m in e.messages]
                continue
            if info.mime not in PINDAIAN_MIME:
                errors.append(f"{berkas.name}: pindaian harus berupa PDF, JPG atau PNG.")
        if errors:
            raise ValidationError(errors)
        return berkas_list

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opd, tujuan = data.get("opd"), data.get("tujuan")
        if opd and tujuan and tujuan.unit.opd_id != opd.pk:
            self.add_error("tujuan", "Pilih jabatan di OPD yang dipilih.")
        if opd and any(t.unit.opd_id != opd.pk for t in data.get("tembusan") or ()):
            self.add_error("tembusan", "Pilih jabatan di OPD yang dipilih.")
        asal, tanggal_terima = data.get("tanggal_asal"), data.get("tanggal_terima")
        if asal and tanggal_terima and asal > tanggal_terima:
            self.add_error("tanggal_asal", "Tanggal surat tidak boleh setelah tanggal terima.")
        self.minta_pilih_ulang()
        return data

    def minta_pilih_ulang(self) -> None:
        """A browser cannot refill a file input: when the page comes back with errors, say so at the field."""
        if self.errors and self.files.getlist(self.add_prefix("scans")) and "scans" not in self.errors:
            self.add_error("scans", PILIH_ULANG)
