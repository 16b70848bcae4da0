"""Writing a letter and acting on one letter (views_naskah). Concatenated into surat/urls.py."""

from django.urls import path

from surat import views_naskah as v

urlpatterns = [
    path("konsep/baru/", v.konsep_baru, name="konsep_baru"),
    path("konsep/usulan-verifikator/", v.usulan_verifikator, name="usulan_verifikator"),
    path("klasifikasi/cari/", v.klasifikasi_cari, name="klasifikasi_cari"),
    path("jabatan/cari/", v.jabatan_cari, name="jabatan_cari"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/ubah/", v.konsep_ubah, name="konsep_ubah"),
    path("<int:pk>/versi/", v.versi, name="versi"),
    path("<int:pk>/ajukan/", v.ajukan, name="ajukan"),
    path("<int:pk>/hapus/", v.hapus, name="hapus"),
    path("<int:pk>/paraf/", v.paraf, name="paraf"),
    path("<int:pk>/kembalikan/", v.kembalikan, name="kembalikan"),
    path("<int:pk>/tandatangani/", v.tandatangani, name="tandatangani"),
    path("<int:pk>/balas/", v.balas, name="balas"),
    path("<int:pk>/tindaklanjut/", v.tindaklanjut, name="tindaklanjut"),
    path("<int:pk>/kirim-eksternal/", v.kirim_eksternal, name="kirim_eksternal"),
    path("lampiran/<int:pk>/", v.lampiran, name="lampiran"),
]
