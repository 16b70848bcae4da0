"""Writes of the guides and the training mode."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from audit.services import record
from organisasi.models import Pegawai
from panduan.models import PanduanStatus
from panduan.selectors import AKSI_RESET

# The tour flag is a display preference like the text size, so it writes no audit event.


def tur_selesai(*, actor: Pegawai) -> PanduanStatus:
    """The pegawai finished or skipped the tour: do not show it again."""
    status, _ = PanduanStatus.objects.update_or_create(pegawai=actor, defaults={"tur_selesai_pada": timezone.now()})
    return status


def tur_ulang(*, actor: Pegawai) -> PanduanStatus:
    """Show the tour again on the pegawai's next visit to the Beranda."""
    status, _ = PanduanStatus.objects.update_or_create(pegawai=actor, defaults={"tur_selesai_pada": None})
    return status


# What a training reset deletes, children before parents (several foreign keys are PROTECT).
# Reference data (jenis surat, klasifikasi, instruksi disposisi, TTE certificates) and the structure stay.
DATA_LATIHAN: tuple[str, ...] = (
    "arsip.BeritaAcara",
    "arsip.ItemBerkas",
    "arsip.Berkas",
    "arsip.SuratIndeks",
    "arsip.TeksLampiran",
    "notifikasi.Notifikasi",
    "disposisi.LampiranLaporan",
    "disposisi.LaporanTindakLanjut",
    "disposisi.Disposisi",
    "surat.Cetakan",
    "surat.Surat",
    "surat.Penomoran",
)


@transaction.atomic
def reset_latihan() -> dict[str, int]:
    """Training instance only: delete every letter, disposition, notification and archive file record,
    then record a `latihan.reset` audit event so the exercise checklists start empty. The audit chain
    itself is kept (deleting from it would break it). Returns the number of rows deleted per model."""
    if not settings.MODE_LATIHAN:
        raise ImproperlyConfigured("Reset hanya boleh di instans latihan (MODE_LATIHAN=1).")
    files = _stored_files()
    deleted: dict[str, int] = {}
    for label in DATA_LATIHAN:
        try:
            model = apps.get_model(label)
        except LookupError:  # an app not installed in this deployment
            continue
        count, _ = model.objects.all().delete()
        deleted[label] = count
    record(actor=None, aksi=AKSI_RESET, **{k: v for k, v in deleted.items() if v})
    gone = [name for model, pk_names in files.items() for name in _names_of_deleted(model, pk_names)]
    transaction.on_commit(lambda: _delete_files(gone))
    return deleted


def _stored_files() -> dict[type[models.Model], dict[object, list[str]]]:
    """Uploaded files of the training data apps, per model and row, read before the rows go."""
    found: dict[type[models.Model], dict[object, list[str]]] = {}
    app_labels = {label.split(".")[0] for label in DATA_LATIHAN}
    for model in apps.get_models():
        if model._meta.app_label not in app_labels:
            continue
        fields = [f.name for f in model._meta.fields if isinstance(f, models.FileField)]
        if not fields:
            continue
        rows = model.objects.values_list("pk", *fields)
        found[model] = {row[0]: [name for name in row[1:] if name] for row in rows}
    return found


def _names_of_deleted(model: type[models.Model], pk_names: dict[object, list[str]]) -> list[str]:
    kept = set(model.objects.filter(pk__in=list(pk_names)).values_list("pk", flat=True))
    return [name for pk, names in pk_names.items() if pk not in kept for name in names]


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # already gone or not ours to delete: the rows are what matters
            pass
