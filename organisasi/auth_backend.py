"""Sign in with a NIP (typed with or without spaces) or a username, with a lockout against password
guessing: after too many failures for one account or from one address within JENDELA_MASUK seconds,
no password is checked until the lock ends (also for sign-ins through the Django admin).

The lockout counts per *account*, not per text typed: the NIP, the username in any case, and Unicode
look-alikes that the database would match anyway (fullwidth letters, the long s that PostgreSQL's
UPPER() turns into S) all land on the same counter. Every failed sign-in to a known account, and
every lock, is audited (never the password typed)."""

from __future__ import annotations

import hashlib
import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from audit.services import record
from lib import ratelimit
from organisasi.nip import normalize_nip

JENDELA_MASUK = 15 * 60
BATAS_GAGAL_AKUN = 10
# Higher than per account: a whole office may sign in from behind one public address.
BATAS_GAGAL_ALAMAT = 50
TERLALU_BANYAK_MASUK = "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit."


def _bentuk_baku(username: str) -> str:
    """The typed name folded the way look-alikes collapse: NFKC (fullwidth -> ASCII), then casefold."""
    return unicodedata.normalize("NFKC", (username or "").strip()).casefold()


def cari_akun(username: str) -> AbstractBaseUser | None:
    """The account a typed name means: by NIP (spaces allowed), else by username in any case or form."""
    User = get_user_model()
    username = (username or "").strip()
    digits = normalize_nip(unicodedata.normalize("NFKC", username))
    if digits.isdigit() and len(digits) == 18:
        user = User.objects.filter(pegawai__nip=digits).first()
        if user is not None:
            return user
    user = User.objects.filter(username__iexact=username).first()
    if user is None and _bentuk_baku(username) != username.lower():
        user = User.objects.filter(username__iexact=_bentuk_baku(username)).first()
    return user


def _kunci_masuk(request: HttpRequest | None, username: str, user: AbstractBaseUser | None) -> list[tuple[str, int]]:
    """(key, limit) pairs counting failed sign-ins: the account (or, for a name that matches none, its
    folded form) and the caller's address."""
    nama = f"akun:{user.pk}" if user is not None else f"nama:{_bentuk_baku(username)}"
    kunci = [(f"masuk-akun:{hashlib.sha256(nama.encode()).hexdigest()}", BATAS_GAGAL_AKUN)]
    if request is not None:
        kunci.append((f"masuk-alamat:{ratelimit.client_ip(request)}", BATAS_GAGAL_ALAMAT))
    return kunci


def masuk_terkunci(request: HttpRequest | None, username: str) -> bool:
    """True while sign-in for this account or from this address is locked."""
    return any(ratelimit.locked(key) for key, _ in _kunci_masuk(request, username, cari_akun(username)))


def _catat_gagal(request: HttpRequest | None, username: str, user: AbstractBaseUser | None) -> None:
    terkunci = False
    for key, limit in _kunci_masuk(request, username, user):
        terkunci = ratelimit.fail(key, limit=limit, window=JENDELA_MASUK) or terkunci
    alamat = ratelimit.client_ip(request) if request is not None else ""
    if user is not None:
        record(actor=None, aksi="akun.masuk_gagal", objek=user, username=user.get_username(), alamat=alamat)
    else:  # the typed text is not kept: it may be a password typed into the wrong field
        record(actor=None, aksi="akun.masuk_gagal", akun_dikenal=False, alamat=alamat)
    if terkunci:
        record(actor=None, aksi="akun.masuk_dikunci", objek=user, alamat=alamat)


class NipAtauUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = cari_akun(username)
        if any(ratelimit.locked(key) for key, _ in _kunci_masuk(request, username, user)):
            return None
        if user is None:
            # Spend the same time as a real check so response times do not reveal which accounts exist.
            get_user_model()().set_password(password)
            _catat_gagal(request, username, None)
            return None
        if not user.check_password(password):
            _catat_gagal(request, username, user)
            return None
        if self.user_can_authenticate(user):
            ratelimit.clear(_kunci_masuk(None, username, user)[0][0])
            return user
        return None
