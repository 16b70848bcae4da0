"""lib.forms: the plain <select> renders what Django's Select renders."""

import pytest
from django import forms
from django.test.html import parse_html

from lib.forms import FormPolos, SelectPolos

PILIHAN = [("", "Semua"), ("1", "Dinas <Kominfo> & SP"), ("2", "Dinas Perhubungan")]


class _Form(FormPolos):
    opd = forms.ChoiceField(choices=PILIHAN, required=False, widget=SelectPolos)


class _Django(forms.Form):
    opd = forms.ChoiceField(choices=PILIHAN, required=False, widget=forms.Select(attrs={"class": "form-select"}))


@pytest.mark.parametrize("data", [None, {"opd": "2"}, {"opd": ""}])
def test_plain_select_renders_like_django_select(data):
    polos, django = _Form(data)["opd"], _Django(data)["opd"]
    assert parse_html(str(polos)) == parse_html(str(django))
    assert "Dinas &lt;Kominfo&gt; &amp; SP" in str(polos)
    assert ('<option value="2" selected>' in str(polos)) == (data == {"opd": "2"})
