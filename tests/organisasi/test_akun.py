"""Account pages: sign in by NIP or username, sign out, password change and reset, profile, idle expiry."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Penugasan
from tests.conftest import PASSWORD
from tests.factories import JabatanFactory, PenugasanFactory

pytestmark = pytest.mark.django_db

MASUK = "/akun/masuk/"


def _masuk(client, username, password=PASSWORD):
    return client.post(MASUK, {"username": username, "password": password})


def test_login_page_asks_for_nip_or_username_in_indonesian(client):
    response = client.get(MASUK)
    html = response.content.decode()
    assert "NIP atau nama pengguna" in html
    assert "Kata sandi" in html
    assert reverse("akun:lupa_kata_sandi") in html


@pytest.mark.parametrize("spaced", [True, False], ids=["nip-dengan-spasi", "nip-tanpa-spasi"])
def test_staf_signs_in_with_nip(client, cast, spaced):
    nip = cast.staf.nip_tampil if spaced else cast.staf.nip
    assert (" " in nip) is spaced
    response = _masuk(client, nip)
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")
    assert "Selamat datang, Dewi Lestari" in client.get(reverse("beranda")).content.decode()


def test_staf_signs_in_with_username(client, cast):
    response = _masuk(client, "staf")
    assert response.status_code == 302
    assert client.get(reverse("beranda")).status_code == 200


def test_wrong_password_shows_clear_message_and_stays_signed_out(client, cast):
    response = _masuk(client, cast.staf.nip, "salah-sekali")
    assert response.status_code == 200
    assert "NIP/nama pengguna atau kata sandi salah" in response.content.decode()
    assert client.get(reverse("beranda")).status_code == 302


def test_signed_in_user_visiting_login_goes_to_beranda(login, cast):
    client = login(cast.staf)
    assert client.get(MASUK)["Location"] == reverse("beranda")


def test_logout_needs_post_and_ends_session(login, cast):
    client = login(cast.staf)
    assert client.get("/akun/keluar/").status_code == 405
    response = client.post("/akun/keluar/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("akun:masuk")
    assert "Anda sudah keluar" in response.content.decode()
    assert client.get(reverse("beranda")).status_code == 302


def test_password_change_takes_effect_and_keeps_user_signed_in(login, cast, client):
    login(cast.staf)
    response = client.post(
        "/akun/kata-sandi/",
        {"old_password": PASSWORD, "new_password1": "Surakarta-2026-baru", "new_password2": "Surakarta-2026-baru"},
        follow=True,
    )
    assert "Kata sandi Anda sudah diganti" in response.content.decode()
    assert response.wsgi_request.user.is_authenticated
    cast.staf.user.refresh_from_db()
    assert cast.staf.user.check_password("Surakarta-2026-baru")


def test_password_change_with_wrong_old_password_says_so(login, cast):
    client = login(cast.staf)
    response = client.post(
        "/akun/kata-sandi/",
        {"old_password": "bukan-ini", "new_password1": "Surakarta-2026-baru", "new_password2": "Surakarta-2026-baru"},
    )
    assert "Kata sandi lama salah" in response.content.decode()


def test_password_reset_sends_indonesian_email_with_working_link(client, cast, mailoutbox):
    user = cast.staf.user
    user.email = "dewi@surakarta.go.id"
    user.save()
    response = client.post("/akun/lupa-kata-sandi/", {"email": "dewi@surakarta.go.id"}, follow=True)
    assert "Periksa email Anda" in response.content.decode()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Atur ulang kata sandi eoffice"
    assert mail.to == ["dewi@surakarta.go.id"]
    assert "Yth. Dewi Lestari" in mail.body
    assert "membuat kata sandi baru" in mail.body

    link = re.search(r"https?://[^\s]+/akun/atur-ulang/[^\s]+/", mail.body).group(0)
    form_page = client.get(urlsplit(link).path, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Surakarta-2026-baru", "new_password2": "Surakarta-2026-baru"},
        follow=True,
    )
    assert "Kata sandi baru tersimpan" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Surakarta-2026-baru")


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client, cast, mailoutbox):
    response = client.post("/akun/lupa-kata-sandi/", {"email": "tidak-ada@contoh.go.id"}, follow=True)
    assert "Periksa email Anda" in response.content.decode()
    assert mailoutbox == []


def test_profile_shows_nip_with_spaces_masked_nik_and_todays_plt(login, cast):
    staf = cast.staf
    staf.nik = "3372012345678901"
    staf.pangkat = "III/a"
    staf.save()
    today = timezone.localdate()
    kosong = JabatanFactory(nama="Kepala Seksi Persandian", unit=cast.bidang)
    PenugasanFactory(
        pegawai=staf, jabatan=kosong, jenis=Penugasan.Jenis.PLT, mulai=today, selesai=today + datetime.timedelta(30)
    )
    html = login(staf).get("/akun/profil/").content.decode()
    assert staf.nip_tampil in html and " " in staf.nip_tampil
    assert "•••• •••• •••• 8901" in html
    assert "3372012345678901" not in html
    assert "Penata Muda (III/a)" in html
    assert "Pranata Komputer Ahli Pertama" in html
    assert "Plt." in html and "Kepala Seksi Persandian" in html


def test_profile_lists_roles(login, cast):
    html = login(cast.pencatat).get("/akun/profil/").content.decode()
    assert "Pencatat surat (TU)" in html


def test_saving_own_email_and_phone_updates_pegawai_and_login_email(login, cast):
    client = login(cast.staf)
    response = client.post("/akun/profil/", {"email": "dewi@surakarta.go.id", "telepon": "0812 3456 7890"}, follow=True)
    assert "sudah disimpan" in response.content.decode()
    cast.staf.refresh_from_db()
    assert cast.staf.email == "dewi@surakarta.go.id"
    assert cast.staf.telepon == "0812 3456 7890"
    assert get_user_model().objects.get(pk=cast.staf.user_id).email == "dewi@surakarta.go.id"


def test_invalid_email_is_shown_next_to_field_and_not_saved(login, cast):
    client = login(cast.staf)
    response = client.post("/akun/profil/", {"email": "bukan-email", "telepon": "abc"})
    html = response.content.decode()
    assert "Ada isian yang perlu diperbaiki" in html
    assert "Nomor telepon hanya boleh berisi angka" in html
    cast.staf.refresh_from_db()
    assert cast.staf.email == ""


def test_user_without_pegawai_gets_friendly_page_not_a_crash(client, db):
    admin = get_user_model().objects.create_superuser("superadmin", "su@contoh.go.id", PASSWORD)
    client.force_login(admin)
    beranda = client.get(reverse("beranda"))
    assert beranda.status_code == 200
    assert "belum terhubung dengan data pegawai" in beranda.content.decode()
    profil = client.get("/akun/profil/")
    assert "belum terhubung dengan data pegawai" in profil.content.decode()
    assert client.get("/akun/kata-sandi/").status_code == 200


def test_session_expires_after_idle_time_and_activity_extends_it(client, cast):
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _masuk(client, "staf").status_code == 302
    # Activity just before the limit renews the clock.
    with time_machine.travel(start + idle - datetime.timedelta(minutes=1), tick=False):
        assert client.get(reverse("beranda")).status_code == 200
    with time_machine.travel(start + 2 * idle - datetime.timedelta(minutes=2), tick=False):
        assert client.get(reverse("beranda")).status_code == 200
    # Then nothing for longer than the idle time: back to the login page.
    with time_machine.travel(start + 3 * idle, tick=False):
        response = client.get(reverse("beranda"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("akun:masuk"))


def test_session_is_saved_at_most_once_a_minute_yet_activity_still_extends_it(client, cast):
    """SesiGeserMiddleware: no session write on a page seen within a minute of the last save; later, one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _masuk(client, "staf").status_code == 302

    def session_writes(at):
        with time_machine.travel(at, tick=False), CaptureQueriesContext(connection) as q:
            assert client.get(reverse("beranda")).status_code == 200
        return [x["sql"] for x in q.captured_queries if "django_session" in x["sql"] and "SELECT" not in x["sql"]]

    session_writes(start + datetime.timedelta(seconds=10))  # the first page notes the 2FA check (5 minutes)
    assert session_writes(start + datetime.timedelta(seconds=30)) == []
    assert len(session_writes(start + datetime.timedelta(seconds=61))) == 1
    assert session_writes(start + datetime.timedelta(seconds=90)) == []
    # The save at 61 s moved the expiry: still signed in a whole idle time after the sign-in.
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(start + idle + datetime.timedelta(seconds=30), tick=False):
        assert client.get(reverse("beranda")).status_code == 200


