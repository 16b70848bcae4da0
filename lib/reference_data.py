"""Reference data: the rows the data migrations write (kinds of letters, the KKA base set, disposition
instructions), which every installation needs, demo or not.

An app names its reference-data migrations in its AppConfig (`data_rujukan`); each has an idempotent
`seed(apps, schema_editor)`. A database flushed after migrating (a transactional test, `manage.py
flush`) has lost those rows: `restore()` puts back whatever is missing (seed_demo and the tests do)."""

from __future__ import annotations

import importlib

from django.apps import apps


def migrations() -> list[str]:
    """The reference-data migrations of the installed apps, in INSTALLED_APPS order."""
    return [module for config in apps.get_app_configs() for module in getattr(config, "data_rujukan", ())]


def restore() -> None:
    """Write the reference rows that are missing (a no-op when all are there)."""
    for module in migrations():
        importlib.import_module(module).seed(apps, None)
