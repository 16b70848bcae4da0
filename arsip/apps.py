from django.apps import AppConfig


class ArsipConfig(AppConfig):
    name = "arsip"
    verbose_name = "Arsip"
    # Reference rows every installation needs (lib.reference_data restores them after a flush).
    data_rujukan = ("arsip.migrations.0002_kka_dasar",)

    def ready(self) -> None:
        # Keep the search index and the attachments' text in step with the letters (after commit).
        from arsip import tasks
        from surat.services import HOOKS

        for event in ("diajukan", "diparaf", "dikembalikan"):
            if tasks.on_surat_berubah not in HOOKS.setdefault(event, []):
                HOOKS[event].append(tasks.on_surat_berubah)
        for event in ("dicatat", "ditandatangani", "lampiran_ditambah"):
            if tasks.on_surat_final not in HOOKS.setdefault(event, []):
                HOOKS[event].append(tasks.on_surat_final)
