"""The Seeder: the state of one seeding run (what exists by key, what this run created, the random
source) and the ways it makes units, jabatan, people, Plt/Plh and roles, always through the structure's
services (actor None) so the audit log tells the same story as real use. Every method looks up what it
would create first: running the seed again changes nothing and writes no audit rows."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from demo.akun import AKUN_JABATAN, DEMO_PASSWORD
from demo.orang import (
    ADMINISTRATOR,
    LAKI_BELAKANG,
    LAKI_DEPAN,
    MAGISTER,
    PANGKAT_ESELON,
    PANGKAT_FUNGSIONAL,
    PENGAWAS,
    PEREMPUAN_BELAKANG,
    PEREMPUAN_DEPAN,
    PIMPINAN,
    PPPK,
    SARJANA,
    TAHUN_LAHIR,
    E,
)
from organisasi import services
from organisasi.models import Jabatan, Pangkat, Pegawai, Pemda, Penugasan, Peran, UnitKerja

RANDOM_SEED = 2018_07_02  # the day Solo's e-Office went live
_USERNAME = {key: username for username, key in AKUN_JABATAN.items()}


class Seeder:
    """State of one seeding run: what exists by key, what this run created, and the random source."""

    def __init__(self, *, today: datetime.date) -> None:
        self.today = today
        self.rng = random.Random(RANDOM_SEED)
        self.pemda: Pemda | None = None
        self.units: dict[str, UnitKerja] = {}
        self.jabatan: dict[str, Jabatan] = {}
        self.pegawai: dict[str, Pegawai] = {}
        self.pencatat: dict[str, str] = {}  # OPD kode -> key of the pegawai who registers its mail
        self.dibuat: Counter[str] = Counter()
        self._urutan: Counter[Any] = Counter()
        self._nama: set[str] = set()
        self._nip_urut: Counter[str] = Counter()
        self._nik_urut = 0

    @cached_property
    def _ada(self) -> dict[str, dict[Any, Any]]:
        """What already exists, loaded in a few queries instead of one lookup per object."""
        units = list(UnitKerja.objects.all())
        pegawai = list(Pegawai.objects.select_related("user"))
        return {
            "opd": {u.kode: u for u in units if u.is_opd},
            "unit": {(u.induk_id, u.nama): u for u in units},
            "jabatan": {(j.unit_id, j.nama): j for j in Jabatan.objects.all()},
            "username": {p.user.username: p for p in pegawai},
            "pemangku": {p.jabatan_id: p for p in pegawai if p.jabatan_id},
        }

    @cached_property
    def password_hash(self) -> str:
        """Hashed once: PBKDF2 per user would make the seed take minutes."""
        return make_password(DEMO_PASSWORD)

    def _next(self, scope: Any) -> int:
        self._urutan[scope] += 1
        return self._urutan[scope]

    # ---- units and jabatan

    def unit(self, key: str, *, nama: str, jenis: str, induk: UnitKerja | None, **fields: Any) -> UnitKerja:
        if fields.get("is_opd"):
            unit = self._ada["opd"].get(fields["kode"])
        else:
            unit = self._ada["unit"].get((induk.pk if induk else None, nama))
        urutan = self._next(("unit", induk.pk if induk else None))
        if unit is None:
            unit = services.unit_create(actor=None, nama=nama, jenis=jenis, induk=induk, urutan=urutan, **fields)
            self.dibuat["unit kerja"] += 1
        self.units[key] = unit
        return unit

    def jab(
        self,
        key: str,
        *,
        nama: str,
        unit: UnitKerja,
        eselon: str,
        atasan: Jabatan | None,
        kepala: bool = False,
        ttd: bool = False,
    ) -> Jabatan:
        jabatan = self._ada["jabatan"].get((unit.pk, nama))
        urutan = self._next(("jabatan", unit.pk))
        if jabatan is None:
            jabatan = services.jabatan_create(
                actor=None,
                nama=nama,
                unit=unit,
                eselon=eselon,
                atasan=atasan,
                is_kepala_unit=kepala,
                dapat_menandatangani=ttd,
                urutan=urutan,
            )
            self.dibuat["jabatan"] += 1
        self.jabatan[key] = jabatan
        return jabatan

    def jab_orang(self, key: str, *, ilmu: str = "umum", **jabatan_fields: Any) -> Jabatan:
        """A jabatan and the person who holds it."""
        jabatan = self.jab(key, **jabatan_fields)
        self.orang(key, ilmu=ilmu)
        return jabatan

    # ---- people

    def _tingkat(self, jabatan: Jabatan) -> str:
        """The career level that decides age, titles and pangkat."""
        if jabatan.eselon in PIMPINAN:
            return "pimpinan"
        if jabatan.eselon in ADMINISTRATOR:
            return "administrator"
        if jabatan.eselon in PENGAWAS:
            return "pengawas"
        if jabatan.eselon == E.FUNGSIONAL:
            if "Terampil" in jabatan.nama:
                return "terampil"
            return "fungsional_madya" if ("Ahli Muda" in jabatan.nama or "Ahli Madya" in jabatan.nama) else "fungsional"
        return "pelaksana"

    def _nama_baru(self, perempuan: bool) -> tuple[str, str]:
        depan, belakang = (PEREMPUAN_DEPAN, PEREMPUAN_BELAKANG) if perempuan else (LAKI_DEPAN, LAKI_BELAKANG)
        while True:
            nama = f"{self.rng.choice(depan)} {self.rng.choice(belakang)}"
            pertama, kedua = nama.split()
            if nama not in self._nama and not kedua.startswith(pertama[:4]):
                self._nama.add(nama)
                return nama, f"{nama.lower().replace(' ', '.')}@surakarta.go.id"

    def _gelar(self, tingkat: str, ilmu: str) -> tuple[str, str]:
        s1, s2 = self.rng.choice(SARJANA[ilmu]), self.rng.choice(MAGISTER[ilmu])
        roll = self.rng.random()
        if tingkat == "pimpinan":
            if roll < 0.2:
                return "Dr.", f"{s1}, {s2}"
            if ilmu == "teknik" and roll < 0.45:
                return "Ir.", s2
            if ilmu == "kesehatan" and roll < 0.7:
                return "dr.", s2
            return "", f"{s1}, {s2}"
        if tingkat == "administrator":
            return "", f"{s1}, {s2}" if roll < 0.6 else s1
        if tingkat in ("pengawas", "fungsional_madya"):
            return "", f"{s1}, {s2}" if roll < 0.25 else s1
        if tingkat == "fungsional":
            return "", s1
        if tingkat == "terampil":
            return "", "A.Md."
        return "", s1 if roll < 0.4 else ("A.Md." if roll < 0.7 else "")

    def _pangkat(self, jabatan: Jabatan) -> str:
        for jenjang, pilihan in PANGKAT_FUNGSIONAL.items():
            if jabatan.eselon == E.FUNGSIONAL and jenjang in jabatan.nama:
                return self.rng.choice(pilihan)
        return self.rng.choice(PANGKAT_ESELON.get(jabatan.eselon, (Pangkat.III_A,)))

    def _nip(self, tingkat: str, perempuan: bool, pppk: bool) -> tuple[str, datetime.date]:
        awal, akhir = TAHUN_LAHIR[tingkat]
        lahir = datetime.date(self.rng.randint(awal, akhir), self.rng.randint(1, 12), self.rng.randint(1, 28))
        if pppk:
            tmt = f"{self.rng.choice((2022, 2023))}21"
        else:
            tahun = min(lahir.year + self.rng.randint(22, 28), 2020)
            tmt = f"{tahun}{self.rng.choice((1, 2, 3, 4, 12)):02d}"
        awalan = f"{lahir:%Y%m%d}{tmt}{'2' if perempuan else '1'}"
        self._nip_urut[awalan] += 1
        return f"{awalan}{self._nip_urut[awalan]:03d}", lahir

    def _nik(self, lahir: datetime.date, perempuan: bool) -> str:
        """Surakarta (33 72), kecamatan, birth date (day + 40 for women), a running number."""
        self._nik_urut += 1
        hari = lahir.day + (40 if perempuan else 0)
        kecamatan = self.rng.randint(1, 5)
        return f"33720{kecamatan}{hari:02d}{lahir:%m%y}{self._nik_urut:04d}"

    def orang(self, key: str, *, ilmu: str = "umum", **tetap: Any) -> Pegawai:
        """The holder of jabatan `key`, created through pegawai_create unless already there.

        The profile is generated before the lookup so the random sequence (and so everyone after this
        person) is the same on every run."""
        jabatan = self.jabatan[key]
        tingkat = self._tingkat(jabatan)
        perempuan = tetap.pop("perempuan", self.rng.random() < 0.42)
        nama, email = self._nama_baru(perempuan)
        gelar_depan, gelar_belakang = self._gelar(tingkat, ilmu)
        pppk = key in PPPK
        nip, lahir = self._nip(tingkat, perempuan, pppk)
        profil: dict[str, Any] = {
            "nip": nip,
            "nama": nama,
            "gelar_depan": gelar_depan,
            "gelar_belakang": gelar_belakang,
            "pangkat": "" if pppk else self._pangkat(jabatan),
            "email": email,
            "nik": self._nik(lahir, perempuan) if jabatan.dapat_menandatangani else "",
        }
        profil.update(tetap)
        username = _USERNAME.get(key) or profil["nip"]
        pegawai = self._ada["username"].get(username) or self._ada["pemangku"].get(jabatan.pk)
        if pegawai is None:
            pegawai = services.pegawai_create(actor=None, username=username, jabatan=jabatan, **profil)
            user_fields: dict[str, Any] = {"password": self.password_hash}
            if username == "adminpemda":
                # So the Django admin works for the demo administrator.
                user_fields.update(is_staff=True, is_superuser=True)
            get_user_model().objects.filter(pk=pegawai.user_id).update(**user_fields)
            self.dibuat["pegawai"] += 1
        self.pegawai[key] = pegawai
        return pegawai

    def penugasan(
        self, *, jenis: str, jabatan: str, pegawai: str, mulai: datetime.date, selesai: datetime.date, nomor_sk: str
    ) -> None:
        """One Plt/Plh per jabatan and kind: a rerun on another day must not add a second one."""
        if Penugasan.objects.filter(jabatan=self.jabatan[jabatan], jenis=jenis).exists():
            return
        services.penugasan_create(
            actor=None,
            jenis=jenis,
            jabatan=self.jabatan[jabatan],
            pegawai=self.pegawai[pegawai],
            mulai=mulai,
            selesai=selesai,
            nomor_sk=nomor_sk,
        )
        self.dibuat["penugasan Plt/Plh"] += 1

    def peran(self, *, key: str, jenis: str, opd: str | None = None) -> None:
        pegawai, unit = self.pegawai[key], self.units[opd] if opd else None
        if Peran.objects.filter(pegawai=pegawai, jenis=jenis, opd=unit).exists():
            return
        services.peran_grant(actor=None, pegawai=pegawai, jenis=jenis, opd=unit)
        self.dibuat["peran"] += 1
