"""The demo city: Pemerintah Kota Surakarta with its Setda, OPD, kecamatan, people, a Plt, a Plh and the
roles, built through the services (actor None) so the audit log tells the same story as real use.

`seed()` runs the functions in `STEPS` in order inside one transaction. Every step looks up what it
would create first, so running the seed again changes nothing and writes no audit rows. Later features
add their demo data (letters, dispositions, archives) by appending a step function `step(seeder)` to
`STEPS`; the `Seeder` passed in holds the units, jabatan and pegawai built so far, keyed like
"DISKOMINFOSP.bidang0.jf" (see `AKUN_JABATAN`), and `seeder.today`.

People are generated from a fixed random seed, so every run produces the same names and NIPs.
"""

from __future__ import annotations

import datetime
import importlib
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from audit.services import record
from organisasi import services
from organisasi.models import Jabatan, Pangkat, Pegawai, Pemda, Penugasan, Peran, UnitKerja

DEMO_PASSWORD = "Surakarta2026"
# Passphrase of the demo TTE certificates that step_sertifikat_tte issues to the demo signers
# (PENANDATANGAN_DEMO); the signing page asks for it. Real signers choose their own.
DEMO_PASSPHRASE = "Surakarta2026"
RANDOM_SEED = 2018_07_02  # the day Solo's e-Office went live

E = Jabatan.Eselon


class AkunDemo(NamedTuple):
    username: str
    peran: str
    jabatan: str


DEMO_ACCOUNTS: list[AkunDemo] = [
    AkunDemo(
        "adminpemda",
        "Admin Pemda: mengelola struktur semua OPD, juga halaman admin Django",
        "Pranata Komputer Ahli Muda, Bagian Organisasi Setda",
    ),
    AkunDemo("walikota", "Kepala daerah, penandatangan tertinggi", "Wali Kota Surakarta"),
    AkunDemo("wakilwalikota", "Wakil kepala daerah, penandatangan", "Wakil Wali Kota Surakarta"),
    AkunDemo("sekda", "Penandatangan; atasan para kepala OPD", "Sekretaris Daerah"),
    AkunDemo(
        "kominfo.kepala",
        "Kepala OPD: penandatangan dan pemberi disposisi",
        "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
    ),
    AkunDemo(
        "kominfo.sekretaris",
        "Verifikator; menandatangani a.n. Kepala Dinas",
        "Sekretaris Dinas Komunikasi, Informatika, Statistik dan Persandian",
    ),
    AkunDemo(
        "kominfo.kabid", "Verifikator (paraf) dan penandatangan tingkat bidang", "Kepala Bidang Aplikasi Informatika"
    ),
    AkunDemo(
        "kominfo.kasi",
        "Verifikator pertama (paraf)",
        "Kepala Seksi Pengembangan dan Integrasi Aplikasi, Bidang Aplikasi Informatika",
    ),
    AkunDemo(
        "kominfo.staf",
        "Konseptor: menyusun konsep surat",
        "Pranata Komputer Ahli Pertama, Bidang Aplikasi Informatika",
    ),
    AkunDemo(
        "kominfo.tu",
        "Pencatat surat (TU) Diskominfo SP: surat masuk dan buku agenda",
        "Pengadministrasi Umum, Subbagian Umum dan Kepegawaian",
    ),
    AkunDemo("kominfo.admin", "Admin OPD Diskominfo SP", "Pengelola Sistem Informasi, Bidang Aplikasi Informatika"),
    AkunDemo("dishub.kepala", "Kepala OPD yang sedang berhalangan (diwakili Plh.)", "Kepala Dinas Perhubungan"),
    AkunDemo("dishub.sekretaris", "Plh. Kepala Dinas Perhubungan selama 2 minggu", "Sekretaris Dinas Perhubungan"),
    AkunDemo("dishub.kabid", "Verifikator dan penandatangan tingkat bidang", "Kepala Bidang Lalu Lintas"),
    AkunDemo("dishub.staf", "Konseptor", "Analis Kebijakan Ahli Pertama, Bidang Lalu Lintas"),
    AkunDemo(
        "dishub.tu", "Pencatat surat (TU) Dinas Perhubungan", "Pengadministrasi Umum, Subbagian Umum dan Kepegawaian"
    ),
    AkunDemo(
        "disdag.sekretaris",
        "Plt. Kepala Dinas Perdagangan (jabatan kepala kosong) selama 6 bulan",
        "Sekretaris Dinas Perdagangan",
    ),
    AkunDemo("arsip.unit", "Unit Kearsipan (arsiparis)", "Arsiparis Ahli Muda, Dinas Kearsipan dan Perpustakaan"),
]

# Which seeded jabatan each demo account holds. Everybody else signs in with the NIP.
AKUN_JABATAN: dict[str, str] = {
    "adminpemda": "OR.jf",
    "walikota": "PEMKOT.kepala",
    "wakilwalikota": "PEMKOT.wakil",
    "sekda": "SETDA.kepala",
    "kominfo.kepala": "DISKOMINFOSP.kepala",
    "kominfo.sekretaris": "DISKOMINFOSP.sekretaris",
    "kominfo.kabid": "DISKOMINFOSP.bidang0.kepala",
    "kominfo.kasi": "DISKOMINFOSP.bidang0.kasi",
    "kominfo.staf": "DISKOMINFOSP.bidang0.jf",
    "kominfo.tu": "DISKOMINFOSP.pencatat",
    "kominfo.admin": "DISKOMINFOSP.bidang0.jp",
    "dishub.kepala": "DISHUB.kepala",
    "dishub.sekretaris": "DISHUB.sekretaris",
    "dishub.kabid": "DISHUB.bidang0.kepala",
    "dishub.staf": "DISHUB.bidang0.jf",
    "dishub.tu": "DISHUB.pencatat",
    "disdag.sekretaris": "DISDAG.sekretaris",
    "arsip.unit": "DISARPUS.bidang0.jf",
}
_USERNAME = {key: username for username, key in AKUN_JABATAN.items()}
# Two PPPK staff: their NIP carries 21 in the month slot and they have no pangkat.
PPPK = {"DISKOMINFOSP.bidang1.jf", "DKK.bidang0.jf"}

# ---------------------------------------------------------------- the structure, as data

BALAI_KOTA = "Kompleks Balai Kota Surakarta, Jl. Jenderal Sudirman No. 2, Surakarta"
TELEPON_BALAI_KOTA = "(0271) 642020"


@dataclass(frozen=True)
class Bidang:
    nama: str
    seksi: str  # empty: the bidang has functional staff only (Inspektorat)
    fungsional: str
    pelaksana: str
    kepala: str = ""  # title of the head when not "Kepala <nama>"


@dataclass(frozen=True)
class Opd:
    kode: str
    nama: str
    singkatan: str
    jenis: str
    ilmu: str  # which academic titles its officials tend to carry
    alamat: str
    telepon: str
    website: str
    bidang: tuple[Bidang, ...]
    kepala: str = ""
    kepala_kosong: bool = False


@dataclass(frozen=True)
class Bagian:
    kode: str
    nama: str
    email: str
    asisten: str
    subbagian: tuple[str, ...]
    fungsional: str
    pelaksana: str


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str
    alamat: str
    telepon: str
    kelurahan: tuple[str, ...]


J = UnitKerja.Jenis

ASISTEN = {
    "pemkesra": "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "ekbang": "Asisten Perekonomian dan Pembangunan",
    "adum": "Asisten Administrasi Umum",
}

