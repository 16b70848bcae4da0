"""NIP (Nomor Induk Pegawai) structure: YYYYMMDD birth date, YYYYMM TMT, sex digit, 3-digit sequence."""

import datetime
import re

from django.core.exceptions import ValidationError

_NON_DIGIT = re.compile(r"[\s.\-]")


def normalize_nip(raw: str) -> str:
    """Drop the spaces, dots and dashes people type; the stored form is 18 digits."""
    return _NON_DIGIT.sub("", raw or "")


def validate_nip(raw: str) -> str:
    """Return the 18-digit NIP or raise ValidationError saying which part is wrong."""
    nip = normalize_nip(raw)
    if not nip.isdigit() or len(nip) != 18:
        raise ValidationError("NIP harus 18 angka, misalnya 19860926 201505 1 001.", code="nip_length")
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            "8 angka pertama NIP bukan tanggal lahir yang sah (TTTTBBHH).", code="nip_lahir"
        ) from None
    if not 1940 <= lahir.year <= datetime.date.today().year - 15:
        raise ValidationError("Tahun lahir pada NIP tidak masuk akal.", code="nip_lahir")
    tmt_tahun, tmt_bulan = int(nip[8:12]), int(nip[12:14])
    # PPPK numbers carry 21 in the month slot; they are valid.
    if not (1 <= tmt_bulan <= 12 or tmt_bulan == 21):
        raise ValidationError(
            "Bulan TMT pada NIP (angka ke-13 dan 14) harus 01-12, atau 21 untuk PPPK.", code="nip_tmt"
        )
    if tmt_tahun < lahir.year + 15 or tmt_tahun > datetime.date.today().year + 1:
        raise ValidationError("Tahun TMT pada NIP (angka ke-9 sampai 12) tidak masuk akal.", code="nip_tmt")
    if nip[14] not in "12":
        raise ValidationError(
            "Angka jenis kelamin pada NIP (angka ke-15) harus 1 (pria) atau 2 (wanita).", code="nip_jk"
        )
    if nip[15:18] == "000":
        raise ValidationError("Nomor urut pada NIP (3 angka terakhir) tidak boleh 000.", code="nip_urut")
    return nip


def format_nip(nip: str) -> str:
    """'198609262015051001' -> '19860926 201505 1 001' (as printed in letters)."""
    if len(nip or "") != 18:
        return nip or ""
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
