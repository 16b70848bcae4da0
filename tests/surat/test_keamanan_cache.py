"""Letter pages and attachment downloads are never stored by the browser or a proxy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surat import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_letter_page_and_attachment_are_no_store(cast, login, konsep):
    surat = konsep()
    lampiran = services.lampiran_add(actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("Daftar.pdf", PDF))
    client = login(cast.staf)
    for url in (
        reverse("surat:detail", args=[surat.pk]),
        reverse("surat:lampiran", args=[lampiran.pk]),
        reverse("surat:versi", args=[surat.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
