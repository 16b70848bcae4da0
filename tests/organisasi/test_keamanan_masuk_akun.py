"""The sign-in lockout counts per account, whatever spelling reaches it (NIP, case, Unicode
look-alikes), and every failed sign-in is audited without the typed password."""

import pytest

from audit.models import AuditEvent
from organisasi import auth_backend, services
from tests.conftest import PASSWORD
from tests.organisasi.test_keamanan_masuk import TERKUNCI, _masuk, _signed_in

pytestmark = pytest.mark.django_db

NIP = "198609262015051001"


@pytest.fixture
def staf(cast):
    services.pegawai_update(actor=None, pegawai=cast.staf, nip=NIP)
    return cast.staf


def test_other_spellings_of_one_account_share_its_lock(client, staf):
    ejaan = ["staf", "STAF", NIP, "19860926 201505 1 001", "ｓｔａｆ", "ſtaf"]
    for i in range(auth_backend.BATAS_GAGAL_AKUN):
        _masuk(client, ejaan[i % len(ejaan)], "tebakan-salah", ip=f"10.1.0.{i}")

    for nama in ejaan:
        response = _masuk(client, nama, ip="10.2.0.1")
        assert TERKUNCI in response.content.decode(), nama
    assert not _signed_in(client)


def test_look_alike_spelling_signs_in_to_the_same_account(client, staf):
    assert _masuk(client, "ｓｔａｆ").status_code == 302
    assert client.session["_auth_user_id"] == str(staf.user_id)


def test_failed_sign_ins_are_audited_without_the_password(client, staf):
    _masuk(client, NIP, "kata-sandi-keliru-77", ip="10.3.0.1")
    _masuk(client, "tidak-ada-orangnya", "kata-sandi-keliru-88", ip="10.3.0.2")

    known, unknown = AuditEvent.objects.filter(aksi="akun.masuk_gagal").order_by("id")
    assert known.objek_id == str(staf.user_id)
    assert known.data == {"username": "staf", "alamat": "10.3.0.1"}
    assert unknown.data == {"akun_dikenal": False, "alamat": "10.3.0.2"}
    semua = str(list(AuditEvent.objects.values_list("data", flat=True)))
    assert "keliru" not in semua and "tidak-ada-orangnya" not in semua


def test_the_lock_itself_is_audited(client, staf):
    for _ in range(auth_backend.BATAS_GAGAL_AKUN):
        _masuk(client, "staf", "salah")
    assert AuditEvent.objects.filter(aksi="akun.masuk_dikunci", objek_id=str(staf.user_id)).count() == 1
    assert _masuk(client, "staf", PASSWORD).status_code == 200
