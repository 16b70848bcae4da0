"""Files of a letter after the archives destroyed them (retention schedule), and attachments added to a
registered paper letter reaching the archives' text reading at once instead of the daily job."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from arsip.models import TeksLampiran
from surat import services, signals
from surat.models import Lampiran, Surat
from surat.models_dokumen import DokumenSurat, StatusPdf
from tests.arsip.conftest import png_bytes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DIMUSNAHKAN = "Berkas ini sudah dimusnahkan sesuai jadwal retensi"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _musnahkan(surat: Surat) -> None:
    """What arsip.services.berkas_setujui_musnah leaves behind: the rows stay, the file fields are empty."""
    Lampiran.objects.filter(surat=surat).update(berkas="")
    DokumenSurat.objects.filter(surat=surat).update(berkas="")


def test_destroyed_attachment_download_says_so_instead_of_crashing(cast, login, konsep):
    surat = konsep()
    lampiran = services.lampiran_add(actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("Daftar Hadir.pdf", PDF))
    client = login(cast.staf)
    assert client.get(reverse("surat:lampiran", args=[lampiran.pk])).status_code == 200
    _musnahkan(surat)
    response = client.get(reverse("surat:lampiran", args=[lampiran.pk]))
    assert response.status_code == 410
    assert DIMUSNAHKAN in response.content.decode()
    # the letter page names the file but offers no download link for it any more
    page = client.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert "Daftar Hadir.pdf" in page and "sudah dimusnahkan" in page
    assert reverse("surat:lampiran", args=[lampiran.pk]) not in page
    # an outsider still gets a plain 404
    assert login(cast.staf_lain).get(reverse("surat:lampiran", args=[lampiran.pk])).status_code == 404


def test_destroyed_signed_pdf_says_so_and_is_not_rendered_again(cast, login, terkirim):
    surat = terkirim()
    dokumen = DokumenSurat.objects.create(surat=surat, status=StatusPdf.SIAP)
    dokumen.berkas.save(f"{surat.pk}.pdf", ContentFile(PDF), save=False)
    dokumen.sha256 = hashlib.sha256(PDF).hexdigest()  # checked on every download (surat.integritas)
    dokumen.save()
    client = login(cast.kepala_lain)
    assert client.get(reverse("surat:pdf", args=[surat.pk])).status_code == 200
    _musnahkan(surat)
    with TestCase.captureOnCommitCallbacks() as queued:
        response = client.get(reverse("surat:pdf", args=[surat.pk]))
    assert response.status_code == 410
    assert DIMUSNAHKAN in response.content.decode()
    dokumen.refresh_from_db()
    assert not queued and dokumen.status == StatusPdf.SIAP and not dokumen.berkas


def test_scan_added_to_a_registered_letter_is_read_on_commit(cast, kka):
    surat = services.register_paper_letter(
        actor=cast.pencatat,
        opd=cast.opd,
        jenis=None,
        asal_instansi="Kementerian Dalam Negeri",
        nomor_asal="B-100/OTDA/2026",
        tanggal_asal=None,
        tanggal_terima=timezone.localdate(),
        hal="Permintaan data kepegawaian",
        tujuan=cast.kepala.jabatan,
        klasifikasi=kka,
    )
    seen: list[int] = []

    def record(sender, signal, surat_id, lampiran_id, **kw):
        seen.append((surat_id, lampiran_id))

    signals.lampiran_ditambah.connect(record)
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            lampiran = services.lampiran_add(
                actor=cast.pencatat, surat=surat, berkas=SimpleUploadedFile("hal-2.png", png_bytes(), "image/png")
            )
    finally:
        signals.lampiran_ditambah.disconnect(record)
    assert seen == [(surat.pk, lampiran.pk)]
    teks = TeksLampiran.objects.get(lampiran=lampiran)  # read now, not by tomorrow's retensi_harian_task
    assert teks.status != TeksLampiran.Status.MENUNGGU


def test_attachment_of_a_draft_fires_no_archive_hook(cast, konsep):
    surat = konsep()
    seen: list[int] = []

    def record(sender, signal, surat_id, **kw):
        seen.append(surat_id)

    signals.lampiran_ditambah.connect(record)
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.lampiran_add(actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("a.pdf", PDF))
    finally:
        signals.lampiran_ditambah.disconnect(record)
    assert seen == []