def _audit(aksi):
    from audit.models import AuditEvent

    return list(AuditEvent.objects.filter(aksi=aksi).values_list("actor_id", "objek_id", "data"))


def test_password_change_is_audited_without_the_password(login, cast, client):
    login(cast.staf)
    client.post(
        "/akun/kata-sandi/",
        {"old_password": PASSWORD, "new_password1": "Surakarta-2026-baru", "new_password2": "Surakarta-2026-baru"},
    )
    [(actor, objek, data)] = _audit("akun.kata_sandi_diganti")
    assert actor == cast.staf.pk and objek == str(cast.staf.user_id)
    assert "Surakarta-2026-baru" not in str(data)


def test_password_reset_request_and_new_password_are_audited(client, cast, mailoutbox):
    user = cast.staf.user
    user.email = "dewi@surakarta.go.id"
    user.save()
    client.post("/akun/lupa-kata-sandi/", {"email": "tidak-ada@contoh.go.id"})
    assert _audit("akun.atur_ulang_diminta") == []  # an unknown address leaves no trace
    client.post("/akun/lupa-kata-sandi/", {"email": "dewi@surakarta.go.id"})
    assert _audit("akun.atur_ulang_diminta") == [(None, str(user.pk), {"username": user.username})]

    link = re.search(r"https?://[^\s]+/akun/atur-ulang/[^\s]+/", mailoutbox[0].body).group(0)
    form_page = client.get(urlsplit(link).path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Surakarta-2026-baru", "new_password2": "Surakarta-2026-baru"},
    )
    assert [(a, o) for a, o, _ in _audit("akun.kata_sandi_diatur_ulang")] == [(cast.staf.pk, str(user.pk))]
