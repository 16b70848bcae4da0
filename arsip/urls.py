from django.urls import path

from arsip import views

app_name = "arsip"

urlpatterns = [
    path("", views.index, name="index"),
    path("cari/", views.cari, name="cari"),
    path("klasifikasi/", views.klasifikasi, name="klasifikasi"),
    path("klasifikasi/<int:pk>/jra/", views.klasifikasi_jra, name="klasifikasi_jra"),
    path("berkas/", views.berkas_list, name="berkas_list"),
    path("berkas/baru/", views.berkas_baru, name="berkas_baru"),
    path("berkas/<int:pk>/", views.berkas_detail, name="berkas_detail"),
    path("berkas/<int:pk>/<slug:aksi>/", views.berkas_aksi, name="berkas_aksi"),
    path("usulan/", views.usulan, name="usulan"),
    path("daftar/<slug:jenis>/", views.daftar, name="daftar"),
    path("jatuh-tempo/", views.jatuh_tempo, name="jatuh_tempo"),
    path("berita-acara/<int:pk>/", views.berita_acara, name="berita_acara"),
]
