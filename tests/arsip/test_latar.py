"""Long work runs after the response (lib/background.py): in the demo (no broker) a thread of the web
process reads the scans, the pencatat's page answers at once and the letter page shows "Teks sedang
dibaca" until the text is read, polling its status."""

import threading
import time

import pytest
from celery import shared_task
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from arsip import ocr
from arsip.models import TeksLampiran
from lib import background
from tests.arsip.conftest import png_bytes
from tests.surat.test_views_kotak import catat_data

S = TeksLampiran.Status
_lepas = threading.Event()
_jejak: list[str] = []


@shared_task
def _tugas_lambat(nama: str) -> str:
    _lepas.wait(10)
    _jejak.append(nama)
    return nama


@pytest.fixture
def mode_thread(settings, monkeypatch):
    settings.BACKGROUND_TASKS = "thread"
    _lepas.clear()
    _jejak.clear()
    yield
    _lepas.set()
    assert background.drain(30)


def test_thread_mode_returns_before_the_work_is_done(mode_thread, monkeypatch):
    # The task touches no database, so the in-memory test database does not force the inline mode.
    monkeypatch.setattr(background, "_in_memory_database", lambda: False)
    mulai = time.monotonic()
    background.enqueue(_tugas_lambat, "a")
    background.enqueue(_tugas_lambat, "b")
    assert time.monotonic() - mulai < 1
    assert _jejak == []
    assert background.drain(0.2) is False
    _lepas.set()
    assert background.drain(10) is True
    assert _jejak == ["a", "b"]


def test_a_failing_task_does_not_stop_the_queue(mode_thread, monkeypatch):
    monkeypatch.setattr(background, "_in_memory_database", lambda: False)
    _lepas.set()
    background.enqueue(_tugas_lambat)  # missing argument: fails in the worker thread
    background.enqueue(_tugas_lambat, "sesudah")
    assert background.drain(10)
    assert _jejak == ["sesudah"]


def test_inline_mode_and_in_memory_sqlite_run_at_once(settings):
    settings.BACKGROUND_TASKS = "thread"
    if connection.vendor == "sqlite":
        assert background.mode() == "inline"
    settings.BACKGROUND_TASKS = "inline"
    _lepas.set()
    _jejak.clear()
    background.enqueue(_tugas_lambat, "sekarang")
    assert _jejak == ["sekarang"]


def test_badge_polls_while_waiting_and_swaps_when_read(client, cast, catat, monkeypatch):
    """The letter page's badge and its status URL; a stranger gets 404."""
    monkeypatch.setattr(background, "enqueue", lambda *a, **k: None)  # the worker has not started yet
    with TestCase.captureOnCommitCallbacks(execute=True):
        surat = catat(scans=[("pindaian.png", png_bytes("ABC"), "image/png")])
    lampiran = surat.lampiran.get()
    assert TeksLampiran.objects.get(lampiran=lampiran).status == S.MENUNGGU

    client.force_login(cast.kepala.user)
    url = reverse("surat:teks_lampiran", args=[lampiran.pk])
    page = client.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert f'data-teks-status="{url}"' in page and "Teks sedang dibaca" in page
    data = client.get(url).json()
    assert data["selesai"] is False and "Teks sedang dibaca" in data["html"]

    TeksLampiran.objects.filter(lampiran=lampiran).update(status=S.SELESAI, sumber="ocr")
    data = client.get(url).json()
    assert data["selesai"] is True and "Teks terbaca (OCR)" in data["html"] and "data-teks-status" not in data["html"]

    client.force_login(cast.kepala_lain.user)
    assert client.get(url).status_code == 404


@pytest.mark.skipif(not ocr.ocr_tersedia(), reason="tesseract-ocr-ind atau ocrmypdf tidak terpasang")
def test_registering_a_scan_answers_before_the_ocr_runs(transactional_db, client, cast, kka, settings, monkeypatch):
    """The pencatat's POST returns while OCR is held back; the text is read after the response."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the thread needs a database it can open itself (PostgreSQL in CI)")
    settings.BACKGROUND_TASKS = "thread"
    tahan = threading.Event()
    asli = ocr.baca_lampiran

    def baca_tertahan(pk):
        assert tahan.wait(30)
        return asli(pk)

    monkeypatch.setattr(ocr, "baca_lampiran", baca_tertahan)
    client.force_login(cast.pencatat.user)
    scan = SimpleUploadedFile("pindaian.png", png_bytes("TROTOAR BERLUBANG", size=(900, 200)), "image/png")
    response = client.post(reverse("surat:catat_masuk"), {**catat_data(cast), "scans": [scan]})
    assert response.status_code == 302, response.content.decode()[:2000]
    teks = TeksLampiran.objects.get()
    assert teks.status == S.MENUNGGU  # answered first; the reading waits for the worker
    tahan.set()
    assert background.drain(120)
    teks.refresh_from_db()
    assert teks.status == S.SELESAI and "TROTOAR" in teks.teks.upper()
