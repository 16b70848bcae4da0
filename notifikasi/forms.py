from __future__ import annotations

from django import forms

from notifikasi.models import Event


class PreferensiForm(forms.Form):
    """One "Kirim email" checkbox per event, labelled with the event's name."""

    def __init__(self, *args, awal: dict[str, bool], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Event.choices:
            self.fields[value] = forms.BooleanField(label=label, required=False, initial=awal.get(value, False))

    def baris(self) -> list[forms.BoundField]:
        return [self[value] for value in Event.values]
