"""The project shell as an app: its template tags, and the receivers that belong to no one app."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EofficeConfig(AppConfig):
    name = "eoffice"
    verbose_name = "eoffice"

    def ready(self) -> None:
        from lib import reference_data

        # After a flush the letter kinds, KKA base set and instructions are back at once, whatever the
        # order in which pytest tears its fixtures down.
        post_migrate.connect(reference_data.after_flush, dispatch_uid="eoffice.reference_data")