BAGIAN: tuple[Bagian, ...] = (
    Bagian(
        "PEM",
        "Bagian Pemerintahan",
        "bag.pemerintahan",
        "pemkesra",
        ("Subbagian Administrasi Pemerintahan", "Subbagian Otonomi Daerah dan Kerja Sama"),
        "Analis Kebijakan Ahli Muda",
        "Pengadministrasi Pemerintahan",
    ),
    Bagian(
        "HK",
        "Bagian Hukum",
        "bag.hukum",
        "pemkesra",
        ("Subbagian Perundang-undangan", "Subbagian Bantuan Hukum"),
        "Perancang Peraturan Perundang-undangan Ahli Pertama",
        "Pengelola Dokumentasi Hukum",
    ),
    Bagian(
        "OR",
        "Bagian Organisasi",
        "bag.organisasi",
        "adum",
        ("Subbagian Kelembagaan dan Analisis Jabatan",),
        "Pranata Komputer Ahli Muda",
        "Pengolah Data Kelembagaan",
    ),
    Bagian(
        "HUMAS",
        "Bagian Humas dan Protokol",
        "bag.humas",
        "adum",
        ("Subbagian Protokol", "Subbagian Komunikasi Pimpinan"),
        "Pranata Humas Ahli Muda",
        "Pengelola Protokol",
    ),
    Bagian(
        "EK",
        "Bagian Perekonomian",
        "bag.perekonomian",
        "ekbang",
        ("Subbagian Perekonomian dan Sumber Daya Alam",),
        "Analis Kebijakan Ahli Pertama",
        "Pengolah Data Perekonomian",
    ),
    Bagian(
        "UM",
        "Bagian Umum",
        "bag.umum",
        "adum",
        ("Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga"),
        "Arsiparis Ahli Pertama",
        "Pengadministrasi Persuratan Pimpinan",
    ),
    Bagian(
        "PBJ",
        "Bagian Pengadaan Barang/Jasa",
        "bag.pbj",
        "ekbang",
        ("Subbagian Pengelolaan Pengadaan Barang/Jasa",),
        "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
        "Pengadministrasi Pengadaan",
    ),
)

OPD: tuple[Opd, ...] = (
    Opd(
        "DISKOMINFOSP",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "Diskominfo SP",
        J.DINAS,
        "teknik",
        BALAI_KOTA,
        "(0271) 642020 psw. 231",
        "diskominfosp.surakarta.go.id",
        (
            Bidang(
                "Bidang Aplikasi Informatika",
                "Seksi Pengembangan dan Integrasi Aplikasi",
                "Pranata Komputer Ahli Pertama",
                "Pengelola Sistem Informasi",
            ),
            Bidang(
                "Bidang Informasi dan Komunikasi Publik",
                "Seksi Pengelolaan Informasi Publik",
                "Pranata Humas Ahli Pertama",
                "Pengelola Media Informasi",
            ),
            Bidang(
                "Bidang Statistik dan Persandian",
                "Seksi Persandian dan Keamanan Informasi",
                "Sandiman Ahli Pertama",
                "Pengolah Data Statistik",
            ),
        ),
    ),
    Opd(
        "DISHUB",
        "Dinas Perhubungan",
        "Dishub",
        J.DINAS,
        "teknik",
        "Jl. Menteri Supeno No. 7, Manahan, Surakarta",
        "(0271) 717341",
        "dishub.surakarta.go.id",
        (
            Bidang(
                "Bidang Lalu Lintas",
                "Seksi Manajemen dan Rekayasa Lalu Lintas",
                "Analis Kebijakan Ahli Pertama",
                "Pengelola Lalu Lintas",
            ),
            Bidang(
                "Bidang Angkutan",
                "Seksi Angkutan Orang dan Barang",
                "Penguji Kendaraan Bermotor Ahli Pertama",
                "Pengelola Perizinan Angkutan",
            ),
        ),
    ),
    Opd(
        "DISDAG",
        "Dinas Perdagangan",
        "Disdag",
        J.DINAS,
        "ekonomi",
        "Jl. Jenderal Sudirman No. 5, Surakarta",
        "(0271) 644151",
        "disdag.surakarta.go.id",
        (
            Bidang(
                "Bidang Pengelolaan Pasar",
                "Seksi Pendapatan Pasar",
                "Analis Perdagangan Ahli Pertama",
                "Pengelola Retribusi Pasar",
            ),
            Bidang(
                "Bidang Perlindungan Konsumen dan Metrologi Legal",
                "Seksi Metrologi Legal",
                "Penera Ahli Pertama",
                "Pengadministrasi Tera",
            ),
        ),
        kepala_kosong=True,
    ),
    Opd(
        "BPPKAD",
        "Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah",
        "BPPKAD",
        J.BADAN,
        "ekonomi",
        BALAI_KOTA,
        "(0271) 642020 psw. 215",
        "bppkad.surakarta.go.id",
        (
            Bidang(
                "Bidang Pendapatan",
                "Seksi Pendataan dan Penetapan Pajak Daerah",
                "Analis Keuangan Pusat dan Daerah Ahli Pertama",
                "Pengelola Pajak Daerah",
            ),
            Bidang("Bidang Anggaran", "Seksi Penyusunan Anggaran", "Analis Anggaran Ahli Pertama", "Penyusun Anggaran"),
            Bidang("Bidang Aset", "Seksi Penatausahaan Aset", "Penilai Pemerintah Ahli Pertama", "Pengurus Barang"),
        ),
    ),
    Opd(
        "DISDIK",
        "Dinas Pendidikan",
        "Disdik",
        J.DINAS,
        "pendidikan",
        "Jl. Hasanudin No. 112, Surakarta",
        "(0271) 714416",
        "disdik.surakarta.go.id",
        (
            Bidang(
                "Bidang Pembinaan Sekolah Dasar",
                "Seksi Kurikulum dan Penilaian Sekolah Dasar",
                "Pengembang Teknologi Pembelajaran Ahli Pertama",
                "Pengelola Data Pendidikan",
            ),
            Bidang(
                "Bidang Pembinaan Sekolah Menengah Pertama",
                "Seksi Peserta Didik Sekolah Menengah Pertama",
                "Pengawas Sekolah Ahli Muda",
                "Pengadministrasi Kesiswaan",
            ),
        ),
    ),
    Opd(
        "DKK",
        "Dinas Kesehatan",
        "DKK",
        J.DINAS,
        "kesehatan",
        "Jl. Jenderal Sudirman No. 2, Surakarta",
        "(0271) 646920",
        "dkk.surakarta.go.id",
        (
            Bidang(
                "Bidang Pelayanan Kesehatan",
                "Seksi Pelayanan Kesehatan Primer",
                "Administrator Kesehatan Ahli Pertama",
                "Pengelola Data Kesehatan",
            ),
            Bidang(
                "Bidang Pencegahan dan Pengendalian Penyakit",
                "Seksi Surveilans dan Imunisasi",
                "Epidemiolog Kesehatan Ahli Pertama",
                "Pengelola Imunisasi",
            ),
        ),
    ),
    Opd(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        J.BADAN,
        "umum",
        BALAI_KOTA,
        "(0271) 642020 psw. 240",
        "bkpsdm.surakarta.go.id",
        (
            Bidang(
                "Bidang Mutasi dan Promosi",
                "Seksi Mutasi",
                "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
                "Pengadministrasi Mutasi",
            ),
            Bidang(
                "Bidang Pengembangan Kompetensi Aparatur",
                "Seksi Pendidikan dan Pelatihan",
                "Widyaiswara Ahli Pertama",
                "Pengelola Diklat",
            ),
        ),
    ),
    Opd(
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        J.BADAN,
        "umum",
        BALAI_KOTA,
        "(0271) 642020 psw. 250",
        "bappeda.surakarta.go.id",
        (
            Bidang(
                "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                "Seksi Pemerintahan dan Kesejahteraan Rakyat",
                "Perencana Ahli Pertama",
                "Pengolah Data Perencanaan",
            ),
            Bidang(
                "Bidang Perencanaan Perekonomian dan Infrastruktur Kewilayahan",
                "Seksi Infrastruktur dan Kewilayahan",
                "Perencana Ahli Muda",
                "Pengelola Data Pembangunan",
            ),
        ),
    ),
    Opd(
        "INSPEKTORAT",
        "Inspektorat",
        "Inspektorat",
        J.INSPEKTORAT,
        "ekonomi",
        BALAI_KOTA,
        "(0271) 642020 psw. 260",
        "inspektorat.surakarta.go.id",
        (
            Bidang(
                "Inspektorat Pembantu Wilayah I",
                "",
                "Auditor Ahli Pertama",
                "Pengadministrasi Pengawasan",
                kepala="Inspektur Pembantu Wilayah I",
            ),
            Bidang(
                "Inspektorat Pembantu Wilayah II",
                "",
                "Auditor Ahli Muda",
                "Pengelola Laporan Hasil Pemeriksaan",
                kepala="Inspektur Pembantu Wilayah II",
            ),
        ),
        kepala="Inspektur",
    ),
    Opd(
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        J.SATPOL,
        "hukum",
        BALAI_KOTA,
        "(0271) 642020 psw. 270",
        "satpolpp.surakarta.go.id",
        (
            Bidang(
                "Bidang Penegakan Peraturan Daerah",
                "Seksi Penyelidikan dan Penyidikan",
                "Polisi Pamong Praja Ahli Pertama",
                "Pengelola Penegakan Peraturan Daerah",
            ),
            Bidang(
                "Bidang Ketenteraman dan Ketertiban Umum",
                "Seksi Operasi dan Pengendalian",
                "Polisi Pamong Praja Terampil",
                "Pengelola Ketertiban Umum",
            ),
        ),
    ),
    Opd(
        "DISARPUS",
        "Dinas Kearsipan dan Perpustakaan",
        "Disarpus",
        J.DINAS,
        "umum",
        "Jl. Slamet Riyadi No. 275, Surakarta",
        "(0271) 714280",
        "disarpus.surakarta.go.id",
        (
            Bidang("Bidang Kearsipan", "Seksi Pengelolaan Arsip", "Arsiparis Ahli Muda", "Pengelola Arsip"),
            Bidang(
                "Bidang Perpustakaan",
                "Seksi Layanan Perpustakaan",
                "Pustakawan Ahli Pertama",
                "Pengelola Layanan Perpustakaan",
            ),
        ),
    ),
)

