"""Input no page can use gives 400/404, never a 500; letters and downloads are never cached."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/surat/masuk/?halaman=" + "9" * 30,
        "/organisasi/kelola/pegawai/?page=" + "9" * 30,
        "/admin/auth/user/?p=" + "9" * 30,
    ],
)
def test_huge_page_number_is_not_found(cast, login, path, client):
    cast.admin_pemda.user.is_staff = cast.admin_pemda.user.is_superuser = True
    cast.admin_pemda.user.save()
    client = login(cast.admin_pemda)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("query", ["?q=abc%00def", "?halaman=1%00", "?%00=1"])
def test_nul_in_a_query_is_a_bad_request(cast, login, query):
    response = login(cast.staf).get("/surat/masuk/" + query)
    assert response.status_code == 400


def test_nul_in_a_form_is_a_bad_request(cast, login):
    response = login(cast.staf).post(
        reverse("akun:profil"), "email=&telepon=0812%00", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_nul_in_the_sign_in_form_is_a_bad_request(client, cast):
    response = client.post(
        reverse("akun:masuk"), "username=staf%00&password=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
