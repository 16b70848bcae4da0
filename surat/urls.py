"""The letter pages, under /surat/ (app "surat"), and the public verification pages, under /verifikasi/
(app "verifikasi", `verifikasi_urlpatterns`, included by eoffice/urls.py)."""

from django.urls import path

from surat.views import koreksi, kotak, naskah, pdf, proses, unduh, verifikasi

app_name = "surat"

urlpatterns = [
    # Writing a letter and acting on one letter (views/naskah.py).
    path("konsep/baru/", naskah.konsep_baru, name="konsep_baru"),
    path("konsep/usulan-verifikator/", naskah.usulan_verifikator, name="usulan_verifikator"),
    path("klasifikasi/cari/", naskah.klasifikasi_cari, name="klasifikasi_cari"),
    path("jabatan/cari/", naskah.jabatan_cari, name="jabatan_cari"),
    path("<int:pk>/", naskah.detail, name="detail"),
    path("<int:pk>/ubah/", naskah.konsep_ubah, name="konsep_ubah"),
    path("<int:pk>/versi/", naskah.versi, name="versi"),
    path("<int:pk>/ajukan/", naskah.ajukan, name="ajukan"),
    path("<int:pk>/hapus/", naskah.hapus, name="hapus"),
    path("<int:pk>/paraf/", naskah.paraf, name="paraf"),
    path("<int:pk>/kembalikan/", naskah.kembalikan, name="kembalikan"),
    path("<int:pk>/tandatangani/", naskah.tandatangani, name="tandatangani"),
    path("<int:pk>/balas/", naskah.balas, name="balas"),
    path("<int:pk>/tindaklanjut/", naskah.tindaklanjut, name="tindaklanjut"),
    path("<int:pk>/kirim-eksternal/", naskah.kirim_eksternal, name="kirim_eksternal"),
    path("lampiran/<int:pk>/", unduh.lampiran, name="lampiran"),
    path("lampiran/<int:pk>/teks/", proses.teks_lampiran, name="teks_lampiran"),
    # Ralat and pencabutan of a signed letter (views/koreksi.py).
    path("<int:pk>/koreksi/<str:jenis>/", koreksi.mulai, name="koreksi"),
    # The lists and the pencatat's pages (views/kotak.py).
    path("masuk/", kotak.masuk, name="masuk"),
    path("tembusan/", kotak.tembusan, name="tembusan"),
    path("keluar/", kotak.keluar, name="keluar"),
    path("konsep/", kotak.konsep, name="konsep"),
    path("perlu-paraf/", kotak.perlu_paraf, name="perlu_paraf"),
    path("perlu-tanda-tangan/", kotak.perlu_ttd, name="perlu_ttd"),
    path("kirim-luar/", kotak.eksternal, name="eksternal"),
    path("agenda/", kotak.agenda, name="agenda"),
    path("agenda/unduh.csv", kotak.agenda_csv, name="agenda_csv"),
    path("agenda/unduh.xlsx", kotak.agenda_xlsx, name="agenda_xlsx"),
    path("agenda/catat/", kotak.catat_masuk, name="catat_masuk"),
    # PDFs and print jobs (views/pdf.py).
    path("<int:pk>/pdf/konsep/", pdf.pdf_konsep, name="pdf_konsep"),
    path("<int:pk>/pdf/", pdf.pdf_surat, name="pdf"),
    path("<int:pk>/pdf/status/", pdf.pdf_status, name="pdf_status"),
    path("pindaian/<int:pk>/", pdf.pindaian_tampil, name="pindaian"),
    path("<int:pk>/lembar-disposisi/", pdf.lembar_disposisi, name="lembar_disposisi"),
    path("agenda/pdf/", pdf.agenda_pdf, name="agenda_pdf"),
    path("cetakan/<int:pk>/", pdf.cetakan, name="cetakan"),
    path("cetakan/<int:pk>/status/", pdf.cetakan_status, name="cetakan_status"),
    path("cetakan/<int:pk>/unduh/", pdf.cetakan_unduh, name="cetakan_unduh"),
]

# The public verification pages (views/verifikasi.py), no login; their own namespace and prefix.
verifikasi_urlpatterns = [
    path("", verifikasi.cari, name="cari"),
    path("<str:token>/", verifikasi.detail, name="detail"),
]
