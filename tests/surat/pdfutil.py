"""Helpers for the PDF tests: text of a PDF (poppler's pdftotext), private media in a temp dir, and a
lokal-CA certificate for the kepala of the cast."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from surat import services, signing
from surat.models import Surat
from tte import crypto
from tte import services as tte_services

PASSPHRASE = "Kunci-Rahasia-Kepala-2026"


def pdf_text(data: bytes) -> str:
    """The text of a PDF, whitespace collapsed (so wrapped lines still match)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    return " ".join(out.decode().split())


def pdf_info(data: bytes) -> str:
    """pdfinfo's summary (page count, page size)."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    return subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sertifikat_kepala(cast, monkeypatch):
    """The kepala holds a lokal-CA certificate sealed under PASSPHRASE (cheap scrypt for speed)."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    tte_services.buat_ca(actor=None)
    return tte_services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala, passphrase=PASSPHRASE)


@pytest.fixture
def siap_ttd(cast, konsep):
    """siap_ttd(**overrides) -> a letter waiting for the kepala's signature (paraf by the kabid done)."""

    def _make(**kw) -> Surat:
        surat = konsep(verifikator=[cast.kabid.jabatan], **kw)
        services.surat_submit(actor=cast.staf, surat=surat)
        services.paraf_approve(actor=cast.kabid, surat=surat)
        return surat

    return _make


@pytest.fixture
def ditandatangani(cast, siap_ttd, sertifikat_kepala, media):
    """ditandatangani(**overrides) -> a letter signed with TTE by the kepala (its PDF stored)."""

    def _make(**kw) -> Surat:
        surat = siap_ttd(**kw)
        signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)
        surat.refresh_from_db()
        return surat

    return _make
