from django.urls import path

from surat import views_kotak as views

urlpatterns = [
    path("masuk/", views.masuk, name="masuk"),
    path("tembusan/", views.tembusan, name="tembusan"),
    path("keluar/", views.keluar, name="keluar"),
    path("konsep/", views.konsep, name="konsep"),
    path("perlu-paraf/", views.perlu_paraf, name="perlu_paraf"),
    path("perlu-tanda-tangan/", views.perlu_ttd, name="perlu_ttd"),
    path("kirim-luar/", views.eksternal, name="eksternal"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/unduh.csv", views.agenda_csv, name="agenda_csv"),
    path("agenda/unduh.xlsx", views.agenda_xlsx, name="agenda_xlsx"),
    path("agenda/catat/", views.catat_masuk, name="catat_masuk"),
]
