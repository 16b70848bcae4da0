"""Writing and checking the audit chain. Every service that changes state calls `record`.

Each row's hash is an HMAC-SHA256 under AUDIT_HMAC_KEY (an environment variable, never in the
database) over the previous row's hash and the row's content. Someone who can write to the database
but does not hold the key cannot recompute the chain after editing a row. Cutting rows off the end or
emptying the table is caught by the signed checkpoints in `audit.anchor`, kept outside the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from audit.models import AuditEvent, AuditHead

GENESIS = "0" * 64

# Events recorded inside `chained_at_end` wait here (per thread and task) until the block ends.
_tertunda: ContextVar[list[tuple[datetime, Any, str, models.Model | None, dict[str, Any]]] | None] = ContextVar(
    "audit_tertunda", default=None
)


def hmac_key() -> bytes:
    return settings.AUDIT_HMAC_KEY.encode()


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hmac.new(hmac_key(), (prev_hash + payload).encode(), hashlib.sha256).hexdigest()


def _fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "waktu": event.waktu.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "aksi": event.aksi,
        "objek_tipe": event.objek_tipe,
        "objek_id": event.objek_id,
        "data": event.data,
    }


def record(*, actor, aksi: str, objek: models.Model | None = None, **data: Any) -> AuditEvent | None:
    """Append one event to the chain, inside the caller's transaction (inside `chained_at_end`: kept
    aside and appended when that block ends; None is returned then)."""
    tertunda = _tertunda.get()
    if tertunda is not None:
        tertunda.append((timezone.now(), actor, aksi, objek, data))
        return None
    return _append(waktu=timezone.now(), actor=actor, aksi=aksi, objek=objek, data=data)


@contextmanager
def chained_at_end() -> Iterator[None]:
    """For a long transaction (signing renders, signs and may call BSrE for seconds): the events it
    records are chained in one short step when the block ends, still inside the transaction, so the
    single head row that orders every writer of the Pemda is locked for milliseconds, not for the whole
    signing. If the block raises, its events are dropped with the rolled-back transaction. Nested
    blocks join the outer one."""
    if _tertunda.get() is not None:
        yield
        return
    token = _tertunda.set([])
    try:
        yield
        tertunda = _tertunda.get() or []
    finally:
        _tertunda.reset(token)
    if tertunda:
        _append_all(tertunda)


def _append(*, waktu: datetime, actor, aksi: str, objek: models.Model | None, data: dict[str, Any]) -> AuditEvent:
    return _append_all([(waktu, actor, aksi, objek, data)])[0]


@transaction.atomic
def _append_all(items: list[tuple[datetime, Any, str, models.Model | None, dict[str, Any]]]) -> list[AuditEvent]:
    """Chain the events in order under one lock of the head row: one INSERT for all and one UPDATE of the
    head, however many there are."""
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS})
    events = []
    prev = head.last_hash
    for waktu, actor, aksi, objek, data in items:
        event = AuditEvent(
            waktu=waktu,
            actor=actor,
            actor_label=str(actor) if actor else "sistem",
            aksi=aksi,
            objek_tipe=objek._meta.label_lower if objek is not None else "",
            objek_id=str(objek.pk) if objek is not None else "",
            data=json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
            prev_hash=prev,
        )
        event.hash = prev = _digest(event.prev_hash, _fields(event))
        events.append(event)
    AuditEvent.objects.bulk_create(events)
    head.last_hash = prev
    head.save(update_fields=["last_hash"])
    return events


@dataclass
class Temuan:
    """The first broken link of the chain: the row (None when rows are missing at the end) and why."""

    event_id: int | None
    alasan: str

    def __str__(self) -> str:
        return f"catatan #{self.event_id}: {self.alasan}" if self.event_id else self.alasan


def periksa_rantai() -> tuple[Temuan | None, int, str]:
    """(first broken link or None, number of rows checked, hash of the last row)."""
    prev, jumlah, last_id = GENESIS, 0, None
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev:
            return Temuan(event.pk, "tautan ke catatan sebelumnya tidak cocok (ada catatan yang dihapus)"), jumlah, prev
        if not hmac.compare_digest(event.hash, _digest(prev, _fields(event))):
            return Temuan(event.pk, "isi catatan tidak cocok dengan segelnya (catatan diubah)"), jumlah, prev
        prev, jumlah, last_id = event.hash, jumlah + 1, event.pk
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return Temuan(None, f"catatan setelah #{last_id or 0} hilang (kepala rantai tidak cocok)"), jumlah, prev
    return None, jumlah, prev


def verify_chain() -> AuditEvent | None:
    """The first event whose hash or link does not match, or None when the chain is intact."""
    temuan, _, _ = periksa_rantai()
    if temuan is None:
        return None
    if temuan.event_id is None:
        head = AuditHead.objects.filter(pk=1).first()
        return AuditEvent(aksi="(baris terakhir hilang)", hash=head.last_hash if head else "")
    return AuditEvent.objects.get(pk=temuan.event_id)
