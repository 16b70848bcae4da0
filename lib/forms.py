"""Form fields every app uses."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from lib import cache_lokal

STRIP = "---------"


def pilihan_kosong_indonesia(form: forms.BaseForm) -> None:
    """Replace Django's "---------" empty choice with words: "Pilih …" for a required field, "(tidak ada)"
    for an optional one. Call at the end of a form's __init__."""
    for field in form.fields.values():
        kata = "Pilih salah satu" if field.required else "(tidak ada)"
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == STRIP:
            field.empty_label = kata
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = list(field.choices)
            if any(value == "" and label == STRIP for value, label in choices):
                field.choices = [(v, kata if (v == "" and label == STRIP) else label) for v, label in choices]


PILIHAN_DETIK = 300


def pilihan_tersimpan(kunci: str, rows: Iterable[Any], kosong: str) -> list[tuple[Any, str]]:
    """Options (pk, name) of a filter select, kept PILIHAN_DETIK seconds in the cache under `kunci`, after
    the empty choice `kosong`: letter kinds and OPDs change a few times a year, and reading them made
    every list and search page pay two queries. `rows` (a queryset) is read only when the cache misses; the
    process keeps what it read a little longer (lib.cache_lokal)."""
    kunci = f"saringan:{kunci}"
    tersimpan = cache_lokal.ingat(
        kunci, lambda: cache.get_or_set(kunci, lambda: [(o.pk, str(o)) for o in rows], PILIHAN_DETIK)
    )
    return [("", kosong), *tersimpan]


def diisi(data: QueryDict, form_class: type[forms.BaseForm]) -> bool:
    """True when the request carries one of the form's fields, even empty (a search typed and cleared):
    the form is then bound to it. A list's own keys (halaman, setelah, proses) are not the form's."""
    return any(nama in form_class.base_fields for nama in data)


# An empty filter form's HTML per everything it depends on; cleared whole when full (options that changed
# leave their old keys behind). A Pemda of 50 OPDs makes ~250 keys (the Buku Agenda per pencatat's OPDs,
# the Rekap per head's OPD and list), a few KB each.
_KOSONG_MAKS = 512
_kosong: dict[tuple, SafeString] = {}


def saringan_kosong(kunci: tuple, template: str, buat: Callable[[], forms.BaseForm], **konteks: Any) -> SafeString:
    """The filter form nobody typed in (nearly every visit to a list), printed by `template` once per
    `kunci` and kept by the process: building the form and printing its fields cost ~1 ms of every list
    page. `kunci` must hold everything the markup depends on (the list, the form's options, `konteks`);
    nothing of a user's is in it (a GET form: no values, no token)."""
    html = _kosong.get(kunci)
    if html is None:
        if len(_kosong) >= _KOSONG_MAKS:
            _kosong.clear()
        html = _kosong[kunci] = mark_safe(render_to_string(template, {"form": buat(), **konteks}))
    return html


def saringan(
    data: QueryDict,
    form_class: type[forms.BaseForm],
    template: str,
    kunci: tuple,
    konteks: dict[str, Any] | None = None,
    *,
    cetak: bool = True,
    **kwargs: Any,
) -> tuple[SafeString, forms.BaseForm | None]:
    """A list's filter form printed by `template`, and the form bound to `data` when something is typed
    in it (its filters and errors); nothing typed (nearly every visit): the form is printed once per
    `kunci` (saringan_kosong) and None comes back. `kwargs` go to the form either way. `cetak=False`: the
    filters without the markup (an export, which shows no form; printing it was ~1 ms)."""
    konteks = konteks or {}
    if diisi(data, form_class):
        form = form_class(data, **kwargs)
        return mark_safe(render_to_string(template, {"form": form, **konteks}) if cetak else ""), form
    if not cetak:
        return mark_safe(""), None
    buat = functools.partial(form_class, **kwargs)
    return saringan_kosong(kunci, template, buat, **konteks), None


class TanggalInput(forms.DateInput):
    """A date typed as dd/mm/yyyy whatever the browser's language: a native date picker follows the
    phone's locale (an English phone shows 4 December as 12/04). Shows dd/mm/yyyy; the field accepts it
    and ISO dates (DATE_INPUT_FORMATS, eoffice/formats/id)."""

    input_type = "text"

    def __init__(self, attrs: dict | None = None) -> None:
        base = {"placeholder": "hh/bb/tttt", "inputmode": "numeric", "autocomplete": "off", "data-eo-tanggal": ""}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); cleans to a list, each file as a
    FileField cleans one. `maks` caps how many files one submit may carry; `validate` checks each file's
    content (e.g. surat.files.validate_upload) and its messages name the file."""

    def __init__(
        self, *args: Any, maks: int | None = None, validate: Callable[[UploadedFile], Any] | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)
        self.maks = maks
        self.validate_file = validate

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return [super().clean(None, initial)] if self.required else []
        if self.maks is not None and len(files) > self.maks:
            raise ValidationError(f"Paling banyak {self.maks} berkas sekaligus.")
        if self.validate_file is not None:
            # The content check first: its messages (naming the file) are the ones users know.
            errors = []
            for berkas in files:
                try:
                    self.validate_file(berkas)
                except ValidationError as exc:
                    errors += [f"{berkas.name}: {m}" for m in exc.messages]
            if errors:
                raise ValidationError(errors)
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _token_baru() -> str:
    return uuid.uuid4().hex


class TokenKirimField(forms.RegexField):
    """A hidden one-use token drawn with the form: a second submit of the same page (a double click, a
    resend after a timeout, two tabs) carries the same token, and the service answers it with what the
    first one created instead of creating it again. Empty when a client sends none (the old page)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("initial", _token_baru)
        super().__init__(r"^[0-9a-f]{32}$", max_length=32, **kwargs)


class FormPolos(forms.Form):
    """A form whose fields render without crispy (templates/includes/kolom.html): the Bootstrap classes
    are set on the widgets once, here, instead of by a template filter on every request. For the GET
    filter forms at the top of busy lists, where crispy cost more than the list's query."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-describedby"] = f"galat_{self.add_prefix(name)}"
