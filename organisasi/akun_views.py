"""Account pages: sign out, profile (own contact data), password change and reset, text size.

Password changes and resets are recorded in the audit log (Django has no signal for them): who, which
account, never the password or the reset link."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import record
from lib import ratelimit
from lib.ukuran_huruf import UKURAN_HURUF, UKURAN_HURUF_COOKIE
from organisasi import akun_email, services
from organisasi.akun_forms import GantiKataSandiForm, ProfilForm
from organisasi.decorators import pegawai_required
from organisasi.models import Pegawai

SETAHUN = 365 * 24 * 60 * 60
# Password reset requests: (requests, seconds) per caller address, and per e-mail address (over that,
# the page says the same but no mail is sent, so nobody can flood a colleague's inbox).
BATAS_LUPA_ALAMAT = (10, 15 * 60)
BATAS_LUPA_EMAIL = (3, 60 * 60)
EMAIL_MENUNGGU = (
    "Alamat email baru berlaku setelah Anda mengonfirmasinya lewat tautan yang kami kirim ke alamat email lama."
)
TERLALU_BANYAK_LUPA = "Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam 15 menit."


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if ok else fallback


@require_POST
def keluar(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "Anda sudah keluar dari eoffice. Sampai jumpa.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


@pegawai_required
def profil(request: HttpRequest) -> HttpResponse:
    pegawai = request.pegawai
    form = ProfilForm(request.POST or None, initial={"email": pegawai.email, "telepon": pegawai.telepon})
    if request.method == "POST" and form.is_valid():
        try:
            pegawai = services.pegawai_update(actor=pegawai, pegawai=pegawai, **form.cleaned_data)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, pesan in errors.items():
                form.add_error(field if field in form.fields else None, pesan)
        else:
            messages.success(request, "Email dan nomor telepon Anda sudah disimpan.")
            if pegawai.email_menunggu is not None:
                messages.info(request, EMAIL_MENUNGGU)
            return redirect("akun:profil")
    context = {
        "form": form,
        "profil": pegawai,
        "peran": pegawai.peran.select_related("opd").order_by("jenis"),
    }
    return render(request, "akun/profil.html", context)


@pegawai_required
@require_http_methods(["GET", "POST"])
def konfirmasi_email(request: HttpRequest, token: str) -> HttpResponse:
    """The account holder (signed in) confirms an e-mail change requested for their account; a link
    for another account answers 404."""
    try:
        data = akun_email.baca_token(token)
    except ValidationError as exc:
        return render(request, "akun/konfirmasi_email.html", {"galat": exc.messages[0]})
    if data["p"] != request.pegawai.pk:
        raise Http404
    if request.method == "POST":
        try:
            akun_email.konfirmasi(actor=request.pegawai, token=token)
        except ValidationError as exc:
            return render(request, "akun/konfirmasi_email.html", {"galat": exc.messages[0]})
        messages.success(request, f"Alamat email akun Anda sekarang {data['baru'] or '(kosong)'}.")
        return redirect("akun:profil")
    return render(request, "akun/konfirmasi_email.html", {"lama": data["lama"], "baru": data["baru"]})


def _audit_akun(user: AbstractBaseUser, aksi: str, *, oleh_sendiri: bool = True) -> None:
    """One audit event about an account; the actor is the account's pegawai when it acts itself."""
    pegawai = Pegawai.objects.filter(user=user).first()
    record(actor=pegawai if oleh_sendiri else None, aksi=aksi, objek=user, username=user.get_username())


@method_decorator(login_required, name="dispatch")
class GantiKataSandiView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Any signed-in user, also one without a Pegawai; the session stays signed in."""

    form_class = GantiKataSandiForm
    template_name = "akun/kata_sandi.html"
    success_url = reverse_lazy("beranda")
    success_message = "Kata sandi Anda sudah diganti. Gunakan kata sandi baru saat masuk berikutnya."

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        _audit_akun(form.user, "akun.kata_sandi_diganti")
        return response


class LupaKataSandiView(auth_views.PasswordResetView):
    """Anyone: ask for a reset link. Each matching account gets an audit event (system actor); an email
    address that matches no account leaves no trace, as the page says the same either way. Requests are
    rate-limited per caller address and per e-mail address."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit, window = BATAS_LUPA_ALAMAT
        if not ratelimit.allow(request, "lupa-kata-sandi", limit=limit, window=window):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, TERLALU_BANYAK_LUPA)
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"]
        limit, window = BATAS_LUPA_EMAIL
        kunci = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        if not ratelimit.allow(self.request, "lupa-kata-sandi-email", limit=limit, window=window, key=kunci):
            return HttpResponseRedirect(self.get_success_url())
        for user in form.get_users(email):
            _audit_akun(user, "akun.atur_ulang_diminta", oleh_sendiri=False)
        return super().form_valid(form)


class AturUlangKataSandiView(auth_views.PasswordResetConfirmView):
    """The holder of a valid reset link sets a new password."""

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        _audit_akun(form.user, "akun.kata_sandi_diatur_ulang")
        return response


@require_POST
def ukuran_huruf(request: HttpRequest) -> HttpResponse:
    """Remember the chosen text size in a cookie so every page is rendered in it (works without JS)."""
    response = redirect(_safe_next(request, reverse("beranda")))
    ukuran = request.POST.get("ukuran", "")
    if ukuran in UKURAN_HURUF:
        response.set_cookie(
            UKURAN_HURUF_COOKIE, ukuran, max_age=SETAHUN, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
        )
    return response
