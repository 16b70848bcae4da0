"""Validation of a draft: the extra fields of its kind, choices and lengths, a.n./u.b., and the
completeness a submission needs. Errors are ValidationError keyed by field, in Indonesian."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError

from organisasi.models import Pegawai
from surat.models import JenisSurat, Penerima, Surat
from surat.sanitize import masalah_isi
from surat.services.base import MAKS_VERIFIKATOR


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
    if masalah := masalah_isi(fields.get("isi") or ""):
        errors["isi"] = masalah
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


# Security classes from least to most secret: a correction is never less secret than what it corrects
# (its public verification page and its notices would otherwise tell what the secret letter said).
URUTAN_KEAMANAN = [k.value for k in Surat.Keamanan]


def validate_koreksi(surat: Surat) -> None:
    """A correction must stay at least as secret as the letter it corrects (drafting and signing check)."""
    if not surat.koreksi_untuk_id:
        return
    asal = Surat.objects.only("keamanan").get(pk=surat.koreksi_untuk_id)
    if URUTAN_KEAMANAN.index(surat.keamanan) < URUTAN_KEAMANAN.index(asal.keamanan):
        raise ValidationError(
            {
                "keamanan": f"Ralat atau pencabutan surat {asal.get_keamanan_display()} harus berklasifikasi "
                f"sekurang-kurangnya {asal.get_keamanan_display()}."
            }
        )
