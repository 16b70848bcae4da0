from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from organisasi import akun_views, dua_faktor_views
from organisasi.akun_forms import AturKataSandiForm, LupaKataSandiForm, MasukForm

app_name = "akun"

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(form_class=MasukForm, redirect_authenticated_user=True),
        name="masuk",
    ),
    path("keluar/", akun_views.keluar, name="keluar"),
    path("dua-langkah/", dua_faktor_views.pengaturan, name="dua_langkah"),
    path("dua-langkah/verifikasi/", dua_faktor_views.verifikasi, name="dua_langkah_verifikasi"),
    path("dua-langkah/pasang/", dua_faktor_views.pasang, name="dua_langkah_pasang"),
    path("dua-langkah/kode-cadangan/", dua_faktor_views.cadangan_baru, name="dua_langkah_cadangan"),
    path("dua-langkah/matikan/", dua_faktor_views.matikan, name="dua_langkah_matikan"),
    path("profil/", akun_views.profil, name="profil"),
    path("email/konfirmasi/<str:token>/", akun_views.konfirmasi_email, name="konfirmasi_email"),
    path("kata-sandi/", akun_views.GantiKataSandiView.as_view(), name="kata_sandi"),
    path("ukuran-huruf/", akun_views.ukuran_huruf, name="ukuran_huruf"),
    path(
        "lupa-kata-sandi/",
        akun_views.LupaKataSandiView.as_view(
            form_class=LupaKataSandiForm,
            template_name="registration/lupa_kata_sandi.html",
            subject_template_name="registration/email_atur_ulang_subjek.txt",
            email_template_name="registration/email_atur_ulang.txt",
            extra_email_context={
                "site_url": settings.SITE_URL,
                "timeout_hari": settings.PASSWORD_RESET_TIMEOUT // 86400,
            },
            success_url=reverse_lazy("akun:lupa_kata_sandi_terkirim"),
        ),
        name="lupa_kata_sandi",
    ),
    path(
        "lupa-kata-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/lupa_kata_sandi_terkirim.html"),
        name="lupa_kata_sandi_terkirim",
    ),
    path(
        "atur-ulang/<uidb64>/<token>/",
        akun_views.AturUlangKataSandiView.as_view(
            form_class=AturKataSandiForm,
            template_name="registration/atur_ulang.html",
            success_url=reverse_lazy("akun:atur_ulang_selesai"),
        ),
        name="atur_ulang",
    ),
    path(
        "atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/atur_ulang_selesai.html"),
        name="atur_ulang_selesai",
    ),
]
