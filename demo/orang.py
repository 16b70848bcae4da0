"""What the demo's generated people are made of, as data: Javanese first and family names, academic
titles by field, birth years and pangkat by career level. demo.seeder draws from them with a fixed
random seed, so every run produces the same names and NIPs."""

from __future__ import annotations

from organisasi.models import Jabatan, Pangkat

E = Jabatan.Eselon

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

# Two PPPK staff: their NIP carries 21 in the month slot and they have no pangkat.
PPPK = {"DISKOMINFOSP.bidang1.jf", "DKK.bidang0.jf"}
