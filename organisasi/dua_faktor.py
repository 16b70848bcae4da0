"""Two-step verification (verifikasi dua langkah): a TOTP code from an authenticator app (django-otp)
after the password, with single-use recovery codes (kode cadangan) for a lost phone.

Required for whoever can change the structure, the roles or the certificates: admin Pemda, admin OPD,
Admin TTE, and Django's staff/superusers. Optional for everyone else (turned on from the profile).
`DuaFaktorMiddleware` sends a signed-in but unverified user to the verification page (or, when it is
required and not set up yet, to the set-up page) before any other page."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable

import segno
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import record
from lib import ratelimit
from lib.tautan import alamat
from organisasi.models import Pegawai, Peran

PERAN_WAJIB = (Peran.Jenis.ADMIN_PEMDA, Peran.Jenis.ADMIN_OPD, Peran.Jenis.ADMIN_TTE)
JUMLAH_KODE_CADANGAN = 10
NAMA_TOTP = "Aplikasi autentikator"
NAMA_CADANGAN = "Kode cadangan"
BATAS_SALAH, JENDELA = 5, 15 * 60
TERLALU_BANYAK = "Terlalu banyak kode yang salah. Coba lagi dalam 15 menit."
# The middleware re-reads whether an unverified user needs the check at most this often per session.
CEK_ULANG_DETIK = 300
SESI_BEBAS = "dua_faktor_bebas_sampai"


def wajib(user: AbstractBaseUser) -> bool:
    if user.is_superuser or user.is_staff:
        return True
    return Peran.objects.filter(pegawai__user=user, jenis__in=PERAN_WAJIB).exists()


def aktif(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _pegawai(user: AbstractBaseUser) -> Pegawai | None:
    return Pegawai.objects.filter(user=user).first()


def rahasia_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


def perangkat_baru(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device being set up (one per user; a new visit keeps showing the same secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=NAMA_TOTP, confirmed=False)


def _kode_cadangan_baru(user: AbstractBaseUser) -> list[str]:
    static, _ = StaticDevice.objects.get_or_create(user=user, name=NAMA_CADANGAN, defaults={"confirmed": True})
    static.token_set.all().delete()
    kode = [StaticToken.random_token() for _ in range(JUMLAH_KODE_CADANGAN)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=k) for k in kode)
    return kode


@transaction.atomic
def pasang(*, request: HttpRequest, device: TOTPDevice, kode: str) -> list[str] | None:
    """Confirm the app with its first code; returns the recovery codes (shown once) or None if wrong."""
    if not device.verify_token((kode or "").replace(" ", "")):
        return None
    user = request.user
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    cadangan = _kode_cadangan_baru(user)
    otp_login(request, device)
    record(actor=_pegawai(user), aksi="akun.dua_langkah_aktif", objek=user, username=user.get_username())
    return cadangan


@transaction.atomic
def kode_cadangan_ganti(user: AbstractBaseUser) -> list[str]:
    """The holder asks for new recovery codes; the old ones stop working."""
    record(actor=_pegawai(user), aksi="akun.kode_cadangan_baru", objek=user, username=user.get_username())
    return _kode_cadangan_baru(user)


@transaction.atomic
def matikan(user: AbstractBaseUser) -> bool:
    """Turn it off (only where it is optional)."""
    if wajib(user):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(actor=_pegawai(user), aksi="akun.dua_langkah_mati", objek=user, username=user.get_username())
    return True


def verifikasi(request: HttpRequest, kode: str) -> str | None:
    """Check a code (app or recovery); on success the session is verified. Returns an error or None."""
    user = request.user
    kunci = f"dua-langkah:{user.pk}"
    if ratelimit.locked(kunci):
        return TERLALU_BANYAK
    device = match_token(user, (kode or "").replace(" ", "").strip())
    if device is None:
        terkunci = ratelimit.fail(kunci, limit=BATAS_SALAH, window=JENDELA)
        record(actor=_pegawai(user), aksi="akun.dua_langkah_gagal", objek=user, username=user.get_username())
        return (
            TERLALU_BANYAK if terkunci else "Kode salah atau sudah kedaluwarsa. Periksa aplikasi Anda lalu coba lagi."
        )
    ratelimit.clear(kunci)
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        record(actor=_pegawai(user), aksi="akun.kode_cadangan_dipakai", objek=user, username=user.get_username())
    return None


class DuaFaktorMiddleware:
    """After django_otp's OTPMiddleware: unverified users who have (or need) the second step see only
    the two-step pages and sign-out until they pass it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified() or self._bebas_jalur(request):
            return self.get_response(request)
        if request.session.get(SESI_BEBAS, 0) > time.time():
            return self.get_response(request)
        if aktif(user):
            tujuan = "akun:dua_langkah_verifikasi"
        elif wajib(user):
            tujuan = "akun:dua_langkah_pasang"
        else:
            request.session[SESI_BEBAS] = time.time() + CEK_ULANG_DETIK
            return self.get_response(request)
        return redirect(reverse(tujuan) + "?" + urlencode({"next": request.get_full_path()}))

    @staticmethod
    def _bebas_jalur(request: HttpRequest) -> bool:
        path = request.path
        bebas = (alamat("akun:dua_langkah_verifikasi"), alamat("akun:dua_langkah_pasang"), alamat("akun:keluar"))
        return path in bebas or path.startswith("/" + settings.STATIC_URL.lstrip("/"))
