"""Every change to a letter: drafting, the paraf chain, signing (number, snapshot, delivery), read
receipts, external delivery, registering paper letters and replies.

Each service takes keyword arguments with the acting pegawai first, checks permission, validates,
writes in one transaction, records an audit event and a SuratLog row, and queues side effects with
`transaction.on_commit` through `_after_commit` (see HOOKS). Status moves go through `surat_transition`
only. Errors: PermissionDenied, ValidationError keyed by field (Indonesian), InvalidTransition.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from arsip.models import KlasifikasiArsip
from audit.services import record
from eoffice.errors import InvalidTransition
from organisasi.models import Jabatan, Pegawai, Pemda, Penugasan, UnitKerja
from organisasi.permissions import pencatat_opd_ids
from surat import numbering
from surat.files import validate_upload
from surat.models import (
    Agenda,
    AksesSurat,
    JenisSurat,
    Lampiran,
    Penerima,
    Penomoran,
    Surat,
    SuratLog,
    SuratVersi,
    Verifikator,
)
from surat.sanitize import clean_html

logger = logging.getLogger(__name__)

S = Surat.Status
A = SuratLog.Aksi
MAKS_VERIFIKATOR = 3

ALLOWED: dict[str, set[str]] = {
    S.KONSEP: {S.PARAF, S.TTD},
    S.PARAF: {S.PARAF, S.TTD, S.KONSEP},
    S.TTD: {S.TERKIRIM, S.KONSEP},
}


# ---------------------------------------------------------------- side effects

# Later issues (notifications, PDF rendering, archiving) append callables here: HOOKS["ditandatangani"]
# .append(fn) where fn(surat_id: int) -> None. They run after the transaction commits; a failing hook is
# logged and never undoes the letter's change.
HOOKS: dict[str, list[Callable[[int], None]]] = {}


def _after_commit(event: str, surat_id: int) -> None:
    for hook in HOOKS.get(event, ()):
        try:
            hook(surat_id)
        except Exception:
            logger.exception("hook %s gagal untuk surat %s", event, surat_id)


def _queue(event: str, surat: Surat) -> None:
    transaction.on_commit(partial(_after_commit, event, surat.pk))


# ---------------------------------------------------------------- helpers


def _acting_ids(pegawai: Pegawai) -> set[int]:
    return set(Jabatan.objects.acted_by(pegawai).values_list("pk", flat=True))


def _log(
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
    jabatan_id = jabatan.pk if isinstance(jabatan, Jabatan) else jabatan
    return SuratLog.objects.create(
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
    if rows:
        AksesSurat.objects.bulk_create(rows, ignore_conflicts=True)


def _require_drafter(actor: Pegawai, surat: Surat) -> None:
    """The drafter is whoever acts in the konseptor's jabatan (positions own the work)."""
    if surat.sumber != Surat.Sumber.NASKAH or surat.jabatan_konseptor_id not in _acting_ids(actor):
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


# ---------------------------------------------------------------- validation


