"""The demo admins' two-step verification: a confirmed TOTP device with the public demo key
(demo.akun.DEMO_TOTP_KUNCI_BASE32), so anyone trying the demo can sign in as an admin."""

from __future__ import annotations

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.akun import DEMO_ACCOUNTS, DEMO_TOTP_KUNCI_BASE32
from demo.seeder import Seeder
from organisasi import dua_faktor
from organisasi.models import Pegawai

NAMA_PERANGKAT = "Demo"


def kunci_hex() -> str:
    return base64.b32decode(DEMO_TOTP_KUNCI_BASE32).hex()


def admin_demo() -> list[Pegawai]:
    pegawai = Pegawai.objects.filter(user__username__in=[a.username for a in DEMO_ACCOUNTS]).select_related("user")
    return [p for p in pegawai if dua_faktor.wajib(p.user)]


def step_dua_langkah(s: Seeder) -> None:
    """Every demo account that must use two-step verification gets the demo key."""
    for pegawai in admin_demo():
        _, dibuat = TOTPDevice.objects.get_or_create(
            user=pegawai.user, name=NAMA_PERANGKAT, defaults={"key": kunci_hex(), "confirmed": True}
        )
        if dibuat:
            s.dibuat["perangkat dua langkah"] += 1