KECAMATAN: tuple[Kecamatan, ...] = (
    Kecamatan(
        "KEC.LWY",
        "Laweyan",
        "Jl. Dr. Rajiman No. 461, Laweyan, Surakarta",
        "(0271) 712006",
        ("Laweyan", "Sondakan"),
    ),
    Kecamatan(
        "KEC.BJS",
        "Banjarsari",
        "Jl. Kapten Tendean No. 1, Banjarsari, Surakarta",
        "(0271) 714702",
        ("Manahan", "Mangkubumen"),
    ),
)

# ---------------------------------------------------------------- people

LAKI_DEPAN = (
    "Agus Bambang Budi Joko Slamet Heru Eko Hari Teguh Wahyu Yoga Arif Hendra Rudi Sigit Bayu Adi Dimas Galih "
    "Gunawan Suryo Bagus Anang Didik Ari Rahmat Fajar Ilham Yusuf Danang Aris Kukuh Wisnu Rizky Andri Setyo "
    "Haryo Bimo Prasetya Kurniadi"
).split()
LAKI_BELAKANG = (
    "Prasetyo Santoso Susanto Wibowo Nugroho Purnomo Setiawan Hidayat Saputro Kurniawan Wicaksono Sutrisno "
    "Widodo Haryanto Raharjo Suryanto Pamungkas Utomo Hartono Darmawan Gunadi Sulistyo Wahyudi Mulyono Subagyo "
    "Priyambodo Handoko Sasongko Triyanto Susilo Budiman Kusuma Sudarsono Nurcahyo Permana Ardiansyah Hermawan "
    "Wijaya Prakoso Adinugroho"
).split()
PEREMPUAN_DEPAN = (
    "Sri Endang Dewi Rina Sari Ratna Wulan Siti Nur Yuli Dian Ayu Fitri Rini Retno Indah Eni Nanik Puji Umi Anik "
    "Diah Novi Intan Ika Maya Anis Heni Kartika Putri Mega Laras Rahma Ning Tutik Yanti Widya Asih Lina Wiwik"
).split()
PEREMPUAN_BELAKANG = (
    "Rahayu Lestari Wulandari Susilowati Handayani Astuti Purwaningsih Wahyuningsih Kurniasih Setyaningsih "
    "Maharani Anggraeni Pratiwi Permatasari Utami Hastuti Suryani Widyastuti Rahmawati Fitriani Nurhayati "
    "Sulistyowati Kusumawati Puspitasari Safitri Wijayanti Andriani Novitasari Indriyani Mulyani Yuliani "
    "Damayanti Ambarwati Prihatini Listyaningrum Hapsari Palupi Rukmini Kusumaningrum Saraswati"
).split()

SARJANA = {
    "umum": ("S.Sos.", "S.I.P.", "S.A.P.", "S.E.", "S.H."),
    "teknik": ("S.T.", "S.Kom."),
    "ekonomi": ("S.E.", "S.Ak."),
    "hukum": ("S.H.",),
    "kesehatan": ("S.K.M.", "S.Kep."),
    "pendidikan": ("S.Pd.",),
}
MAGISTER = {
    "umum": ("M.Si.", "M.M.", "M.A.P."),
    "teknik": ("M.T.", "M.Kom."),
    "ekonomi": ("M.M.", "M.Si.", "M.Ak."),
    "hukum": ("M.H.",),
    "kesehatan": ("M.Kes.",),
    "pendidikan": ("M.Pd.",),
}
PIMPINAN = {E.KEPALA_DAERAH, E.I_B, E.II_A, E.II_B}
ADMINISTRATOR = {E.III_A, E.III_B}
PENGAWAS = {E.IV_A, E.IV_B}
# Birth years by level (fixed, not relative to today, so NIPs never change between runs).
TAHUN_LAHIR = {
    "pimpinan": (1966, 1972),
    "administrator": (1969, 1979),
    "pengawas": (1974, 1986),
    "fungsional_madya": (1975, 1988),
    "fungsional": (1986, 1998),
    "terampil": (1986, 1998),
    "pelaksana": (1970, 1997),
}
PANGKAT_ESELON = {
    E.II_A: (Pangkat.IV_D,),
    E.II_B: (Pangkat.IV_C, Pangkat.IV_B),
    E.III_A: (Pangkat.IV_B, Pangkat.IV_A),
    E.III_B: (Pangkat.IV_A, Pangkat.III_D),
    E.IV_A: (Pangkat.III_D, Pangkat.III_C),
    E.IV_B: (Pangkat.III_C, Pangkat.III_B),
    E.PELAKSANA: (Pangkat.II_B, Pangkat.II_C, Pangkat.II_D, Pangkat.III_A, Pangkat.III_B),
}
PANGKAT_FUNGSIONAL = {
    "Ahli Madya": (Pangkat.IV_A, Pangkat.IV_B),
    "Ahli Muda": (Pangkat.III_C, Pangkat.III_D),
    "Ahli Pertama": (Pangkat.III_A, Pangkat.III_B),
    "Terampil": (Pangkat.II_C, Pangkat.II_D),
}


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


