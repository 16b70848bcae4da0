"""Archive timestamps of signed letters (PAdES B-LTA maintenance), run daily by Celery beat.

A signed letter stays provable only while its newest timestamp can be validated, i.e. until that
timestamp's certificate expires (DokumenSurat.cap_waktu_sampai). Before then, within the margin
TTE_ARSIP_MARGIN_HARI, `perpanjang` appends the revocation data of that timestamp and a new document
timestamp (tte.pades.perpanjang): an incremental update, so the signature and every earlier version of
the file stay valid. Letters signed before timestamps existed (cap_waktu_sampai empty) are upgraded the
same way to B-LTA on the first run.

The new bytes are computed without a lock (the TSA may be across the network); the row is then locked
only to check that nobody stored another version meanwhile and to save. The previous hash is kept
(RiwayatDokumenSurat) so copies downloaded earlier still verify, and every renewal is audited.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.services import record
from surat import integritas
from surat.dokumen import sha256
from surat.models_dokumen import DokumenSurat, RiwayatDokumenSurat, StatusPdf
from tte import ltv, pades

logger = logging.getLogger(__name__)

PER_JALAN = 200  # letters renewed per run; the rest wait for the next day


def perlu_diperpanjang(now: datetime.datetime | None = None) -> QuerySet[DokumenSurat]:
    """Stored TTE-signed letters whose newest timestamp expires within the margin (or that have none)."""
    batas = (now or timezone.now()) + datetime.timedelta(days=settings.TTE_ARSIP_MARGIN_HARI)
    return (
        DokumenSurat.objects.filter(ditandatangani_tte_pada__isnull=False, status=StatusPdf.SIAP)
        .exclude(berkas="")
        .filter(Q(cap_waktu_sampai__isnull=True) | Q(cap_waktu_sampai__lt=batas))
        .order_by("cap_waktu_sampai", "pk")
    )


def perpanjang(dokumen_id: int) -> bool:
    """System: append an archive timestamp to one letter's signed PDF. Returns whether it was renewed
    (False: not due any more, gone, or changed meanwhile). TSA or revocation failures propagate."""
    dokumen = perlu_diperpanjang().filter(pk=dokumen_id).first()
    if dokumen is None:
        return False
    with dokumen.berkas.open("rb") as fh:
        lama = fh.read()
    if sha256(lama) != dokumen.sha256:
        # Never timestamp (and so launder) swapped bytes: audited like a refused download.
        integritas.laporkan(objek=dokumen, nama=dokumen.berkas.name, tercatat=dokumen.sha256, ditemukan=sha256(lama))
        return False
    with transaction.atomic():
        baru = pades.perpanjang(lama, ltv.bukti())
        sampai = pades.cap_waktu_sampai(baru)
        terkunci = DokumenSurat.objects.select_for_update().get(pk=dokumen.pk)
        if terkunci.sha256 != dokumen.sha256:
            return False
        nama_lama = terkunci.berkas.name
        terkunci.berkas.save(f"{terkunci.surat_id}.pdf", ContentFile(baru), save=False)
        RiwayatDokumenSurat.objects.create(dokumen=terkunci, sha256=terkunci.sha256)
        terkunci.sha256, terkunci.cap_waktu_sampai = sha256(baru), sampai
        terkunci.save(update_fields=["berkas", "sha256", "cap_waktu_sampai", "diubah"])
        record(
            actor=None,
            aksi="surat.cap_waktu_arsip",
            objek=terkunci.surat,
            sha256_lama=dokumen.sha256,
            sha256=terkunci.sha256,
            cap_waktu_sampai=sampai,
        )
        storage = terkunci.berkas.storage
        transaction.on_commit(lambda: storage.delete(nama_lama))
    return True


def perpanjang_yang_jatuh_tempo() -> dict[str, int]:
    """System (Celery beat, daily): renew up to PER_JALAN due letters; one failure does not stop the rest."""
    hasil = {"diperpanjang": 0, "dilewati": 0, "gagal": 0}
    for pk in list(perlu_diperpanjang().values_list("pk", flat=True)[:PER_JALAN]):
        try:
            renewed = perpanjang(pk)
        except Exception:  # a TSA down, a broken file: logged, retried tomorrow
            logger.exception("Cap waktu arsip gagal untuk dokumen %s", pk)
            hasil["gagal"] += 1
            continue
        hasil["diperpanjang" if renewed else "dilewati"] += 1
    return hasil
