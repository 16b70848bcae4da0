"""Every change to dispositions: disposing (first level and further down), reading, cancelling, reporting,
and marking a letter as needing no disposition.

Each service takes keyword arguments with the acting pegawai first, checks permission (PermissionDenied),
validates (ValidationError keyed by form field, Indonesian), writes in one transaction, records an audit
event and a SuratLog row for the letter's timeline, and announces what happened through disposisi.signals
(sent after commit).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.services import record
from disposisi import reach, signals
from disposisi.models import Disposisi, InstruksiDisposisi, LampiranLaporan, LaporanTindakLanjut
from organisasi import acting
from organisasi.models import Jabatan, Pegawai
from outbox.services import send_each_on_commit, send_on_commit
from rekap import fakta  # layer: the Rekap's summary rows change in the same transaction as the letters
from surat import signals as surat_signals
from surat.files import validate_upload
from surat.models import AksesSurat, Penerima, Surat, SuratLog

S = Disposisi.Status

# SuratLog.aksi values for the letter's timeline.
LOG_DISPOSISI = SuratLog.Aksi.DIDISPOSISIKAN
LOG_DIBATALKAN = SuratLog.Aksi.DISPOSISI_BATAL
LOG_LAPORAN = SuratLog.Aksi.LAPORAN_DISPOSISI
LOG_TANPA = SuratLog.Aksi.TANPA_DISPOSISI

# ---------------------------------------------------------------- helpers


def _fail(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _log(surat: Surat, actor: Pegawai, aksi: str, jabatan: Jabatan, catatan: str = "") -> None:
    SuratLog.objects.create(surat=surat, actor=actor, jabatan=jabatan, aksi=aksi, catatan=catatan)


def _audit(actor: Pegawai, aksi: str, objek: Any, **data: Any) -> None:
    record(actor=actor, aksi=f"disposisi.{aksi}", objek=objek, **data)


def _refresh_induk(induk: Disposisi | None) -> None:
    """Keep a forwarded branch in step with its sub-branches: back to DIBACA when its last sub-branch was
    cancelled, SELESAI when every remaining one is finished (and so on upwards)."""
    now = timezone.now()
    while induk is not None:
        statuses = set(induk.anak.exclude(status=S.DIBATALKAN).values_list("status", flat=True))
        qs = Disposisi.objects.filter(pk=induk.pk, status=S.DITERUSKAN)
        if not statuses:
            qs.update(status=S.DIBACA)
            return
        if statuses != {S.SELESAI} or not qs.update(status=S.SELESAI, selesai_pada=now):
            return
        induk = induk.induk


def _validate_isi(
    *,
    instruksi: Sequence[InstruksiDisposisi],
    catatan: str,
    batas_waktu: datetime.date | None,
    prioritas: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not instruksi and not catatan.strip():
        errors["instruksi"] = ["Pilih sedikitnya satu instruksi atau tuliskan catatan."]
    if any(not i.aktif for i in instruksi):
        errors["instruksi"] = ["Instruksi yang dipilih sudah tidak dipakai. Muat ulang halaman."]
    if batas_waktu is not None and batas_waktu < timezone.localdate():
        errors["batas_waktu"] = ["Batas waktu tidak boleh sebelum hari ini."]
    if prioritas not in Disposisi.Prioritas.values:
        errors["prioritas"] = ["Pilih derajat kecepatan: Biasa, Segera, atau Amat Segera."]
    return errors


def _lock_induk(induk: Disposisi, surat: Surat, dari_jabatan: Jabatan) -> Disposisi:
    induk = Disposisi.objects.select_for_update(of=("self",)).select_related("induk").get(pk=induk.pk)
    if induk.surat_id != surat.pk or induk.kepada_jabatan_id != dari_jabatan.pk:
        raise PermissionDenied("Disposisi ini tidak ditujukan kepada jabatan Anda.")
    if induk.status not in Disposisi.AKTIF:
        raise _fail("induk", "Disposisi ini sudah selesai atau dibatalkan, tidak dapat diteruskan lagi.")
    return induk


# ---------------------------------------------------------------- services


@transaction.atomic
def disposisi_create(
    *,
    actor: Pegawai,
    surat: Surat,
    dari_jabatan: Jabatan,
    kepada: Iterable[Jabatan],
    instruksi: Iterable[InstruksiDisposisi] = (),
    catatan: str = "",
    batas_waktu: datetime.date | None = None,
    prioritas: str = Disposisi.Prioritas.BIASA,
    induk: Disposisi | None = None,
    token: str = "",
) -> list[Disposisi]:
    """Whoever acts in `dari_jabatan`, which received the letter as TUJUAN (induk None) or received `induk`:
    one disposition per recipient; gives them access to the letter; marks the parent DITERUSKAN or, at the
    first level, the letter as acted on. The branch it starts from (the addressee's receipt or `induk`) is
    locked first, so two submits at once run one after the other; a repeated `token` (the form's, submitted
    twice) returns the dispositions the first submit created."""
    kepada = list(dict.fromkeys(kepada))
    instruksi = list(dict.fromkeys(instruksi))
    catatan = (catatan or "").strip()
    if dari_jabatan.pk not in acting.fresh(actor).jabatan_ids:
        raise PermissionDenied("Anda tidak sedang menjabat sebagai pemberi disposisi ini.")
    if surat.status not in (Surat.Status.TERKIRIM, Surat.Status.TERCATAT):
        raise PermissionDenied("Surat ini belum diterima, belum dapat didisposisikan.")
    if induk is not None:
        induk = _lock_induk(induk, surat, dari_jabatan)
    elif (
        Penerima.objects.select_for_update()
        .filter(surat=surat, jabatan=dari_jabatan, jenis=Penerima.Jenis.TUJUAN, diterima_pada__isnull=False)
        .first()
        is None
    ):
        raise PermissionDenied("Surat ini tidak ditujukan kepada jabatan Anda.")
    if token:
        sudah = list(Disposisi.objects.filter(surat=surat, dari_jabatan=dari_jabatan, token_kirim=token).order_by("id"))
        if sudah:
            return sudah

    errors = _validate_isi(instruksi=instruksi, catatan=catatan, batas_waktu=batas_waktu, prioritas=prioritas)
    if not kepada:
        errors["kepada"] = ["Pilih sedikitnya satu penerima disposisi."]
    elif any(j.pk == dari_jabatan.pk for j in kepada):
        errors["kepada"] = ["Anda tidak dapat mendisposisikan surat kepada diri sendiri."]
    else:
        luar = reach.di_luar_jangkauan(dari_jabatan, kepada)
        if luar:
            nama = ", ".join(j.nama for j in luar)
            errors["kepada"] = [f"{nama} di luar jangkauan Anda. Disposisi hanya dapat diberikan kepada bawahan Anda."]
        else:
            ganda = (
                Disposisi.objects.aktif()
                .filter(surat=surat, dari_jabatan=dari_jabatan, kepada_jabatan__in=kepada)
                .select_related("kepada_jabatan")
            )
            if ganda:
                nama = ", ".join(sorted({d.kepada_jabatan.nama for d in ganda}))
                errors["kepada"] = [f"{nama} sudah menerima disposisi surat ini dari Anda dan belum selesai."]
    if errors:
        raise ValidationError(errors)

    perubahan = fakta.sebelum(surat.pk)
    now = timezone.now()
    # One INSERT per table however many recipients: the dispositions, their instructions, the access.
    baris = [
        Disposisi(
            surat=surat,
            induk=induk,
            dari_jabatan=dari_jabatan,
            dari_pegawai=actor,
            kepada_jabatan=jabatan,
            catatan=catatan,
            batas_waktu=batas_waktu,
            prioritas=prioritas,
            dibuat=now,
            token_kirim=token,
        )
        for jabatan in kepada
    ]
    try:
        created = Disposisi.objects.bulk_create(baris)
    except IntegrityError as exc:  # disposisi_aktif_unik: the locks above should make this unreachable
        nama = ", ".join(j.nama for j in kepada)
        raise _fail("kepada", f"{nama} sudah menerima disposisi surat ini dari Anda.") from exc
    Pilihan = Disposisi.instruksi.through
    Pilihan.objects.bulk_create([Pilihan(disposisi=d, instruksidisposisi=i) for d in created for i in instruksi])
    AksesSurat.objects.bulk_create(
        [AksesSurat(surat=surat, jabatan=j, peran=AksesSurat.Peran.DISPOSISI) for j in kepada], ignore_conflicts=True
    )

    if induk is not None:
        if induk.status != S.DITERUSKAN:
            Disposisi.objects.filter(pk=induk.pk).update(
                status=S.DITERUSKAN, dibaca_pada=induk.dibaca_pada or now, dibaca_oleh=induk.dibaca_oleh or actor
            )
    else:
        # Acted on now, and read now unless read before (who read it first stays): one UPDATE.
        Penerima.objects.filter(surat=surat, jabatan=dari_jabatan, jenis=Penerima.Jenis.TUJUAN).update(
            ditindaklanjuti_pada=Coalesce("ditindaklanjuti_pada", Value(now)),
            dibaca_oleh=Case(
                When(dibaca_pada__isnull=True, then=Value(actor.pk)),
                default=F("dibaca_oleh"),
                output_field=Penerima._meta.get_field("dibaca_oleh"),
            ),
            dibaca_pada=Coalesce("dibaca_pada", Value(now)),
        )

    perubahan.simpan()
    _log(surat, actor, LOG_DISPOSISI, dari_jabatan, "Kepada: " + ", ".join(j.nama for j in kepada))
    _audit(
        actor,
        "dibuat",
        surat,
        disposisi=[d.pk for d in created],
        kepada=[j.pk for j in kepada],
        induk=induk.pk if induk else None,
        instruksi=[i.nama for i in instruksi],
        batas_waktu=batas_waktu,
        prioritas=prioritas,
    )
    send_each_on_commit(signals.disposisi_diterima, Disposisi, [{"disposisi_id": d.pk} for d in created])
    send_on_commit(surat_signals.akses_berubah, sender=Surat, surat_id=surat.pk)
    return created


@transaction.atomic
def disposisi_read(*, actor: Pegawai, disposisi: Disposisi) -> bool:
    """Anyone who may see it, on opening it: announces disposisi_dibuka (their notices about it count as
    read). Whoever acts in `kepada_jabatan`: TERKIRIM -> DIBACA the first time (cheap after)."""
    signals.disposisi_dibuka.send_robust(sender=Disposisi, disposisi_id=disposisi.pk, pegawai_id=actor.pk)
    if disposisi.status != S.TERKIRIM or disposisi.kepada_jabatan_id not in acting.fresh(actor).jabatan_ids:
        return False
    now = timezone.now()
    changed = Disposisi.objects.filter(pk=disposisi.pk, status=S.TERKIRIM).update(
        status=S.DIBACA, dibaca_pada=now, dibaca_oleh=actor
    )
    if changed:
        disposisi.status, disposisi.dibaca_pada, disposisi.dibaca_oleh = S.DIBACA, now, actor
        _audit(actor, "dibaca", disposisi)
    return bool(changed)


@transaction.atomic
def disposisi_cancel(*, actor: Pegawai, disposisi: Disposisi) -> Disposisi:
    """The sender (whoever acts in `dari_jabatan`), only while the recipient has not read it."""
    if disposisi.dari_jabatan_id not in acting.fresh(actor).jabatan_ids:
        raise PermissionDenied("Hanya pemberi disposisi yang dapat membatalkannya.")
    perubahan = fakta.sebelum(disposisi.surat_id)
    now = timezone.now()
    if not Disposisi.objects.filter(pk=disposisi.pk, status=S.TERKIRIM).update(
        status=S.DIBATALKAN, dibatalkan_pada=now
    ):
        disposisi.refresh_from_db(fields=["status"])
        if disposisi.status == S.DIBATALKAN:
            raise _fail(NON_FIELD_ERRORS, "Disposisi ini sudah dibatalkan.")
        raise _fail(NON_FIELD_ERRORS, "Disposisi sudah dibaca oleh penerimanya, sehingga tidak dapat dibatalkan.")
    disposisi.status, disposisi.dibatalkan_pada = S.DIBATALKAN, now
    surat = disposisi.surat
    masih = (
        Disposisi.objects.filter(surat=surat, kepada_jabatan_id=disposisi.kepada_jabatan_id)
        .exclude(status=S.DIBATALKAN)
        .exists()
    )
    if not masih:
        AksesSurat.objects.filter(
            surat=surat, jabatan_id=disposisi.kepada_jabatan_id, peran=AksesSurat.Peran.DISPOSISI
        ).delete()
    _refresh_induk(disposisi.induk)
    perubahan.simpan()
    _log(surat, actor, LOG_DIBATALKAN, disposisi.dari_jabatan, f"Kepada: {disposisi.kepada_jabatan.nama}")
    _audit(actor, "dibatalkan", disposisi, surat=surat.pk)
    send_on_commit(signals.disposisi_dibatalkan, sender=Disposisi, disposisi_id=disposisi.pk)
    send_on_commit(surat_signals.akses_berubah, sender=Surat, surat_id=surat.pk)
    return disposisi


@transaction.atomic
def laporan_create(
    *, actor: Pegawai, disposisi: Disposisi, isi: str, berkas: Iterable[UploadedFile] = ()
) -> LaporanTindakLanjut:
    """Whoever acts in `kepada_jabatan` of this branch: file the follow-up report (with optional checked
    files); the branch becomes SELESAI, and so do forwarded branches above it once all theirs are."""
    if disposisi.kepada_jabatan_id not in acting.fresh(actor).jabatan_ids:
        raise PermissionDenied("Anda hanya dapat melaporkan tindak lanjut disposisi yang ditujukan kepada Anda.")
    disposisi = (
        Disposisi.objects.select_for_update(of=("self",))
        .select_related("surat", "induk", "kepada_jabatan")
        .get(pk=disposisi.pk)
    )
    if disposisi.status not in Disposisi.AKTIF:
        raise _fail(NON_FIELD_ERRORS, "Disposisi ini sudah selesai atau dibatalkan.")
    isi = (isi or "").strip()
    if not isi:
        raise _fail("isi", "Tuliskan isi laporan tindak lanjut.")
    files = list(berkas)
    checked = [validate_upload(f) for f in files]

    perubahan = fakta.sebelum(disposisi.surat_id)
    now = timezone.now()
    laporan = LaporanTindakLanjut.objects.create(
        disposisi=disposisi, isi=isi, pegawai=actor, jabatan=disposisi.kepada_jabatan, dibuat=now
    )
    for f, info in zip(files, checked, strict=True):
        lampiran = LampiranLaporan(laporan=laporan, **info.metadata(f))
        # Stored before commit; a rolled-back transaction leaves an orphan file that is never served.
        lampiran.berkas.save(f.name or "berkas", f, save=False)
        lampiran.save()
    Disposisi.objects.filter(pk=disposisi.pk).update(
        status=S.SELESAI,
        selesai_pada=now,
        dibaca_pada=disposisi.dibaca_pada or now,
        dibaca_oleh=disposisi.dibaca_oleh or actor,
    )
    disposisi.status, disposisi.selesai_pada = S.SELESAI, now
    _refresh_induk(disposisi.induk)
    perubahan.simpan()
    _log(disposisi.surat, actor, LOG_LAPORAN, disposisi.kepada_jabatan, isi[:500])
    _audit(
        actor,
        "laporan",
        disposisi,
        laporan=laporan.pk,
        berkas=[{"nama": f.name, "sha256": c.sha256} for f, c in zip(files, checked, strict=True)],
    )
    send_on_commit(signals.laporan_dikirim, sender=LaporanTindakLanjut, laporan_id=laporan.pk)
    return laporan


@transaction.atomic
def surat_tanpa_disposisi(*, actor: Pegawai, surat: Surat, catatan: str = "") -> int:
    """A TUJUAN addressee: the letter needs no disposition and is filed; marks it as acted on."""
    rows = Penerima.objects.filter(
        surat=surat,
        jenis=Penerima.Jenis.TUJUAN,
        jabatan_id__in=acting.fresh(actor).jabatan_ids,
        diterima_pada__isnull=False,
    )
    if not rows.exists():
        raise PermissionDenied("Surat ini tidak ditujukan kepada jabatan Anda.")
    now = timezone.now()
    belum = list(rows.filter(ditindaklanjuti_pada__isnull=True).select_related("jabatan"))
    if not belum:
        raise _fail(NON_FIELD_ERRORS, "Surat ini sudah ditindaklanjuti.")
    perubahan = fakta.sebelum(surat.pk)
    Penerima.objects.filter(pk__in=[p.pk for p in belum]).update(ditindaklanjuti_pada=now)
    Penerima.objects.filter(pk__in=[p.pk for p in belum], dibaca_pada__isnull=True).update(
        dibaca_pada=now, dibaca_oleh=actor
    )
    perubahan.simpan()
    catatan = (catatan or "").strip()
    _log(surat, actor, LOG_TANPA, belum[0].jabatan, catatan)
    _audit(actor, "tanpa_disposisi", surat, catatan=catatan)
    return len(belum)
