"""Forms of the account pages (sign-in, password, profile) with Indonesian labels and messages."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import forms as auth_forms

from organisasi.auth_backend import TERLALU_BANYAK_MASUK, masuk_terkunci

SALAH_MASUK = (
    "NIP/nama pengguna atau kata sandi salah. Periksa lagi ketikan Anda; "
    "huruf besar dan kecil pada kata sandi dibedakan."
)
TELEPON = re.compile(r"^\+?[0-9][0-9 \-]{5,28}$")


class MasukForm(auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label="NIP atau nama pengguna",
        help_text="NIP boleh diketik dengan atau tanpa spasi.",
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": SALAH_MASUK,
        "inactive": "Akun ini sudah dinonaktifkan. Hubungi Admin OPD Anda.",
    }

    def clean(self):
        # While locked, say so plainly and do not even check the password.
        if masuk_terkunci(self.request, self.cleaned_data.get("username") or ""):
            raise forms.ValidationError(TERLALU_BANYAK_MASUK, code="terlalu_banyak")
        return super().clean()


class _KataSandiBaruMixin:
    """Indonesian labels for the two new-password fields shared by change and reset."""

    def _label_kata_sandi_baru(self) -> None:
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields[
            "new_password1"
        ].help_text = "Paling sedikit 8 karakter, tidak hanya angka, dan tidak mirip nama atau NIP Anda."
        self.fields["new_password2"].label = "Ulangi kata sandi baru"
        self.fields["new_password2"].help_text = "Ketik sekali lagi kata sandi yang sama."
        self.error_messages = {**self.error_messages, "password_mismatch": "Kedua kata sandi baru tidak sama."}


class GantiKataSandiForm(_KataSandiBaruMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Kata sandi lama"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Kata sandi lama salah. Silakan ketik lagi.",
        }
        self._label_kata_sandi_baru()


class AturKataSandiForm(_KataSandiBaruMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_kata_sandi_baru()


class LupaKataSandiForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Alamat email",
        max_length=254,
        help_text="Email yang tercatat di profil Anda di eoffice.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class ProfilForm(forms.Form):
    email = forms.EmailField(
        label="Alamat email",
        required=False,
        help_text="Dipakai untuk mengatur ulang kata sandi bila Anda lupa.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telepon = forms.CharField(
        label="Nomor telepon/HP",
        required=False,
        max_length=30,
        help_text="Misalnya 0812 3456 7890.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_telepon(self) -> str:
        telepon = self.cleaned_data["telepon"].strip()
        if telepon and not TELEPON.match(telepon):
            raise forms.ValidationError("Nomor telepon hanya boleh berisi angka, spasi, tanda - dan + di depan.")
        return telepon
