from django.urls import path

from organisasi import views

app_name = "organisasi"

urlpatterns = [
    path("struktur/", views.struktur, name="struktur"),
    path("pegawai/cari/", views.pegawai_cari, name="pegawai_cari"),
    path("kelola/", views.kelola, name="kelola"),
    path("kelola/unit/", views.unit_list, name="unit_list"),
    path("kelola/unit/baru/", views.unit_create, name="unit_create"),
    path("kelola/unit/<int:pk>/", views.unit_update, name="unit_update"),
    path("kelola/jabatan/", views.jabatan_list, name="jabatan_list"),
    path("kelola/jabatan/baru/", views.jabatan_create, name="jabatan_create"),
    path("kelola/jabatan/<int:pk>/", views.jabatan_update, name="jabatan_update"),
    path("kelola/pegawai/", views.pegawai_list, name="pegawai_list"),
    path("kelola/pegawai/baru/", views.pegawai_create, name="pegawai_create"),
    path("kelola/pegawai/<int:pk>/", views.pegawai_update, name="pegawai_update"),
    path("kelola/plt-plh/", views.penugasan_list, name="penugasan_list"),
    path("kelola/plt-plh/baru/", views.penugasan_create, name="penugasan_create"),
    path("kelola/plt-plh/<int:pk>/", views.penugasan_update, name="penugasan_update"),
    path("kelola/plt-plh/<int:pk>/hapus/", views.penugasan_delete, name="penugasan_delete"),
    path("kelola/peran/", views.peran_list, name="peran_list"),
    path("kelola/peran/<int:pk>/cabut/", views.peran_revoke, name="peran_revoke"),
    path("kelola/pengajuan/", views.pengajuan_list, name="pengajuan_list"),
    path("kelola/pengajuan/<int:pk>/setujui/", views.pengajuan_setujui, name="pengajuan_setujui"),
    path("kelola/pengajuan/<int:pk>/tolak/", views.pengajuan_tolak, name="pengajuan_tolak"),
]
