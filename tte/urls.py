from django.urls import path

from tte.views import publik

app_name = "tte"

urlpatterns = [
    path("crl/<str:nama>.crl", publik.crl, name="crl"),
    path("ca/<str:serial>.crt", publik.sertifikat_ca, name="ca"),
    path("tsa/", publik.cap_waktu, name="tsa"),
]
