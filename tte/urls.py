from django.urls import path

from tte.views import admin_tte, mandiri, publik

app_name = "tte"

urlpatterns = [
    path("crl/<str:nama>.crl", publik.crl, name="crl"),
    path("ca/<str:serial>.crt", publik.sertifikat_ca, name="ca"),
    path("tsa/", publik.cap_waktu, name="tsa"),
    path("sertifikat/", mandiri.sertifikat, name="sertifikat"),
    path("sertifikat/ajukan/", mandiri.ajukan, name="ajukan"),
    path("sertifikat/passphrase/", mandiri.buat, name="buat"),
    path("sertifikat/ganti/", mandiri.ganti, name="ganti"),
    path("sertifikat/perpanjang/", mandiri.perpanjang, name="perpanjang"),
    path("sertifikat/cabut/", mandiri.cabut, name="cabut"),
    path("kelola/", admin_tte.kelola, name="kelola"),
    path("kelola/permohonan/<int:pk>/", admin_tte.putuskan, name="putuskan"),
    path("kelola/sertifikat/<int:pk>/cabut/", admin_tte.cabut, name="kelola_cabut"),
]
