"""Forms of the letter pages: the draft (konsep) with its extra fields per kind and external addressees,
the return note, the signing confirmation and the record of an external delivery.

Forms lay out and clean input; the services validate the whole letter and save it. A service
ValidationError is put on the field it names (`add_service_errors`), so the page shows it in place.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from arsip.models import KlasifikasiArsip  # layer: the KKA code table (arsip) is reference data under the letters
from lib.forms import MultipleFileField, TanggalInput
from organisasi.models import Jabatan, Pegawai
from organisasi.selectors import pegawai_label, pegawai_pilihan_dasar
from surat import selectors
from surat.files import validate_upload
from surat.models import JenisSurat, Penerima, Surat
from surat.sanitize import clean_html, masalah_isi

MAKS_VERIFIKATOR = 3
BESAR = {"class": "form-control-lg"}

Choices = list[tuple[Any, Any]]


# ---------------------------------------------------------------- choices and fields


def jabatan_label(jabatan: Jabatan) -> str:
    """'Kepala Dinas Perhubungan — Hendro Purnomo' (needs `pemangku` loaded); '(lowong)' when vacant."""
    pemangku = getattr(jabatan, "pemangku", None)
    return f"{jabatan.nama} — {pemangku.nama_lengkap}" if pemangku else f"{jabatan.nama} — (lowong)"


def jabatan_choices(qs: QuerySet[Jabatan]) -> Choices:
    """Jabatan grouped by OPD, each labelled with its holder so people recognise it:
    [("Dinas Perhubungan", [(12, "Kepala Dinas Perhubungan — Hendro Purnomo"), ...]), ...]."""
    qs = qs.select_related("unit__opd", "pemangku").order_by(
        "unit__opd__urutan", "unit__opd__nama", "unit__urutan", "urutan", "nama"
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for jabatan in qs:
        opd = jabatan.unit.opd or jabatan.unit
        groups.setdefault(opd.nama, []).append((jabatan.pk, jabatan_label(jabatan)))
    return list(groups.items())


def pegawai_choices(pegawai: Iterable[Pegawai]) -> Choices:
    """Pegawai grouped by the OPD of their post, labelled with it: [("Dinas Perhubungan", [(7, "Ir. Hendro
    Purnomo — Kepala Dinas Perhubungan"), ...]), ...]. One no longer placed keeps a place of its own."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for p in pegawai:
        opd = (p.jabatan.unit.opd or p.jabatan.unit).nama if p.jabatan_id else "Tanpa jabatan"
        groups.setdefault(opd, []).append((p.pk, pegawai_label(p)))
    return sorted(groups.items())


def _jabatan_list(ids: Iterable[int]) -> list[Jabatan]:
    """Jabatan objects in the order of `ids`."""
    ids = [i for i in ids if i]
    found = Jabatan.objects.select_related("unit").in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _pilih_satu(label: str, choices: Choices, *, kosong: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", kosong), *choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=help_text,
        widget=forms.Select(attrs={"class": "form-select-lg"}),
    )


def _pilih_jabatan(label: str, choices: Choices, help_text: str) -> forms.TypedMultipleChoiceField:
    """An addressee picker. Without JavaScript a plain multiple select over a short list (see
    selectors.jabatan_pilihan_dasar); static/js/jabatan_pilih.js turns it into a search-as-you-type
    combobox over every jabatan (surat:jabatan_cari) that adds what is picked to the select."""
    return forms.TypedMultipleChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": "Jabatan yang dipilih tidak ditemukan. Cari dan pilih lagi."},
        widget=forms.SelectMultiple(attrs={"size": 8, "data-eo-jabatan": "1", "class": "eo-pilih-banyak"}),
    )


def _ids(values: Iterable[Any]) -> list[int]:
    return [i for i in (_int(v) for v in values) if i is not None]


class KlasifikasiField(forms.CharField):
    """A text box holding '000.8.3.3 Standar Operasional Prosedur' (or just the code); cleans to the code."""

    def to_python(self, value: Any) -> KlasifikasiArsip | None:
        text = super().to_python(value)
        if not text:
            return None
        kode = text.split()[0]
        klas = KlasifikasiArsip.objects.aktif().filter(kode=kode).first()
        if klas is None:
            raise ValidationError(
                f"Kode klasifikasi “{kode}” tidak ditemukan. Ketik kode atau kata, lalu pilih dari daftar."
            )
        return klas

    def prepare_value(self, value: Any) -> Any:
        return f"{value.kode} {value.nama}" if isinstance(value, KlasifikasiArsip) else value


def kolom_field(kolom: dict[str, Any], pegawai: Choices | None) -> forms.Field:
    """The form field for one extra field of a kind (JenisSurat.kolom_tambahan). Never required here:
    a draft may be incomplete; the service checks required ones when the draft is submitted."""
    tipe = kolom.get("type", "text")
    common: dict[str, Any] = {
        "label": kolom.get("label", kolom["name"]),
        "required": False,
        "help_text": "Wajib diisi sebelum konsep diajukan." if kolom.get("required") else "",
    }
    if tipe == "textarea":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, **common)
    if tipe == "date":
        return forms.DateField(widget=TanggalInput(), **common)
    if tipe == "time":
        return forms.CharField(widget=forms.TextInput(attrs={"type": "time"}), max_length=5, **common)
    if tipe == "list":
        common["help_text"] = " ".join(filter(None, ["Tulis satu butir per baris.", common["help_text"]]))
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, **common)
    if tipe == "pegawai_list":
        # A short list (KonsepForm._pegawai_choices); static/js/jabatan_pilih.js searches everyone.
        return forms.TypedMultipleChoiceField(
            choices=pegawai or [],
            coerce=int,
            error_messages={"invalid_choice": "Pegawai yang dipilih tidak ditemukan. Cari dan pilih lagi."},
            widget=forms.SelectMultiple(
                attrs={
                    "size": 6,
                    "class": "eo-pilih-banyak",
                    "data-eo-cari": reverse("organisasi:pegawai_cari"),
                    "data-eo-petunjuk": "Ketik nama atau NIP pegawai",
                    "data-eo-kosong": "Tidak ada pegawai yang cocok.",
                }
            ),
            **common,
        )
    return forms.CharField(max_length=500, widget=forms.TextInput(attrs=BESAR), **common)


def kolom_initial(kolom: dict[str, Any], value: Any) -> Any:
    if kolom.get("type") == "list" and isinstance(value, list):
        return "\n".join(value)
    return value


# ---------------------------------------------------------------- external addressees


class PenerimaLuarForm(forms.Form):
    """One external addressee (another agency, a company, a citizen); empty rows are ignored."""

    jenis = forms.ChoiceField(
        label="Sebagai", choices=Penerima.Jenis.choices, initial=Penerima.Jenis.TUJUAN, widget=forms.Select()
    )
    nama = forms.CharField(label="Nama instansi atau orang", max_length=255, required=False)
    alamat = forms.CharField(label="Alamat", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    email = forms.EmailField(
        label="Email", required=False, error_messages={"invalid": "Alamat email tidak sah. Contoh: tu@dishub.go.id"}
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("nama") and (data.get("alamat") or data.get("email")):
            self.add_error("nama", "Tulis nama penerima.")
        return data


PenerimaLuarFormSet = forms.formset_factory(PenerimaLuarForm, extra=1, can_delete=True, max_num=50)


# ---------------------------------------------------------------- the draft


class KonsepForm(forms.Form):
    """Write or change a draft. Created with the acting pegawai and, when changing, the letter."""

    jabatan_konseptor = forms.TypedChoiceField(
        label="Saya menulis sebagai",
        coerce=int,
        help_text="Anda memangku lebih dari satu jabatan. Pilih jabatan yang menulis konsep ini.",
    )
    jenis = forms.ModelChoiceField(
        label="Jenis surat",
        queryset=JenisSurat.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select-lg", "data-eo-jenis-pilih": "1"}),
    )
    hal = forms.CharField(
        label="Hal (perihal)",
        max_length=500,
        required=False,
        help_text="Pokok surat dalam satu kalimat singkat, misalnya: Undangan Rapat Koordinasi.",
        widget=forms.TextInput(attrs=BESAR),
    )
    klasifikasi = KlasifikasiField(
        label="Kode klasifikasi arsip",
        required=False,
        help_text="Ketik kode (misalnya 000.1) atau kata (misalnya kearsipan), lalu pilih dari daftar.",
        widget=forms.TextInput(
            attrs={
                **BESAR,
                "autocomplete": "off",
                "role": "combobox",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "aria-controls": "klasifikasi-daftar",
                "data-eo-klasifikasi": "1",
            }
        ),
    )
    keamanan = forms.ChoiceField(
        label="Klasifikasi keamanan",
        choices=Surat.Keamanan.choices,
        initial=Surat.Keamanan.BIASA,
        widget=forms.RadioSelect,
        help_text="Surat Rahasia hanya dapat dibaca oleh orang yang dituju.",
    )
    urgensi = forms.ChoiceField(
        label="Derajat kecepatan",
        choices=Surat.Urgensi.choices,
        initial=Surat.Urgensi.BIASA,
        widget=forms.RadioSelect,
        help_text="Amat Segera: hari ini juga. Segera: dalam 24 jam.",
    )
    isi = forms.CharField(
        label="Isi surat",
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 14, "data-eo-editor": "1"}),
        help_text="Tulis isi surat. Tebal, miring, daftar dan tabel dapat digunakan.",
    )
    penandatangan = forms.TypedChoiceField(label="Penandatangan", coerce=int, empty_value=None, required=False)
    atas_nama = forms.TypedChoiceField(label="Atas nama (a.n.)", coerce=int, empty_value=None, required=False)
    untuk_beliau = forms.BooleanField(
        label="Untuk beliau (u.b.)",
        required=False,
        help_text="Centang bila penandatangan dua tingkat di bawah jabatan atas nama.",
    )
    lampiran = MultipleFileField(
        label="Tambah lampiran",
        required=False,
        validate=validate_upload,
        help_text="Boleh lebih dari satu berkas: PDF, JPG, PNG, DOCX, XLSX, PPTX, ODT atau ODS.",
    )

    def __init__(
        self, data: Any = None, files: Any = None, *, pegawai: Pegawai, surat: Surat | None = None, **kwargs: Any
    ) -> None:
        if data is not None:
            # The editor only ever gets clean HTML back, even when the page is shown again with errors.
            data = data.copy()
            data["isi"] = clean_html(data.get("isi", ""))
        self.pegawai = pegawai
        self.surat = surat
        kwargs.setdefault("initial", self._initial_from(surat) if surat else {})
        super().__init__(data, files, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

        konseptor = list(selectors.jabatan_konseptor_pilihan(pegawai))
        self.konseptor_pilihan = konseptor
        if surat is not None or len(konseptor) <= 1:
            del self.fields["jabatan_konseptor"]
        else:
            self.fields["jabatan_konseptor"].choices = [(j.pk, j.nama) for j in konseptor]
            self.fields["jabatan_konseptor"].initial = pegawai.jabatan_id

        jenis = list(selectors.jenis_pilihan())
        if surat is not None and surat.jenis not in jenis:
            jenis.append(surat.jenis)
        self.fields["jenis"].queryset = JenisSurat.objects.filter(pk__in=[j.pk for j in jenis])
        self.jenis_list = jenis

        # Only a short list plus what is already chosen is rendered; the script searches all jabatan.
        dasar = jabatan_choices(selectors.jabatan_pilihan_dasar(pegawai, termasuk=self._penerima_terpilih(data)))
        penandatangan = jabatan_choices(selectors.penandatangan_pilihan())
        self.fields["penandatangan"].choices = [("", "— Pilih penandatangan —"), *penandatangan]
        self.fields["penandatangan"].help_text = "Pejabat yang menandatangani surat."
        self.fields["penandatangan"].widget.attrs.update({"class": "form-select-lg", "data-eo-penandatangan": "1"})
        self.fields["atas_nama"].choices = [("", "— Tidak memakai a.n. —"), *penandatangan]
        self.fields[
            "atas_nama"
        ].help_text = "Isi bila penandatangan menandatangani atas nama atasannya, misalnya a.n. Kepala Dinas."
        self.fields["tujuan"] = _pilih_jabatan(
            "Tujuan (Yth.) di lingkungan Pemda",
            dasar,
            "Pilih satu atau lebih jabatan: cari dengan nama jabatan, nama pejabat, atau nama OPD.",
        )
        self.fields["tembusan"] = _pilih_jabatan(
            "Tembusan di lingkungan Pemda", dasar, "Jabatan yang menerima salinan surat (boleh kosong)."
        )
        verifikator = self._verifikator_choices()
        for i in range(1, MAKS_VERIFIKATOR + 1):
            self.fields[f"verifikator_{i}"] = _pilih_satu(f"Verifikator ke-{i}", verifikator, kosong="— Tidak ada —")
            self.fields[f"verifikator_{i}"].widget.attrs["data-eo-verifikator"] = str(i)

        pegawai_opsi = self._pegawai_choices(data, jenis)
        self.kolom: dict[int, list[str]] = {}
        for j in jenis:
            for kolom in j.kolom_tambahan or []:
                name = self.kolom_name(j, kolom["name"])
                self.fields[name] = kolom_field(kolom, pegawai_opsi)
                if surat is not None and surat.jenis_id == j.pk and kolom["name"] in surat.data_tambahan:
                    self.initial[name] = kolom_initial(kolom, surat.data_tambahan[kolom["name"]])
                self.kolom.setdefault(j.pk, []).append(name)

        self.luar = PenerimaLuarFormSet(data, prefix="luar", initial=self._luar_initial(surat))

    # ---------------------------------------------------------------- set-up helpers

    @staticmethod
    def kolom_name(jenis: JenisSurat, name: str) -> str:
        return f"dt_{jenis.pk}_{name}"

    def clean_isi(self) -> str:
        isi = self.cleaned_data.get("isi", "")
        if masalah := masalah_isi(isi):
            raise forms.ValidationError(masalah)
        return isi

    def _verifikator_choices(self) -> Choices:
        """Jabatan of the OPDs the drafter acts in (paraf stays inside the OPD), plus the current chain."""
        opd_ids = {j.unit.opd_id for j in self.konseptor_pilihan}
        qs = Jabatan.objects.filter(aktif=True, unit__opd_id__in=opd_ids)
        if self.surat is not None:
            qs = qs | Jabatan.objects.filter(pk__in=self.surat.verifikator.values("jabatan_id"))
        return jabatan_choices(qs.distinct())

    def _pegawai_choices(self, data: Any, jenis: list[JenisSurat]) -> Choices | None:
        """The pegawai pickers' short list (None when no kind has one): the staff of the OPDs the drafter
        writes for, plus whoever is chosen already (typed in, or saved in the draft), so a page shown
        again after an error keeps people from other OPDs too."""
        kolom = [(j, k["name"]) for j in jenis for k in j.kolom_tambahan or [] if k.get("type") == "pegawai_list"]
        if not kolom:
            return None
        if data is not None and hasattr(data, "getlist"):
            terpilih = _ids(v for j, name in kolom for v in data.getlist(self.kolom_name(j, name)))
        elif self.surat is not None:
            tersimpan = self.surat.data_tambahan or {}
            terpilih = _ids(v for j, name in kolom if j.pk == self.surat.jenis_id for v in tersimpan.get(name) or [])
        else:
            terpilih = []
        opd_ids = {j.unit.opd_id for j in self.konseptor_pilihan}
        return pegawai_choices(pegawai_pilihan_dasar(opd_ids, termasuk=terpilih))

    def _penerima_terpilih(self, data: Any) -> list[int]:
        """Ids of the jabatan already chosen as tujuan or tembusan (typed in or saved), so a page shown
        again after an error keeps them even when they are outside the short list."""
        if data is not None and hasattr(data, "getlist"):
            return _ids([*data.getlist("tujuan"), *data.getlist("tembusan")])
        return _ids([*self.initial.get("tujuan", []), *self.initial.get("tembusan", [])])

    @staticmethod
    def _initial_from(surat: Surat) -> dict[str, Any]:
        penerima = list(surat.penerima.filter(jabatan__isnull=False).values_list("jenis", "jabatan_id"))
        chain = list(surat.verifikator.order_by("urutan").values_list("jabatan_id", flat=True))
        initial: dict[str, Any] = {
            "jenis": surat.jenis_id,
            "hal": surat.hal,
            "klasifikasi": surat.klasifikasi,
            "keamanan": surat.keamanan,
            "urgensi": surat.urgensi,
            "isi": surat.isi,
            "penandatangan": surat.penandatangan_id,
            "atas_nama": surat.atas_nama_id,
            "untuk_beliau": surat.untuk_beliau,
            "tujuan": [j for jenis, j in penerima if jenis == Penerima.Jenis.TUJUAN],
            "tembusan": [j for jenis, j in penerima if jenis == Penerima.Jenis.TEMBUSAN],
        }
        for i, jabatan_id in enumerate(chain, start=1):
            initial[f"verifikator_{i}"] = jabatan_id
        return initial

    @staticmethod
    def _luar_initial(surat: Surat | None) -> list[dict[str, str]]:
        if surat is None:
            return []
        return [
            {"jenis": p.jenis, "nama": p.eksternal_nama, "alamat": p.eksternal_alamat, "email": p.eksternal_email}
            for p in surat.penerima.filter(jabatan__isnull=True).order_by("jenis", "urutan", "id")
        ]

    # ---------------------------------------------------------------- for the template

    def kolom_per_jenis(self) -> list[tuple[JenisSurat, list[forms.BoundField]]]:
        return [(j, [self[name] for name in self.kolom[j.pk]]) for j in self.jenis_list if j.pk in self.kolom]

    def verifikator_fields(self) -> list[forms.BoundField]:
        return [self[f"verifikator_{i}"] for i in range(1, MAKS_VERIFIKATOR + 1)]

    # ---------------------------------------------------------------- validation and output

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.luar.is_valid()])

    def konseptor_terpilih(self) -> Jabatan | None:
        """The jabatan writing a new draft: the one chosen, or the only one the user acts in."""
        if "jabatan_konseptor" in self.fields:
            chosen = self.cleaned_data.get("jabatan_konseptor")
            return next((j for j in self.konseptor_pilihan if j.pk == chosen), None)
        return self.konseptor_pilihan[0] if self.konseptor_pilihan else None

    def _data_tambahan(self, jenis: JenisSurat) -> dict[str, Any]:
        data = {}
        for kolom in jenis.kolom_tambahan or []:
            value = self.cleaned_data.get(self.kolom_name(jenis, kolom["name"]))
            if value not in (None, "", []):
                data[kolom["name"]] = value
        return data

    def _penerima_luar(self, jenis: str) -> list[dict[str, str]]:
        rows = []
        for form in self.luar.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("nama") and not data.get("DELETE") and data.get("jenis") == jenis:
                rows.append({"nama": data["nama"], "alamat": data.get("alamat", ""), "email": data.get("email", "")})
        return rows

    def verifikator_chain(self, jabatan_konseptor: Jabatan | None) -> list[Jabatan]:
        """The chain as chosen. When left empty while a (new) signer is chosen, the default chain."""
        cd = self.cleaned_data
        chain = _jabatan_list(cd.get(f"verifikator_{i}") for i in range(1, MAKS_VERIFIKATOR + 1))
        signer_id = cd.get("penandatangan")
        signer_changed = self.surat is None or self.surat.penandatangan_id != signer_id
        if not chain and signer_id and signer_changed and jabatan_konseptor is not None:
            chain = selectors.usulan_verifikator(jabatan_konseptor, Jabatan.objects.get(pk=signer_id))
        return chain

    def service_data(self) -> dict[str, Any]:
        """Keyword arguments for services.surat_create / surat_update."""
        cd = self.cleaned_data
        jenis = cd["jenis"]
        konseptor = self.surat.jabatan_konseptor if self.surat else self.konseptor_terpilih()
        one = _jabatan_list([cd.get("penandatangan"), cd.get("atas_nama")])
        by_id = {j.pk: j for j in one}
        return {
            "jenis": jenis,
            "hal": cd.get("hal", ""),
            "isi": cd.get("isi", ""),
            "klasifikasi": cd.get("klasifikasi"),
            "keamanan": cd["keamanan"],
            "urgensi": cd["urgensi"],
            "data_tambahan": self._data_tambahan(jenis),
            "penandatangan": by_id.get(cd.get("penandatangan")),
            "atas_nama": by_id.get(cd.get("atas_nama")),
            "untuk_beliau": cd.get("untuk_beliau", False),
            "tujuan": [*_jabatan_list(cd.get("tujuan", [])), *self._penerima_luar(Penerima.Jenis.TUJUAN)],
            "tembusan": [*_jabatan_list(cd.get("tembusan", [])), *self._penerima_luar(Penerima.Jenis.TEMBUSAN)],
            "verifikator": self.verifikator_chain(konseptor),
        }

    def with_usulan(self) -> KonsepForm:
        """The same form, its verifikator chain replaced by the default for the chosen signer."""
        data = self.data.copy()
        konseptor = self.surat.jabatan_konseptor if self.surat else None
        if konseptor is None:
            chosen = _int(data.get("jabatan_konseptor"))
            konseptor = next((j for j in self.konseptor_pilihan if j.pk == chosen), None) or (
                self.konseptor_pilihan[0] if self.konseptor_pilihan else None
            )
        signer = Jabatan.objects.filter(pk=_int(data.get("penandatangan"))).first()
        chain = selectors.usulan_verifikator(konseptor, signer) if konseptor else []
        for i in range(1, MAKS_VERIFIKATOR + 1):
            data[f"verifikator_{i}"] = str(chain[i - 1].pk) if i <= len(chain) else ""
        return KonsepForm(data, pegawai=self.pegawai, surat=self.surat)

    def add_service_errors(self, exc: ValidationError) -> None:
        """Put a service's errors on the fields they name (`data_tambahan.<name>` on that extra field)."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        jenis = self.cleaned_data.get("jenis") or (self.surat.jenis if self.surat else None)
        for key, errors in exc.error_dict.items():
            if key.startswith("data_tambahan.") and jenis is not None:
                field = self.kolom_name(jenis, key.split(".", 1)[1])
            else:
                field = {"verifikator": "verifikator_1", "berkas": "lampiran"}.get(key, key)
            self.add_error(field if field in self.fields else None, errors)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- actions on one letter


class CatatanForm(forms.Form):
    """The note that goes with a return (required) or a paraf (optional)."""

    catatan = forms.CharField(
        label="Catatan perbaikan untuk konseptor",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Tuliskan catatan perbaikan untuk konseptor."},
    )

    def __init__(self, *args: Any, wajib: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catatan"].required = wajib
        if not wajib:
            self.fields["catatan"].label = "Catatan (boleh kosong)"
        self.helper = FormHelper()
        self.helper.form_tag = False


class TandatanganiForm(forms.Form):
    passphrase = forms.CharField(
        label="Frasa sandi TTE",
        strip=False,
        widget=forms.PasswordInput(attrs={**BESAR, "autocomplete": "off"}),
        help_text="Kata sandi sertifikat tanda tangan elektronik Anda (bukan kata sandi masuk eoffice).",
        error_messages={"required": "Masukkan frasa sandi TTE Anda."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class KirimEksternalForm(forms.Form):
    """The pencatat records how a signed letter went out to one external addressee."""

    penerima = forms.TypedChoiceField(label="Penerima", coerce=int, widget=forms.RadioSelect)
    cara = forms.ChoiceField(label="Dikirim dengan", choices=Penerima.KirimCara.choices, widget=forms.RadioSelect)
    dikirim_pada = forms.DateTimeField(
        label="Tanggal dan jam dikirim",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", **BESAR}, format="%Y-%m-%dT%H:%M"),
    )
    catatan = forms.CharField(
        label="Catatan (boleh kosong)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Misalnya nomor resi pos atau nama penerima di loket.",
    )

    def __init__(self, *args: Any, penerima: list[Penerima], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.penerima_list = {p.pk: p for p in penerima}
        self.fields["penerima"].choices = [
            (p.pk, f"{p.eksternal_nama}" + (f" ({p.eksternal_email})" if p.eksternal_email else "")) for p in penerima
        ]
        if len(penerima) == 1:
            self.fields["penerima"].initial = penerima[0].pk
        self.fields["dikirim_pada"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_dikirim_pada(self) -> datetime.datetime:
        value = self.cleaned_data["dikirim_pada"]
        if value > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError("Waktu pengiriman tidak boleh di masa depan.")
        return value
