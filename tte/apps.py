from django.apps import AppConfig


class TteConfig(AppConfig):
    name = "tte"
    verbose_name = "Tanda Tangan Elektronik"

    def ready(self) -> None:
        from tte import asn1_der

        asn1_der.pasang()
