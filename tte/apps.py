from django.apps import AppConfig


class TteConfig(AppConfig):
    name = "tte"
    verbose_name = "Tanda Tangan Elektronik"

    def ready(self) -> None:
        from tte import asn1_der, pdf_heks

        asn1_der.pasang()
        pdf_heks.pasang()
