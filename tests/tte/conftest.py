import functools

import pytest
import weasyprint

from tte import crypto, services

PASSPHRASE = "Kunci-Rahasia-Kepala-2026"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    """Tests seal keys with a cheap scrypt cost; the parameters travel with each sealed key, so the
    code paths are the same. test_services checks the production cost separately."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


@functools.cache
def _pdf(text: str) -> bytes:
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.fixture
def pdf_bytes() -> bytes:
    """A one-page PDF as the letter renderer makes them."""
    return _pdf("Uji tanda tangan elektronik")


@pytest.fixture
def ca(cast):
    ca, _ = services.buat_ca(actor=None)
    return ca


@pytest.fixture
def sertifikat(cast, ca):
    """The kepala of the cast holds a certificate sealed under PASSPHRASE."""
    return services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala, passphrase=PASSPHRASE)
