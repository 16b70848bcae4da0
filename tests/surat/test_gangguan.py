"""Nothing lost when Redis or a worker dies (issue 13, item 6), with a real Redis of the test's own (port
6392, started and stopped here; the shared Redis is never touched) and a real Celery worker on it:

- Redis stopped during sign-in, signing, verification and disposing: every page works, and the notices
  made meanwhile are e-mailed by the worker once Redis is back and beat's sweep runs.
- A worker killed in the middle of OCR: the attachment stays "diproses" until beat's sweep sees it stuck
  and queues it again; a new worker finishes it.

PostgreSQL only (the worker opens the test database). Slow: marked celery_worker and postgres.
"""

from __future__ import annotations

import datetime
import io
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from arsip import ocr
from arsip import tasks as arsip_tasks
from arsip.models import TeksLampiran
from disposisi import services as disposisi_services
from eoffice.celery import app as celery_app
from lib import antre, cache_tahan
from notifikasi import tasks as notifikasi_tasks
from notifikasi.models import Event, Notifikasi
from outbox.models import Kiriman
from surat import services
from surat.models import Surat
from tests.arsip.conftest import png_bytes
from tests.celery_worker import RunningWorker, _reset_connections, _stop, database_url_for, start_worker
from tests.conftest import PASSWORD
from tests.surat.pdfutil import PASSPHRASE

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres]

PORT = 6392
URL = f"redis://127.0.0.1:{PORT}/0"


def tunggu(kondisi, detik: float = 60):
    akhir = time.monotonic() + detik
    while not (hasil := kondisi()):
        if time.monotonic() > akhir:
            return hasil
        time.sleep(0.3)
    return hasil


class RedisSendiri:
    """A throw-away redis-server on PORT, no persistence."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.proses: subprocess.Popen | None = None

    def jalan(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=0.2):
                return True
        except OSError:
            return False

    def mulai(self) -> None:
        with self.log.open("ab") as log:
            self.proses = subprocess.Popen(
                ["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        assert tunggu(self.jalan, 10), self.log.read_text()

    def berhenti(self) -> None:
        if self.proses is not None and self.proses.poll() is None:
            self.proses.terminate()
            self.proses.wait(10)
        assert tunggu(lambda: not self.jalan(), 10)


@dataclass
class Dunia:
    redis: RedisSendiri
    worker: RunningWorker
    antrean: str
    tmp: Path

    def worker_baru(self) -> RunningWorker:
        self.worker = start_worker(
            url=URL,
            queue=self.antrean,
            database_url=self.worker.database_url,
            log_path=self.tmp / f"worker-{uuid.uuid4().hex[:6]}.log",
            email_dir=self.worker.email_dir,
        )
        return self.worker

    def bunuh_worker(self) -> None:
        """SIGKILL to the worker's whole process group (it was started in a session of its own)."""
        os.killpg(self.worker.process.pid, signal.SIGKILL)
        self.worker.process.wait(10)


