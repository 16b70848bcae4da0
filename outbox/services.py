"""Announcing after commit without losing the announcement (the outbox pattern).

`send_on_commit(signal, sender, **ids)` writes a Kiriman row inside the caller's transaction and sends
the signal (send_robust) once it commits. The send runs in a transaction of its own that also marks
the row sent, so what the receivers write (notices, job rows) and the mark commit together: a process
that dies halfway leaves the row unsent and nothing half-done, and `sapu` (beat, every minute) sends it
again. Receivers take ids and are written to be run once per row.

Arguments must be JSON (ids, lists of ids, small numbers). Signals are found by their module and name
in the installed apps' signals.py.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import logging
from typing import Any

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from outbox.models import Kiriman

logger = logging.getLogger(__name__)

UMUR_SAPU = datetime.timedelta(minutes=1)  # younger rows are still being sent by their own commit
SIMPAN_TERKIRIM = datetime.timedelta(days=7)


@functools.cache
def _daftar() -> dict[str, Signal]:
    """ "app.signals:nama" -> Signal, for every installed app with a signals.py."""
    found: dict[str, Signal] = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.signals")
        except ModuleNotFoundError:
            continue
        for nama, nilai in vars(module).items():
            if isinstance(nilai, Signal):
                found[f"{module.__name__}:{nama}"] = nilai
    return found


def _nama(signal: Signal) -> str:
    for nama, nilai in _daftar().items():
        if nilai is signal:
            return nama
    raise ValueError("Sinyal ini tidak ada di signals.py aplikasi mana pun; outbox tidak dapat menyimpannya.")


def send_on_commit(signal: Signal, sender: Any, **kwargs: Any) -> Kiriman:
    """Any service: announce `signal` with `kwargs` (ids) once the transaction commits (now, outside
    one); the announcement is stored with the transaction and re-sent by beat if it never went out."""
    return send_each_on_commit(signal, sender, [kwargs])[0]


def send_each_on_commit(signal: Signal, sender: Any, argumen: list[dict[str, Any]]) -> list[Kiriman]:
    """`send_on_commit` for several announcements of one signal (one per disposition made, say): their
    rows in one INSERT; each is sent on its own after commit, as `send_on_commit` sends it."""
    label = sender._meta.label if hasattr(sender, "_meta") else ""
    nama = _nama(signal)
    rows = Kiriman.objects.bulk_create([Kiriman(sinyal=nama, pengirim=label, argumen=a) for a in argumen])
    for kiriman in rows:
        transaction.on_commit(functools.partial(kirim, kiriman.pk))
    return rows


def kirim(kiriman_id: int) -> bool:
    """System: send one stored announcement unless already sent (or being sent); True when sent now."""
    try:
        with transaction.atomic():
            kiriman = (
                Kiriman.objects.select_for_update(skip_locked=True)
                .filter(pk=kiriman_id, terkirim_pada__isnull=True)
                .first()
            )
            if kiriman is None:
                return False
            sender = apps.get_model(kiriman.pengirim) if kiriman.pengirim else None
            hasil = _daftar()[kiriman.sinyal].send_robust(sender=sender, **kiriman.argumen)
            # A receiver whose writes failed: undo the others' too and leave the row for the sweep (on
            # PostgreSQL the broken transaction would refuse the mark anyway; SQLite would not).
            for _, jawaban in hasil:
                if isinstance(jawaban, DatabaseError):
                    raise jawaban
            Kiriman.objects.filter(pk=kiriman.pk).update(terkirim_pada=timezone.now(), percobaan=F("percobaan") + 1)
        return True
    except DatabaseError:
        logger.exception("kiriman %s gagal dikirim; beat akan mencoba lagi", kiriman_id)
        Kiriman.objects.filter(pk=kiriman_id).update(percobaan=F("percobaan") + 1)
        return False


def sapu(batas: int = 500) -> dict[str, int]:
    """System (beat, every minute): send what was stored but never sent; forget rows sent long ago."""
    now = timezone.now()
    ids = list(
        Kiriman.objects.filter(terkirim_pada__isnull=True, dibuat__lt=now - UMUR_SAPU)
        .order_by("id")
        .values_list("id", flat=True)[:batas]
    )
    terkirim = sum(kirim(pk) for pk in ids)
    dihapus, _ = Kiriman.objects.filter(terkirim_pada__lt=now - SIMPAN_TERKIRIM).delete()
    return {"tertunda": len(ids), "terkirim": terkirim, "dihapus": dihapus}
