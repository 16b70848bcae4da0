from django.apps import AppConfig

from lib.signals import connect


class ArsipConfig(AppConfig):
    name = "arsip"
    verbose_name = "Arsip"
    # Reference rows every installation needs (lib.reference_data restores them after a flush).
    data_rujukan = ("arsip.migrations.0002_kka_dasar",)

    def ready(self) -> None:
        """Keep the search index and the attachments' text in step with the letters (surat/signals.py)."""
        from arsip import tasks
        from surat import signals

        connect(
            "arsip",
            [
                (signals.surat_diajukan, tasks.on_surat_berubah),
                (signals.surat_diparaf, tasks.on_surat_berubah),
                (signals.surat_dikembalikan, tasks.on_surat_berubah),
                (signals.surat_dicatat, tasks.on_surat_final),
                (signals.surat_ditandatangani, tasks.on_surat_final),
                (signals.lampiran_ditambah, tasks.on_surat_final),
                (signals.akses_berubah, tasks.on_akses_berubah),
            ],
        )