@pytest.fixture
def dunia(transactional_db, tmp_path, monkeypatch, settings) -> Dunia:
    if connection.vendor != "postgresql":
        pytest.skip("Uji gangguan butuh PostgreSQL: worker membuka basis data uji.")
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server tidak terpasang.")
    redis = RedisSendiri(tmp_path / "redis.log")
    if redis.jalan():
        pytest.skip(f"Port {PORT} sudah dipakai proses lain.")
    redis.mulai()
    # The test process talks to this Redis like a web process would: cache and broker.
    settings.CACHES = {
        "default": {
            "BACKEND": "lib.cache_tahan.RedisTahanGangguan",
            "LOCATION": URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    monkeypatch.setattr(cache_tahan, "JEDA_DETIK", 0.5)
    monkeypatch.setattr(antre, "JEDA_DETIK", 0.5)
    antrean = f"eoffice-gangguan-{uuid.uuid4().hex[:8]}"
    keys = ("task_always_eager", "broker_url", "result_backend", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(task_always_eager=False, broker_url=URL, result_backend=URL, task_default_queue=antrean)
    _reset_connections(celery_app)
    email_dir = tmp_path / "email"
    email_dir.mkdir()
    worker = start_worker(
        url=URL,
        queue=antrean,
        database_url=database_url_for(settings.DATABASES["default"]),
        log_path=tmp_path / "worker.log",
        email_dir=email_dir,
    )
    dunia = Dunia(redis=redis, worker=worker, antrean=antrean, tmp=tmp_path)
    try:
        yield dunia
    finally:
        _stop(dunia.worker.process)
        celery_app.conf.update(saved)
        _reset_connections(celery_app)
        if redis.proses is not None and redis.proses.poll() is None:
            redis.proses.terminate()
            redis.proses.wait(10)


def _penerima_email(path: Path) -> str:
    return message_from_bytes(path.read_bytes().split(b"\n" + b"-" * 79)[0], policy=policy.default)["To"]


def test_redis_down_during_sign_in_signing_verification_and_disposing_loses_nothing(
    dunia, cast, siap_ttd, sertifikat_kepala, media
):
    for p in (cast.kepala_lain, cast.staf_lain):
        p.email = f"{p.user.username}@contoh.go.id"
        p.save(update_fields=["email"])
    surat = siap_ttd()
    dunia.redis.berhenti()

    web = Client()
    masuk = web.post(reverse("akun:masuk"), {"username": "kepala", "password": PASSWORD})
    assert masuk.status_code == 302, masuk.content.decode()[:500]

    ttd = web.post(reverse("surat:tandatangani", args=[surat.pk]), {"passphrase": PASSPHRASE})
    assert ttd.status_code == 302
    surat.refresh_from_db()
    assert surat.status == Surat.Status.TERKIRIM and surat.dokumen.is_tte

    halaman = web.get(f"/verifikasi/{surat.dokumen.token_verifikasi}/")
    assert halaman.status_code == 200 and surat.nomor in halaman.content.decode()

    tamu = Client()
    assert tamu.post(reverse("akun:masuk"), {"username": "kepala_lain", "password": PASSWORD}).status_code == 302
    disposisi_services.disposisi_create(
        actor=cast.kepala_lain,
        surat=surat,
        dari_jabatan=cast.kepala_lain.jabatan,
        kepada=[cast.staf_lain.jabatan],
        catatan="Segera tindak lanjuti.",
    )
    tertunda = Notifikasi.objects.filter(
        email_status=Notifikasi.EmailStatus.MENUNGGU,
        event__in=[Event.SURAT_MASUK, Event.DISPOSISI_MASUK],
        penerima__in=[cast.kepala_lain, cast.staf_lain],
    )
    assert tertunda.count() == 2  # written with their actions although no broker took the emails
    assert not Kiriman.objects.filter(terkirim_pada__isnull=True).exists()  # every announcement went out
    assert not list(dunia.worker.email_dir.iterdir())

    dunia.redis.mulai()
    time.sleep(1)  # past antre.JEDA_DETIK: the process tries the broker again
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=15), tick=True):
        assert notifikasi_tasks.kirim_ulang_tertunda_task() >= 2  # what beat runs every 5 minutes
    assert tunggu(lambda: not tertunda.exists(), 90), dunia.worker.log()[-3000:]
    penerima = {_penerima_email(p) for p in tunggu(lambda: list(dunia.worker.email_dir.iterdir()))}
    assert {"kepala_lain@contoh.go.id", "staf_lain@contoh.go.id"} <= penerima


def _pindaian(halaman: int) -> bytes:
    from PIL import Image

    gambar = [Image.open(io.BytesIO(png_bytes(f"HALAMAN {i} LAPORAN", size=(1600, 2200)))) for i in range(halaman)]
    buf = io.BytesIO()
    gambar[0].save(buf, "PDF", save_all=True, append_images=gambar[1:], resolution=200)
    return buf.getvalue()


@pytest.mark.skipif(not ocr.ocr_tersedia(), reason="tesseract/ocrmypdf tidak terpasang")
def test_worker_killed_mid_ocr_is_detected_and_rerun_by_the_sweep(dunia, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    surat = services.register_paper_letter(
        actor=cast.pencatat,
        opd=cast.opd,
        jenis=None,
        asal_instansi="Kementerian Dalam Negeri",
        nomor_asal="B-1/2026",
        tanggal_asal=None,
        tanggal_terima=timezone.localdate(),
        hal="Laporan pindaian",
        tujuan=cast.kepala.jabatan,
        scans=[SimpleUploadedFile("pindaian.pdf", _pindaian(4), "application/pdf")],
    )
    teks = TeksLampiran.objects.filter(lampiran__surat=surat)
    assert tunggu(lambda: teks.filter(status=TeksLampiran.Status.DIPROSES).exists(), 60), dunia.worker.log()[-3000:]
    dunia.bunuh_worker()
    time.sleep(1)
    assert teks.get().status == TeksLampiran.Status.DIPROSES  # stuck: nobody is reading it any more

    dunia.worker_baru()
    assert arsip_tasks.sapu_ocr_macet_task() == 0  # too soon: it might still be being read
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20), tick=True):
        assert arsip_tasks.sapu_ocr_macet_task() >= 1  # what beat runs every 5 minutes
    selesai = tunggu(lambda: teks.filter(status=TeksLampiran.Status.SELESAI).first(), 240)
    assert selesai, f"{teks.get().status}: {dunia.worker.log()[-3000:]}"
    assert "HALAMAN" in selesai.teks.upper()


def test_settings_name_an_explicit_visibility_timeout():
    opsi = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert opsi["visibility_timeout"] > 2000  # longer than the longest task (perpanjang_cap_waktu)
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
