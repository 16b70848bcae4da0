from django.apps import AppConfig


class SuratConfig(AppConfig):
    name = "surat"
    verbose_name = "Surat"
