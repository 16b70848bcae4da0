from django.urls import path

from panduan import views

app_name = "panduan"

urlpatterns = [
    path("", views.index, name="index"),
    path("peran/<slug:kunci>/", views.peran, name="peran"),
    path("peran/<slug:kunci>/ringkas/", views.ringkas, name="ringkas"),
    path("peran/<slug:kunci>/ringkas.pdf", views.ringkas_pdf, name="ringkas_pdf"),
    path("tur/selesai/", views.tur_selesai, name="tur_selesai"),
    path("tur/ulang/", views.tur_ulang, name="tur_ulang"),
    path("latihan/", views.latihan, name="latihan"),
    path("pelatih/", views.pelatih, name="pelatih"),
]
