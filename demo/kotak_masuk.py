"""A believable inbox for the demo accounts: once the seed has committed (and its letters notified
their recipients), the notifications of the demo's own history are marked read: letters the
recipient's jabatan already opened, drafts no longer waiting for that jabatan, and the security notices
of roles handed out while building the city. What stays unread is what really waits for each account."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from notifikasi.models import Event, Notifikasi
from surat.models import Penerima


def rapikan() -> int:
    """System (after seed_demo): mark the history's notifications read; returns how many."""
    belum = Notifikasi.objects.filter(dibaca_pada__isnull=True)
    sudah_dibuka = Exists(
        Penerima.objects.filter(surat_id=OuterRef("surat_id"), jabatan_id=OuterRef("jabatan_id")).exclude(
            dibaca_pada=None
        )
    )
    riwayat = (
        Q(event__in=(Event.SURAT_MASUK, Event.TEMBUSAN_MASUK), surat__isnull=False) & Q(sudah_dibuka)
        | Q(event__in=(Event.PERLU_PARAF, Event.PERLU_TTD), surat__isnull=False) & ~Q(surat__giliran_id=F("jabatan_id"))
        | Q(event=Event.KEAMANAN)
    )
    return belum.filter(riwayat).update(dibaca_pada=timezone.now())