def validate_data_tambahan(jenis: JenisSurat, data: dict | None, *, lengkap: bool = False) -> dict:
    """Clean the extra fields of a kind against `jenis.kolom_tambahan`. With lengkap=True, required
    fields must be filled. Errors are keyed 'data_tambahan.<name>'."""
    data = data or {}
    if not isinstance(data, dict):
        raise ValidationError({"data_tambahan": "Data tambahan tidak sah."})
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for kolom in jenis.kolom_tambahan or []:
        name, tipe, label = kolom["name"], kolom.get("type", "text"), kolom.get("label", kolom["name"])
        key = f"data_tambahan.{name}"
        raw = data.get(name)
        try:
            value = _clean_kolom(tipe, raw)
        except (TypeError, ValueError):
            errors[key] = f"Isian “{label}” tidak sah."
            continue
        if value in ("", [], None):
            if lengkap and kolom.get("required"):
                errors[key] = f"“{label}” wajib diisi."
            continue
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_kolom(tipe: str, raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    if tipe in ("text", "textarea"):
        value = str(raw).strip()
        if len(value) > (500 if tipe == "text" else 10000):
            raise ValueError
        return value
    if tipe == "date":
        if isinstance(raw, datetime.datetime):
            raw = raw.date()
        if isinstance(raw, datetime.date):
            return raw.isoformat()
        return datetime.date.fromisoformat(str(raw).strip()).isoformat()
    if tipe == "time":
        if isinstance(raw, datetime.time):
            return raw.strftime("%H:%M")
        return datetime.time.fromisoformat(str(raw).strip().replace(".", ":")).strftime("%H:%M")
    if tipe == "list":
        items = raw.splitlines() if isinstance(raw, str) else list(raw)
        return [str(i).strip() for i in items if str(i).strip()]
    if tipe == "pegawai_list":
        ids = [int(getattr(i, "pk", i)) for i in (raw if isinstance(raw, list | tuple) else [raw])]
        ids = list(dict.fromkeys(ids))
        if Pegawai.objects.filter(pk__in=ids).count() != len(ids):
            raise ValueError
        return ids
    raise ValueError(tipe)


_CHOICE_FIELDS = {"keamanan": Surat.Keamanan, "urgensi": Surat.Urgensi}


def _validate_basic(fields: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for name, choices in _CHOICE_FIELDS.items():
        if name in fields and fields[name] not in choices.values:
            errors[name] = "Pilihan tidak sah."
    if "hal" in fields and len(fields["hal"] or "") > 500:
        errors["hal"] = "Hal terlalu panjang (paling banyak 500 huruf)."
    if "jenis" in fields and not fields["jenis"].aktif:
        errors["jenis"] = "Jenis surat ini tidak aktif."
    klas = fields.get("klasifikasi")
    if klas is not None and not klas.aktif:
        errors["klasifikasi"] = "Kode klasifikasi ini tidak aktif."
    signer = fields.get("penandatangan")
    if signer is not None and not (signer.dapat_menandatangani and signer.aktif):
        errors["penandatangan"] = "Jabatan ini tidak berwenang menandatangani surat."
    if errors:
        raise ValidationError(errors)


def _validate_atas_nama(surat: Surat) -> dict[str, str]:
    if surat.atas_nama_id is None:
        return {"atas_nama": "Pilih jabatan atas nama untuk u.b."} if surat.untuk_beliau else {}
    if surat.penandatangan_id is None:
        return {}
    chain = surat.penandatangan.rantai_atasan()
    ids = [j.pk for j in chain]
    if surat.atas_nama_id not in ids:
        return {"atas_nama": "Atas nama (a.n.) harus atasan dari penandatangan."}
    if surat.untuk_beliau and ids.index(surat.atas_nama_id) < 1:
        return {"atas_nama": "Untuk u.b., atas nama harus dua tingkat di atas penandatangan."}
    return {}


# ---------------------------------------------------------------- recipients and chain


def _set_penerima(surat: Surat, tujuan: Sequence[Any], tembusan: Sequence[Any]) -> None:
    errors: dict[str, str] = {}
    jabatan_ids = [x.pk for x in [*tujuan, *tembusan] if isinstance(x, Jabatan)]
    jabatan_map = Jabatan.objects.select_related("unit").in_bulk(jabatan_ids)
    seen: set[int] = set()
    rows: list[Penerima] = []
    for jenis, items in ((Penerima.Jenis.TUJUAN, tujuan), (Penerima.Jenis.TEMBUSAN, tembusan)):
        for urutan, item in enumerate(items, start=1):
            if isinstance(item, Jabatan):
                jabatan = jabatan_map.get(item.pk)
                if jabatan is None or not jabatan.aktif:
                    errors[jenis] = f"Jabatan {item} tidak aktif."
                    continue
                if jabatan.pk in seen:
                    errors[jenis] = f"{jabatan} tercantum lebih dari sekali (tujuan atau tembusan)."
                    continue
                seen.add(jabatan.pk)
                rows.append(
                    Penerima(surat=surat, jenis=jenis, urutan=urutan, jabatan=jabatan, opd_id=jabatan.unit.opd_id)
                )
            elif isinstance(item, dict):
                nama = (item.get("nama") or "").strip()
                email = (item.get("email") or "").strip()
                if not nama:
                    errors[jenis] = "Nama penerima di luar instansi wajib diisi."
                    continue
                if email:
                    try:
                        validate_email(email)
                    except ValidationError:
                        errors[jenis] = f"Alamat email {email} tidak sah."
                        continue
                rows.append(
                    Penerima(
                        surat=surat,
                        jenis=jenis,
                        urutan=urutan,
                        eksternal_nama=nama[:255],
                        eksternal_alamat=(item.get("alamat") or "").strip(),
                        eksternal_email=email,
                    )
                )
            else:
                errors[jenis] = "Penerima tidak sah."
    if errors:
        raise ValidationError(errors)
    surat.penerima.all().delete()
    Penerima.objects.bulk_create(rows)


def _set_verifikator(surat: Surat, chain: Sequence[Jabatan]) -> None:
    ids = [j.pk for j in chain]
    if len(ids) > MAKS_VERIFIKATOR:
        raise ValidationError({"verifikator": f"Paling banyak {MAKS_VERIFIKATOR} verifikator."})
    if len(set(ids)) != len(ids):
        raise ValidationError({"verifikator": "Satu jabatan tercantum lebih dari sekali."})
    if surat.penandatangan_id in ids:
        raise ValidationError({"verifikator": "Penandatangan tidak perlu menjadi verifikator."})
    if surat.jabatan_konseptor_id in ids:
        raise ValidationError({"verifikator": "Konseptor tidak dapat memaraf konsepnya sendiri."})
    if Jabatan.objects.filter(pk__in=ids, aktif=True).count() != len(ids):
        raise ValidationError({"verifikator": "Ada jabatan verifikator yang tidak aktif."})
    surat.verifikator.all().delete()
    Verifikator.objects.bulk_create(
        [Verifikator(surat=surat, urutan=i, jabatan_id=pk) for i, pk in enumerate(ids, start=1)]
    )


# ---------------------------------------------------------------- drafting

_EDITABLE = (
    "jenis",
    "hal",
    "isi",
    "klasifikasi",
    "keamanan",
    "urgensi",
    "data_tambahan",
    "penandatangan",
    "atas_nama",
    "untuk_beliau",
)


@transaction.atomic
def surat_create(
    *,
    actor: Pegawai,
    jabatan_konseptor: Jabatan,
    jenis: JenisSurat,
    hal: str = "",
    isi: str = "",
    klasifikasi: KlasifikasiArsip | None = None,
    keamanan: str = Surat.Keamanan.BIASA,
    urgensi: str = Surat.Urgensi.BIASA,
    data_tambahan: dict | None = None,
    penandatangan: Jabatan | None = None,
    atas_nama: Jabatan | None = None,
    untuk_beliau: bool = False,
    tujuan: Sequence[Any] = (),
    tembusan: Sequence[Any] = (),
    verifikator: Sequence[Jabatan] | None = None,
    balasan_untuk: Surat | None = None,
) -> Surat:
    """Anyone, for a jabatan they act in today: a new KONSEP. verifikator=None proposes the default chain."""
    from surat.selectors import usulan_verifikator

    if jabatan_konseptor.pk not in _acting_ids(actor):
        raise PermissionDenied("Anda tidak sedang memangku jabatan tersebut.")
    fields = {
        "jenis": jenis,
        "hal": (hal or "").strip(),
        "klasifikasi": klasifikasi,
        "keamanan": keamanan,
        "urgensi": urgensi,
        "penandatangan": penandatangan,
    }
    _validate_basic(fields)
    surat = Surat(
        sumber=Surat.Sumber.NASKAH,
        status=S.KONSEP,
        konseptor=actor,
        jabatan_konseptor=jabatan_konseptor,
        opd_id=jabatan_konseptor.unit.opd_id,
        isi=clean_html(isi),
        data_tambahan=validate_data_tambahan(jenis, data_tambahan),
        atas_nama=atas_nama,
        untuk_beliau=untuk_beliau,
        balasan_untuk=balasan_untuk,
        **fields,
    )
    errors = _validate_atas_nama(surat)
    if errors:
        raise ValidationError(errors)
    surat.save()
    _set_penerima(surat, tujuan, tembusan)
    if verifikator is None:
        verifikator = usulan_verifikator(jabatan_konseptor, penandatangan) if penandatangan else []
    _set_verifikator(surat, verifikator)
    _grant(surat, AksesSurat.Peran.KONSEPTOR, jabatan_ids=[jabatan_konseptor.pk])
    _log(surat, actor, A.DIBUAT, jabatan=jabatan_konseptor, ke=S.KONSEP)
    _audit(actor, "dibuat", surat, hal=surat.hal, jenis=jenis.kode)
    return surat


@transaction.atomic
def surat_update(*, actor: Pegawai, surat: Surat, **fields: Any) -> Surat:
    """The drafter, while KONSEP: change the given fields (tujuan/tembusan/verifikator replace the lists;
    verifikator=None proposes the default chain for the drafter and the (new) signer)."""
    _lock(surat)
    _require_drafter(actor, surat)
    _require_konsep(surat)
    unknown = set(fields) - set(_EDITABLE) - {"tujuan", "tembusan", "verifikator"}
    if unknown:
        raise TypeError(f"surat_update: unknown fields {sorted(unknown)}")
    lists = {k: fields.pop(k) for k in ("tujuan", "tembusan", "verifikator") if k in fields}
    if "hal" in fields:
        fields["hal"] = (fields["hal"] or "").strip()
    if "isi" in fields:
        fields["isi"] = clean_html(fields["isi"])
    _validate_basic(fields)
    jenis = fields.get("jenis", surat.jenis)
    if "data_tambahan" in fields or "jenis" in fields:
        fields["data_tambahan"] = validate_data_tambahan(jenis, fields.get("data_tambahan", surat.data_tambahan))
    changed = []
    for name, value in fields.items():
        if getattr(surat, name) != value:
            setattr(surat, name, value)
            changed.append(name)
    errors = _validate_atas_nama(surat)
    if errors:
        raise ValidationError(errors)
    if changed:
        surat.save()
    if "tujuan" in lists or "tembusan" in lists:
        current = _current_penerima(surat)
        _set_penerima(surat, lists.get("tujuan", current["tujuan"]), lists.get("tembusan", current["tembusan"]))
        changed += [k for k in ("tujuan", "tembusan") if k in lists]
    if "verifikator" in lists:
        chain = lists["verifikator"]
        if chain is None:
            chain = _usulan(surat)
        _set_verifikator(surat, chain)
        changed.append("verifikator")
    elif "penandatangan" in changed and surat.penandatangan_id in surat.verifikator.values_list("jabatan", flat=True):
        _set_verifikator(surat, [v.jabatan for v in surat.verifikator.all() if v.jabatan_id != surat.penandatangan_id])
    if changed:
        _log(surat, actor, A.DIUBAH, jabatan=surat.jabatan_konseptor_id, catatan=", ".join(changed))
        _audit(actor, "diubah", surat, kolom=changed)
    return surat


def _usulan(surat: Surat) -> list[Jabatan]:
    """The default paraf chain for the draft's drafter and signer (empty without a signer)."""
    from surat.selectors import usulan_verifikator

    if surat.penandatangan_id is None:
        return []
    return usulan_verifikator(surat.jabatan_konseptor, surat.penandatangan)


def _current_penerima(surat: Surat) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"tujuan": [], "tembusan": []}
    for p in surat.penerima.select_related("jabatan"):
        item = (
            p.jabatan
            if p.jabatan_id
            else {"nama": p.eksternal_nama, "alamat": p.eksternal_alamat, "email": p.eksternal_email}
        )
        out[p.jenis].append(item)
    return out


@transaction.atomic
def surat_set_penerima(*, actor: Pegawai, surat: Surat, tujuan: Sequence[Any], tembusan: Sequence[Any]) -> None:
    """The drafter, while KONSEP: replace addressees and copies."""
    surat_update(actor=actor, surat=surat, tujuan=tujuan, tembusan=tembusan)


@transaction.atomic
def surat_set_verifikator(*, actor: Pegawai, surat: Surat, verifikator: Sequence[Jabatan]) -> None:
    """The drafter, while KONSEP: replace the paraf chain (in order, at most 3)."""
    surat_update(actor=actor, surat=surat, verifikator=verifikator)


@transaction.atomic
def surat_delete(*, actor: Pegawai, surat: Surat) -> None:
    """The drafter: delete a KONSEP that was never submitted."""
    _lock(surat)
    _require_drafter(actor, surat)
    _require_konsep(surat)
    if surat.riwayat_versi.exists():
        raise InvalidTransition("Konsep yang pernah diajukan tidak dapat dihapus.")
    files = [lamp.berkas.name for lamp in surat.lampiran.all()]
    _audit(actor, "dihapus", surat, hal=surat.hal)
    surat.delete()
    transaction.on_commit(partial(_delete_files, files))


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            Lampiran.berkas.field.storage.delete(name)
        except OSError:
            logger.warning("berkas %s tidak dapat dihapus", name)


# ---------------------------------------------------------------- attachments


def _lampiran_create(actor: Pegawai, surat: Surat, berkas: UploadedFile) -> Lampiran:
    info = validate_upload(berkas)
    lampiran = Lampiran(
        surat=surat,
        nama_asli=(berkas.name or "berkas")[-255:],
        ukuran=info.ukuran,
        mime=info.mime,
        sha256=info.sha256,
        diunggah_oleh=actor,
    )
    # Stored before commit; if the transaction rolls back the file stays orphaned on disk (harmless,
    # never linked to a row, and never served).
    lampiran.berkas.save(berkas.name or "berkas", berkas, save=False)
    lampiran.save()
    _log(surat, actor, A.LAMPIRAN_DITAMBAH, catatan=lampiran.nama_asli)
    return lampiran


@transaction.atomic
def lampiran_add(*, actor: Pegawai, surat: Surat, berkas: UploadedFile) -> Lampiran:
    """The drafter of a KONSEP, or the pencatat of a registered paper letter: attach a checked file.
    For a registered letter, HOOKS["lampiran_ditambah"] runs after commit."""
    _lock(surat)
    if surat.status == S.TERCATAT:
        if surat.opd_id not in pencatat_opd_ids(actor):
            raise PermissionDenied("Hanya pencatat OPD ini yang boleh menambah pindaian.")
    else:
        _require_drafter(actor, surat)
        _require_konsep(surat)
    lampiran = _lampiran_create(actor, surat, berkas)
    _audit(actor, "lampiran_ditambah", surat, lampiran=lampiran.pk, nama=lampiran.nama_asli, sha256=lampiran.sha256)
    if surat.is_final:
        # A draft's files are read when it is signed ("ditandatangani"); a scan added to a registered
        # letter would otherwise wait for the daily job.
        _queue("lampiran_ditambah", surat)
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
    transaction.on_commit(partial(_delete_files, [name]))


# ---------------------------------------------------------------- the flow


def snapshot(surat: Surat) -> dict[str, Any]:
    """What a version keeps: the fields a verifikator reviews, with names as shown."""
    penerima = [
        {"jenis": p.jenis, "jabatan": p.jabatan_id, "nama": p.nama, "alamat": p.eksternal_alamat}
        for p in surat.penerima.select_related("jabatan")
    ]
    return {
        "jenis": surat.jenis.nama,
        "hal": surat.hal,
        "isi": surat.isi,
        "data_tambahan": surat.data_tambahan,
        "klasifikasi": str(surat.klasifikasi) if surat.klasifikasi_id else "",
        "keamanan": surat.get_keamanan_display(),
        "urgensi": surat.get_urgensi_display(),
        "penandatangan": str(surat.penandatangan) if surat.penandatangan_id else "",
        "atas_nama": str(surat.atas_nama) if surat.atas_nama_id else "",
        "untuk_beliau": surat.untuk_beliau,
        "penerima": penerima,
        "verifikator": [str(v.jabatan) for v in surat.verifikator.select_related("jabatan")],
        "lampiran": [lamp.nama_asli for lamp in surat.lampiran.all()],
    }


def _validate_lengkap(surat: Surat) -> None:
    errors: dict[str, str] = {}
    if not surat.hal:
        errors["hal"] = "Hal (perihal) wajib diisi."
    if surat.klasifikasi_id is None:
        errors["klasifikasi"] = "Pilih kode klasifikasi arsip."
    if not surat.jenis.aktif:
        errors["jenis"] = "Jenis surat ini tidak aktif."
    signer = surat.penandatangan
    if signer is None:
        errors["penandatangan"] = "Pilih penandatangan."
    elif not (signer.dapat_menandatangani and signer.aktif):
        errors["penandatangan"] = "Jabatan ini tidak berwenang menandatangani surat."
    if surat.jenis.perlu_tujuan and not surat.penerima.filter(jenis=Penerima.Jenis.TUJUAN).exists():
        errors["tujuan"] = "Tambahkan paling sedikit satu tujuan surat."
    chain = list(surat.verifikator.values_list("jabatan_id", flat=True))
    if len(chain) > MAKS_VERIFIKATOR:
        errors["verifikator"] = f"Paling banyak {MAKS_VERIFIKATOR} verifikator."
    elif surat.penandatangan_id in chain or surat.jabatan_konseptor_id in chain:
        errors["verifikator"] = "Konseptor dan penandatangan tidak boleh menjadi verifikator."
    errors.update(_validate_atas_nama(surat))
    try:
        validate_data_tambahan(surat.jenis, surat.data_tambahan, lengkap=True)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def surat_submit(*, actor: Pegawai, surat: Surat) -> Surat:
    """The drafter: KONSEP -> PARAF (first verifikator's turn) or -> TTD when there is no chain.
    Every submission is kept as a SuratVersi (version 1 = first submission)."""
    _lock(surat)
    _require_drafter(actor, surat)
    _require_konsep(surat)
    _validate_lengkap(surat)
    terakhir = surat.riwayat_versi.order_by("-versi").values_list("versi", flat=True).first()
    versi = (terakhir or 0) + 1
    SuratVersi.objects.create(surat=surat, versi=versi, snapshot=snapshot(surat), dibuat_oleh=actor)
    surat.verifikator.update(status=Verifikator.Status.MENUNGGU, pegawai=None, waktu=None, catatan="")
    pertama = surat.verifikator.order_by("urutan").first()
    chain_ids = list(surat.verifikator.values_list("jabatan_id", flat=True))
    _grant(surat, AksesSurat.Peran.VERIFIKATOR, jabatan_ids=chain_ids)
    _grant(surat, AksesSurat.Peran.PENANDATANGAN, jabatan_ids=[surat.penandatangan_id])
    to = S.PARAF if pertama else S.TTD
    surat_transition(
        actor=actor,
        surat=surat,
        to=to,
        aksi=A.DIAJUKAN,
        jabatan=surat.jabatan_konseptor_id,
        updates={"giliran_id": pertama.jabatan_id if pertama else None, "versi": versi},
    )
    _audit(actor, "diajukan", surat, versi=versi, ke=to)
    _queue("diajukan", surat)
    return surat


def _giliran_row(actor: Pegawai, surat: Surat) -> Verifikator:
    if surat.status != S.PARAF:
        raise InvalidTransition("Surat ini tidak sedang menunggu paraf.")
    if surat.giliran_id not in _acting_ids(actor):
        raise PermissionDenied("Belum giliran Anda memaraf surat ini.")
    return surat.verifikator.get(jabatan_id=surat.giliran_id)


@transaction.atomic
def paraf_approve(*, actor: Pegawai, surat: Surat, catatan: str = "") -> Surat:
    """The verifikator whose turn it is: paraf; the next verifikator's turn, or -> TTD after the last."""
    _lock(surat)
    row = _giliran_row(actor, surat)
    now = timezone.now()
    Verifikator.objects.filter(pk=row.pk).update(
        status=Verifikator.Status.DISETUJUI, pegawai=actor, waktu=now, catatan=(catatan or "").strip()
    )
    berikut = surat.verifikator.filter(urutan__gt=row.urutan).order_by("urutan").first()
    surat_transition(
        actor=actor,
        surat=surat,
        to=S.PARAF if berikut else S.TTD,
        aksi=A.DIPARAF,
        jabatan=row.jabatan_id,
        catatan=(catatan or "").strip(),
        guard={"giliran_id": row.jabatan_id},
        updates={"giliran_id": berikut.jabatan_id if berikut else None},
    )
    _audit(actor, "diparaf", surat, jabatan=row.jabatan_id)
    _queue("diparaf", surat)
    return surat


def _require_catatan(catatan: str) -> str:
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": "Tuliskan catatan perbaikan untuk konseptor."})
    return catatan


@transaction.atomic
def paraf_return(*, actor: Pegawai, surat: Surat, catatan: str) -> Surat:
    """The verifikator whose turn it is: return the draft with a note -> KONSEP."""
    catatan = _require_catatan(catatan)
    _lock(surat)
    row = _giliran_row(actor, surat)
    Verifikator.objects.filter(pk=row.pk).update(
        status=Verifikator.Status.DIKEMBALIKAN, pegawai=actor, waktu=timezone.now(), catatan=catatan
    )
    surat_transition(
        actor=actor,
        surat=surat,
        to=S.KONSEP,
        aksi=A.DIKEMBALIKAN,
        jabatan=row.jabatan_id,
        catatan=catatan,
        guard={"giliran_id": row.jabatan_id},
        updates={"giliran_id": None},
    )
    _audit(actor, "dikembalikan", surat, jabatan=row.jabatan_id, catatan=catatan)
    _queue("dikembalikan", surat)
    return surat


def _require_signer(actor: Pegawai, surat: Surat) -> None:
    if surat.status != S.TTD:
        raise InvalidTransition("Surat ini tidak sedang menunggu tanda tangan.")
    if surat.penandatangan_id not in _acting_ids(actor):
        raise PermissionDenied("Anda bukan penandatangan surat ini.")


def _sebutan(actor: Pegawai, jabatan: Jabatan, on: datetime.date) -> str:
    """'' when the actor holds the post definitively, else 'Plt.'/'Plh.' from today's Penugasan."""
    if actor.jabatan_id == jabatan.pk:
        return ""
    tugas = Penugasan.objects.berlaku_pada(on).filter(pegawai=actor, jabatan=jabatan).order_by("-mulai").first()
    return tugas.singkatan if tugas else ""


@transaction.atomic
def sign(*, actor: Pegawai, surat: Surat, before_commit: Callable[[Surat], None] | None = None) -> Surat:
    """Whoever acts in the signer's jabatan today: number and date the letter, freeze the signature block,
    deliver it (TERKIRIM). `before_commit(surat)` runs last inside the transaction (PDF + electronic
    signature); if it raises, the number, the delivery and everything else roll back."""
    _lock(surat)
    _require_signer(actor, surat)
    jabatan = Jabatan.objects.select_related("unit__opd").get(pk=surat.penandatangan_id)
    now = timezone.now()
    today = timezone.localdate(now)
    opd_ttd = jabatan.unit.opd or jabatan.unit
    pemda = Pemda.current()
    per_kka = bool(pemda and pemda.nomor_per_kka)
    kka = surat.klasifikasi.kode if surat.klasifikasi_id else ""
    urut = numbering.next_value(
        opd=opd_ttd, tahun=today.year, seri=Penomoran.Seri.SURAT, kka_prefix=kka if per_kka else ""
    )
    nomor = numbering.format_nomor(
        pemda.pola_nomor if pemda else numbering.POLA_BAWAAN,
        kka=kka,
        urut=urut,
        kode_opd=opd_ttd.kode or opd_ttd.singkatan,
        tanggal=today,
    )
    ub = ""
    if surat.untuk_beliau and jabatan.atasan_id:
        ub = Jabatan.objects.values_list("nama", flat=True).get(pk=jabatan.atasan_id)
    updates = {
        "nomor": nomor,
        "nomor_urut": urut,
        "tahun": today.year,
        "tanggal": today,
        "ditandatangani_pada": now,
        "penandatangan_pegawai": actor,
        "ttd_nama": actor.nama_lengkap,
        "ttd_nip": actor.nip or "",
        "ttd_pangkat": actor.get_pangkat_display() if actor.pangkat else "",
        "ttd_jabatan": jabatan.nama,
        "ttd_sebutan": _sebutan(actor, jabatan, today),
        "ttd_atas_nama": surat.atas_nama.nama if surat.atas_nama_id else "",
        "ttd_untuk_beliau": ub,
        "giliran_id": None,
    }
    surat_transition(actor=actor, surat=surat, to=S.TERKIRIM, aksi=A.DITANDATANGANI, jabatan=jabatan, updates=updates)
    _grant(surat, AksesSurat.Peran.PENCATAT, opd_ids=[surat.opd_id])
    _deliver(actor, surat, now)
    _audit(actor, "ditandatangani", surat, nomor=nomor, jabatan=jabatan.pk, sebutan=updates["ttd_sebutan"])
    if before_commit is not None:
        before_commit(surat)
    _queue("ditandatangani", surat)
    _queue("diterima", surat)
    return surat


def _deliver(actor: Pegawai, surat: Surat, now: datetime.datetime) -> None:
    """Signed letter -> internal inboxes (access + agenda line in each receiving OPD for TUJUAN);
    externals wait for the sending OPD's pencatat (kirim_status BELUM). Tembusan get access and a log
    line but no agenda number."""
    penerima = list(surat.penerima.select_related("jabatan"))
    tahun = timezone.localdate(now).year
    agenda_opd: set[int] = set()
    for p in penerima:
        p.nama_tampil = p.nama[:255]
        if p.is_eksternal:
            p.kirim_status = Penerima.KirimStatus.BELUM
            p.save(update_fields=["nama_tampil", "kirim_status"])
            continue
        p.diterima_pada = now
        p.save(update_fields=["nama_tampil", "diterima_pada"])
        tujuan = p.jenis == Penerima.Jenis.TUJUAN
        _grant(
            surat,
            AksesSurat.Peran.TUJUAN if tujuan else AksesSurat.Peran.TEMBUSAN,
            jabatan_ids=[p.jabatan_id],
        )
        if tujuan and p.opd_id and p.opd_id not in agenda_opd:
            agenda_opd.add(p.opd_id)
            _grant(surat, AksesSurat.Peran.PENCATAT, opd_ids=[p.opd_id])
            _agenda(surat, opd_id=p.opd_id, tahun=tahun, penerima=p, tanggal=timezone.localdate(now), actor=None)
        _log(surat, actor, A.DITERIMA, jabatan=p.jabatan_id, penerima=p)
    _log(surat, actor, A.DIKIRIM, ke=surat.status)


def _agenda(
    surat: Surat, *, opd_id: int, tahun: int, penerima: Penerima | None, tanggal: datetime.date, actor: Pegawai | None
) -> Agenda:
    opd = UnitKerja.objects.get(pk=opd_id)
    nomor = numbering.next_value(opd=opd, tahun=tahun, seri=Penomoran.Seri.AGENDA)
    return Agenda.objects.create(
        opd=opd, tahun=tahun, nomor=nomor, surat=surat, penerima=penerima, tanggal_terima=tanggal, dicatat_oleh=actor
    )


@transaction.atomic
def signer_return(*, actor: Pegawai, surat: Surat, catatan: str) -> Surat:
    """The signer: return the draft with a note -> KONSEP."""
    catatan = _require_catatan(catatan)
    _lock(surat)
    _require_signer(actor, surat)
    surat_transition(
        actor=actor, surat=surat, to=S.KONSEP, aksi=A.DIKEMBALIKAN, jabatan=surat.penandatangan_id, catatan=catatan
    )
    _audit(actor, "dikembalikan", surat, jabatan=surat.penandatangan_id, catatan=catatan)
    _queue("dikembalikan", surat)
    return surat


# ---------------------------------------------------------------- reading and follow-up


@transaction.atomic
def mark_read(*, actor: Pegawai, surat: Surat) -> int:
    """A recipient opened the letter: the first read of each of the actor's Penerima rows is recorded."""
    rows = list(
        Penerima.objects.filter(
            surat=surat, jabatan_id__in=_acting_ids(actor), diterima_pada__isnull=False, dibaca_pada__isnull=True
        )
    )
    now = timezone.now()
    count = 0
    for p in rows:
        if Penerima.objects.filter(pk=p.pk, dibaca_pada__isnull=True).update(dibaca_pada=now, dibaca_oleh=actor):
            count += 1
            _log(surat, actor, A.DIBACA, jabatan=p.jabatan_id, penerima=p)
    if count:
        _audit(actor, "dibaca", surat)
    return count


@transaction.atomic
def mark_ditindaklanjuti(*, actor: Pegawai, surat: Surat) -> int:
    """An addressee (TUJUAN) marks the letter as acted on (disposition or reply done)."""
    ids = _acting_ids(actor)
    now = timezone.now()
    count = Penerima.objects.filter(
        surat=surat,
        jenis=Penerima.Jenis.TUJUAN,
        jabatan_id__in=ids,
        diterima_pada__isnull=False,
        ditindaklanjuti_pada__isnull=True,
    ).update(ditindaklanjuti_pada=now)
    if not count:
        raise PermissionDenied("Surat ini tidak ditujukan kepada Anda atau sudah ditindaklanjuti.")
    _audit(actor, "ditindaklanjuti", surat)
    return count


@transaction.atomic
def eksternal_sent(
    *,
    actor: Pegawai,
    penerima: Penerima,
    cara: str,
    dikirim_pada: datetime.datetime | None = None,
    catatan: str = "",
) -> Penerima:
    """The pencatat of the sending OPD: record that a signed letter went out to an external addressee."""
    surat = _lock(penerima.surat)
    if surat.opd_id not in pencatat_opd_ids(actor):
        raise PermissionDenied("Hanya pencatat OPD pengirim yang boleh mencatat pengiriman.")
    if not penerima.is_eksternal or surat.status != S.TERKIRIM:
        raise InvalidTransition("Penerima ini tidak menunggu pengiriman.")
    if cara not in Penerima.KirimCara.values:
        raise ValidationError({"cara": "Pilih cara pengiriman."})
    dikirim_pada = dikirim_pada or timezone.now()
    if dikirim_pada > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"dikirim_pada": "Waktu pengiriman tidak boleh di masa depan."})
    updated = Penerima.objects.filter(pk=penerima.pk, kirim_status=Penerima.KirimStatus.BELUM).update(
        kirim_status=Penerima.KirimStatus.TERKIRIM,
        kirim_cara=cara,
        dikirim_pada=dikirim_pada,
        dikirim_oleh=actor,
        kirim_catatan=(catatan or "").strip(),
    )
    if not updated:
        raise InvalidTransition("Pengiriman ke penerima ini sudah dicatat.")
    penerima.refresh_from_db()
    _log(
        surat,
        actor,
        A.DIKIRIM_EKSTERNAL,
        catatan=f"{penerima.get_kirim_cara_display()}: {penerima.eksternal_nama}",
        penerima=penerima,
    )
    _audit(actor, "dikirim_eksternal", surat, penerima=penerima.pk, cara=cara)
    return penerima


