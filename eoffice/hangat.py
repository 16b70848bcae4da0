"""Warming a new web worker before its first request, so that no user pays for what every worker loads
once: the TSA's key (unsealed with scrypt, then OpenSSL's RSA key check: ~0.2 s of the first signing)
and WeasyPrint's fonts, stylesheets and a first layout (surat.pdf.hangatkan: render children forked
from a warm worker start warm). eoffice.wsgi calls it once per process (gunicorn imports the
app in each worker); tests and management commands never do. It never fails the start: with the
database not up yet, the first signing simply pays it."""

from __future__ import annotations

import logging

from django.db import connections

logger = logging.getLogger(__name__)


def hangatkan() -> None:
    from surat import pdf
    from tte import tsa

    try:
        pdf.hangatkan()
        tsa.hangatkan()
    except Exception as exc:  # noqa: BLE001 - a cold worker is slower, never broken
        logger.warning("Pemanasan proses web dilewati: %s", exc)
    finally:
        # Opened in the main thread while importing; a request thread opens its own.
        connections.close_all()
