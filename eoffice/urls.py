from django.contrib import admin
from django.urls import include, path

from eoffice import bench, kesehatan, views
from surat.urls import verifikasi_urlpatterns

admin.site.site_header = "Administrasi eoffice"
admin.site.site_title = "eoffice"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kesehatan/", kesehatan.kesehatan, name="kesehatan"),
    path("akun/", include("organisasi.urls_akun")),
    path("organisasi/", include("organisasi.urls")),
    path("surat/", include("surat.urls")),
    path("disposisi/", include("disposisi.urls")),
    path("verifikasi/", include((verifikasi_urlpatterns, "verifikasi"))),
    path("arsip/", include("arsip.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("panduan/", include("panduan.urls")),
    path("tte/", include("tte.urls")),
    path("rekap/", include("rekap.urls")),
    path("admin/", admin.site.urls),
    path("_bench/lantai/", bench.lantai, name="bench_lantai"),  # 404 unless EOFFICE_BENCH=1
    path("_bench/bingkai/", bench.bingkai, name="bench_bingkai"),  # 404 unless EOFFICE_BENCH=1
]
