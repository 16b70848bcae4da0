"""The page benchmark's floor view and query-count header (eoffice/bench.py): there only with
EOFFICE_BENCH=1, and EOFFICE_BENCH only on a site that answers on this machine alone."""

import pytest

from eoffice.bench import HEADER_KUERI, HEADER_WAKTU
from tests.test_settings import load_settings, settings_with

LANTAI = "/_bench/lantai/"


@pytest.fixture
def bench_on(settings):
    settings.EOFFICE_BENCH = True
    settings.MIDDLEWARE = ["eoffice.bench.JumlahKueriMiddleware", *settings.MIDDLEWARE]


def test_floor_is_not_found_when_the_bench_is_off(cast, login):
    response = login(cast.staf).get(LANTAI)

    assert response.status_code == 404
    assert HEADER_KUERI not in response


def test_floor_answers_a_signed_in_user_with_one_query_of_its_own(cast, login, bench_on, django_assert_num_queries):
    client = login(cast.staf)
    client.get(LANTAI)  # the session row exists now; what follows is a steady request
    # Session, user and the floor's one query: no session save within a minute of the last
    # (eoffice.middleware.SesiGeserMiddleware).
    with django_assert_num_queries(3):
        response = client.get(LANTAI)

    assert response.status_code == 200
    assert response.content.decode() == f"lantai {cast.staf.nama}"
    assert response[HEADER_KUERI] == "3"
    assert float(response[HEADER_WAKTU]) > 0


def test_every_page_carries_its_query_count_when_the_bench_is_on(cast, login, bench_on):
    response = login(cast.kepala).get("/surat/masuk/")

    assert response.status_code == 200 and int(response[HEADER_KUERI]) >= 3


def test_floor_sends_a_visitor_to_sign_in(client, bench_on):
    response = client.get(LANTAI)

    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_bench_is_refused_on_a_site_that_answers_to_a_public_host():
    result = load_settings(EOFFICE_BENCH="1", ALLOWED_HOSTS="eoffice.surakarta.go.id")

    assert result.returncode != 0
    assert "EOFFICE_BENCH=1 hanya untuk pengukuran" in result.stderr


def test_bench_is_off_by_default():
    assert "EOFFICE_BENCH" not in settings_with() or settings_with().get("EOFFICE_BENCH") is False


def test_frame_is_the_page_frame_with_nothing_in_it(cast, login, bench_on, settings):
    """/_bench/bingkai/: what every page pays for its frame (menu, bell), for a signed-in pegawai only."""
    client = login(cast.staf)
    response = client.get("/_bench/bingkai/")
    html = response.content.decode()
    assert response.status_code == 200 and 'aria-label="Menu utama"' in html and "<h1>Bingkai</h1>" in html
    settings.EOFFICE_BENCH = False
    assert client.get("/_bench/bingkai/").status_code == 404
