"""Reference data: the rows the data migrations write (kinds of letters, the KKA base set, disposition
instructions), which every installation needs, demo or not.

An app names its reference-data migrations in its AppConfig (`data_rujukan`); each has an idempotent
`seed(apps, schema_editor)`. A flush (`manage.py flush`, the end of a transactional test) empties those
rows too; `after_flush`, a post_migrate receiver (eoffice/apps.py), writes them again right away.
`restore()` puts back whatever is missing in a database emptied some other way (seed_demo calls it)."""

from __future__ import annotations

import importlib

from django.apps import apps


def migrations() -> list[str]:
    """The reference-data migrations of the installed apps, in INSTALLED_APPS order."""
    return [module for config in apps.get_app_configs() for module in getattr(config, "data_rujukan", ())]


def restore() -> None:
    """Write the reference rows that are missing (a no-op when all are there)."""
    _seed(migrations())


def after_flush(sender, app_config, plan=None, **kwargs) -> None:
    """post_migrate receiver. Sent without a plan it follows a flush: write this app's reference rows
    again. After `migrate` (with a plan) the data migrations have written them already."""
    if plan is None:
        _seed(getattr(app_config, "data_rujukan", ()))


def _seed(modules) -> None:
    for module in modules:
        importlib.import_module(module).seed(apps, None)
