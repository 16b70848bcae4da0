"""lib.tautan.url_per_pk gives what reverse() gives, under a script prefix too."""

from django.urls import reverse, set_script_prefix

from lib.tautan import url_per_pk


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
