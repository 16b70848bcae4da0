"""Kelola Struktur: an admin OPD cannot hang its posts under another OPD's chain, and a refused action on
a confirmation page is explained instead of a bare error page."""

import pytest
from django.core.exceptions import ValidationError

from organisasi import services
from organisasi.models import Jabatan, Peran
from tests.factories import PeranFactory

pytestmark = pytest.mark.django_db


def test_admin_opd_cannot_give_a_post_an_atasan_in_another_opd(cast):
    with pytest.raises(ValidationError) as exc:
        services.jabatan_update(actor=cast.admin_opd, jabatan=cast.kabid.jabatan, atasan=cast.kepala_lain.jabatan)
    assert "Admin Pemda" in exc.value.message_dict["atasan"][0]

    with pytest.raises(ValidationError):
        services.jabatan_create(
            actor=cast.admin_opd, nama="Kepala Seksi Baru", unit=cast.bidang, atasan=cast.kepala_lain.jabatan
        )
    assert not Jabatan.objects.filter(nama="Kepala Seksi Baru").exists()


def test_admin_pemda_may_link_posts_across_opds(cast):
    jabatan = services.jabatan_update(
        actor=cast.admin_pemda, jabatan=cast.kepala.jabatan, atasan=cast.kepala_lain.jabatan
    )
    assert jabatan.atasan == cast.kepala_lain.jabatan
    # The admin OPD may still edit that post as long as it leaves the atasan alone.
    services.jabatan_update(actor=cast.admin_opd, jabatan=jabatan, nama="Kepala Dinas Kominfo")


def test_refused_revoke_shows_a_message_instead_of_an_error_page(cast, login):
    peran = PeranFactory(pegawai=cast.staf, jenis=Peran.Jenis.ARSIPARIS, opd=cast.opd)

    response = login(cast.admin_opd).post(f"/organisasi/kelola/peran/{peran.pk}/cabut/", follow=True)

    assert response.status_code == 200
    assert "Hanya Admin Pemda yang boleh melakukan ini." in response.content.decode()
    assert Peran.objects.filter(pk=peran.pk).exists()
