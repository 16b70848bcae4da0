from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "akun"

urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(), name="masuk"),
    path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
]
