"""Reads: a pegawai's notices and preferences. Who acts in a jabatan (the people a notice goes to) is
organisasi.acting.pegawai_acting_in."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Case, Exists, OuterRef, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from notifikasi.models import EMAIL_BAWAAN, Event, Notifikasi, PreferensiNotifikasi
from organisasi.models import Pegawai
from surat.models import Surat


def notifikasi_list(pegawai: Pegawai) -> QuerySet[Notifikasi]:
    """The pegawai's own notices, newest first. Each row carries `surat_terbuka`: False when it is about
    a letter the pegawai can no longer open (a Plt/Plh ended, a mutation, a disposition cancelled), so
    the page prints a neutral title instead of the letter's hal. Same number of queries for any page."""
    visible = Surat.objects.visible_to(pegawai).filter(pk=OuterRef("surat_id"))
    return (
        Notifikasi.objects.untuk(pegawai)
        .annotate(
            surat_terbuka=Case(
                When(surat__isnull=True, then=Value(True)),
                When(Exists(visible), then=Value(True)),
                default=Value(False),
            )
        )
        .order_by("-id")
    )


BATAS_LONCENG = 99  # the bell prints "99+" above this


def jumlah_belum_dibaca(pegawai_id: int) -> int:
    """The pegawai's unread notices, counted up to BATAS_LONCENG + 1 (the bell in every page's top bar).
    One index read of at most 100 rows (notifikasi_kotak_idx), however many were never read, in SQL
    written here: the ORM compiled the same count in ~1 ms of every page."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {Notifikasi._meta.db_table}"
            " WHERE penerima_id = %s AND dibaca_pada IS NULL LIMIT %s) AS n",
            [pegawai_id, BATAS_LONCENG + 1],
        )
        return cursor.fetchone()[0]


def get_notifikasi_for(pegawai: Pegawai, pk: int) -> Notifikasi:
    """One of the pegawai's own notices; Http404 for anyone else's."""
    return get_object_or_404(Notifikasi.objects.untuk(pegawai), pk=pk)


def preferensi_email(pegawai: Pegawai) -> dict[str, bool]:
    """Event -> whether it emails this pegawai (their own choice, else the default)."""
    chosen = dict(PreferensiNotifikasi.objects.filter(pegawai=pegawai).values_list("event", "email"))
    return {event: chosen.get(event, EMAIL_BAWAAN[event]) for event in Event.values}


def email_wanted(pegawai_ids: Iterable[int], event: str) -> set[int]:
    """Of `pegawai_ids`, those who want `event` by email (preferences, else the default). One query."""
    ids = set(pegawai_ids)
    chosen = dict(
        PreferensiNotifikasi.objects.filter(pegawai_id__in=ids, event=event).values_list("pegawai_id", "email")
    )
    return {pk for pk in ids if chosen.get(pk, EMAIL_BAWAAN[event])}