# ---------------------------------------------------------------- steps


def step_pemda(s: Seeder) -> None:
    """Pemerintah Kota Surakarta itself (the kop of the Wali Kota's letters)."""
    pemda = Pemda.current()
    if pemda is None:
        pemda = Pemda.objects.create(
            nama_daerah="Surakarta",
            tingkat=Pemda.Tingkat.KOTA,
            alamat="Jl. Jenderal Sudirman No. 2 Surakarta",
            kode_pos="57111",
            telepon=TELEPON_BALAI_KOTA,
            faksimile="(0271) 630400",
            email="pemkot@surakarta.go.id",
            website="surakarta.go.id",
        )
        record(actor=None, aksi="pemda.buat", objek=pemda, nama=pemda.nama)
        s.dibuat["pemda"] += 1
    s.pemda = pemda


def _kop(alamat: str, telepon: str, email: str, website: str, kode_pos: str = "57111") -> dict[str, str]:
    return {"alamat": alamat, "kode_pos": kode_pos, "telepon": telepon, "email": email, "website": website}


def step_pimpinan_dan_setda(s: Seeder) -> None:
    """Wali Kota, Wakil, Sekda, the three Asisten and the seven Bagian of the Setda."""
    pemkot = s.unit(
        "PEMKOT",
        nama="Pimpinan Daerah Kota Surakarta",
        jenis=J.PEMDA,
        induk=None,
        is_opd=True,
        kode="PEMKOT",
        singkatan="Pemkot",
        **_kop(BALAI_KOTA, TELEPON_BALAI_KOTA, "pemkot@surakarta.go.id", "surakarta.go.id"),
    )
    walikota = s.jab(
        "PEMKOT.kepala",
        nama="Wali Kota Surakarta",
        unit=pemkot,
        eselon=E.KEPALA_DAERAH,
        atasan=None,
        kepala=True,
        ttd=True,
    )
    s.orang(
        "PEMKOT.kepala",
        nip=None,
        pangkat="",
        gelar_depan="Ir.",
        nama="Gunawan Wicaksono",
        gelar_belakang="M.M.",
        email="walikota@surakarta.go.id",
    )
    s.jab(
        "PEMKOT.wakil", nama="Wakil Wali Kota Surakarta", unit=pemkot, eselon=E.KEPALA_DAERAH, atasan=walikota, ttd=True
    )
    s.orang(
        "PEMKOT.wakil",
        perempuan=True,
        nip=None,
        pangkat="",
        gelar_depan="",
        nama="Ratna Kusumawardani",
        gelar_belakang="S.E., M.Si.",
        email="wakilwalikota@surakarta.go.id",
    )
    setda = s.unit(
        "SETDA",
        nama="Sekretariat Daerah",
        jenis=J.SETDA,
        induk=pemkot,
        is_opd=True,
        kode="SETDA",
        singkatan="Setda",
        **_kop(BALAI_KOTA, TELEPON_BALAI_KOTA, "setda@surakarta.go.id", "surakarta.go.id"),
    )
    sekda = s.jab_orang(
        "SETDA.kepala", nama="Sekretaris Daerah", unit=setda, eselon=E.II_A, atasan=walikota, kepala=True, ttd=True
    )
    for key, nama in ASISTEN.items():
        s.jab_orang(f"SETDA.{key}", nama=nama, unit=setda, eselon=E.II_B, atasan=sekda, ttd=True)
    for bagian in BAGIAN:
        _build_bagian(s, bagian, setda)
    # Bagian Umum keeps the mail of the Wali Kota and of the Sekda.
    s.pencatat["PEMKOT"] = "UM.jp"
    s.jab_orang(
        "UM.naskah",
        nama="Pengelola Naskah Dinas",
        unit=s.units["UM.subbag0"],
        eselon=E.PELAKSANA,
        atasan=s.jabatan["UM.subbag0"],
    )
    s.pencatat["SETDA"] = "UM.naskah"


def _build_bagian(s: Seeder, bagian: Bagian, setda: UnitKerja) -> None:
    k = bagian.kode
    unit = s.unit(
        k,
        nama=bagian.nama,
        jenis=J.BAGIAN,
        induk=setda,
        is_opd=True,
        kode=k,
        **_kop(BALAI_KOTA, TELEPON_BALAI_KOTA, f"{bagian.email}@surakarta.go.id", "surakarta.go.id"),
    )
    kabag = s.jab_orang(
        f"{k}.kepala",
        nama=f"Kepala {bagian.nama}",
        unit=unit,
        eselon=E.III_A,
        atasan=s.jabatan[f"SETDA.{bagian.asisten}"],
        kepala=True,
        ttd=True,
    )
    for i, nama in enumerate(bagian.subbagian):
        sub = s.unit(f"{k}.subbag{i}", nama=nama, jenis=J.SUBBAGIAN, induk=unit)
        s.jab_orang(f"{k}.subbag{i}", nama=f"Kepala {nama}", unit=sub, eselon=E.IV_A, atasan=kabag, kepala=True)
    s.jab_orang(
        f"{k}.pencatat",
        nama="Pengadministrasi Umum",
        unit=s.units[f"{k}.subbag0"],
        eselon=E.PELAKSANA,
        atasan=s.jabatan[f"{k}.subbag0"],
    )
    s.pencatat[k] = f"{k}.pencatat"
    s.jab_orang(f"{k}.jf", nama=bagian.fungsional, unit=unit, eselon=E.FUNGSIONAL, atasan=kabag)
    s.jab_orang(
        f"{k}.jp",
        nama=bagian.pelaksana,
        unit=s.units[f"{k}.subbag0"],
        eselon=E.PELAKSANA,
        atasan=s.jabatan[f"{k}.subbag0"],
    )


def step_opd(s: Seeder) -> None:
    """Dinas, badan, Inspektorat and Satpol PP: kepala, sekretariat with two subbagian, bidang, seksi."""
    for opd in OPD:
        _build_opd(s, opd)


