"""The letter-number pattern a Pemda configures, e.g. "{kka}/{urut}/{kode_opd}/{tahun}".

`periksa_pola` is run when the pattern is saved, so a typo never reaches a signing (where it used to
make every signature a 500): only the known placeholders, no format specs, and {urut} present (else
every letter would get the same number). `contoh` gives the preview shown next to the field."""

from __future__ import annotations

import datetime
from string import Formatter

from django.core.exceptions import ValidationError

POLA_BAWAAN = "{kka}/{urut}/{kode_opd}/{tahun}"
PLACEHOLDERS = ("kka", "urut", "kode_opd", "tahun", "bulan", "bulan_romawi")
PANJANG_MAKS_NOMOR = 120  # Surat.nomor
_ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
DAFTAR = ", ".join("{" + p + "}" for p in PLACEHOLDERS)


def contoh(pola: str, *, tanggal: datetime.date | None = None) -> str:
    """The pattern filled with sample values: '000.8.3.3/15/DISKOMINFOSP/2026'."""
    tanggal = tanggal or datetime.date.today()
    values = {
        "kka": "000.8.3.3",
        "urut": "15",
        "kode_opd": "DISKOMINFOSP",
        "tahun": str(tanggal.year),
        "bulan": f"{tanggal.month:02d}",
        "bulan_romawi": _ROMAWI[tanggal.month - 1],
    }
    return pola.format_map(values)


def periksa_pola(pola: str, *, per_kka: bool = False) -> None:
    """Raise ValidationError (Indonesian) when `pola` cannot number letters safely."""
    try:
        bagian = list(Formatter().parse(pola))
    except ValueError as exc:
        raise ValidationError(
            f"Pola nomor tidak sah: tanda kurung kurawal {{ }} tidak berpasangan. Gunakan {DAFTAR}."
        ) from exc
    nama = []
    for _teks, field, spec, conversion in bagian:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            tampil = "{" + field + (("!" + conversion) if conversion else "") + ((":" + spec) if spec else "") + "}"
            raise ValidationError(f"Bagian {tampil} tidak dikenal. Yang dapat dipakai: {DAFTAR}.")
        nama.append(field)
    if "urut" not in nama:
        raise ValidationError("Pola nomor wajib memuat {urut}; tanpa itu semua surat mendapat nomor yang sama.")
    if per_kka and "kka" not in nama:
        raise ValidationError("Penomoran per kode klasifikasi memerlukan {kka} di pola, agar nomor tidak kembar.")
    if len(contoh(pola)) > PANJANG_MAKS_NOMOR:
        raise ValidationError(f"Nomor yang dihasilkan terlalu panjang (lebih dari {PANJANG_MAKS_NOMOR} karakter).")
