"""Files on S3-compatible object storage (issue 13, "past one machine"): with S3_BUCKET set, the signed
PDFs and attachments go to the bucket (nothing under MEDIA_ROOT), are served only through the
permission-checked views, and the PDF signer and the Pemda logo read them from there. The object store
is moto's S3 server on a local port (a MinIO server is not in the package registries this CI uses)."""

import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisasi.models import Pemda
from surat import services, tampilan
from surat.models_dokumen import DokumenSurat
from tests.surat.test_views_kotak import pdf_bytes  # noqa: F401 (fixture)

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

BUCKET = "eoffice-uji"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "uji")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "uji")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=_port(), verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "media-tidak-dipakai"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "uji",
                "secret_key": "uji",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def _keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_signed_pdf_and_attachments_live_in_the_bucket_and_are_served_by_the_views(
    s3,
    cast,
    ditandatangani,
    konsep,
    client,
    settings,
    pdf_bytes,  # noqa: F811 (fixture)
):
    surat = ditandatangani(hal="Undangan rapat di object storage")
    dokumen = DokumenSurat.objects.get(surat=surat)
    assert dokumen.berkas.name in _keys(s3)
    assert not settings.MEDIA_ROOT.exists()  # nothing on this host's disk

    client.force_login(cast.kepala.user)
    response = client.get(reverse("surat:pdf", args=[surat.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == dokumen.berkas.open("rb").read()
    assert response["Cache-Control"] == "private, no-store"

    draft = konsep()
    item = services.lampiran_add(
        actor=cast.staf, surat=draft, berkas=SimpleUploadedFile("data.pdf", pdf_bytes, "application/pdf")
    )
    assert item.berkas.name in _keys(s3)
    client.force_login(cast.staf.user)
    response = client.get(reverse("surat:lampiran", args=[item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf_bytes
    client.force_login(cast.kepala_lain.user)
    assert client.get(reverse("surat:lampiran", args=[item.pk])).status_code == 404


def test_the_pemda_logo_is_read_from_the_bucket_for_the_pdf(s3, cast):
    from tests.arsip.conftest import png_bytes

    pemda = Pemda.current()
    pemda.logo.save("lambang.png", SimpleUploadedFile("lambang.png", png_bytes("LOGO"), "image/png"))
    assert pemda.logo.name in _keys(s3)
    uri = tampilan.logo_uri(pemda)
    assert uri.startswith("data:image/png;base64,") and uri != tampilan.file_uri(tampilan.LOGO_BAWAAN)