def _build_opd(s: Seeder, spec: Opd) -> None:
    k, ilmu = spec.kode, spec.ilmu
    opd = s.unit(
        k,
        nama=spec.nama,
        jenis=spec.jenis,
        induk=s.units["PEMKOT"],
        is_opd=True,
        kode=k,
        singkatan=spec.singkatan,
        **_kop(spec.alamat, spec.telepon, f"{k.lower()}@surakarta.go.id", spec.website),
    )
    kepala = s.jab(
        f"{k}.kepala",
        nama=spec.kepala or f"Kepala {spec.nama}",
        unit=opd,
        eselon=E.II_B,
        atasan=s.jabatan["SETDA.kepala"],
        kepala=True,
        ttd=True,
    )
    if not spec.kepala_kosong:
        s.orang(f"{k}.kepala", ilmu=ilmu)
    sekretariat = s.unit(f"{k}.sekretariat", nama="Sekretariat", jenis=J.SEKRETARIAT, induk=opd)
    sekretaris = s.jab_orang(
        f"{k}.sekretaris",
        nama=f"Sekretaris {spec.nama}",
        unit=sekretariat,
        eselon=E.III_A,
        atasan=kepala,
        kepala=True,
        ttd=True,
        ilmu=ilmu,
    )
    umum = s.unit(f"{k}.umum", nama="Subbagian Umum dan Kepegawaian", jenis=J.SUBBAGIAN, induk=sekretariat)
    kasubbag_umum = s.jab_orang(
        f"{k}.kasubbag_umum",
        nama="Kepala Subbagian Umum dan Kepegawaian",
        unit=umum,
        eselon=E.IV_A,
        atasan=sekretaris,
        kepala=True,
    )
    s.jab_orang(f"{k}.pencatat", nama="Pengadministrasi Umum", unit=umum, eselon=E.PELAKSANA, atasan=kasubbag_umum)
    s.pencatat[k] = f"{k}.pencatat"
    s.jab_orang(
        f"{k}.kepegawaian",
        nama="Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        unit=umum,
        eselon=E.FUNGSIONAL,
        atasan=kasubbag_umum,
    )
    keuangan = s.unit(f"{k}.keuangan", nama="Subbagian Keuangan", jenis=J.SUBBAGIAN, induk=sekretariat)
    kasubbag_keuangan = s.jab_orang(
        f"{k}.kasubbag_keuangan",
        nama="Kepala Subbagian Keuangan",
        unit=keuangan,
        eselon=E.IV_A,
        atasan=sekretaris,
        kepala=True,
        ilmu="ekonomi",
    )
    s.jab_orang(
        f"{k}.bendahara", nama="Bendahara Pengeluaran", unit=keuangan, eselon=E.PELAKSANA, atasan=kasubbag_keuangan
    )
    for i, bidang in enumerate(spec.bidang):
        b = f"{k}.bidang{i}"
        unit = s.unit(b, nama=bidang.nama, jenis=J.BIDANG, induk=opd)
        kabid = s.jab_orang(
            f"{b}.kepala",
            nama=bidang.kepala or f"Kepala {bidang.nama}",
            unit=unit,
            eselon=E.III_B,
            atasan=kepala,
            kepala=True,
            ttd=True,
            ilmu=ilmu,
        )
        unit_jf, atasan_jf = unit, kabid
        if bidang.seksi:
            unit_jf = s.unit(f"{b}.seksi", nama=bidang.seksi, jenis=J.SEKSI, induk=unit)
            atasan_jf = s.jab_orang(
                f"{b}.kasi",
                nama=f"Kepala {bidang.seksi}",
                unit=unit_jf,
                eselon=E.IV_A,
                atasan=kabid,
                kepala=True,
                ilmu=ilmu,
            )
        s.jab_orang(f"{b}.jf", nama=bidang.fungsional, unit=unit_jf, eselon=E.FUNGSIONAL, atasan=atasan_jf, ilmu=ilmu)
        s.jab_orang(f"{b}.jp", nama=bidang.pelaksana, unit=unit, eselon=E.PELAKSANA, atasan=kabid)


def step_kecamatan(s: Seeder) -> None:
    """Camat -> Sekretaris Kecamatan -> Kasi, with two kelurahan each led by a Lurah."""
    for spec in KECAMATAN:
        _build_kecamatan(s, spec)


def _build_kecamatan(s: Seeder, spec: Kecamatan) -> None:
    k, slug = spec.kode, spec.nama.lower()
    kec = s.unit(
        k,
        nama=f"Kecamatan {spec.nama}",
        jenis=J.KECAMATAN,
        induk=s.units["PEMKOT"],
        is_opd=True,
        kode=k,
        singkatan=f"Kec. {spec.nama}",
        **_kop(spec.alamat, spec.telepon, f"kec.{slug}@surakarta.go.id", f"kec{slug}.surakarta.go.id"),
    )
    camat = s.jab_orang(
        f"{k}.kepala",
        nama=f"Camat {spec.nama}",
        unit=kec,
        eselon=E.III_A,
        atasan=s.jabatan["SETDA.kepala"],
        kepala=True,
        ttd=True,
    )
    sekretariat = s.unit(f"{k}.sekretariat", nama="Sekretariat Kecamatan", jenis=J.SEKRETARIAT, induk=kec)
    sekcam = s.jab_orang(
        f"{k}.sekretaris",
        nama=f"Sekretaris Kecamatan {spec.nama}",
        unit=sekretariat,
        eselon=E.III_B,
        atasan=camat,
        kepala=True,
        ttd=True,
    )
    umum = s.unit(f"{k}.umum", nama="Subbagian Umum dan Kepegawaian", jenis=J.SUBBAGIAN, induk=sekretariat)
    kasubbag = s.jab_orang(
        f"{k}.kasubbag_umum",
        nama="Kepala Subbagian Umum dan Kepegawaian",
        unit=umum,
        eselon=E.IV_A,
        atasan=sekcam,
        kepala=True,
    )
    s.jab_orang(f"{k}.pencatat", nama="Pengadministrasi Umum", unit=umum, eselon=E.PELAKSANA, atasan=kasubbag)
    s.pencatat[k] = f"{k}.pencatat"
    for i, (seksi, staf) in enumerate(
        (
            ("Seksi Pemerintahan", "Pengadministrasi Pemerintahan"),
            ("Seksi Ketenteraman dan Ketertiban Umum", "Pengelola Ketenteraman dan Ketertiban"),
        )
    ):
        unit = s.unit(f"{k}.seksi{i}", nama=seksi, jenis=J.SEKSI, induk=kec)
        kasi = s.jab_orang(
            f"{k}.seksi{i}", nama=f"Kepala {seksi}", unit=unit, eselon=E.IV_A, atasan=sekcam, kepala=True
        )
        s.jab_orang(f"{k}.seksi{i}.jp", nama=staf, unit=unit, eselon=E.PELAKSANA, atasan=kasi)
    for i, kelurahan in enumerate(spec.kelurahan):
        kel = s.unit(f"{k}.kel{i}", nama=f"Kelurahan {kelurahan}", jenis=J.KELURAHAN, induk=kec)
        lurah = s.jab_orang(
            f"{k}.kel{i}", nama=f"Lurah {kelurahan}", unit=kel, eselon=E.IV_A, atasan=camat, kepala=True, ttd=True
        )
        seklur = s.jab_orang(
            f"{k}.kel{i}.sekretaris", nama=f"Sekretaris Kelurahan {kelurahan}", unit=kel, eselon=E.IV_B, atasan=lurah
        )
        s.jab_orang(f"{k}.kel{i}.jp", nama="Pengadministrasi Kelurahan", unit=kel, eselon=E.PELAKSANA, atasan=seklur)


def step_plt_plh(s: Seeder) -> None:
    """The Kepala Disdag post is vacant (its Sekretaris is Plt); the Kepala Dishub is away (Plh)."""
    tahun = s.today.year
    s.penugasan(
        jenis=Penugasan.Jenis.PLT,
        jabatan="DISDAG.kepala",
        pegawai="DISDAG.sekretaris",
        mulai=services.add_months(s.today, -3),
        selesai=services.add_months(s.today, 3),
        nomor_sk=f"800.1.3.3/112/BKPSDM/{tahun}",
    )
    s.penugasan(
        jenis=Penugasan.Jenis.PLH,
        jabatan="DISHUB.kepala",
        pegawai="DISHUB.sekretaris",
        mulai=s.today - datetime.timedelta(days=7),
        selesai=s.today + datetime.timedelta(days=7),
        nomor_sk=f"800.1.3.3/118/BKPSDM/{tahun}",
    )


def step_peran(s: Seeder) -> None:
    """Admin Pemda, admin OPD of Diskominfo SP, a pencatat in every OPD and the Unit Kearsipan."""
    s.peran(key=AKUN_JABATAN["adminpemda"], jenis=Peran.Jenis.ADMIN_PEMDA)
    s.peran(key=AKUN_JABATAN["kominfo.admin"], jenis=Peran.Jenis.ADMIN_OPD, opd="DISKOMINFOSP")
    for kode, key in s.pencatat.items():
        s.peran(key=key, jenis=Peran.Jenis.PENCATAT, opd=kode)
    s.peran(key=AKUN_JABATAN["arsip.unit"], jenis=Peran.Jenis.ARSIPARIS, opd="DISARPUS")


# ---------------------------------------------------------------- TTE certificates and letters

