"""lib.tautan gives what reverse() gives, under a script prefix too (the templates' {% url %}:
tests/test_layout.py)."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from lib.tautan import alamat, alamat_atau_none, url_per_pk


def test_same_as_reverse():
    for nama in ("surat:detail", "disposisi:detail"):
        url = url_per_pk(nama)
        assert [url(pk) for pk in (1, 42, 2_147_483_647)] == [reverse(nama, args=[pk]) for pk in (1, 42, 2_147_483_647)]


def test_under_a_script_prefix():
    set_script_prefix("/eoffice/")
    try:
        assert url_per_pk("surat:detail")(9) == "/eoffice/surat/9/" == reverse("surat:detail", args=[9])
    finally:
        set_script_prefix("/")


def test_alamat_gives_what_reverse_gives():
    for nama, args in [("beranda", ()), ("surat:masuk", ()), ("surat:detail", (0,)), ("surat:detail", (42,))]:
        assert alamat(nama, *args) == reverse(nama, args=args)
    assert alamat("surat:detail", 7) != alamat("surat:detail", 8)
    # Not a pk: reverse() as it is, with its error for what it cannot place.
    with pytest.raises(NoReverseMatch):
        alamat("surat:detail", "bukan-angka")
    with pytest.raises(NoReverseMatch):
        alamat("surat:detail", -1)


def test_alamat_under_a_script_prefix():
    assert alamat("surat:detail", 9) == "/surat/9/"
    set_script_prefix("/eoffice/")
    try:
        assert alamat("surat:detail", 9) == "/eoffice/surat/9/" == reverse("surat:detail", args=[9])
        assert alamat("beranda") == "/eoffice/"
    finally:
        set_script_prefix("/")


def test_alamat_atau_none():
    assert alamat_atau_none("surat:detail", 5) == reverse("surat:detail", args=[5])
    assert alamat_atau_none("beranda") == reverse("beranda")
    assert alamat_atau_none("tidak:ada") is None
    assert alamat_atau_none("surat:detail") is None