@transaction.atomic
def register_paper_letter(
    *,
    actor: Pegawai,
    opd: UnitKerja,
    jenis: JenisSurat | None,
    asal_instansi: str,
    nomor_asal: str,
    tanggal_asal: datetime.date | None,
    tanggal_terima: datetime.date,
    hal: str,
    tujuan: Jabatan,
    keamanan: str = Surat.Keamanan.BIASA,
    urgensi: str = Surat.Urgensi.BIASA,
    ringkasan: str = "",
    klasifikasi: KlasifikasiArsip | None = None,
    tembusan: Sequence[Jabatan] = (),
    scans: Sequence[UploadedFile] = (),
) -> Surat:
    """The pencatat of `opd`: register a paper letter from outside (TERCATAT), give it an agenda number
    and put it in the addressee's Surat Masuk."""
    if opd.pk not in pencatat_opd_ids(actor):
        raise PermissionDenied("Anda bukan pencatat surat OPD ini.")
    jenis = jenis or JenisSurat.objects.filter(kode="surat-dinas").first() or JenisSurat.objects.first()
    today = timezone.localdate()
    errors: dict[str, str] = {}
    asal_instansi, hal = (asal_instansi or "").strip(), (hal or "").strip()
    if not asal_instansi:
        errors["asal_instansi"] = "Asal surat wajib diisi."
    if not hal:
        errors["hal"] = "Hal wajib diisi."
    if tanggal_terima is None:
        errors["tanggal_terima"] = "Tanggal terima wajib diisi."
    elif tanggal_terima > today:
        errors["tanggal_terima"] = "Tanggal terima tidak boleh di masa depan."
    if tanggal_asal and tanggal_terima and tanggal_asal > tanggal_terima:
        errors["tanggal_asal"] = "Tanggal surat tidak boleh setelah tanggal terima."
    for item, key in [(tujuan, "tujuan"), *((t, "tembusan") for t in tembusan)]:
        unit_opd = Jabatan.objects.filter(pk=item.pk, aktif=True).values_list("unit__opd_id", flat=True).first()
        if unit_opd != opd.pk:
            errors[key] = "Pilih jabatan di OPD ini."
    if errors:
        raise ValidationError(errors)
    _validate_basic({"keamanan": keamanan, "urgensi": urgensi, "hal": hal, "klasifikasi": klasifikasi})
    surat = Surat.objects.create(
        jenis=jenis,
        sumber=Surat.Sumber.MASUK_LUAR,
        status=S.TERCATAT,
        opd=opd,
        klasifikasi=klasifikasi,
        keamanan=keamanan,
        urgensi=urgensi,
        hal=hal,
        asal_instansi=asal_instansi,
        nomor_asal=(nomor_asal or "").strip(),
        tanggal_asal=tanggal_asal,
        tanggal_terima=tanggal_terima,
        tanggal=tanggal_terima,
        ringkasan=(ringkasan or "").strip(),
    )
    now = timezone.now()
    rows = [
        Penerima(
            surat=surat,
            jenis=Penerima.Jenis.TUJUAN,
            urutan=1,
            jabatan=tujuan,
            opd=opd,
            nama_tampil=tujuan.nama,
            diterima_pada=now,
        )
    ]
    rows += [
        Penerima(
            surat=surat,
            jenis=Penerima.Jenis.TEMBUSAN,
            urutan=i,
            jabatan=t,
            opd=opd,
            nama_tampil=t.nama,
            diterima_pada=now,
        )
        for i, t in enumerate(tembusan, start=1)
        if t.pk != tujuan.pk
    ]
    Penerima.objects.bulk_create(rows)
    tujuan_row = surat.penerima.get(jenis=Penerima.Jenis.TUJUAN)
    _grant(surat, AksesSurat.Peran.TUJUAN, jabatan_ids=[tujuan.pk])
    _grant(surat, AksesSurat.Peran.TEMBUSAN, jabatan_ids=[t.pk for t in tembusan if t.pk != tujuan.pk])
    _grant(surat, AksesSurat.Peran.PENCATAT, opd_ids=[opd.pk])
    agenda = _agenda(surat, opd_id=opd.pk, tahun=today.year, penerima=tujuan_row, tanggal=tanggal_terima, actor=actor)
    _log(surat, actor, A.DICATAT, ke=S.TERCATAT, catatan=f"Nomor agenda {agenda.nomor}/{agenda.tahun}")
    _log(surat, actor, A.DITERIMA, jabatan=tujuan.pk, penerima=tujuan_row)
    for scan in scans:
        _lampiran_create(actor, surat, scan)
    _audit(actor, "dicatat", surat, agenda=agenda.nomor, asal=asal_instansi, nomor_asal=surat.nomor_asal)
    _queue("dicatat", surat)
    _queue("diterima", surat)
    return surat


