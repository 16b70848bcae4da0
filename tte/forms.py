"""Forms of the signer's certificate pages and the Admin TTE page. Passphrase fields never render the
value back (PasswordInput) and the views never put it in a message."""

from __future__ import annotations

from django import forms

from organisasi.models import UnitKerja
from tte.mandiri import PASSPHRASE_MIN
from tte.models import AlasanPencabutan


def _sandi(label: str, help_text: str = "", autocomplete: str = "off") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


ATURAN = (
    f"Minimal {PASSPHRASE_MIN} karakter, berisi huruf dan angka, bukan kata sandi masuk Anda, tidak memuat "
    "nama, NIP atau NIK. Hanya Anda yang mengetahuinya: tidak ada yang bisa memulihkannya."
)


class BuatPassphraseForm(forms.Form):
    password_login = _sandi("Kata sandi masuk", "Untuk memastikan ini memang Anda.", "current-password")
    passphrase = _sandi("Frasa sandi TTE baru", ATURAN, "new-password")
    ulangi = _sandi("Ulangi frasa sandi TTE baru", autocomplete="new-password")


class GantiPassphraseForm(forms.Form):
    password_login = _sandi("Kata sandi masuk", "Untuk memastikan ini memang Anda.", "current-password")
    lama = _sandi("Frasa sandi TTE lama")
    baru = _sandi("Frasa sandi TTE baru", ATURAN, "new-password")
    ulangi = _sandi("Ulangi frasa sandi TTE baru", autocomplete="new-password")


class PerpanjangForm(forms.Form):
    password_login = _sandi("Kata sandi masuk", "Untuk memastikan ini memang Anda.", "current-password")
    passphrase = _sandi(
        "Frasa sandi TTE", "Frasa sandi TTE Anda sekarang; sertifikat baru memakai frasa sandi yang sama."
    )


ALASAN_PEMILIK = [
    (AlasanPencabutan.KUNCI_BOCOR, AlasanPencabutan.KUNCI_BOCOR.label),
    (AlasanPencabutan.PINDAH_JABATAN, AlasanPencabutan.PINDAH_JABATAN.label),
    (AlasanPencabutan.LAINNYA, AlasanPencabutan.LAINNYA.label),
]


class CabutForm(forms.Form):
    kode_alasan = forms.ChoiceField(label="Alasan", choices=AlasanPencabutan.choices, widget=forms.RadioSelect)
    alasan = forms.CharField(label="Keterangan", max_length=200, required=False)

    def __init__(self, *args, pemilik: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if pemilik:  # death is for the Admin TTE to record; "superseded" happens by itself
            self.fields["kode_alasan"].choices = ALASAN_PEMILIK


class PutusanForm(forms.Form):
    setuju = forms.TypedChoiceField(
        label="Keputusan", choices=[("1", "Setujui"), ("0", "Tolak")], coerce=lambda v: v == "1"
    )
    catatan = forms.CharField(label="Catatan untuk pemohon", max_length=300, required=False)


class SaringOpdForm(forms.Form):
    opd = forms.ModelChoiceField(
        label="OPD",
        queryset=UnitKerja.objects.filter(is_opd=True).order_by("nama"),
        required=False,
        empty_label="Semua OPD",
    )
