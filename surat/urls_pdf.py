"""PDF pages (views_pdf). Concatenated into surat/urls.py."""

from django.urls import path

from surat import views_pdf as v

urlpatterns = [
    path("<int:pk>/pdf/konsep/", v.pdf_konsep, name="pdf_konsep"),
    path("<int:pk>/pdf/", v.pdf_surat, name="pdf"),
    path("<int:pk>/pdf/status/", v.pdf_status, name="pdf_status"),
    path("<int:pk>/lembar-disposisi/", v.lembar_disposisi, name="lembar_disposisi"),
    path("agenda/pdf/", v.agenda_pdf, name="agenda_pdf"),
    path("cetakan/<int:pk>/", v.cetakan, name="cetakan"),
    path("cetakan/<int:pk>/status/", v.cetakan_status, name="cetakan_status"),
    path("cetakan/<int:pk>/unduh/", v.cetakan_unduh, name="cetakan_unduh"),
]
