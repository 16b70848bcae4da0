"""Forms of the "Kelola Struktur" pages. They lay out and clean fields; validating the whole object and
saving it are the services' job, so a service ValidationError is shown next to the field it names."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from lib.forms import TanggalInput, pilihan_kosong_indonesia
from organisasi import permissions, selectors
from organisasi.models import PERAN_TANPA_OPD, Jabatan, Pegawai, Penugasan, Peran, UnitKerja


def _with_current(qs: QuerySet, current_id: int | None) -> QuerySet:
    """The actor's choices plus the value already stored, which may lie outside them (the atasan of a
    Kepala Dinas sits in the Setda): keeping it must not fail validation."""
    return qs | qs.model.objects.filter(pk=current_id) if current_id else qs


class ServiceFormMixin:
    """Crispy layout without its own <form> tag, the acting pegawai, and the service's errors put on the
    fields they name (others on top)."""

    def _setup(self, actor: Pegawai) -> None:
        self.actor = actor
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def service_data(self) -> dict[str, Any]:
        """Keyword arguments for the service."""
        return dict(self.cleaned_data)

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class ServiceModelForm(ServiceFormMixin, forms.ModelForm):
    """A ModelForm for its fields and labels only: the instance is never changed or saved here."""

    def __init__(self, *args: Any, actor: Pegawai, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup(actor)
        pilihan_kosong_indonesia(self)

    def _post_clean(self) -> None:
        # Model validation lives in the services (one place, Indonesian messages keyed by field).
        pass


class UnitForm(ServiceModelForm):
    class Meta:
        model = UnitKerja
        fields = [
            "nama",
            "singkatan",
            "jenis",
            "induk",
            "is_opd",
            "kode",
            "urutan",
            "aktif",
            "alamat",
            "kode_pos",
            "telepon",
            "faksimile",
            "email",
            "website",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.instance
        self.fields["induk"].queryset = _with_current(
            selectors.units_managed_by(self.actor).exclude(pk=unit.pk), unit.induk_id
        )
        if not permissions.is_admin_pemda(self.actor):
            # Only an admin Pemda makes OPDs or moves them; an admin OPD files new units under its own.
            del self.fields["is_opd"]
            if unit.pk and unit.is_opd:
                del self.fields["induk"]
            else:
                self.fields["induk"].required = True
        kop = ["alamat", "kode_pos", "telepon", "faksimile", "email", "website"]
        self.helper.layout = Layout(
            Fieldset("Data unit", *[f for f in self.fields if f not in kop]),
            Fieldset("Data kop surat (khusus OPD)", *kop),
        )


class JabatanForm(ServiceModelForm):
    class Meta:
        model = Jabatan
        fields = ["nama", "unit", "atasan", "eselon", "is_kepala_unit", "dapat_menandatangani", "urutan", "aktif"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        jabatan = self.instance
        self.fields["unit"].queryset = _with_current(selectors.units_managed_by(self.actor), jabatan.unit_id)
        self.fields["atasan"].queryset = _with_current(
            selectors.jabatan_managed_by(self.actor).exclude(pk=jabatan.pk), jabatan.atasan_id
        )


class PegawaiForm(ServiceModelForm):
    nip = forms.CharField(
        label="NIP",
        max_length=30,
        required=False,
        help_text="18 angka, boleh diketik dengan spasi, misalnya 19860926 201505 1 001. Kosongkan untuk non-ASN.",
    )

    class Meta:
        model = Pegawai
        fields = ["nip", "nik", "gelar_depan", "nama", "gelar_belakang", "pangkat", "email", "telepon", "jabatan"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pegawai = self.instance
        if pegawai.nip:
            self.initial["nip"] = pegawai.nip_tampil
        vacant = selectors.jabatan_managed_by(self.actor).filter(Q(pemangku__isnull=True) | Q(pemangku=pegawai.pk))
        self.fields["jabatan"].queryset = _with_current(vacant, pegawai.jabatan_id)
        self.fields["jabatan"].help_text = "Hanya jabatan yang masih kosong yang dapat dipilih."
        if not permissions.is_admin_pemda(self.actor):
            self.fields["jabatan"].required = True


class PegawaiBaruForm(PegawaiForm):
    username = forms.CharField(
        label="nama pengguna",
        max_length=150,
        required=False,
        help_text="Untuk masuk ke eoffice. Kosongkan untuk memakai NIP.",
    )
    password = forms.CharField(label="kata sandi", strip=False, widget=forms.PasswordInput(render_value=True))
    password2 = forms.CharField(label="ulangi kata sandi", strip=False, widget=forms.PasswordInput(render_value=True))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        password, password2 = cleaned.get("password"), cleaned.get("password2")
        if password and password2 and password != password2:
            self.add_error("password2", "Kedua kata sandi tidak sama.")
        elif password:
            try:
                validate_password(password)
            except ValidationError as exc:
                self.add_error("password", exc)
        return cleaned

    @property
    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("password2", None)
        return data


class PenugasanForm(ServiceModelForm):
    class Meta:
        model = Penugasan
        fields = ["jenis", "jabatan", "pegawai", "mulai", "selesai", "nomor_sk"]
        widgets = {
            "mulai": TanggalInput(),
            "selesai": TanggalInput(),
        }
        help_texts = {
            "jenis": "Plt. bila jabatan kosong (paling lama 1 tahun); Plh. bila pejabatnya berhalangan sementara "
            "(paling lama 3 bulan).",
            "pegawai": "Pegawai yang ditunjuk sebagai Plt./Plh.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        penugasan = self.instance
        self.fields["jabatan"].queryset = _with_current(
            selectors.jabatan_managed_by(self.actor).filter(aktif=True), penugasan.jabatan_id
        )
        self.fields["pegawai"].queryset = _with_current(selectors.pegawai_managed_by(self.actor), penugasan.pegawai_id)


class PeranForm(ServiceFormMixin, forms.Form):
    pegawai = forms.ModelChoiceField(queryset=Pegawai.objects.none())
    jenis = forms.ChoiceField(label="Peran")
    opd = forms.ModelChoiceField(
        label="OPD",
        queryset=UnitKerja.objects.none(),
        required=False,
        help_text="Kosongkan untuk Admin Pemda dan Admin TTE.",
    )

    def __init__(self, *args: Any, actor: Pegawai, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup(actor)
        self.fields["pegawai"].queryset = selectors.pegawai_managed_by(actor)
        self.fields["opd"].queryset = selectors.units_managed_by(actor).filter(is_opd=True)
        jenis = Peran.Jenis.choices
        if not permissions.is_admin_pemda(actor):
            jenis = [c for c in jenis if c[0] not in PERAN_TANPA_OPD]
            self.fields["opd"].required = True
            self.fields["opd"].help_text = ""
        self.fields["jenis"].choices = jenis
        pilihan_kosong_indonesia(self)