# Demo accounts that get a signing certificate (passphrase DEMO_PASSPHRASE): the signers of the demo
# letters plus the Sekretaris Diskominfo (a.n.) and the Plt Kepala Disdag, so every way of signing can
# be tried. Each certificate costs a key pair (about half a second).
PENANDATANGAN_DEMO = (
    "kominfo.kepala",
    "kominfo.kabid",
    "kominfo.sekretaris",
    "dishub.sekretaris",
    "sekda",
    "disdag.sekretaris",
)
# The letters step runs once: this delivered letter marks that the demo letters exist.
HAL_PENANDA = "Permohonan Data Lalu Lintas untuk Dasbor Surakarta Kota Cerdas"
KKA_DEMO = ("000.1", "000.6", "000.8", "500.11", "500.12", "800.2")


def step_sertifikat_tte(s: Seeder) -> None:
    """A demo TTE certificate (lokal CA) for every demo signer; kept when it still opens."""
    from tte.models import SertifikatTte
    from tte.services import pastikan_sertifikat_demo

    sebelum = SertifikatTte.objects.count()
    for username in PENANDATANGAN_DEMO:
        pastikan_sertifikat_demo(pegawai=s.pegawai[AKUN_JABATAN[username]], passphrase=DEMO_PASSPHRASE)
    if baru := SertifikatTte.objects.count() - sebelum:
        s.dibuat["sertifikat TTE"] += baru


def _p(*paragraf: str) -> str:
    return "".join(f"<p>{teks}</p>" for teks in paragraf)


class _Surat:
    """The demo letters' people and the moves they make, always through the letters' services (and
    surat.signing for signatures, so signed letters carry a real signed PDF). The letters app is
    imported inside the functions: organisasi stays importable without it (and without WeasyPrint)."""

    def __init__(self, s: Seeder) -> None:
        from arsip.models import KlasifikasiArsip
        from surat.models import JenisSurat

        self.s = s
        self.kka = {k.kode: k for k in KlasifikasiArsip.objects.filter(kode__in=KKA_DEMO)}
        self.jenis = {j.kode: j for j in JenisSurat.objects.all()}
        self.pemangku = {p.jabatan_id: p for p in s.pegawai.values() if p.jabatan_id}
        self.jumlah = 0

    def orang(self, username: str) -> Pegawai:
        return self.s.pegawai[AKUN_JABATAN[username]]

    def jab(self, key: str) -> Jabatan:
        return self.s.jabatan[key]

    def konsep(self, username: str, *, jenis: str, kka: str, **fields: Any) -> Any:
        from surat import services as surat_services

        actor = self.orang(username)
        self.jumlah += 1
        return surat_services.surat_create(
            actor=actor, jabatan_konseptor=actor.jabatan, jenis=self.jenis[jenis], klasifikasi=self.kka[kka], **fields
        )

    def ajukan(self, surat: Any, *, paraf_sampai: str | None = None) -> Any:
        """Submit, then initial in order as whoever holds each jabatan, stopping when it is the turn of
        jabatan `paraf_sampai` (a key of Seeder.jabatan), or when it waits for the signature."""
        from surat import services as surat_services

        surat_services.surat_submit(actor=surat.konseptor, surat=surat)
        berhenti = self.jab(paraf_sampai).pk if paraf_sampai else None
        while surat.status == surat.Status.PARAF and surat.giliran_id != berhenti:
            surat_services.paraf_approve(actor=self.pemangku[surat.giliran_id], surat=surat)
        return surat

    def tandatangani(self, surat: Any, username: str) -> Any:
        from surat import signing

        return signing.tandatangani(actor=self.orang(username), surat=surat, passphrase=DEMO_PASSPHRASE)

    def dibaca(self, surat: Any, *usernames: str) -> None:
        from surat import services as surat_services

        for username in usernames:
            surat_services.mark_read(actor=self.orang(username), surat=surat)


def step_surat(s: Seeder) -> None:
    """Letters in every state, so a new user sees a lived-in system: drafts, a return with a note, paraf
    and signature waiting, signed letters delivered and partly read, a reply thread, a Rahasia and an
    Amat Segera letter, external addressees for the pencatat and paper letters in the agenda books.
    Runs once (HAL_PENANDA); signed letters are dated today, paper letters a few days back."""
    from surat.models import Surat

    if Surat.objects.filter(hal=HAL_PENANDA).exists():
        return
    d = _Surat(s)
    _surat_terkirim(s, d)
    _surat_dalam_proses(s, d)
    _surat_kertas(s, d)
    s.dibuat["surat"] += d.jumlah


