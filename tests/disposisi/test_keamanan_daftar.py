"""A cancelled disposition of a RAHASIA letter takes the letter away from its recipient: the list of
cancelled dispositions no longer shows (nor searches) the letter's hal."""

import pytest

from disposisi import selectors, services
from surat.models import Surat

pytestmark = pytest.mark.django_db

HAL = "Insiden keamanan jaringan Balai Kota"


@pytest.fixture
def dibatalkan(cast, surat_masuk, dispose):
    surat = surat_masuk(hal=HAL, keamanan=Surat.Keamanan.RAHASIA)
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    services.disposisi_cancel(actor=cast.kepala, disposisi=d)
    return d


def test_cancelled_rahasia_disposition_hides_hal_in_the_list(cast, dibatalkan, login):
    html = login(cast.kabid).get("/disposisi/?status=dibatalkan").content.decode()

    assert HAL not in html
    assert "(Surat rahasia; Anda tidak lagi dapat membukanya)" in html
    assert f'href="/disposisi/{dibatalkan.pk}/"' not in html


def test_search_does_not_match_hal_of_a_letter_the_user_can_no_longer_read(cast, dibatalkan):
    assert list(selectors.disposisi_masuk(cast.kabid, status="dibatalkan")) == [dibatalkan]
    assert list(selectors.disposisi_masuk(cast.kabid, status="dibatalkan", q="Insiden")) == []


def test_giver_still_sees_the_hal_of_the_cancelled_disposition(cast, dibatalkan, login):
    assert HAL in login(cast.kepala).get("/disposisi/keluar/").content.decode()
    assert list(selectors.disposisi_keluar(cast.kepala, q="Insiden")) == [dibatalkan]


def test_active_disposition_still_shows_and_finds_its_hal(cast, surat_masuk, dispose, login):
    surat = surat_masuk(hal=HAL, keamanan=Surat.Keamanan.RAHASIA)
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan])

    assert HAL in login(cast.kabid).get("/disposisi/").content.decode()
    assert list(selectors.disposisi_masuk(cast.kabid, q="Insiden")) == [d]
