from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "notifikasi"
    verbose_name = "Notifikasi"

    def ready(self) -> None:
        from notifikasi import triggers

        triggers.register()
