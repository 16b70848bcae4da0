"""What every letter service shares: the table of allowed status moves and the one function that
moves a status (`surat_transition`), the row lock, access grants, the SuratLog and audit writers, the
permission checks on the drafter, and `_announce` (a signal of surat/signals.py after commit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.dispatch import Signal
from django.utils import timezone

from audit.services import record
from lib.errors import InvalidTransition
from organisasi import acting
from organisasi.models import Jabatan, Pegawai
from outbox.services import send_on_commit
from surat.models import AksesSurat, Penerima, Surat, SuratLog

S = Surat.Status
A = SuratLog.Aksi
MAKS_VERIFIKATOR = 3

ALLOWED: dict[str, set[str]] = {
    S.KONSEP: {S.PARAF, S.TTD},
    S.PARAF: {S.PARAF, S.TTD, S.KONSEP},
    S.TTD: {S.TERKIRIM, S.KONSEP},
}


# ---------------------------------------------------------------- helpers


def _announce(signal: Signal, surat: Surat) -> None:
    """Send one of surat/signals.py once the transaction commits."""
    send_on_commit(signal, Surat, surat_id=surat.pk)


def _log(surat: Surat, actor: Pegawai | None, aksi: str, **kw: Any) -> SuratLog:
    """A timeline row, saved now (arguments as `_log_row`)."""
    log = _log_row(surat, actor, aksi, **kw)
    log.save(force_insert=True)
    return log


def _log_row(
    surat: Surat,
    actor: Pegawai | None,
    aksi: str,
    *,
    jabatan: Jabatan | int | None = None,
    dari: str = "",
    ke: str = "",
    catatan: str = "",
    penerima: Penerima | None = None,
) -> SuratLog:
    """A timeline row not saved yet (several go in one bulk_create)."""
    jabatan_id = jabatan.pk if isinstance(jabatan, Jabatan) else jabatan
    return SuratLog(
        surat=surat,
        actor=actor,
        jabatan_id=jabatan_id,
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        catatan=catatan,
        penerima=penerima,
    )


def _audit(actor: Pegawai | None, aksi: str, surat: Surat, **data: Any) -> None:
    record(actor=actor, aksi=f"surat.{aksi}", objek=surat, **data)


def _lock(surat: Surat) -> Surat:
    """Re-read the letter under a row lock (PostgreSQL) so checks see the current status."""
    surat.refresh_from_db(from_queryset=Surat.objects.select_for_update())
    return surat


def _grant(surat: Surat, peran: str, *, jabatan_ids: Iterable[int] = (), opd_ids: Iterable[int] = ()) -> None:
    rows = [AksesSurat(surat=surat, jabatan_id=j, peran=peran) for j in set(jabatan_ids) if j]
    rows += [AksesSurat(surat=surat, opd_id=o, peran=peran) for o in set(opd_ids) if o]
    _grant_rows(rows)


def _grant_rows(rows: list[AksesSurat]) -> None:
    """Access rows in one INSERT; a grant that exists already stays as it is."""
    if rows:
        AksesSurat.objects.bulk_create(rows, ignore_conflicts=True)


def _sync_akses_alur(surat: Surat) -> None:
    """Access follows the current chain: a verifikator taken off the chain, or a signer replaced, loses the
    access their earlier turn gave them (AksesSurat VERIFIKATOR/PENANDATANGAN rows of other jabatan go)."""
    chain = surat.verifikator.values("jabatan_id")
    AksesSurat.objects.filter(surat=surat, peran=AksesSurat.Peran.VERIFIKATOR).exclude(jabatan_id__in=chain).delete()
    AksesSurat.objects.filter(surat=surat, peran=AksesSurat.Peran.PENANDATANGAN).exclude(
        jabatan_id=surat.penandatangan_id
    ).delete()


def _require_drafter(actor: Pegawai, surat: Surat) -> None:
    """The drafter is whoever acts in the konseptor's jabatan (positions own the work)."""
    if surat.sumber != Surat.Sumber.NASKAH or surat.jabatan_konseptor_id not in acting.fresh(actor).jabatan_ids:
        raise PermissionDenied("Hanya konseptor surat ini yang boleh melakukannya.")


def _require_konsep(surat: Surat) -> None:
    if surat.status != S.KONSEP:
        raise InvalidTransition("Surat ini sudah diajukan; konsep hanya dapat diubah setelah dikembalikan.")


def surat_transition(
    *,
    actor: Pegawai | None,
    surat: Surat,
    to: str,
    aksi: str,
    jabatan: Jabatan | int | None = None,
    catatan: str = "",
    guard: dict[str, Any] | None = None,
    updates: dict[str, Any] | None = None,
) -> SuratLog:
    """The one place a status moves: checks ALLOWED, moves with a conditional UPDATE (a double click or
    two officials at once cannot both win), writes the SuratLog row, updates the instance."""
    dari = surat.status
    if to not in ALLOWED.get(dari, ()):
        raise InvalidTransition(
            f"Surat berstatus “{Surat.Status(dari).label}” tidak dapat diubah menjadi “{Surat.Status(to).label}”."
        )
    values = {"status": to, "diubah": timezone.now(), **(updates or {})}
    try:
        changed = Surat.objects.filter(pk=surat.pk, status=dari, **(guard or {})).update(**values)
    except IntegrityError as exc:
        raise InvalidTransition("Nomor surat bentrok dengan surat lain. Silakan coba lagi.") from exc
    if not changed:
        raise InvalidTransition("Surat sudah diubah oleh pengguna lain. Muat ulang halaman.")
    for name, value in values.items():
        setattr(surat, name, value)
    return _log(surat, actor, aksi, jabatan=jabatan, dari=dari, ke=to, catatan=catatan)


def _require_catatan(catatan: str) -> str:
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": "Tuliskan catatan perbaikan untuk konseptor."})
    return catatan
