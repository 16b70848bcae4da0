"""Words for the bulk letters: common office words and a few thousand made-up ones, drawn with Zipf
weights so a search meets what it meets in a real archive: words in most letters, words in a handful."""

from __future__ import annotations

import itertools
import random

KATA = (
    "rapat koordinasi laporan anggaran pengadaan barang jasa pembangunan jalan jembatan drainase sekolah "
    "puskesmas kesehatan pendidikan beasiswa bantuan sosial pelatihan pegawai kenaikan pangkat mutasi cuti "
    "perjalanan dinas undangan sosialisasi evaluasi monitoring kinerja inspeksi pengawasan audit keuangan "
    "pajak retribusi perizinan investasi pasar tradisional perdagangan koperasi usaha mikro pertanian "
    "perikanan peternakan lingkungan sampah taman kebersihan banjir bencana kebakaran ketertiban keamanan "
    "lalu lintas parkir terminal angkutan kependudukan catatan sipil kelurahan kecamatan musrenbang data "
    "statistik aplikasi jaringan internet server website persandian informasi publik hubungan masyarakat "
    "kearsipan perpustakaan kebudayaan pariwisata olahraga pemuda perempuan anak keluarga berencana"
).split()
SUKU = ("ba", "ri", "to", "ka", "ma", "na", "sa", "lu", "pe", "ng", "di", "ko", "ta", "ra", "wi", "ju", "se", "mo")
HAL_AWAL = (
    "Undangan",
    "Permohonan",
    "Laporan",
    "Pemberitahuan",
    "Penyampaian",
    "Usulan",
    "Tindak lanjut",
    "Pelaksanaan",
    "Hasil",
    "Rencana",
)
INSTANSI = (
    "Kementerian Dalam Negeri",
    "Badan Pusat Statistik",
    "Pemerintah Provinsi Jawa Tengah",
    "Kejaksaan Negeri Surakarta",
    "Universitas Sebelas Maret",
    "Forum Warga Laweyan",
    "PT Telkom Indonesia",
    "Bank Jateng Cabang Surakarta",
    "Polresta Surakarta",
    "BPJS Kesehatan Cabang Surakarta",
    "Kementerian Keuangan",
    "Ombudsman RI Perwakilan Jawa Tengah",
)
PENERIMA_LUAR = (
    ("Kepala Kantor Wilayah BPN Jawa Tengah", "Jalan Pemuda Nomor 1, Semarang", "bpn@example.org"),
    ("Rektor Universitas Sebelas Maret", "Jalan Ir. Sutami 36A, Surakarta", "rektor@example.org"),
    ("Direktur PT Solo Techno Park", "Jalan Ki Hajar Dewantara 19, Surakarta", "stp@example.org"),
    ("Kepala Kantor Pos Surakarta", "Jalan Jenderal Sudirman 8, Surakarta", ""),
)


def kosakata(rng: random.Random, n: int = 4000) -> list[str]:
    """KATA followed by n made-up words (sorted, so the same seed gives the same list)."""
    extra = {"".join(rng.choices(SUKU, k=rng.randint(2, 4))) for _ in range(n * 2)} - set(KATA)
    return list(KATA) + sorted(extra)[:n]


class Penulis:
    """Draws subjects and bodies: `kata(k)` is k words with Zipf weights over the vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.vocab = kosakata(random.Random(20260702))
        self._cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(self.vocab))))

    def kata(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self._cum, k=k)

    def hal(self) -> str:
        return f"{self.rng.choice(HAL_AWAL)} {' '.join(self.kata(4))}"

    def isi(self) -> str:
        """Plain words (the HTML body is one paragraph of them, so the index text is the same words)."""
        return " ".join(self.kata(self.rng.randint(40, 90)))
