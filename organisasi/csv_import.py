"""Importing staff (pegawai) from a CSV file: all rows or none.

Every row is checked first and every problem is reported with its row number, column and an
Indonesian message; only when the whole file is clean are the pegawai created, in one transaction,
through `services.pegawai_create`. The management command `impor_pegawai` uses this module; a web
upload can call `impor_pegawai` with the uploaded bytes and the acting admin. The format is described
in docs/impor-pegawai.md.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from organisasi import permissions, services
from organisasi.models import Jabatan, Pangkat, Pegawai, UnitKerja
from organisasi.nip import validate_nip

KOLOM = (
    "nip",
    "nik",
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "pangkat",
    "email",
    "telepon",
    "jabatan",
    "username",
    "password",
)
KOLOM_WAJIB = ("nip", "nama", "jabatan")

_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?e\+?\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class Masalah:
    """One problem: the row number as a spreadsheet shows it (the header is row 1)."""

    baris: int
    kolom: str
    pesan: str

    def __str__(self) -> str:
        if self.kolom:
            return f"Baris {self.baris}, kolom {self.kolom}: {self.pesan}"
        return f"Baris {self.baris}: {self.pesan}"


@dataclass
class HasilImpor:
    masalah: list[Masalah] = field(default_factory=list)
    jumlah: int = 0
    disimpan: bool = False
    pegawai: list[Pegawai] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.masalah


class _Batal(Exception):
    """Raised inside the transaction to roll every row back."""


# ---------------------------------------------------------------- reading


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "Berkas bukan teks UTF-8. Di Excel pilih Simpan Sebagai > CSV UTF-8 (dipisah koma)."
        ) from None


def _separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _pangkat_lookup() -> dict[str, str]:
    """'iii/a', 'penata muda (iii/a)' and 'penata muda' all map to 'III/a'."""
    lookup: dict[str, str] = {}
    for value, label in Pangkat.choices:
        for key in (value, label, label.split(" (")[0]):
            lookup[_squash(key)] = value
    return lookup


def _kalimat(text: str) -> str:
    """End with one full stop, also after a title such as 'A.Md.'."""
    return text if text.endswith(".") else f"{text}."


def _urutan_masalah(masalah: Masalah) -> tuple[int, int]:
    return masalah.baris, KOLOM.index(masalah.kolom) if masalah.kolom in KOLOM else -1


def _squash(text: str) -> str:
    text = re.sub(r"\s*/\s*", "/", text.strip().lower())
    return re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------- checking


class _Pemeriksa:
    """Checks rows one by one, remembering NIPs, usernames and jabatan already used in the file."""

    def __init__(self, actor: Pegawai | None) -> None:
        self.actor = actor
        self.masalah: list[Masalah] = []
        self.pangkat = _pangkat_lookup()
        self.nip_di_berkas: dict[str, int] = {}
        self.username_di_berkas: dict[str, int] = {}
        self.jabatan_di_berkas: dict[int, int] = {}
        self.username_validator = UnicodeUsernameValidator()

    def salah(self, baris: int, kolom: str, pesan: str) -> None:
        self.masalah.append(Masalah(baris, kolom, pesan))

    def periksa(self, baris: int, row: dict[str, str]) -> dict[str, Any]:
        """Return the keyword arguments for pegawai_create; problems go to self.masalah."""
        data: dict[str, Any] = {
            "gelar_depan": row["gelar_depan"],
            "nama": row["nama"],
            "gelar_belakang": row["gelar_belakang"],
            "telepon": row["telepon"],
        }
        data["nip"] = self._nip(baris, row["nip"])
        data["nik"] = self._nik(baris, row["nik"])
        if not row["nama"]:
            self.salah(baris, "nama", "Nama wajib diisi (tanpa gelar).")
        data["pangkat"] = self._pangkat(baris, row["pangkat"])
        data["email"] = self._email(baris, row["email"])
        data["jabatan"] = self._jabatan(baris, row["jabatan"])
        data["username"] = self._username(baris, row["username"], data["nip"], row["nip"])
        data["password"] = self._password(baris, row["password"])
        return data

    def _nip(self, baris: int, raw: str) -> str | None:
        if not raw:
            return None
        if _SCIENTIFIC.match(raw):
            self.salah(
                baris, "nip", "NIP tertulis sebagai angka ilmiah (mis. 1,98E+17). Ubah format kolom NIP menjadi Teks."
            )
            return None
        try:
            nip = validate_nip(raw)
        except ValidationError as exc:
            self.salah(baris, "nip", exc.messages[0])
            return None
        if nip in self.nip_di_berkas:
            self.salah(baris, "nip", f"NIP ini sama dengan NIP di baris {self.nip_di_berkas[nip]}.")
            return nip
        self.nip_di_berkas[nip] = baris
        terdaftar = Pegawai.objects.filter(nip=nip).first()
        if terdaftar is not None:
            self.salah(baris, "nip", _kalimat(f"NIP ini sudah terdaftar atas nama {terdaftar}"))
        return nip

    def _nik(self, baris: int, raw: str) -> str:
        if not raw:
            return ""
        if _SCIENTIFIC.match(raw):
            self.salah(baris, "nik", "NIK tertulis sebagai angka ilmiah. Ubah format kolom NIK menjadi Teks.")
            return ""
        nik = re.sub(r"[\s.\-]", "", raw)
        if not (nik.isdigit() and len(nik) == 16):
            self.salah(baris, "nik", f"NIK harus 16 angka; tertulis {len(nik)} karakter.")
        return nik

    def _pangkat(self, baris: int, raw: str) -> str:
        if not raw:
            return ""
        value = self.pangkat.get(_squash(raw))
        if value is None:
            self.salah(
                baris,
                "pangkat",
                f"Pangkat/golongan '{raw}' tidak dikenal. Tulis golongan seperti III/a "
                "atau nama pangkat seperti Penata Muda (III/a). Kosongkan untuk PPPK.",
            )
            return ""
        return value

    def _email(self, baris: int, raw: str) -> str:
        if raw:
            try:
                validate_email(raw)
            except ValidationError:
                self.salah(baris, "email", f"Alamat email '{raw}' tidak sah.")
        return raw

    def _jabatan(self, baris: int, raw: str) -> Jabatan | None:
        if not raw:
            self.salah(
                baris,
                "jabatan",
                "Jabatan wajib diisi: id jabatan, atau kode OPD|nama jabatan (mis. DISHUB|Kepala Dinas Perhubungan).",
            )
            return None
        jabatan = self._find_jabatan(baris, raw)
        if jabatan is None:
            return None
        if not jabatan.aktif:
            self.salah(baris, "jabatan", f"Jabatan '{jabatan}' sudah tidak aktif.")
            return None
        if jabatan.pk in self.jabatan_di_berkas:
            self.salah(baris, "jabatan", f"Jabatan ini juga dipakai di baris {self.jabatan_di_berkas[jabatan.pk]}.")
            return None
        self.jabatan_di_berkas[jabatan.pk] = baris
        pemangku = Pegawai.objects.filter(jabatan=jabatan).first()
        if pemangku is not None:
            self.salah(baris, "jabatan", _kalimat(f"Jabatan '{jabatan}' sudah dipangku oleh {pemangku}"))
        if self.actor is not None and not permissions.can_manage_opd(self.actor, jabatan.unit.opd_id):
            self.salah(baris, "jabatan", f"Jabatan '{jabatan}' berada di luar OPD yang Anda kelola.")
        return jabatan

    def _find_jabatan(self, baris: int, raw: str) -> Jabatan | None:
        qs = Jabatan.objects.select_related("unit")
        if raw.isdigit():
            jabatan = qs.filter(pk=int(raw)).first()
            if jabatan is None:
                self.salah(baris, "jabatan", f"Tidak ada jabatan dengan id {raw}.")
            return jabatan
        kode, sep, nama = (part.strip() for part in raw.partition("|"))
        if not sep or not kode or not nama:
            self.salah(
                baris,
                "jabatan",
                f"'{raw}' tidak dikenali. Tulis id jabatan (angka) atau kode OPD|nama jabatan, "
                "mis. DISHUB|Kepala Dinas Perhubungan.",
            )
            return None
        opd = UnitKerja.objects.filter(is_opd=True, kode__iexact=kode).first()
        if opd is None:
            self.salah(baris, "jabatan", f"Tidak ada OPD dengan kode {kode}.")
            return None
        found = list(qs.filter(unit__opd=opd, nama__iexact=re.sub(r"\s+", " ", nama))[:2])
        if not found:
            self.salah(baris, "jabatan", f"Jabatan '{nama}' tidak ditemukan di {opd}.")
            return None
        if len(found) > 1:
            self.salah(baris, "jabatan", f"Ada lebih dari satu jabatan '{nama}' di {opd}; tulis id jabatannya (angka).")
            return None
        return found[0]

    def _username(self, baris: int, raw: str, nip: str | None, nip_raw: str) -> str:
        if not raw and not nip:
            if not nip_raw:
                self.salah(baris, "nip", "Isi NIP, atau isi username untuk pegawai tanpa NIP.")
            return ""
        username = raw or nip or ""
        if raw:
            try:
                self.username_validator(raw)
            except ValidationError:
                self.salah(
                    baris, "username", "Username hanya boleh berisi huruf, angka dan tanda . @ + - _ (tanpa spasi)."
                )
                return raw
        key = username.lower()
        if key in self.username_di_berkas:
            if raw:  # a repeated NIP was already reported in the nip column
                self.salah(
                    baris, "username", f"Username ini sama dengan username di baris {self.username_di_berkas[key]}."
                )
            return username
        self.username_di_berkas[key] = baris
        nip_bermasalah = any(m.baris == baris and m.kolom == "nip" for m in self.masalah)
        if (raw or not nip_bermasalah) and get_user_model().objects.filter(username__iexact=username).exists():
            saran = "" if raw else " Username bawaan adalah NIP; isi kolom username dengan nama lain."
            self.salah(baris, "username", f"Username '{username}' sudah dipakai.{saran}")
        return username

    def _password(self, baris: int, raw: str) -> str | None:
        if not raw:
            return None
        try:
            validate_password(raw)
        except ValidationError as exc:
            self.salah(baris, "password", " ".join(exc.messages))
        return raw


# ---------------------------------------------------------------- the import


def _rows(text: str, pemeriksa: _Pemeriksa) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    records = list(reader)
    if not records or not any(cell.strip() for cell in records[0]):
        pemeriksa.salah(1, "", "Berkas kosong. Baris pertama harus berisi judul kolom, mis. nip;nama;jabatan.")
        return []
    header = [cell.strip().lower().replace(" ", "_") for cell in records[0]]
    unknown = [name for name in header if name and name not in KOLOM]
    if unknown:
        pemeriksa.salah(
            1, "", f"Kolom tidak dikenal: {', '.join(unknown)}. Kolom yang boleh dipakai: {', '.join(KOLOM)}."
        )
    missing = [name for name in KOLOM_WAJIB if name not in header]
    if missing:
        pemeriksa.salah(1, "", f"Kolom wajib tidak ada: {', '.join(missing)}.")
    if unknown or missing:
        return []
    rows = []
    for baris, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            pemeriksa.salah(baris, "", f"Baris ini berisi {len(record)} kolom, padahal judul hanya {len(header)}.")
            continue
        values = {name: "" for name in KOLOM}
        for name, cell in zip(header, record, strict=False):
            if name:
                values[name] = cell.strip()
        rows.append((baris, values))
    if not rows and not pemeriksa.masalah:
        pemeriksa.salah(2, "", "Tidak ada data pegawai di bawah baris judul.")
    return rows


def impor_pegawai(data: bytes | str, *, actor: Pegawai | None = None, dry_run: bool = False) -> HasilImpor:
    """Check every row, then create all pegawai in one transaction, or none when any row is wrong.

    actor None is the command line (trusted); an admin passes itself and may only fill jabatan of
    the OPD it manages. With dry_run nothing is written."""
    try:
        text = _decode(data)
    except ValidationError as exc:
        return HasilImpor(masalah=[Masalah(1, "", exc.messages[0])])
    pemeriksa = _Pemeriksa(actor)
    checked = [(baris, pemeriksa.periksa(baris, row)) for baris, row in _rows(text, pemeriksa)]
    hasil = HasilImpor(masalah=sorted(pemeriksa.masalah, key=_urutan_masalah), jumlah=len(checked))
    if not hasil.berhasil or dry_run:
        return hasil
    try:
        with transaction.atomic():
            for baris, kwargs in checked:
                try:
                    hasil.pegawai.append(services.pegawai_create(actor=actor, **kwargs))
                except ValidationError as exc:
                    # Someone changed the data between the check and the write.
                    for kolom, pesan in exc.message_dict.items():
                        hasil.masalah.append(Masalah(baris, kolom, " ".join(pesan)))
                    raise _Batal from exc
                except PermissionDenied as exc:
                    hasil.masalah.append(Masalah(baris, "jabatan", str(exc) or "Anda tidak berwenang."))
                    raise _Batal from exc
    except _Batal:
        hasil.pegawai = []
        return hasil
    hasil.disimpan = True
    return hasil