def _surat_terkirim(s: Seeder, d: _Surat) -> None:
    from surat import services as surat_services
    from surat.models import Penerima, Surat

    # Diskominfo -> Dishub, tembusan Sekda: read by the Plh Kepala Dishub, not yet by the Sekda; then
    # answered (a reply thread) and marked as acted on.
    permohonan = d.konsep(
        "kominfo.staf",
        jenis="surat-dinas",
        kka="500.12",
        hal=HAL_PENANDA,
        isi=_p(
            "Dalam rangka pengembangan Dasbor Surakarta Kota Cerdas sebagai bahan pengambilan keputusan "
            "pimpinan daerah, Dinas Komunikasi, Informatika, Statistik dan Persandian memerlukan data lalu "
            "lintas dari Dinas Perhubungan.",
            "Sehubungan dengan hal tersebut, kami mohon bantuan Bapak/Ibu untuk menyampaikan data volume "
            "kendaraan per jam pada 25 simpang bersinyal dan data kejadian kemacetan selama tiga bulan "
            "terakhir dalam format CSV atau Excel, paling lambat 14 hari sejak surat ini diterima.",
            "Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.",
        ),
        penandatangan=d.jab("DISKOMINFOSP.kepala"),
        tujuan=[d.jab("DISHUB.kepala")],
        tembusan=[d.jab("SETDA.kepala")],
    )
    d.ajukan(permohonan)
    d.tandatangani(permohonan, "kominfo.kepala")
    d.dibaca(permohonan, "dishub.sekretaris")
    plh = d.orang("dishub.sekretaris")
    jawaban = surat_services.balas(actor=plh, surat=permohonan, jabatan_konseptor=d.jab("DISHUB.kepala"))
    d.jumlah += 1
    surat_services.surat_update(
        actor=plh,
        surat=jawaban,
        hal="Jawaban atas Permohonan Data Lalu Lintas untuk Dasbor Surakarta Kota Cerdas",
        klasifikasi=d.kka["500.11"],
        isi=_p(
            f"Menindaklanjuti surat Saudara nomor {permohonan.nomor} tentang permohonan data lalu lintas, "
            "dengan ini kami sampaikan bahwa data volume kendaraan pada 25 simpang bersinyal dapat kami "
            "berikan melalui layanan berbagi data Satu Data Surakarta mulai minggu depan.",
            "Untuk data kejadian kemacetan, petugas kami di Bidang Lalu Lintas akan berkoordinasi langsung "
            "dengan tim Saudara. Narahubung: Kepala Bidang Lalu Lintas, telepon (0271) 712345.",
        ),
        penandatangan=d.jab("DISHUB.kepala"),
    )
    d.ajukan(jawaban)
    d.tandatangani(jawaban, "dishub.sekretaris")  # signed by the Plh: the block says "Plh."
    surat_services.mark_ditindaklanjuti(actor=plh, surat=permohonan)

    # Dishub invites, Segera; nobody has read it yet.
    undangan = d.konsep(
        "dishub.staf",
        jenis="surat-undangan",
        kka="500.11",
        hal="Undangan Rapat Koordinasi Pengaturan Lalu Lintas Car Free Day Jalan Slamet Riyadi",
        urgensi=Surat.Urgensi.SEGERA,
        isi=_p(
            "Dalam rangka evaluasi dan penataan pelaksanaan Car Free Day di Jalan Slamet Riyadi, kami "
            "mengundang Bapak/Ibu untuk hadir pada rapat koordinasi yang akan dilaksanakan pada:",
        )
        + _p("Mengingat pentingnya acara tersebut, kami mohon kehadiran Bapak/Ibu tepat waktu."),
        data_tambahan={
            "hari_tanggal": s.today + datetime.timedelta(days=5),
            "waktu": "09.00 WIB s.d. selesai",
            "tempat": "Ruang Rapat Dinas Perhubungan, Jl. Menteri Supeno No. 7, Surakarta",
            "acara": "Evaluasi rekayasa lalu lintas, titik parkir dan pengamanan Car Free Day",
        },
        penandatangan=d.jab("DISHUB.kepala"),
        tujuan=[d.jab("DISKOMINFOSP.kepala"), d.jab("SATPOLPP.kepala"), d.jab("KEC.LWY.kepala")],
        tembusan=[d.jab("SETDA.kepala")],
    )
    d.ajukan(undangan)
    d.tandatangani(undangan, "dishub.sekretaris")

    # The Sekda's circular to every head of a dinas, badan and kecamatan, Amat Segera.
    semua_kepala = [
        j
        for key, j in s.jabatan.items()
        if key.endswith(".kepala") and key.count(".") == 1 and j.unit.jenis not in (J.BAGIAN, J.PEMDA, J.SETDA)
    ]
    edaran = d.konsep(
        "adminpemda",
        jenis="surat-edaran",
        kka="000.8",
        hal="Penegakan Disiplin Jam Kerja dan Presensi Elektronik Aparatur Sipil Negara",
        urgensi=Surat.Urgensi.AMAT_SEGERA,
        isi=_p(
            "Berdasarkan hasil pemantauan presensi elektronik bulan lalu, masih terdapat Aparatur Sipil "
            "Negara yang tidak memenuhi ketentuan jam kerja. Sehubungan dengan hal tersebut, diminta kepada "
            "seluruh Kepala Perangkat Daerah untuk:",
        )
        + "<ol><li>memastikan seluruh pegawai melakukan presensi elektronik pada saat datang dan pulang;</li>"
        "<li>menyampaikan rekapitulasi presensi kepada Bagian Organisasi paling lambat tanggal 5 setiap "
        "bulan;</li><li>memberikan teguran kepada pegawai yang tidak memenuhi jam kerja sesuai ketentuan."
        "</li></ol>" + _p("Demikian untuk dilaksanakan dengan penuh tanggung jawab."),
        penandatangan=d.jab("SETDA.kepala"),
        tujuan=semua_kepala,
    )
    d.ajukan(edaran)
    d.tandatangani(edaran, "sekda")
    d.dibaca(edaran, "dishub.sekretaris")

    # Rahasia: the pencatat of the Setda sees the register line only.
    rahasia = d.konsep(
        "kominfo.kabid",
        jenis="nota-dinas",
        kka="000.6",
        hal="Laporan Insiden Keamanan Siber pada Portal Layanan Perizinan",
        keamanan=Surat.Keamanan.RAHASIA,
        urgensi=Surat.Urgensi.SEGERA,
        isi=_p(
            "Bersama ini kami laporkan bahwa tim Computer Security Incident Response Team (CSIRT) Kota "
            "Surakarta mendeteksi percobaan akses tidak sah pada portal layanan perizinan.",
            "Layanan telah dipulihkan, kata sandi administrator telah diganti, dan celah keamanan sedang "
            "ditutup bersama penyedia aplikasi. Laporan forensik lengkap akan kami sampaikan secara "
            "terpisah.",
        ),
        penandatangan=d.jab("DISKOMINFOSP.kepala"),
        tujuan=[d.jab("SETDA.kepala")],
    )
    d.ajukan(rahasia)
    d.tandatangani(rahasia, "kominfo.kepala")

    # External addressees: one already sent by the pencatat, one still waiting.
    luar = d.konsep(
        "kominfo.staf",
        jenis="surat-dinas",
        kka="500.12",
        hal="Permohonan Perluasan Jaringan Fiber Optik untuk Wi-Fi Publik di 54 Kelurahan",
        isi=_p(
            "Pemerintah Kota Surakarta berencana menyediakan layanan Wi-Fi publik di balai seluruh 54 "
            "kelurahan. Untuk itu kami mohon dukungan perluasan jaringan fiber optik sampai ke balai "
            "kelurahan yang belum terjangkau.",
            "Kami mengundang perwakilan Saudara untuk membahas rencana teknis dan jadwal pekerjaan bersama "
            "Bidang Aplikasi Informatika.",
        ),
        penandatangan=d.jab("DISKOMINFOSP.kepala"),
        tujuan=[
            {
                "nama": "General Manager PT Telkom Indonesia (Persero) Tbk Witel Solo",
                "alamat": "Jl. Mayor Kusmanto No. 1, Surakarta",
            },
            {
                "nama": "Direktur PT Surakarta Jaringan Digital",
                "alamat": "Jl. Adi Sucipto No. 45, Surakarta",
                "email": "sekretariat@sjd.example",
            },
        ],
        tembusan=[d.jab("SETDA.kepala")],
    )
    d.ajukan(luar)
    d.tandatangani(luar, "kominfo.kepala")
    surat_services.eksternal_sent(
        actor=d.orang("kominfo.tu"),
        penerima=luar.penerima.get(jenis=Penerima.Jenis.TUJUAN, eksternal_email__gt=""),
        cara=Penerima.KirimCara.EMAIL,
        catatan="Dikirim dari surel dinas.",
    )

    # A Surat Tugas signed at bidang level.
    tugas = d.konsep(
        "kominfo.staf",
        jenis="surat-tugas",
        kka="500.12",
        hal="Monitoring Kualitas Jaringan Internet di Kelurahan",
        data_tambahan={
            "dasar": [
                "Peraturan Wali Kota Surakarta tentang Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik",
                "Dokumen Pelaksanaan Anggaran Dinas Komunikasi, Informatika, Statistik dan Persandian",
            ],
            "ditugaskan": [d.orang("kominfo.staf").pk, d.orang("kominfo.admin").pk],
            "untuk": "Melaksanakan monitoring kecepatan dan ketersediaan jaringan internet di balai kelurahan "
            "se-Kecamatan Laweyan selama tiga hari kerja dan melaporkan hasilnya kepada Kepala Bidang.",
        },
        penandatangan=d.jab("DISKOMINFOSP.bidang0.kepala"),
        tembusan=[d.jab("DISKOMINFOSP.kepala")],
    )
    d.ajukan(tugas)
    d.tandatangani(tugas, "kominfo.kabid")


