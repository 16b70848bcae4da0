"""The structure app; what it announces after commit is in organisasi/signals.py."""

from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "organisasi"
    verbose_name = "Organisasi"
