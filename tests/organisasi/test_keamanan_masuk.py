"""Sign-in and password reset are rate-limited: guessing a password or flooding reset mails stops."""

import datetime

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from organisasi import auth_backend
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

MASUK = "/akun/masuk/"
LUPA = "/akun/lupa-kata-sandi/"
TERKUNCI = "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit."


def _masuk(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post(MASUK, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_ten_wrong_passwords_lock_the_account_name_for_15_minutes(client, cast, monkeypatch):
    with time_machine.travel(timezone.now(), tick=False) as mesin:
        for _ in range(auth_backend.BATAS_GAGAL_AKUN):
            assert TERKUNCI not in _masuk(client, "staf", "tebakan-salah").content.decode()

        # Locked: even the right password is not checked, and the page says why.
        checked = []
        monkeypatch.setattr("django.contrib.auth.forms.authenticate", lambda *a, **kw: checked.append(kw))
        response = _masuk(client, "staf")
        assert response.status_code == 200
        assert TERKUNCI in response.content.decode()
        assert checked == [] and not _signed_in(client)
        monkeypatch.undo()

        # Another account from the same address still signs in.
        assert _masuk(client, "kepala", ip="10.0.0.1").status_code == 302
        client.logout()

        mesin.shift(datetime.timedelta(minutes=16))
        assert _masuk(client, "staf").status_code == 302


def test_many_failures_from_one_address_lock_that_address(client, cast, monkeypatch):
    monkeypatch.setattr(auth_backend, "BATAS_GAGAL_ALAMAT", 3)
    for i in range(3):
        _masuk(client, f"tidak-ada-{i}", "x", ip="10.9.9.9")

    assert TERKUNCI in _masuk(client, "staf", ip="10.9.9.9").content.decode()
    assert not _signed_in(client)
    assert _masuk(client, "staf", ip="10.9.9.10").status_code == 302


def test_successful_sign_in_forgets_earlier_failures(client, cast):
    for _ in range(auth_backend.BATAS_GAGAL_AKUN - 1):
        _masuk(client, "staf", "salah")
    assert _masuk(client, "staf").status_code == 302
    client.logout()
    _masuk(client, "staf", "salah")
    assert _masuk(client, "staf").status_code == 302


def test_lock_also_holds_for_other_sign_in_paths(cast):
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="10.0.0.2")
    for _ in range(auth_backend.BATAS_GAGAL_AKUN):
        assert authenticate(request, username="staf", password="salah") is None

    assert authenticate(request, username="staf", password=PASSWORD) is None


def test_password_reset_requests_are_limited_per_address(client, cast, mailoutbox):
    cast.staf.user.email = "dewi@example.go.id"
    cast.staf.user.save()
    limit = 10
    for i in range(limit):
        response = client.post(LUPA, {"email": f"orang{i}@example.go.id"}, REMOTE_ADDR="10.0.0.3")
        assert response.status_code == 302

    response = client.post(LUPA, {"email": "dewi@example.go.id"}, REMOTE_ADDR="10.0.0.3")

    assert response.status_code == 200
    assert "Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam 15 menit." in response.content.decode()
    assert mailoutbox == []


def test_reset_mails_to_one_address_are_capped_without_saying_so(client, cast, mailoutbox):
    cast.staf.user.email = "dewi@example.go.id"
    cast.staf.user.save()
    for i in range(5):
        response = client.post(LUPA, {"email": "Dewi@example.go.id"}, REMOTE_ADDR=f"10.0.1.{i}")
        assert response["Location"] == reverse("akun:lupa_kata_sandi_terkirim")

    assert len(mailoutbox) == 3
