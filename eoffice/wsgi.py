"""WSGI entry point (gunicorn). It refuses to start with a SITE_URL that must never be printed into a
signed letter, or with weak secrets (eoffice.checks), and warms the worker (eoffice.hangat)."""

import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")

application = get_wsgi_application()

from eoffice.checks import secret_errors, site_url_errors  # noqa: E402  (needs the settings loaded above)

if errors := site_url_errors() + secret_errors():
    raise ImproperlyConfigured(errors[0].msg)

from eoffice.hangat import hangatkan  # noqa: E402

hangatkan()

# What is alive now (modules, templates, fonts, the TSA's key: ~150k objects) lives as long as the worker.
# Frozen, the cyclic GC stops scanning it on every full collection: one took ~90 ms in the middle of a
# signing (bench_pages), ~15 ms once frozen. Collected first, so no garbage of the start-up is frozen with it.
gc.collect()
gc.freeze()
