from django.apps import AppConfig


class PanduanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "panduan"
    verbose_name = "Panduan dan latihan"
