"""Celery tasks of the archives. Thin: they take ids and call arsip.ocr / arsip.indeks /
arsip.notifikasi, which are idempotent."""

from __future__ import annotations

from celery import shared_task

from arsip import indeks, jatuh_tempo, ocr
from lib.antre import antrekan
from surat.models import Lampiran

OCR_OPTIONS = {
    "acks_late": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
    "soft_time_limit": 540,
    "time_limit": 600,
}


@shared_task(**OCR_OPTIONS)
def baca_lampiran_task(lampiran_id: int) -> str:
    """System: read the text of one attachment (OCR for scans), then refresh the letter's index.
    Returns the resulting status."""
    teks = ocr.baca_lampiran(lampiran_id)
    if teks is None:
        return ""
    indeks.update_surat(teks.lampiran.surat_id)
    return teks.status


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=100, time_limit=120
)
def indeks_surat_task(surat_id: int) -> None:
    """System: rebuild the search index row of one letter."""
    indeks.update_surat(surat_id)


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def retensi_harian_task() -> dict:
    """System (Celery beat, daily): tell the Unit Kearsipan what falls due, and catch up on letters and
    attachments a lost hook left unindexed or unread."""
    hasil = jatuh_tempo.beritahu()
    ids = indeks.belum_diindeks()
    indeks.rebuild(ids)
    tertunda = ocr_tertunda()
    for pk in tertunda:
        antrekan(baca_lampiran_task, pk)
    return {**hasil, "diindeks": len(ids), "dibaca": len(tertunda)}


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def sapu_ocr_macet_task() -> int:
    """System (beat, every 5 minutes): attachments whose reading a dead worker left "diproses", and final
    letters' attachments never read (the broker was down): queue them again. Returns how many."""
    ids = ocr.macet() + ocr_tertunda(limit=200)
    for pk in dict.fromkeys(ids):
        antrekan(baca_lampiran_task, pk)
    return len(ids)


def ocr_tertunda(limit: int = 500) -> list[int]:
    """Attachments of final letters whose text was never read (or whose read was interrupted)."""
    from arsip.models import TeksLampiran
    from surat.models import Surat

    return list(
        Lampiran.objects.filter(surat__status__in=(Surat.Status.TERKIRIM, Surat.Status.TERCATAT))
        .exclude(berkas="")
        .exclude(teks__status__in=[s for s in TeksLampiran.Status.values if s != TeksLampiran.Status.MENUNGGU])
        .order_by("-id")
        .values_list("pk", flat=True)[:limit]
    )


# ---------------------------------------------------------------- receivers (surat/signals.py, ArsipConfig.ready)


def on_surat_berubah(*, surat_id: int, **signal: object) -> None:
    """A draft moved (submitted, initialled, returned): refresh its index row."""
    antrekan(indeks_surat_task, surat_id)


def on_surat_final(*, surat_id: int, **signal: object) -> None:
    """A letter was signed or registered, or a scan added to a registered one: read its attachments'
    text (each task refreshes the index when done), then refresh the index for the letter itself. The
    waiting rows exist at once, so the letter page says "Teks sedang dibaca" until the worker is done."""
    from arsip.models import TeksLampiran

    pks = list(Lampiran.objects.filter(surat_id=surat_id).exclude(berkas="").values_list("pk", flat=True))
    TeksLampiran.objects.bulk_create([TeksLampiran(lampiran_id=pk) for pk in pks], ignore_conflicts=True)
    for pk in pks:
        antrekan(baca_lampiran_task, pk)
    antrekan(indeks_surat_task, surat_id)


def on_akses_berubah(*, surat_id: int, **signal: object) -> None:
    """A disposition gave or took access to a letter: copy its access keys into the index row now (one
    UPDATE; the search must not keep showing a letter whose access was taken away)."""
    indeks.perbarui_akses(surat_id)
