"""The "Lembar ringkas" of every role (issue 15): reachable from Panduan, and exactly one A4 page."""

import pytest
from django.urls import reverse

from panduan.guides import PERAN
from tests.surat.test_halaman_pdf import halaman

pytestmark = pytest.mark.django_db


def test_panduan_links_every_roles_sheet(client):
    page = client.get(reverse("panduan:index")).content.decode()
    for peran in PERAN:
        assert f'href="{reverse("panduan:ringkas", args=[peran.kunci])}"' in page
    page = client.get(reverse("panduan:peran", args=["pencatat"])).content.decode()
    assert f'href="{reverse("panduan:ringkas", args=["pencatat"])}"' in page


@pytest.mark.parametrize("peran", PERAN, ids=lambda p: p.kunci)
def test_sheet_page_shows_every_guide_of_the_role(client, peran):
    page = client.get(reverse("panduan:ringkas", args=[peran.kunci])).content.decode()
    assert f"<h1>{peran.nama}</h1>" in page
    for panduan in peran.panduan:
        assert panduan.judul in page
    assert reverse("panduan:ringkas_pdf", args=[peran.kunci]) in page


@pytest.mark.parametrize("peran", PERAN, ids=lambda p: p.kunci)
def test_sheet_pdf_is_exactly_one_page_for_every_role(client, peran):
    response = client.get(reverse("panduan:ringkas_pdf", args=[peran.kunci]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = halaman(response.content)
    assert len(pages) == 1, f"{peran.kunci}: {len(pages)} halaman"
    assert peran.nama in pages[0] and f"/panduan/peran/{peran.kunci}/" in pages[0]


def test_unknown_role_has_no_sheet(client):
    assert client.get(reverse("panduan:ringkas", args=["bendahara"])).status_code == 404
    assert client.get(reverse("panduan:ringkas_pdf", args=["bendahara"])).status_code == 404
