"""The Django admin shows no letter content: a Rahasia letter's subject, body, summary, disposition
notes and OCR text appear on no admin page, even for a superuser (the app answers 404 to non-addressees)."""

import pytest
from django.test import TestCase
from django.urls import reverse

from arsip.models import TeksLampiran
from disposisi.models import Disposisi
from tests.factories import UserFactory

HAL = "Penyelidikan dugaan pungutan liar"
ISI = "Rincian saksi dan barang bukti"
OCR = "KETERANGAN SAKSI RAHASIA"


@pytest.fixture
def root(client, cast):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def rahasia(cast, catat):
    with TestCase.captureOnCommitCallbacks(execute=True):
        surat = catat(keamanan="rahasia", hal=HAL, ringkasan=ISI)
    TeksLampiran.objects.create(
        lampiran=surat.lampiran.create(nama_asli="scan.pdf", berkas="x.pdf", ukuran=1), teks=OCR
    )
    surat.isi = ISI
    surat.save(update_fields=["isi"])
    Disposisi.objects.create(
        surat=surat,
        dari_jabatan=cast.kepala.jabatan,
        dari_pegawai=cast.kepala,
        kepada_jabatan=cast.kabid.jabatan,
        catatan=ISI,
    )
    return surat


def _pages(root, surat):
    teks = TeksLampiran.objects.get(lampiran__surat=surat)
    disposisi = Disposisi.objects.get(surat=surat)
    urls = [
        reverse("admin:surat_surat_changelist"),
        reverse("admin:surat_surat_change", args=[surat.pk]),
        reverse("admin:surat_agenda_changelist"),
        reverse("admin:arsip_tekslampiran_changelist"),
        reverse("admin:arsip_tekslampiran_change", args=[teks.pk]),
        reverse("admin:disposisi_disposisi_changelist"),
        reverse("admin:disposisi_disposisi_change", args=[disposisi.pk]),
    ]
    return {url: root.get(url) for url in urls}


def test_no_admin_page_shows_a_rahasia_letters_content(root, rahasia):
    for url, response in _pages(root, rahasia).items():
        assert response.status_code == 200, url
        page = response.content.decode()
        for secret in (HAL, ISI, OCR):
            assert secret not in page, (url, secret)
    assert "(Rahasia)" in root.get(reverse("admin:surat_surat_changelist")).content.decode()


def test_searching_the_admin_by_subject_finds_nothing(root, rahasia):
    response = root.get(reverse("admin:surat_surat_changelist"), {"q": "pungutan"})
    assert "0 surat" in response.content.decode() or rahasia.nomor_asal not in response.content.decode()


def test_an_ordinary_letters_subject_is_still_listed(root, catat):
    surat = catat(hal="Undangan sosialisasi")
    assert "Undangan sosialisasi" in root.get(reverse("admin:surat_surat_changelist")).content.decode()
    assert (
        surat.isi == ""
        or surat.isi not in root.get(reverse("admin:surat_surat_change", args=[surat.pk])).content.decode()
    )
