"""Checkpoints of the audit chain's head, written where the database cannot reach them.

The keyed chain stops anyone without AUDIT_HMAC_KEY from rewriting rows, but not from cutting rows off
the end or emptying the table: what is left still verifies. So beat regularly appends the head (last
row id and hash) to `AUDIT_CHECKPOINT_DIR/checkpoint.jsonl`, each line signed with the same key. The
folder belongs on another disk or host (a mounted share, a log shipper) than the database. A check
then demands that every checkpointed row is still there with the same hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import GENESIS, Temuan, hmac_key, periksa_rantai

NAMA_BERKAS = "checkpoint.jsonl"
BATCH = 1000


def berkas() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR) / NAMA_BERKAS


def _tanda(isi: dict[str, Any]) -> str:
    teks = "audit-checkpoint|" + json.dumps(isi, sort_keys=True)
    return hmac.new(hmac_key(), teks.encode(), hashlib.sha256).hexdigest()


def tulis_checkpoint() -> dict[str, Any]:
    """Beat (and `verifikasi_audit --checkpoint`): append the current head, signed, and fsync it."""
    last = AuditEvent.objects.order_by("-id").values("id", "hash").first() or {"id": 0, "hash": GENESIS}
    isi = {"waktu": timezone.now().isoformat(), "event_id": last["id"], "hash": last["hash"]}
    baris = dict(isi, tanda=_tanda(isi))
    path = berkas()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(baris, sort_keys=True) + "\n")
        out.flush()
        os.fsync(out.fileno())
    return baris


def baca_checkpoint() -> tuple[list[dict[str, Any]], Temuan | None]:
    """The checkpoints in the file, and a finding when a line is not validly signed."""
    path = berkas()
    if not path.exists():
        return [], None
    hasil = []
    for nomor, teks in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not teks.strip():
            continue
        try:
            baris = json.loads(teks)
            isi = {k: baris[k] for k in ("waktu", "event_id", "hash")}
            sah = hmac.compare_digest(str(baris["tanda"]), _tanda(isi))
        except (ValueError, KeyError, TypeError):
            sah = False
        if not sah:
            return hasil, Temuan(None, f"baris {nomor} berkas checkpoint tidak sah (tanda tangan tidak cocok)")
        hasil.append(isi)
    return hasil, None


def periksa_checkpoint() -> Temuan | None:
    """Every checkpointed row must still exist with the hash it had then."""
    daftar, temuan = baca_checkpoint()
    if temuan is not None:
        return temuan
    harapan: dict[int, dict[str, Any]] = {}
    for cp in daftar:
        if cp["event_id"]:
            harapan[int(cp["event_id"])] = cp
    ids = sorted(harapan)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        ada = dict(AuditEvent.objects.filter(id__in=chunk).values_list("id", "hash"))
        for event_id in chunk:
            cp = harapan[event_id]
            if event_id not in ada:
                return Temuan(event_id, f"hilang; checkpoint {cp['waktu']} mencatatnya sebagai kepala rantai")
            if ada[event_id] != cp["hash"]:
                return Temuan(event_id, f"segelnya berbeda dari checkpoint {cp['waktu']}")
    return None


def periksa_semua() -> tuple[Temuan | None, int]:
    """The whole check: the keyed chain, then the checkpoints. (first finding or None, rows checked)."""
    temuan, jumlah, _ = periksa_rantai()
    return (temuan or periksa_checkpoint()), jumlah
