from django.urls import path

from rekap import views

app_name = "rekap"

urlpatterns = [
    path("", views.index, name="index"),
    path("layanan/", views.layanan_view, name="layanan"),
    path("terlambat/", views.terlambat, name="terlambat"),
    path("penghematan/", views.penghematan, name="penghematan"),
    path("biaya/", views.biaya, name="biaya"),
    path("unduh.xlsx", views.unduh_xlsx, name="unduh_xlsx"),
    path("laporan/", views.laporan, name="laporan"),
    path("laporan/<int:pk>/", views.laporan_detail, name="laporan_detail"),
    path("laporan/<int:pk>/status/", views.laporan_status, name="laporan_status"),
    path("laporan/<int:pk>/unduh/", views.laporan_unduh, name="laporan_unduh"),
]
