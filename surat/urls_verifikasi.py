from django.urls import path

from surat import views_verifikasi

app_name = "verifikasi"

urlpatterns = [
    path("", views_verifikasi.cari, name="cari"),
    path("<str:token>/", views_verifikasi.detail, name="detail"),
]
