"""lib.form_renderer: a select or an input written in Python is the markup Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from lib.form_renderer import Renderer

PILIHAN = [
    ("", "Semua"),
    (1, "Nota Dinas"),
    ("x&y", 'Surat "Edaran" <b>'),
    ("aman", mark_safe("<em>Sudah aman</em>")),
    ("lazy", gettext_lazy("Malas")),
    ("Kelompok", [(7, "Tujuh"), (8, "Delapan")]),
]


def _kedua(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, value, attrs, renderer=DjangoTemplates()),
        widget.render(name, value, attrs, renderer=Renderer()),
    )


@pytest.mark.parametrize(
    "widget, value",
    [
        (forms.Select(choices=PILIHAN), None),
        (forms.Select(choices=PILIHAN), "x&y"),
        (forms.Select(choices=PILIHAN, attrs={"class": "form-select", "required": True, "disabled": False}), 8),
        (forms.SelectMultiple(choices=PILIHAN), [1, 7]),
        (forms.NullBooleanSelect(), True),
        (forms.Select(choices=[]), None),
    ],
)
def test_same_markup_as_the_templates(widget, value):
    django_html, ours = _kedua(widget, "pilih", value, {"id": "id_pilih", "aria-describedby": "galat_pilih"})
    assert ours == django_html


@pytest.mark.parametrize(
    "widget, value",
    [
        (forms.TextInput(attrs={"placeholder": 'Nomor "surat" & hal', "type": "search"}), 'a "b" <c>'),
        (forms.TextInput(), None),
        (forms.DateInput(format="%d/%m/%Y", attrs={"data-eo-tanggal": "", "required": True}), "2026-12-04"),
        (forms.HiddenInput(), 42),
        (forms.EmailInput(attrs={"disabled": False}), "a@b.id"),
        (forms.NumberInput(), 0),
        (forms.CheckboxInput(), True),
        (forms.CheckboxInput(), False),
        (forms.PasswordInput(render_value=False), "rahasia"),
        (forms.ClearableFileInput(), None),
        (forms.FileInput(), None),
        (forms.SearchInput(), mark_safe("<b>x</b>")),
    ],
)
def test_inputs_same_markup_as_the_templates(widget, value):
    django_html, ours = _kedua(widget, "isian", value, {"id": "id_isian", "aria-describedby": "galat_isian"})
    assert ours == django_html


def test_forms_use_it_and_render_the_same():
    class F(forms.Form):
        jenis = forms.ChoiceField(choices=PILIHAN, required=False)

    ours = F({"jenis": "1"})
    django = F({"jenis": "1"}, renderer=DjangoTemplates())
    assert isinstance(ours.renderer, Renderer)
    assert str(ours["jenis"]) == str(django["jenis"])
    assert 'value="1" selected' in str(ours["jenis"])


def test_an_option_with_its_own_template_goes_through_the_templates():
    class Khusus(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    django_html, ours = _kedua(Khusus(choices=[(1, "Satu")]), "k", 1)
    assert ours == django_html and "<select" in ours
