"""Sign in with a NIP (typed with or without spaces) or a username, with a lockout against password
guessing: after too many failures for one account name or from one address within JENDELA_MASUK seconds,
no password is checked until the lock ends (also for sign-ins through the Django admin)."""

from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from lib import ratelimit
from organisasi.nip import normalize_nip

JENDELA_MASUK = 15 * 60
BATAS_GAGAL_AKUN = 10
# Higher than per account: a whole office may sign in from behind one public address.
BATAS_GAGAL_ALAMAT = 50
TERLALU_BANYAK_MASUK = "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit."


def _kunci_masuk(request: HttpRequest | None, username: str) -> list[tuple[str, int]]:
    """(key, limit) pairs counting failed sign-ins: the account name as typed (a NIP without spaces,
    otherwise lower case) and the caller's address."""
    username = (username or "").strip()
    digits = normalize_nip(username)
    nama = digits if digits.isdigit() and len(digits) == 18 else username.lower()
    kunci = [(f"masuk-akun:{hashlib.sha256(nama.encode()).hexdigest()}", BATAS_GAGAL_AKUN)]
    if request is not None:
        kunci.append((f"masuk-alamat:{ratelimit.client_ip(request)}", BATAS_GAGAL_ALAMAT))
    return kunci


def masuk_terkunci(request: HttpRequest | None, username: str) -> bool:
    """True while sign-in for this account name or from this address is locked."""
    return any(ratelimit.locked(key) for key, _ in _kunci_masuk(request, username))


def _catat_gagal(request: HttpRequest | None, username: str) -> None:
    for key, limit in _kunci_masuk(request, username):
        ratelimit.fail(key, limit=limit, window=JENDELA_MASUK)


class NipAtauUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        if masuk_terkunci(request, username):
            return None
        User = get_user_model()
        username = username.strip()
        digits = normalize_nip(username)
        user = None
        if digits.isdigit() and len(digits) == 18:
            user = User.objects.filter(pegawai__nip=digits).first()
        if user is None:
            user = User.objects.filter(username__iexact=username).first()
        if user is None:
            # Spend the same time as a real check so response times do not reveal which accounts exist.
            User().set_password(password)
            _catat_gagal(request, username)
            return None
        if not user.check_password(password):
            _catat_gagal(request, username)
            return None
        if self.user_can_authenticate(user):
            ratelimit.clear(_kunci_masuk(None, username)[0][0])
            return user
        return None
