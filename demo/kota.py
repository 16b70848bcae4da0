"""The demo city's structure, as data: Pemerintah Kota Surakarta's Setda with its Asisten and Bagian,
the dinas and badan with their bidang and seksi, and two kecamatan with their kelurahan. demo.struktur
builds it through the services."""

from __future__ import annotations

from dataclasses import dataclass

from organisasi.models import UnitKerja

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
