"""Reads: who acts in a jabatan (the people a notice goes to), a pegawai's notices and preferences."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Case, Exists, OuterRef, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from notifikasi.models import EMAIL_BAWAAN, Event, Notifikasi, PreferensiNotifikasi
from organisasi.models import Pegawai, Penugasan
from surat.models import Surat


def pegawai_per_jabatan(jabatan_ids: Iterable[int | None], on: datetime.date | None = None) -> dict[int, list[Pegawai]]:
    """Jabatan id -> everyone acting in it on `on` (default today): the definitive holder first, then
    any Plt/Plh. Inactive accounts are left out. Two queries however many jabatan."""
    ids = {j for j in jabatan_ids if j}
    result: dict[int, list[Pegawai]] = {j: [] for j in ids}
    if not ids:
        return result
    for pegawai in Pegawai.objects.filter(jabatan_id__in=ids, user__is_active=True):
        result[pegawai.jabatan_id].append(pegawai)
    tugas = Penugasan.objects.berlaku_pada(on or timezone.localdate()).filter(
        jabatan_id__in=ids, pegawai__user__is_active=True
    )
    for t in tugas.select_related("pegawai").order_by("mulai", "pk"):
        if all(p.pk != t.pegawai_id for p in result[t.jabatan_id]):
            result[t.jabatan_id].append(t.pegawai)
    return result


def pegawai_acting_in(jabatan_ids: Iterable[int | None], on: datetime.date | None = None) -> list[tuple[Pegawai, int]]:
    """Everyone who acts in one of `jabatan_ids` on `on` (default today), with the jabatan they act in
    for it: (pegawai, jabatan_id). Each pegawai once; the first jabatan given wins."""
    ids = list(dict.fromkeys(j for j in jabatan_ids if j))
    per_jabatan = pegawai_per_jabatan(ids, on)
    found: dict[int, tuple[Pegawai, int]] = {}
    for jabatan_id in ids:
        for pegawai in per_jabatan[jabatan_id]:
            found.setdefault(pegawai.pk, (pegawai, jabatan_id))
    return list(found.values())


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


def jumlah_belum_dibaca(user_id: int) -> int:
    """Unread notices of the pegawai of a user (the bell). One query."""
    return Notifikasi.objects.filter(penerima__user_id=user_id, dibaca_pada__isnull=True).count()


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
