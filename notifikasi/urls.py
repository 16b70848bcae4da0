from django.urls import path

from notifikasi import views

app_name = "notifikasi"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:pk>/", views.buka, name="buka"),
    path("tandai-semua/", views.tandai_semua, name="tandai_semua"),
    path("preferensi/", views.preferensi, name="preferensi"),
]
