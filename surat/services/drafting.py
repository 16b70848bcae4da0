"""Writing a draft: create, change (fields, addressees, paraf chain) and delete a KONSEP. Only whoever
acts in the konseptor's jabatan may change it, and only while it is a KONSEP."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from arsip.models import KlasifikasiArsip  # layer: the KKA code table (arsip) is reference data under the letters
from lib.errors import InvalidTransition
from organisasi import acting
from organisasi.models import Jabatan, Pegawai
from rekap import fakta  # layer: the Rekap's summary rows change in the same transaction as the letters
from surat.files import delete_stored
from surat.models import AksesSurat, JenisSurat, Penerima, Surat, Verifikator
from surat.sanitize import clean_html
from surat.services.base import (
    MAKS_VERIFIKATOR,
    A,
    S,
    _audit,
    _grant,
    _lock,
    _log,
    _require_drafter,
    _require_konsep,
    _sync_akses_alur,
)
from surat.services.validation import _validate_atas_nama, _validate_basic, validate_data_tambahan, validate_koreksi

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
    if _sama(list(surat.penerima.order_by("pk")), rows, _KOLOM_PENERIMA):
        return  # saving the form again without touching the addressees: their rows (and ids) stay
    surat.penerima.all().delete()
    Penerima.objects.bulk_create(rows)


def _sama(lama: list[Any], baru: list[Any], kolom: Sequence[str]) -> bool:
    """The rows already stored hold exactly the new ones (same order and values): nothing to rewrite."""
    return [[getattr(r, k) for k in kolom] for r in lama] == [[getattr(r, k) for k in kolom] for r in baru]


_KOLOM_PENERIMA = (
    "jenis", "urutan", "jabatan_id", "opd_id", "eksternal_nama", "eksternal_alamat", "eksternal_email", "nama_tampil",
    "diterima_pada", "kirim_status",
)  # fmt: skip
_KOLOM_VERIFIKATOR = ("urutan", "jabatan_id", "status", "pegawai_id", "waktu", "catatan")


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
    rows = [Verifikator(surat=surat, urutan=i, jabatan_id=pk) for i, pk in enumerate(ids, start=1)]
    if _sama(list(surat.verifikator.order_by("urutan")), rows, _KOLOM_VERIFIKATOR):
        return
    surat.verifikator.all().delete()
    Verifikator.objects.bulk_create(rows)


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

    if not acting.fresh(actor).acts_in(jabatan_konseptor.pk):
        raise PermissionDenied("Anda tidak sedang memangku jabatan tersebut.")
    fields = {
        "jenis": jenis,
        "hal": (hal or "").strip(),
        "klasifikasi": klasifikasi,
        "keamanan": keamanan,
        "urgensi": urgensi,
        "penandatangan": penandatangan,
    }
    isi = clean_html(isi)
    _validate_basic({**fields, "isi": isi})
    surat = Surat(
        sumber=Surat.Sumber.NASKAH,
        status=S.KONSEP,
        konseptor=actor,
        jabatan_konseptor=jabatan_konseptor,
        opd_id=jabatan_konseptor.unit.opd_id,
        isi=isi,
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
    fakta.baru(surat.pk)
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
    validate_koreksi(surat)
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
        _sync_akses_alur(surat)
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
    perubahan = fakta.sebelum(surat.pk)
    surat.delete()
    perubahan.simpan()
    transaction.on_commit(partial(delete_stored, files))
