"""System checks of the project shell. SITE_URL is printed into every signed letter (the QR code to the
verification page, the footer) and stays there for as long as the letter is kept: with DEBUG off it
must be a public https address. Weak production secrets are refused too (secret_errors). Django runs this check on `check`, `check --deploy`, `migrate` and
`runserver`; eoffice/wsgi.py runs it when gunicorn starts, so a wrong value never serves a request."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

# (setting, minimum length, minimum distinct characters) of the secrets that guard letters and the audit.
RAHASIA = (("SECRET_KEY", 50, 5), ("TTE_CA_PASSPHRASE", 16, 8), ("AUDIT_HMAC_KEY", 32, 10))

LOKAL = {"localhost", "localhost.localdomain", "0.0.0.0", "ip6-localhost", "testserver"}


def _local(host: str) -> bool:
    if host in LOKAL or host.endswith(".localhost") or host.endswith(".local"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified or address.is_link_local


def site_url_errors() -> list[Error]:
    if settings.DEBUG:
        return []
    url = settings.SITE_URL
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        return [
            Error(
                f"SITE_URL={url!r} harus alamat https:// publik bila DEBUG mati: alamat ini tercetak "
                "selamanya pada kode QR dan catatan kaki setiap surat yang ditandatangani.",
                id="eoffice.E001",
            )
        ]
    if _local(host):
        return [
            Error(
                f"SITE_URL={url!r} menunjuk ke komputer ini atau jaringan lokal; isi dengan alamat publik "
                "instansi (mis. https://eoffice.surakarta.go.id).",
                id="eoffice.E002",
            )
        ]
    return []


@register(Tags.security)
def check_site_url(app_configs, **kwargs) -> list[Error]:
    return site_url_errors()


def secret_errors() -> list[Error]:
    """With DEBUG off, refuse secrets that are missing, the example's CHANGE-ME, a dev-only default, or
    short/repetitive enough to guess: the CA passphrase opens the Pemda's signing key, the audit key
    seals the audit chain, SECRET_KEY signs sessions and reset links."""
    if settings.DEBUG:
        return []
    errors = []
    for nama, panjang, ragam in RAHASIA:
        if nama == "TTE_CA_PASSPHRASE" and settings.TTE_BACKEND != "lokal":
            continue
        nilai = str(getattr(settings, nama, "") or "")
        lemah = (
            len(nilai) < panjang
            or len(set(nilai)) < ragam
            or "CHANGE-ME" in nilai.upper()
            or "dev-only" in nilai
            or nilai.startswith("django-insecure")
        )
        if lemah:
            errors.append(
                Error(
                    f"{nama} terlalu lemah atau belum diisi: isi dengan nilai acak minimal {panjang} karakter "
                    f"(misalnya keluaran `python -c 'import secrets; print(secrets.token_urlsafe({panjang}))'`).",
                    id="eoffice.E010",
                )
            )
    return errors


@register(Tags.security)
def check_secrets(app_configs, **kwargs) -> list[Error]:
    return secret_errors()
