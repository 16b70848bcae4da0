"""The dispositions app; what it announces after commit is in disposisi/signals.py."""

from django.apps import AppConfig


class DisposisiConfig(AppConfig):
    name = "disposisi"
    verbose_name = "Disposisi"
    # Reference rows every installation needs (lib.reference_data restores them after a flush).
    data_rujukan = ("disposisi.migrations.0002_instruksi_dasar",)
