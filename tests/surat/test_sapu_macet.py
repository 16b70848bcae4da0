"""Stuck jobs are detected and run again by beat's sweeps (issue 13, item 6): a PDF copy the broker never
took, or whose worker died, stays DIPROSES until the sweep queues it again."""

import datetime

import time_machine
from django.utils import timezone

from surat import dokumen, tasks
from surat.models_dokumen import DokumenSurat, StatusPdf


def test_pdf_copy_left_diproses_is_queued_again_by_the_sweep(terkirim, media):
    surat = terkirim()
    dokumen.request_salinan(surat=surat, enqueue=lambda pk: None)  # the broker did not take it
    assert tasks.sapu_macet_task() == {"salinan": 0, "cetakan": 0}  # too soon: a worker may be on it
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11), tick=True):
        assert tasks.sapu_macet_task() == {"salinan": 1, "cetakan": 0}  # eager here: rendered at once
    assert DokumenSurat.objects.get(surat=surat).status == StatusPdf.SIAP


def test_one_sweep_claims_a_stuck_job_once(terkirim, media):
    surat = terkirim()
    dokumen.request_salinan(surat=surat, enqueue=lambda pk: None)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11), tick=True):
        assert dokumen.macet() == ([surat.pk], [])
        assert dokumen.macet() == ([], [])  # its clock restarted: the next sweep leaves it to the worker
