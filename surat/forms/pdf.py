"""The form of the buku agenda print (period and OPD)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from lib.forms import TanggalInput
from organisasi.models import UnitKerja


class AgendaPdfForm(forms.Form):
    opd = forms.ModelChoiceField(label="OPD", queryset=UnitKerja.objects.none(), empty_label=None)
    dari = forms.DateField(label="Dari tanggal terima", widget=TanggalInput())
    sampai = forms.DateField(label="Sampai tanggal terima", widget=TanggalInput())

    def __init__(self, *args, opd_ids: set[int], **kwargs) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"dari": datetime.date(today.year, 1, 1), "sampai": today})
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = UnitKerja.objects.filter(pk__in=opd_ids).order_by("nama")
