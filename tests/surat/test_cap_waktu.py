"""Archive timestamps: the daily task renews a signed letter's document timestamp before its
certificate expires (and upgrades letters signed without one), audited; copies downloaded earlier still
verify; pyHanko's long-term validator still passes."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from audit.models import AuditEvent
from surat import cap_waktu, signing, verifikasi
from surat.models_dokumen import DokumenSurat, RiwayatDokumenSurat
from surat.tasks import perpanjang_cap_waktu_task
from tests.surat.pdfutil import PASSPHRASE
from tests.tte.test_ltv import ades_lta
from tte import selectors as tte_selectors


def _stamps(dokumen: DokumenSurat) -> int:
    with dokumen.berkas.open("rb") as fh:
        return len(PdfFileReader(fh, strict=False).embedded_timestamp_signatures)


def _bytes(dokumen: DokumenSurat) -> bytes:
    with dokumen.berkas.open("rb") as fh:
        return fh.read()


def test_a_fresh_letter_is_not_due(ditandatangani):
    dokumen = ditandatangani().dokumen
    assert dokumen.cap_waktu_sampai > timezone.now() + datetime.timedelta(days=365 * 9)
    assert not cap_waktu.perlu_diperpanjang().exists()
    assert perpanjang_cap_waktu_task.delay().get() == {"diperpanjang": 0, "dilewati": 0, "gagal": 0}


def test_within_the_margin_the_task_renews_it_and_everything_still_verifies(ditandatangani, settings):
    settings.TTE_ARSIP_MARGIN_HARI = 180
    dokumen = ditandatangani().dokumen
    lama, lama_sha = _bytes(dokumen), dokumen.sha256
    due = dokumen.cap_waktu_sampai - datetime.timedelta(days=179)

    with time_machine.travel(due, tick=False):
        assert perpanjang_cap_waktu_task.delay().get() == {"diperpanjang": 1, "dilewati": 0, "gagal": 0}
        dokumen.refresh_from_db()
        assert _stamps(dokumen) == 2
        assert dokumen.sha256 != lama_sha
        assert dokumen.cap_waktu_sampai > due + datetime.timedelta(days=365)  # a new TSA certificate
        assert _bytes(dokumen).startswith(lama)  # an incremental update: the signed bytes are untouched
        assert RiwayatDokumenSurat.objects.filter(dokumen=dokumen, sha256=lama_sha).exists()
        event = AuditEvent.objects.get(aksi="surat.cap_waktu_arsip")
        assert event.data["sha256_lama"] == lama_sha and event.data["sha256"] == dokumen.sha256
        # A copy downloaded before the renewal is still recognised as this letter and genuine.
        assert verifikasi.check_upload(lama, None).asli
        assert verifikasi.check_upload(lama, dokumen).asli
        assert verifikasi.check_upload(_bytes(dokumen), dokumen).asli
        result = ades_lta(_bytes(dokumen), tte_selectors.ca_aktif())
        assert result.api_status.bottom_line, result.api_status.summary()
        # Renewed once: the next day's run finds nothing due.
        assert perpanjang_cap_waktu_task.delay().get()["diperpanjang"] == 0


def test_a_letter_signed_without_timestamps_is_upgraded_to_b_lta(ditandatangani, monkeypatch):
    monkeypatch.setattr("tte.backends.lokal.ltv.bukti", lambda: None)
    dokumen = ditandatangani().dokumen
    monkeypatch.undo()
    assert dokumen.cap_waktu_sampai is None
    assert verifikasi.tte_surat(dokumen.surat).level == "B-B"

    assert cap_waktu.perpanjang(dokumen.pk)

    dokumen.refresh_from_db()
    assert dokumen.cap_waktu_sampai is not None and _stamps(dokumen) == 1
    reader = PdfFileReader(dokumen.berkas.open("rb"), strict=False)
    assert reader.root["/DSS"]["/CRLs"]


def test_a_tampered_file_is_left_alone(ditandatangani, monkeypatch):
    dokumen = ditandatangani().dokumen
    DokumenSurat.objects.filter(pk=dokumen.pk).update(cap_waktu_sampai=None, sha256="0" * 64)
    assert cap_waktu.perpanjang(dokumen.pk) is False
    assert not AuditEvent.objects.filter(aksi="surat.cap_waktu_arsip").exists()


def test_a_failing_tsa_is_counted_and_retried_next_time(ditandatangani, monkeypatch):
    dokumen = ditandatangani().dokumen
    DokumenSurat.objects.filter(pk=dokumen.pk).update(cap_waktu_sampai=None)

    def down():
        raise OSError("TSA tidak dapat dihubungi")

    monkeypatch.setattr("surat.cap_waktu.ltv.bukti", down)
    assert cap_waktu.perpanjang_yang_jatuh_tempo() == {"diperpanjang": 0, "dilewati": 0, "gagal": 1}
    assert cap_waktu.perlu_diperpanjang().filter(pk=dokumen.pk).exists()


@pytest.mark.celery_worker
def test_the_beat_task_runs_on_a_real_worker(
    celery_worker_url, celery_worker_process, cast, siap_ttd, sertifikat_kepala
):
    # Not the `ditandatangani` fixture: its private MEDIA_ROOT is not the worker's.
    surat = siap_ttd()
    signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)
    dokumen = DokumenSurat.objects.get(surat=surat)
    DokumenSurat.objects.filter(pk=dokumen.pk).update(cap_waktu_sampai=None)

    result = perpanjang_cap_waktu_task.delay().get(timeout=120)

    assert result == {"diperpanjang": 1, "dilewati": 0, "gagal": 0}, celery_worker_process.log()[-3000:]
    dokumen.refresh_from_db()
    assert dokumen.cap_waktu_sampai is not None and _stamps(dokumen) == 2
