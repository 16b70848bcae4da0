"""Attachments: checked uploads added to a draft (or scans to a registered paper letter) and removed
from a draft; files are deleted after commit."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from organisasi import acting
from organisasi.models import Pegawai
from outbox.services import send_on_commit
from surat import signals
from surat.files import delete_stored, validate_upload
from surat.models import Lampiran, Surat
from surat.services.base import A, S, _audit, _lock, _log, _require_drafter, _require_konsep


def _lampiran_create(actor: Pegawai, surat: Surat, berkas: UploadedFile) -> Lampiran:
    info = validate_upload(berkas)
    lampiran = Lampiran(surat=surat, diunggah_oleh=actor, **info.metadata(berkas))
    # Stored before commit; if the transaction rolls back the file stays orphaned on disk (harmless,
    # never linked to a row, and never served).
    lampiran.berkas.save(berkas.name or "berkas", berkas, save=False)
    lampiran.save()
    _log(surat, actor, A.LAMPIRAN_DITAMBAH, catatan=lampiran.nama_asli)
    return lampiran


@transaction.atomic
def lampiran_add(*, actor: Pegawai, surat: Surat, berkas: UploadedFile) -> Lampiran:
    """The drafter of a KONSEP, or the pencatat of a registered paper letter: attach a checked file.
    For a registered letter, signals.lampiran_ditambah is sent after commit."""
    _lock(surat)
    if surat.status == S.TERCATAT:
        if surat.opd_id not in acting.fresh(actor).pencatat_opd_ids:
            raise PermissionDenied("Hanya pencatat OPD ini yang boleh menambah pindaian.")
    else:
        _require_drafter(actor, surat)
        _require_konsep(surat)
    lampiran = _lampiran_create(actor, surat, berkas)
    _audit(actor, "lampiran_ditambah", surat, lampiran=lampiran.pk, nama=lampiran.nama_asli, sha256=lampiran.sha256)
    if surat.is_final:
        # A draft's files are read when it is signed ("ditandatangani"); a scan added to a registered
        # letter would otherwise wait for the daily job.
        send_on_commit(signals.lampiran_ditambah, Surat, surat_id=surat.pk, lampiran_id=lampiran.pk)
    return lampiran


@transaction.atomic
def lampiran_remove(*, actor: Pegawai, lampiran: Lampiran) -> None:
    """The drafter of a KONSEP: remove an attachment (the file is deleted after commit)."""
    surat = _lock(lampiran.surat)
    _require_drafter(actor, surat)
    _require_konsep(surat)
    name, nama = lampiran.berkas.name, lampiran.nama_asli
    lampiran.delete()
    _log(surat, actor, A.LAMPIRAN_DIHAPUS, catatan=nama)
    _audit(actor, "lampiran_dihapus", surat, nama=nama)
    transaction.on_commit(partial(delete_stored, [name]))