def _surat_dalam_proses(s: Seeder, d: _Surat) -> None:
    from surat import services as surat_services

    # A draft not yet submitted.
    d.konsep(
        "kominfo.staf",
        jenis="nota-dinas",
        kka="000.1",
        hal=f"Permintaan Data Inventaris Perangkat Komputer Tahun {s.today.year}",
        isi=_p(
            "Dalam rangka penyusunan rencana kebutuhan perangkat teknologi informasi tahun depan, kami mohon "
            "Sekretariat menyampaikan data inventaris perangkat komputer, printer dan jaringan yang masih "
            "digunakan di lingkungan Dinas."
        ),
        penandatangan=d.jab("DISKOMINFOSP.bidang0.kepala"),
        tujuan=[d.jab("DISKOMINFOSP.sekretaris")],
    )

    # Returned by the Kepala Seksi with a note; waiting for the drafter's revision.
    kembali = d.konsep(
        "kominfo.staf",
        jenis="surat-dinas",
        kka="800.2",
        hal="Permohonan Peserta Pelatihan Keamanan Informasi bagi Operator Sistem",
        isi=_p(
            "Dalam rangka meningkatkan keamanan informasi di lingkungan Pemerintah Kota Surakarta, kami akan "
            "menyelenggarakan pelatihan keamanan informasi bagi operator sistem perangkat daerah.",
            "Kami mohon Bapak/Ibu menugaskan pegawai sebagai peserta pelatihan.",
        ),
        penandatangan=d.jab("DISKOMINFOSP.kepala"),
        tujuan=[d.jab("BKPSDM.kepala")],
    )
    surat_services.surat_submit(actor=kembali.konseptor, surat=kembali)
    surat_services.paraf_return(
        actor=d.orang("kominfo.kasi"),
        surat=kembali,
        catatan="Mohon lengkapi jadwal pelatihan dan jumlah peserta dari setiap OPD, lalu ajukan kembali.",
    )

    # Waiting for the paraf of the Kepala Bidang (the Kepala Seksi has initialled).
    undangan = d.konsep(
        "kominfo.staf",
        jenis="surat-undangan",
        kka="000.6",
        hal="Undangan Sosialisasi Penggunaan Tanda Tangan Elektronik bagi Pejabat Penandatangan",
        isi=_p(
            "Dalam rangka penerapan tanda tangan elektronik pada naskah dinas, kami mengundang Bapak/Ibu "
            "untuk hadir pada sosialisasi yang akan dilaksanakan pada:",
        )
        + _p("Peserta dimohon membawa laptop dan telepon genggam yang terpasang aplikasi surel dinas."),
        data_tambahan={
            "hari_tanggal": s.today + datetime.timedelta(days=10),
            "waktu": "09.00 WIB s.d. selesai",
            "tempat": "Ruang Rapat Diskominfo SP, Kompleks Balai Kota Surakarta",
            "acara": "Sosialisasi tanda tangan elektronik dan pendaftaran sertifikat elektronik",
        },
        penandatangan=d.jab("DISKOMINFOSP.kepala"),
        tujuan=[d.jab("DISHUB.kepala"), d.jab("DISDAG.kepala"), d.jab("BPPKAD.kepala")],
        tembusan=[d.jab("SETDA.kepala")],
    )
    d.ajukan(undangan, paraf_sampai="DISKOMINFOSP.bidang0.kepala")

    # Initialled by both and waiting for the Kepala Dinas's signature.
    ttd = d.konsep(
        "kominfo.staf",
        jenis="surat-dinas",
        kka="500.12",
        hal="Permohonan Penunjukan Walidata Pendukung Satu Data Kota Surakarta",
        isi=_p(
            "Dalam rangka pelaksanaan Satu Data Kota Surakarta, setiap perangkat daerah perlu menunjuk "
            "walidata pendukung yang bertugas mengumpulkan dan memeriksa data sektoral.",
            "Kami mohon Bapak/Ibu menyampaikan nama, NIP dan nomor telepon pegawai yang ditunjuk paling "
            "lambat akhir bulan ini.",
        ),
        penandatangan=d.jab("DISKOMINFOSP.kepala"),
        tujuan=[d.jab("BAPPEDA.kepala"), d.jab("DKK.kepala"), d.jab("DISDIK.kepala")],
        tembusan=[d.jab("SETDA.kepala")],
    )
    d.ajukan(ttd)


def _pindaian(hal: str, asal: str, nomor: str) -> Any:
    """A one-page PDF standing in for the scan of a paper letter."""
    import weasyprint
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.html import escape

    html = (
        f"<html><body style='font-family: serif; margin: 2cm'><h2>{escape(asal)}</h2><hr>"
        f"<p>Nomor: {escape(nomor)}</p><p>Hal: {escape(hal)}</p><p>(Contoh pindaian surat kertas)</p></body></html>"
    )
    return SimpleUploadedFile("pindaian.pdf", weasyprint.HTML(string=html).write_pdf(), "application/pdf")


def _surat_kertas(s: Seeder, d: _Surat) -> None:
    from surat import services as surat_services
    from surat.models import Surat

    tahun = s.today.year
    kertas = (
        (
            "dishub.tu",
            "DISHUB",
            "Direktorat Jenderal Perhubungan Darat, Kementerian Perhubungan",
            f"AJ.402/2/11/DRJD/{tahun}",
            "Undangan Bimbingan Teknis Manajemen dan Rekayasa Lalu Lintas",
            "DISHUB.kepala",
            Surat.Urgensi.SEGERA,
            "Undangan bimbingan teknis bagi dua pejabat bidang lalu lintas, di Jakarta selama tiga hari.",
            None,
        ),
        (
            "kominfo.tu",
            "DISKOMINFOSP",
            "Balai Besar Sertifikasi Elektronik, Badan Siber dan Sandi Negara",
            f"B-1187/BSrE/TI.02.01/{tahun}",
            "Sosialisasi Penerapan Sertifikat Elektronik di Lingkungan Pemerintah Daerah",
            "DISKOMINFOSP.kepala",
            Surat.Urgensi.BIASA,
            "Pemberitahuan jadwal sosialisasi dan tata cara pendaftaran sertifikat elektronik bagi pejabat.",
            "kominfo.kepala",
        ),
    )
    for username, opd, asal, nomor, hal, tujuan, urgensi, ringkasan, pembaca in kertas:
        surat = surat_services.register_paper_letter(
            actor=d.orang(username),
            opd=s.units[opd],
            jenis=d.jenis["surat-dinas"],
            asal_instansi=asal,
            nomor_asal=nomor,
            tanggal_asal=s.today - datetime.timedelta(days=9),
            tanggal_terima=s.today - datetime.timedelta(days=4),
            hal=hal,
            tujuan=d.jab(tujuan),
            urgensi=urgensi,
            ringkasan=ringkasan,
            scans=[_pindaian(hal, asal, nomor)],
        )
        d.jumlah += 1
        if pembaca:
            d.dibaca(surat, pembaca)


def step_arsip(s: Seeder) -> None:
    """KKA list, JRA examples, berkas (one due for transfer, one for destruction), a scanned letter."""
    from arsip.demo import seed_arsip

    seed_arsip(s)


# The reference rows the data migrations write (kinds of letters, the KKA base set, disposition
# instructions). A database flushed after migrating (a transactional test, `manage.py flush`) has lost
# them; each migration's seed is idempotent, so the demo puts back whatever is missing.
DATA_RUJUKAN = (
    "surat.migrations.0002_jenis_surat_dasar",
    "arsip.migrations.0002_kka_dasar",
    "disposisi.migrations.0002_instruksi_dasar",
)


def step_data_rujukan(s: Seeder) -> None:
    from django.apps import apps

    for module in DATA_RUJUKAN:
        importlib.import_module(module).seed(apps, None)


STEPS: list[Callable[[Seeder], None]] = [
    step_data_rujukan,
    step_pemda,
    step_pimpinan_dan_setda,
    step_opd,
    step_kecamatan,
    step_plt_plh,
    step_peran,
    step_sertifikat_tte,
    step_surat,
    step_arsip,
]


def seed(*, today: datetime.date | None = None) -> Seeder:
    """Build (or complete) the demo city; a second run creates nothing. System job: no actor."""
    seeder = Seeder(today=today or timezone.localdate())
    # The demo letters notify their recipients when the seed commits; the demo people's email addresses
    # must not get (nor the console print) dozens of emails about a history that never happened.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        for step in STEPS:
            step(seeder)
    return seeder
