from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from rekap import periode
from rekap.jangkauan import Lingkup
from rekap.models import BiayaSatuan
from rekap.periode import label_bulan


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap's classes on fields laid out by hand (the filter bar), not by crispy."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs.setdefault("class", "form-select")
        elif not field.widget.is_hidden:
            field.widget.attrs.setdefault("class", "form-control")


BAWAAN = "bulan"  # the period when none is asked for


class SaringForm(forms.Form):
    """The period picker and the OPD/unit filter (GET). Choices are limited to the viewer's reach."""

    periode = forms.ChoiceField(label="Periode", choices=periode.PILIHAN, required=False, initial=BAWAAN)
    dari = forms.DateField(label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    opd = forms.TypedChoiceField(label="OPD", coerce=int, required=False, empty_value=None)
    unit = forms.TypedChoiceField(label="Unit", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, lingkup: Lingkup, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        semua = "Seluruh OPD" if lingkup.pemda_wide else "Semua OPD saya"
        self.fields["opd"].choices = [("", semua)] + [(o.pk, o.nama) for o in lingkup.semua_opd]
        if lingkup.unit_pilihan:
            self.fields["unit"].choices = [("", "Seluruh unit")] + [(u.pk, u.nama) for u in lingkup.unit_pilihan]
        else:
            del self.fields["unit"]
        if len(lingkup.semua_opd) == 1:
            self.fields["opd"].widget = forms.HiddenInput()
        _bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("periode") == "khusus":
            dari, sampai = data.get("dari"), data.get("sampai")
            if not dari or not sampai:
                raise forms.ValidationError("Isi tanggal awal dan akhir untuk rentang tanggal.")
            try:
                data["rentang"] = periode.khusus(dari, sampai)
            except periode.PeriodeTidakSah as exc:
                raise forms.ValidationError(str(exc)) from exc
        return data

    def hasil(self) -> periode.Periode:
        """The period asked for; this month when the form is empty or wrong (the errors show)."""
        if self.is_valid():
            if "rentang" in self.cleaned_data:
                return self.cleaned_data["rentang"]
            return periode.hitung(self.cleaned_data.get("periode") or BAWAAN)
        return self.bawaan()

    @staticmethod
    def bawaan() -> periode.Periode:
        """The period shown when nothing is asked for: this month."""
        return periode.hitung(BAWAAN)


def bulan_pilihan(jumlah: int = 12) -> list[tuple[str, str]]:
    """The last `jumlah` months, newest first (the monthly report's picker)."""
    d = timezone.localdate().replace(day=1)
    found = []
    for _ in range(jumlah):
        found.append((d.isoformat(), label_bulan(d)))
        d = (d - datetime.timedelta(days=1)).replace(day=1)
    return found


class LaporanForm(forms.Form):
    bulan = forms.TypedChoiceField(label="Bulan", coerce=datetime.date.fromisoformat)
    opd = forms.IntegerField(required=False, widget=forms.HiddenInput())
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bulan"].choices = bulan_pilihan()
        _bootstrap(self)


class BiayaForm(forms.ModelForm):
    class Meta:
        model = BiayaSatuan
        fields = ["harga_kertas", "harga_toner", "biaya_kurir", "halaman_per_surat"]
