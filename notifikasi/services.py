"""Every write of notifications: creating them (and, after commit, announcing them so tasks.deliver
queues email and webhook), marking them read, saving preferences. What each event of the other apps
produces is in triggers.py; the reminders of the beat task too.

Secret letters (Rahasia, Sangat Rahasia) are handled here, once for all channels: `notify` replaces the
title and message of any notice about such a letter with a sentence that carries no content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from audit.services import record
from notifikasi import selectors, signals
from notifikasi.models import EMAIL_BAWAAN, Event, Notifikasi, PreferensiNotifikasi
from organisasi.models import Pegawai
from outbox.services import send_on_commit

if TYPE_CHECKING:
    from surat.models import Surat

JUDUL_RAHASIA_SURAT = "Anda menerima surat rahasia"
JUDUL_RAHASIA_DISPOSISI = "Ada disposisi surat rahasia untuk Anda"


def _deliver_later(rows: Sequence[Notifikasi]) -> None:
    """After commit, queue the email of those who want one and the webhook (tasks.deliver)."""
    email_ids = [n.pk for n in rows if n.email_status == Notifikasi.EmailStatus.MENUNGGU]
    webhook_ids = [n.pk for n in rows] if settings.EOFFICE_WEBHOOK_URL else []
    if email_ids or webhook_ids:
        send_on_commit(signals.notifikasi_dibuat, sender=Notifikasi, email_ids=email_ids, webhook_ids=webhook_ids)


@transaction.atomic
def notify(
    *,
    event: str,
    penerima: Iterable[tuple[Pegawai, int | None]],
    judul: str,
    pesan: str,
    url: str,
    surat: Surat | None = None,
    disposisi_id: int | None = None,
    kunci: str | None = None,
    kecuali: Iterable[int | None] = (),
) -> list[Notifikasi]:
    """System: one notice per (pegawai, jabatan) pair, except the pegawai in `kecuali` (the actor).
    With `kunci` a pegawai gets it at most once ever ("<kunci>:pegawai:<id>"). Queues email for those
    who want it and the webhook. Returns the notices created now."""
    if surat is not None and surat.is_rahasia:
        judul, pesan = (JUDUL_RAHASIA_DISPOSISI if disposisi_id else JUDUL_RAHASIA_SURAT), ""
    skip = set(kecuali)
    pairs = [(p, j) for p, j in penerima if p.pk not in skip]
    mau_email = selectors.email_wanted((p.pk for p, _ in pairs), event)
    now = timezone.now()
    rows = [
        {
            "penerima": pegawai,
            "jabatan_id": jabatan_id,
            "event": event,
            "judul": judul[:255],
            "pesan": pesan,
            "url": url,
            "surat": surat,
            "disposisi_id": disposisi_id,
            "dibuat": now,
            "email_status": Notifikasi.EmailStatus.MENUNGGU
            if pegawai.email and pegawai.pk in mau_email
            else Notifikasi.EmailStatus.TIDAK_PERLU,
            "kunci_unik": f"{kunci}:pegawai:{pegawai.pk}" if kunci else None,
        }
        for pegawai, jabatan_id in pairs
    ]
    created = _create_new(rows) if kunci else Notifikasi.objects.bulk_create([Notifikasi(**r) for r in rows])
    _deliver_later(created)
    return created


def _create_new(rows: list[dict]) -> list[Notifikasi]:
    """The notices whose key no row has yet, in one INSERT (a key read first). Two runs of the same
    announcement at once: the INSERT that loses falls back to get_or_create per row, so each key still
    makes one row."""
    ada = set(
        Notifikasi.objects.filter(kunci_unik__in=[r["kunci_unik"] for r in rows])
        .order_by()
        .values_list("kunci_unik", flat=True)
    )
    rows = [r for r in rows if r["kunci_unik"] not in ada]
    if not rows:
        return []
    try:
        with transaction.atomic():
            return Notifikasi.objects.bulk_create([Notifikasi(**r) for r in rows])
    except IntegrityError:
        created = []
        for r in rows:
            row, is_new = Notifikasi.objects.get_or_create(kunci_unik=r["kunci_unik"], defaults=r)
            if is_new:
                created.append(row)
        return created


# ---------------------------------------------------------------- reading


def mark_read(*, actor: Pegawai, notifikasi: Notifikasi) -> bool:
    """The pegawai the notice belongs to opened it. True on the first read."""
    if notifikasi.penerima_id != actor.pk:
        raise PermissionDenied
    if notifikasi.dibaca_pada is not None:
        return False
    now = timezone.now()
    changed = Notifikasi.objects.filter(pk=notifikasi.pk, dibaca_pada__isnull=True).update(dibaca_pada=now)
    notifikasi.dibaca_pada = now
    return bool(changed)


def mark_all_read(*, actor: Pegawai) -> int:
    """The pegawai marks all of their unread notices read. Returns how many."""
    return Notifikasi.objects.untuk(actor).belum_dibaca().update(dibaca_pada=timezone.now())


def tandai_dibaca_untuk(pegawai: Pegawai | int, surat_id: int | None = None, disposisi_id: int | None = None) -> int:
    """The pegawai opened a letter or disposition page: their unread notices about it count as read.
    One UPDATE by the pegawai and the letter or disposition (notifikasi_surat_idx, _disposisi_idx), in SQL
    written here: it runs on every opening of a letter, and the ORM built and compiled it in ~1 ms of each
    (as the bell's count, notifikasi.selectors.jumlah_belum_dibaca)."""
    if surat_id is None and disposisi_id is None:
        return 0
    kolom, nilai = ("surat_id", surat_id) if surat_id is not None else ("disposisi_id", disposisi_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Notifikasi._meta.db_table} SET dibaca_pada = %s"
            f" WHERE penerima_id = %s AND dibaca_pada IS NULL AND {kolom} = %s",
            [connection.ops.adapt_datetimefield_value(timezone.now()), getattr(pegawai, "pk", pegawai), nilai],
        )
        return cursor.rowcount


# ---------------------------------------------------------------- preferences


@transaction.atomic
def save_preferensi(*, actor: Pegawai, email: dict[str, bool]) -> dict[str, bool]:
    """The pegawai chooses which events email them. Only choices that differ from the default are
    stored. Returns the resulting preferences."""
    lama = selectors.preferensi_email(actor)
    for event in Event.values:
        wanted = bool(email.get(event, lama[event]))
        if wanted == EMAIL_BAWAAN[event]:
            PreferensiNotifikasi.objects.filter(pegawai=actor, event=event).delete()
        else:
            PreferensiNotifikasi.objects.update_or_create(pegawai=actor, event=event, defaults={"email": wanted})
    baru = selectors.preferensi_email(actor)
    changed = {event: baru[event] for event in Event.values if baru[event] != lama[event]}
    if changed:
        record(actor=actor, aksi="notifikasi.preferensi", objek=actor, email=changed)
    return baru