@transaction.atomic
def balas(*, actor: Pegawai, surat: Surat, jabatan_konseptor: Jabatan, jenis: JenisSurat | None = None) -> Surat:
    """A recipient who can read the letter: start a reply (a KONSEP linked to it, addressed to the sender)."""
    from surat.selectors import can_see_content

    if not Surat.objects.visible_to(actor).filter(pk=surat.pk).exists() or not can_see_content(actor, surat):
        raise PermissionDenied("Anda tidak dapat membalas surat ini.")
    if not surat.is_final:
        raise InvalidTransition("Hanya surat yang sudah dikirim atau dicatat yang dapat dibalas.")
    if jenis is None:
        korespondensi = (JenisSurat.Keluarga.KORESPONDENSI_EKSTERN, JenisSurat.Keluarga.KORESPONDENSI_INTERN)
        jenis = (
            surat.jenis
            if surat.jenis.keluarga in korespondensi and surat.jenis.aktif
            else JenisSurat.objects.get(kode="surat-dinas")
        )
    if surat.sumber == Surat.Sumber.MASUK_LUAR:
        tujuan: list[Any] = [{"nama": surat.asal_instansi}]
    elif surat.penandatangan_id:
        tujuan = [surat.penandatangan]
    else:
        tujuan = []
    balasan = surat_create(
        actor=actor,
        jabatan_konseptor=jabatan_konseptor,
        jenis=jenis,
        hal=surat.hal,
        klasifikasi=surat.klasifikasi if surat.klasifikasi_id and surat.klasifikasi.aktif else None,
        keamanan=surat.keamanan,
        tujuan=tujuan,
        balasan_untuk=surat,
    )
    _log(surat, actor, A.DIBALAS, jabatan=jabatan_konseptor, catatan=f"Konsep balasan #{balasan.pk}")
    return balasan
