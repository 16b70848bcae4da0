"""Sign in with a NIP (typed with or without spaces) or a username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from organisasi.nip import normalize_nip


class NipAtauUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
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
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
