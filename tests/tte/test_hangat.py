"""eoffice.hangat: a new web worker loads the TSA's key and WeasyPrint's fonts before its first request."""

import logging

import pytest
from django.db import DatabaseError

from eoffice import hangat
from surat import pdf
from tte import services, tsa
from tte.models import OtoritasTimestamp


@pytest.fixture(autouse=True)
def _cache_kosong():
    tsa._stamper.cache_clear()
    yield
    tsa._stamper.cache_clear()


def test_warming_loads_the_active_tsas_timestamper_so_the_first_signing_does_not(ca, settings):
    settings.TTE_TSA_URL = ""
    aktif = services.pastikan_tsa()
    tsa._stamper.cache_clear()

    tsa.hangatkan()

    assert tsa._stamper.cache_info().currsize == 1
    tsa.tsa_pemda(aktif)
    assert tsa._stamper.cache_info().hits == 1


def test_warming_never_creates_a_tsa_and_skips_an_external_one(cast, settings):
    settings.TTE_TSA_URL = ""
    tsa.hangatkan()
    assert not OtoritasTimestamp.objects.exists()

    services.buat_ca(actor=None)
    services.pastikan_tsa()
    tsa._stamper.cache_clear()
    settings.TTE_TSA_URL = "https://tsa.example.go.id/"
    tsa.hangatkan()
    assert tsa._stamper.cache_info().currsize == 0


def test_a_failure_while_warming_never_stops_the_worker(monkeypatch, caplog):
    def gagal():
        raise DatabaseError("database belum siap")

    ditutup = []
    monkeypatch.setattr(tsa, "hangatkan", gagal)
    monkeypatch.setattr(pdf, "hangatkan", lambda: None)
    monkeypatch.setattr(hangat.connections, "close_all", lambda: ditutup.append(True))

    with caplog.at_level(logging.WARNING, logger="eoffice.hangat"):
        hangat.hangatkan()

    assert "Pemanasan proses web dilewati" in caplog.text
    assert ditutup == [True]


def test_warming_lays_out_a_one_page_sample_letter_once(monkeypatch):
    """The sample goes through the real letter template (emblem, QR code, signature block) and fits one
    page; it is laid out once per process, so every render child forked afterwards starts warm."""
    html = pdf._contoh_html()
    assert 'alt="Kode QR verifikasi"' in html and 'alt="Lambang daerah"' in html
    assert pdf._tulis_pdf(html, 1).startswith(b"%PDF")  # TerlaluBanyakHalaman over one page

    ditata = []
    monkeypatch.setattr(pdf, "_tulis_pdf", lambda html, maks: ditata.append(maks) or b"%PDF")
    pdf._contoh_ditata.cache_clear()
    pdf.hangatkan()
    pdf.hangatkan()
    assert ditata == [2]


def test_a_sample_that_fails_only_leaves_the_children_cold(monkeypatch, caplog):
    def gagal(html, maks):
        raise OSError("fon tidak ada")

    monkeypatch.setattr(pdf, "_tulis_pdf", gagal)
    pdf._contoh_ditata.cache_clear()
    with caplog.at_level(logging.WARNING, logger="surat.pdf"):
        pdf.hangatkan()
    assert "pemanasan gagal ditata" in caplog.text
    pdf._contoh_ditata.cache_clear()
