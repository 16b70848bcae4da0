from django.apps import AppConfig


class SuratConfig(AppConfig):
    name = "surat"
    verbose_name = "Surat"
    # Reference rows every installation needs (lib.reference_data restores them after a flush).
    data_rujukan = ("surat.migrations.0002_jenis_surat_dasar",)
