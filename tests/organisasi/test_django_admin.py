"""The Django admin of the structure: pages load, and saves go through the services' rules."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from organisasi.models import Pegawai, Penugasan, Peran
from tests.factories import PenugasanFactory, UserFactory

MODELS = ["pemda", "unitkerja", "jabatan", "pegawai", "penugasan", "peran"]


@pytest.fixture
def superuser_client(cast, client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_pages_load_for_superuser(superuser_client, model):
    response = superuser_client.get(reverse(f"admin:organisasi_{model}_changelist"), {"q": "a"})
    assert response.status_code == 200
    if model != "pemda":  # one Pemda per installation, already there
        assert superuser_client.get(reverse(f"admin:organisasi_{model}_add")).status_code == 200


def test_change_pages_with_inlines_load(cast, superuser_client):
    for model, pk in [("unitkerja", cast.opd.pk), ("jabatan", cast.kepala.jabatan_id), ("pegawai", cast.kepala.pk)]:
        response = superuser_client.get(reverse(f"admin:organisasi_{model}_change", args=[pk]))
        assert response.status_code == 200


def test_staf_cannot_open_django_admin(cast, login):
    response = login(cast.staf).get(reverse("admin:organisasi_pegawai_changelist"))
    assert response.status_code == 302


def _hari(n: int) -> str:
    """The form value of the day n days from today."""
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def _penugasan_data(cast, **changes):
    data = {
        "jabatan": cast.kepala.jabatan_id,
        "pegawai": cast.kabid.pk,
        "jenis": "plh",
        "mulai": _hari(-50),
        "selesai": _hari(-19),
        "nomor_sk": "",
    }
    data.update(changes)
    return data


def test_admin_add_penugasan_goes_through_service(cast, superuser_client):
    response = superuser_client.post(reverse("admin:organisasi_penugasan_add"), _penugasan_data(cast))
    assert response.status_code == 302
    penugasan = Penugasan.objects.get()
    assert penugasan.pegawai == cast.kabid
    assert AuditEvent.objects.filter(aksi="penugasan.buat").count() == 1


def test_admin_rejects_too_long_plh_next_to_field(cast, superuser_client):
    response = superuser_client.post(
        reverse("admin:organisasi_penugasan_add"), _penugasan_data(cast, selesai=_hari(100))
    )
    assert response.status_code == 200
    assert "Plh. paling lama 3 bulan" in response.content.decode()
    assert not Penugasan.objects.exists()
    assert not AuditEvent.objects.exists()


def test_admin_rejects_overlap(cast, superuser_client):
    PenugasanFactory(
        pegawai=cast.pencatat,
        jabatan=cast.kepala.jabatan,
        jenis="plh",
        mulai=timezone.localdate() - datetime.timedelta(days=60),
        selesai=timezone.localdate() - datetime.timedelta(days=46),
    )
    response = superuser_client.post(reverse("admin:organisasi_penugasan_add"), _penugasan_data(cast))
    assert response.status_code == 200
    assert "tidak boleh bertumpuk" in response.content.decode()
    assert Penugasan.objects.count() == 1


def test_admin_delete_penugasan_is_audited(cast, superuser_client):
    p = PenugasanFactory(
        pegawai=cast.kabid,
        jabatan=cast.kepala.jabatan,
        jenis="plh",
        mulai=timezone.localdate() - datetime.timedelta(days=60),
        selesai=timezone.localdate() - datetime.timedelta(days=59),
    )
    response = superuser_client.post(reverse("admin:organisasi_penugasan_delete", args=[p.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Penugasan.objects.exists()
    assert AuditEvent.objects.filter(aksi="penugasan.hapus").exists()


def _pegawai_data(pegawai, **changes):
    data = {
        "user": pegawai.user_id,
        "nip": pegawai.nip,
        "nik": "",
        "gelar_depan": "",
        "nama": pegawai.nama,
        "gelar_belakang": "",
        "pangkat": "",
        "email": "",
        "telepon": "",
        "jabatan": pegawai.jabatan_id,
        "peran-TOTAL_FORMS": "0",
        "peran-INITIAL_FORMS": "0",
        "penugasan-TOTAL_FORMS": "0",
        "penugasan-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_admin_pegawai_nip_is_validated_and_normalised(cast, superuser_client):
    url = reverse("admin:organisasi_pegawai_change", args=[cast.staf.pk])
    response = superuser_client.post(url, _pegawai_data(cast.staf, nip="19861326 201505 2 001"))
    assert response.status_code == 200
    assert "bukan tanggal lahir yang sah" in response.content.decode()
    response = superuser_client.post(url, _pegawai_data(cast.staf, nip="19860926 201505 2 001"))
    assert response.status_code == 302
    assert Pegawai.objects.get(pk=cast.staf.pk).nip == "198609262015052001"
    assert AuditEvent.objects.filter(aksi="pegawai.ubah").exists()


def test_admin_grants_role_through_service(cast, superuser_client):
    response = superuser_client.post(
        reverse("admin:organisasi_peran_add"), {"pegawai": cast.staf.pk, "jenis": "arsiparis", "opd": cast.opd.pk}
    )
    assert response.status_code == 302
    assert Peran.objects.filter(pegawai=cast.staf, jenis="arsiparis").exists()
    assert AuditEvent.objects.filter(aksi="peran.beri").exists()
