"""`manage.py kode_dua_langkah_demo`: the code the demo admins type now (demo key, see README)."""

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from demo.dua_langkah import kunci_hex


class Command(BaseCommand):
    help = "Menampilkan kode verifikasi dua langkah akun admin demo saat ini."

    def handle(self, *args, **options) -> None:
        kode = str(TOTP(bytes.fromhex(kunci_hex())).token()).zfill(6)
        self.stdout.write(f"Kode dua langkah admin demo saat ini: {kode} (berganti setiap 30 detik)")
