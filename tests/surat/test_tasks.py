"""Celery tasks that render PDFs: idempotent, never touch a TTE-signed PDF, and run on a real worker."""

import datetime

import pytest
from celery.result import EagerResult

from surat import dokumen, tasks
from surat.models import Cetakan, DokumenSurat
from tests.surat.pdfutil import pdf_text


def _files(root):
    return [p for p in root.rglob("*.pdf")]


def test_copy_task_run_twice_stores_one_file(terkirim, media):
    surat = terkirim()

    first = tasks.render_surat_pdf_task(surat.pk)
    second = tasks.render_surat_pdf_task(surat.pk)

    berkas = DokumenSurat.objects.get(surat=surat)
    assert first == second == berkas.sha256
    assert berkas.status == DokumenSurat.Status.SIAP and not berkas.is_tte
    assert len(_files(media)) == 1
    text = pdf_text(berkas.berkas.read())
    assert surat.nomor in text
    assert "Salinan elektronik surat yang terdaftar" in text
    assert "ditandatangani secara elektronik menggunakan" not in text


def test_copy_task_leaves_a_tte_signed_pdf_untouched(ditandatangani, media):
    surat = ditandatangani()
    before = surat.dokumen.berkas.read()

    tasks.render_surat_pdf_task(surat.pk)

    berkas = DokumenSurat.objects.get(surat=surat)
    assert berkas.berkas.read() == before
    assert len(_files(media)) == 1


def test_copy_task_ignores_drafts_and_missing_letters(konsep, media):
    surat = konsep()

    assert tasks.render_surat_pdf_task(surat.pk) == ""
    assert tasks.render_surat_pdf_task(999_999) == ""
    assert not DokumenSurat.objects.exists()


def test_failed_render_is_marked_gagal_and_retried_on_oserror(terkirim, media, monkeypatch):
    surat = terkirim()
    dokumen.request_salinan(surat=surat, enqueue=lambda pk: None)

    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(dokumen.pdf, "render_surat_pdf", broken)
    with pytest.raises(OSError):
        dokumen.render_salinan(surat.pk)
    assert DokumenSurat.objects.get(surat=surat).status == DokumenSurat.Status.GAGAL
    assert OSError in tasks.render_surat_pdf_task.autoretry_for
    assert tasks.render_surat_pdf_task.acks_late
    assert tasks.render_surat_pdf_task.time_limit == 120


def test_buku_agenda_job_run_twice_stores_one_file(cast, terkirim, media):
    surat = terkirim(hal="Masuk ke agenda")
    dari = surat.tanggal - datetime.timedelta(days=3)
    job = dokumen.cetakan_buku_agenda(
        actor=cast.pencatat, opd=cast.opd, dari=dari, sampai=surat.tanggal, enqueue=lambda pk: None
    )
    # The pencatat of Diskominfo sees its own OPD's agenda (empty here: the letter went to Dishub).

    assert tasks.render_cetakan_task(job.pk) == Cetakan.Status.SIAP
    assert tasks.render_cetakan_task(job.pk) == Cetakan.Status.SIAP
    job.refresh_from_db()
    assert len(_files(media)) == 1
    assert "Tidak ada surat masuk pada periode ini." in pdf_text(job.berkas.read())


@pytest.mark.celery_worker
def test_a_real_worker_renders_the_letter_pdf(celery_worker_url, terkirim):
    surat = terkirim(hal="Dirender oleh worker")

    result = tasks.render_surat_pdf_task.delay(surat.pk)

    assert not isinstance(result, EagerResult)
    sha = result.get(timeout=60)
    berkas = DokumenSurat.objects.get(surat=surat)
    try:
        assert berkas.status == DokumenSurat.Status.SIAP
        assert berkas.sha256 == sha
        assert "Dirender oleh worker" in pdf_text(berkas.berkas.read())
    finally:
        berkas.berkas.delete(save=False)
