from django.urls import path

from disposisi import views as v

app_name = "disposisi"

urlpatterns = [
    path("", v.masuk, name="masuk"),
    path("keluar/", v.keluar, name="keluar"),
    path("surat/<int:surat_pk>/", v.pohon, name="pohon"),
    path("surat/<int:surat_pk>/disposisikan/", v.buat, name="buat"),
    path("surat/<int:surat_pk>/disposisikan/<int:induk_pk>/", v.buat, name="buat"),
    path("surat/<int:surat_pk>/tanpa-disposisi/", v.tanpa_disposisi, name="tanpa_disposisi"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/laporkan/", v.laporkan, name="laporkan"),
    path("<int:pk>/batalkan/", v.batalkan, name="batalkan"),
    path("lampiran/<int:pk>/", v.lampiran, name="lampiran"),
]
