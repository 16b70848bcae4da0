from surat import urls_kotak, urls_naskah, urls_pdf

app_name = "surat"

# Two groups of pages: writing and acting on one letter (urls_naskah), and the lists (urls_kotak).
urlpatterns = urls_naskah.urlpatterns + urls_kotak.urlpatterns + urls_pdf.urlpatterns
