"""Two-step verification: required for admins (set up at the first sign-in), optional for everyone
else, codes from an authenticator app or single-use recovery codes. Signs in the real way (password
form), not with force_login."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from organisasi import dua_faktor
from tests.conftest import PASSWORD

MASUK = reverse("akun:masuk")


def kode_totp(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def _masuk(client, pegawai):
    response = client.post(MASUK, {"username": pegawai.user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_admin_opd_must_set_up_the_app_before_anything_else(client, cast):
    with time_machine.travel(timezone.now(), tick=False) as mesin:
        response = _masuk(client, cast.admin_opd)
        assert client.get(response.url).url.startswith(reverse("akun:dua_langkah_pasang"))
        assert client.get(reverse("organisasi:kelola")).url.startswith(reverse("akun:dua_langkah_pasang"))

        page = client.get(reverse("akun:dua_langkah_pasang")).content.decode()
        assert "Peran Anda (admin) mewajibkan verifikasi dua langkah" in page
        rahasia = re.search(r'id="kunci-totp">([A-Z2-7]+)<', page).group(1)
        device = TOTPDevice.objects.get(user=cast.admin_opd.user, confirmed=False)
        assert rahasia == dua_faktor.rahasia_base32(device)

        salah = client.post(
            reverse("akun:dua_langkah_pasang"), {"kode": "000000" if kode_totp(device) != "000000" else "111111"}
        )
        assert "Kode tidak cocok" in salah.content.decode()
        mesin.shift(datetime.timedelta(seconds=2))  # django-otp waits a moment after a wrong code
        page = client.post(reverse("akun:dua_langkah_pasang"), {"kode": kode_totp(device)}).content.decode()
        assert "Kode cadangan" in page
        cadangan = re.findall(r"<li>([a-z0-9]{8})</li>", page)
        assert len(cadangan) == dua_faktor.JUMLAH_KODE_CADANGAN
        assert client.get(reverse("organisasi:kelola")).status_code == 200
        assert AuditEvent.objects.filter(aksi="akun.dua_langkah_aktif").exists()

        # Next sign-in: the code is asked for; a recovery code works once.
        client.post(reverse("akun:keluar"))
        mesin.shift(datetime.timedelta(seconds=60))
        _masuk(client, cast.admin_opd)
        assert client.get(reverse("beranda")).url.startswith(reverse("akun:dua_langkah_verifikasi"))
        response = client.post(
            reverse("akun:dua_langkah_verifikasi"), {"kode": cadangan[0], "next": "/organisasi/kelola/"}
        )
        assert response.url == "/organisasi/kelola/"
        client.post(reverse("akun:keluar"))
        _masuk(client, cast.admin_opd)
        used = client.post(reverse("akun:dua_langkah_verifikasi"), {"kode": cadangan[0]})
        assert "Kode salah" in used.content.decode()
        mesin.shift(datetime.timedelta(seconds=5))
        device.refresh_from_db()
        assert client.post(reverse("akun:dua_langkah_verifikasi"), {"kode": kode_totp(device)}).status_code == 302
        assert client.get(reverse("beranda")).status_code == 200


def test_admin_pemda_is_asked_for_the_code_and_wrong_codes_lock(client, cast):
    device = TOTPDevice.objects.create(user=cast.admin_pemda.user, name="app", confirmed=True)
    _masuk(client, cast.admin_pemda)
    assert client.get(reverse("beranda")).url.startswith(reverse("akun:dua_langkah_verifikasi"))
    salah = "000000" if kode_totp(device) != "000000" else "111111"
    for _ in range(dua_faktor.BATAS_SALAH):
        client.post(reverse("akun:dua_langkah_verifikasi"), {"kode": salah})
    page = client.post(reverse("akun:dua_langkah_verifikasi"), {"kode": kode_totp(device)}).content.decode()
    assert dua_faktor.TERLALU_BANYAK in page
    assert client.get(reverse("beranda")).status_code == 302
    assert AuditEvent.objects.filter(aksi="akun.dua_langkah_gagal").count() == dua_faktor.BATAS_SALAH


def test_staf_signs_in_without_a_code_and_may_turn_it_on_and_off(client, cast):
    response = _masuk(client, cast.staf)
    assert client.get(response.url).status_code == 200
    assert "Belum aktif" in client.get(reverse("akun:dua_langkah")).content.decode()

    client.get(reverse("akun:dua_langkah_pasang"))
    device = TOTPDevice.objects.get(user=cast.staf.user)
    client.post(reverse("akun:dua_langkah_pasang"), {"kode": kode_totp(device)})
    assert dua_faktor.aktif(cast.staf.user)

    response = client.post(reverse("akun:dua_langkah_matikan"), follow=True)
    assert "Verifikasi dua langkah dimatikan." in response.content.decode()
    assert not dua_faktor.aktif(cast.staf.user)


def test_admin_cannot_turn_it_off(cast, login):
    client = login(cast.admin_opd)
    response = client.post(reverse("akun:dua_langkah_matikan"), follow=True)
    assert "tidak dapat dimatikan" in response.content.decode()
    assert dua_faktor.aktif(cast.admin_opd.user)


@pytest.mark.parametrize("jenis", ["admin_opd", "admin_pemda", "admin_tte"])
def test_admin_roles_require_it(cast, jenis):
    from organisasi.models import Peran

    Peran.objects.create(pegawai=cast.staf, jenis=jenis, opd=cast.opd if jenis == "admin_opd" else None)
    assert dua_faktor.wajib(cast.staf.user)
    assert not dua_faktor.wajib(cast.kabid.user)
