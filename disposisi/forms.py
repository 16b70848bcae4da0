"""Forms of the disposition pages: the disposition form, the report form, and the list filter."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms
from django.utils import timezone

from disposisi import reach
from disposisi.models import Disposisi, InstruksiDisposisi
from disposisi.selectors import STATUS_PILIHAN
from lib.forms import FormPolos, MultipleFileField, TokenKirimField
from organisasi.models import Jabatan

MAKS_BERKAS = 5


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def pemegang(jabatan: Jabatan) -> str:
    """Who acts in the jabatan today: the holder, or the Plt/Plh when loaded (`pelaksana`)."""
    pelaksana = getattr(jabatan, "pelaksana", None) or []
    if pelaksana:
        p = pelaksana[0]
        return f"{p.singkatan} {p.pegawai.nama_lengkap}"
    holder = getattr(jabatan, "pemangku", None)
    return holder.nama_lengkap if holder is not None else "(belum ada pejabat)"


class DisposisiForm(forms.Form):
    """Recipients (checkboxes grouped by unit), instructions, note, deadline and priority."""

    kepada = forms.ModelMultipleChoiceField(
        label="Diteruskan kepada",
        queryset=Jabatan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Pilih sedikitnya satu penerima disposisi.",
            "invalid_choice": "Jabatan yang dipilih di luar jangkauan Anda. Pilih dari daftar di bawah.",
        },
    )
    instruksi = forms.ModelMultipleChoiceField(
        label="Instruksi",
        queryset=InstruksiDisposisi.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Instruksi yang dipilih sudah tidak dipakai. Pilih dari daftar di bawah."},
    )
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "Misalnya: Segera koordinasikan dengan bidang terkait."}
        ),
    )
    batas_waktu = forms.DateField(
        label="Batas waktu",
        required=False,
        widget=TanggalInput(),
        help_text="Boleh dikosongkan bila tidak ada batas waktu.",
    )
    prioritas = forms.ChoiceField(
        label="Prioritas",
        choices=Disposisi.Prioritas.choices,
        initial=Disposisi.Prioritas.BIASA,
        widget=forms.RadioSelect,
    )
    token = TokenKirimField()

    def __init__(self, *args: Any, dari_jabatan: Jabatan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pilihan = list(reach.tujuan_disposisi_pilihan(dari_jabatan))
        self.fields["kepada"].queryset = Jabatan.objects.filter(pk__in=[j.pk for j in self.pilihan])
        self.fields["instruksi"].queryset = InstruksiDisposisi.objects.aktif()
        self.fields["batas_waktu"].widget.attrs["min"] = timezone.localdate().isoformat()

    def kelompok_kepada(self) -> list[dict[str, Any]]:
        """The recipient checkboxes grouped by OPD and unit, with the holder's name."""
        dipilih = {str(v) for v in (self["kepada"].value() or [])}
        groups = []
        for unit, rows in groupby(self.pilihan, key=lambda j: j.unit):
            judul = unit.nama if unit.opd_id in (None, unit.pk) else f"{unit.nama} — {unit.opd.nama}"
            groups.append(
                {
                    "judul": judul,
                    "pilihan": [{"jabatan": j, "pemegang": pemegang(j), "dipilih": str(j.pk) in dipilih} for j in rows],
                }
            )
        return groups

    def pilihan_instruksi(self) -> list[dict[str, Any]]:
        dipilih = {str(v) for v in (self["instruksi"].value() or [])}
        return [{"instruksi": i, "dipilih": str(i.pk) in dipilih} for i in self.fields["instruksi"].queryset]


class LaporanForm(forms.Form):
    isi = forms.CharField(
        label="Isi laporan tindak lanjut",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Apa yang sudah dikerjakan dan hasilnya."}),
        error_messages={"required": "Tuliskan isi laporan tindak lanjut."},
    )
    berkas = MultipleFileField(
        label="Berkas pendukung (boleh lebih dari satu)",
        required=False,
        maks=MAKS_BERKAS,
        help_text="PDF, JPG, PNG, DOCX, XLSX, PPTX, ODT atau ODS.",
    )


class DaftarFilterForm(FormPolos):
    """The GET filter of Disposisi Masuk/Keluar. `status` also offers overdue and due-soon views. Plain
    markup (lib.forms.FormPolos): it sits on top of a busy list."""

    status = forms.ChoiceField(
        label="Tampilkan",
        required=False,
        choices=STATUS_PILIHAN[:3]
        + [("jatuh_tempo", "Jatuh tempo dalam 2 hari"), ("terlambat", "Terlambat")]
        + STATUS_PILIHAN[3:],
    )
    q = forms.CharField(
        label="Cari",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Hal, nomor, asal surat, atau catatan"}),
    )
    dari = forms.DateField(label="Dari tanggal", required=False, widget=TanggalInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=TanggalInput())

    def filters(self) -> dict[str, Any]:
        """Keyword filters for the selectors (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v}
        status = data.pop("status", "")
        if status == "terlambat":
            data["terlambat"] = True
        elif status == "jatuh_tempo":
            data["jatuh_tempo_dalam_hari"] = 2
        elif status:
            data["status"] = status
        return data
