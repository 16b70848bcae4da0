"""Error pages never show secrets, even with DEBUG on (the demo default): Django's technical 500 page
lists POST fields, the query string, every frame's local variables and the exception text."""

import pytest
from django.test import Client
from django.urls import reverse

from surat import services, signing

PASSPHRASE = "frasa-rahasia-ttd-7731"
PASSWORD = "kata-sandi-diketik-5521"


@pytest.fixture
def debug_client(settings):
    settings.DEBUG = True
    return Client(raise_request_exception=False)


def _surat_siap_ttd(cast, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    return surat


def test_signing_error_page_with_debug_hides_the_passphrase(cast, konsep, debug_client, monkeypatch):
    surat = _surat_siap_ttd(cast, konsep)

    def rusak(surat, passphrase):
        kiriman = {"nik": "3372", "passphrase": passphrase}
        perintah = f"sign --pass {passphrase}"
        raise RuntimeError(f"layanan TTE gagal untuk {perintah} {kiriman}")

    monkeypatch.setattr(signing, "_render_and_sign", rusak)
    debug_client.force_login(cast.kepala.user)
    response = debug_client.post(
        reverse("surat:tandatangani", args=[surat.pk]) + f"?passphrase={PASSPHRASE}", {"passphrase": PASSPHRASE}
    )

    assert response.status_code == 500
    page = response.content.decode()
    assert "layanan TTE gagal" in page  # the technical page itself is still there
    assert "_render_and_sign" in page
    assert PASSPHRASE not in page


def test_sign_in_error_page_with_debug_hides_the_typed_password(cast, debug_client, monkeypatch):
    from organisasi import auth_backend

    def rusak(self, request, username=None, password=None, **kwargs):
        raise RuntimeError("cache tidak tersedia")

    monkeypatch.setattr(auth_backend.NipAtauUsernameBackend, "authenticate", rusak)
    response = debug_client.post(reverse("akun:masuk"), {"username": "kepala", "password": PASSWORD})

    assert response.status_code == 500
    page = response.content.decode()
    assert "cache tidak tersedia" in page
    assert PASSWORD not in page


def test_secret_settings_are_hidden_on_the_debug_page(cast, debug_client, settings, monkeypatch):
    from organisasi import auth_backend

    settings.TTE_CA_PASSPHRASE = "ca-rahasia-sekali-9090"

    def rusak(self, request, username=None, password=None, **kwargs):
        raise RuntimeError(f"kunci {settings.TTE_CA_PASSPHRASE}")

    monkeypatch.setattr(auth_backend.NipAtauUsernameBackend, "authenticate", rusak)
    page = debug_client.post(reverse("akun:masuk"), {"username": "x", "password": "y"}).content.decode()
    assert "ca-rahasia-sekali-9090" not in page
    assert settings.SECRET_KEY not in page
