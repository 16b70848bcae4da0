"""The guides, as data: for each role, short step-by-step guides at three levels.

Written for a clerk who has only ever written letters by hand: one action per step, the words on the
buttons in quotes. A step may name a screenshot (`gambar`); the browser tests save screenshots under
the same names and copy them to static/panduan/img/<gambar>.png when EOFFICE_UPDATE_PANDUAN=1, so the
pictures always match the real screens. `HALAMAN` maps a page (URL name) to the guide the "?" on that
page opens.
"""

from __future__ import annotations

from dataclasses import dataclass

TINGKAT: dict[str, str] = {"dasar": "Dasar", "lanjutan": "Lanjutan", "mahir": "Mahir"}


@dataclass(frozen=True)
class Langkah:
    teks: str
    gambar: str = ""


@dataclass(frozen=True)
class Panduan:
    kunci: str
    judul: str
    tingkat: str
    tujuan: str
    langkah: tuple[Langkah, ...]


@dataclass(frozen=True)
class PeranPanduan:
    kunci: str
    nama: str
    untuk: str
    panduan: tuple[Panduan, ...]

    def per_tingkat(self) -> list[tuple[str, str, list[Panduan]]]:
        """[(tingkat, label, guides)] in the order dasar, lanjutan, mahir."""
        return [(t, label, [p for p in self.panduan if p.tingkat == t]) for t, label in TINGKAT.items()]


L = Langkah

STAF = PeranPanduan(
    kunci="staf",
    nama="Staf / Konseptor",
    untuk="Pegawai yang menyusun konsep surat dan menerima surat atau disposisi.",
    panduan=(
        Panduan(
            "masuk",
            "Masuk ke eoffice",
            "dasar",
            "Membuka eoffice dengan akun Anda sendiri.",
            (
                L("Buka alamat eoffice di peramban (Chrome, Firefox atau Edge)."),
                L(
                    "Ketik NIP Anda (18 angka, boleh dengan spasi) atau nama pengguna, lalu kata sandi. "
                    "Tekan tombol \u201cMasuk\u201d.",
                    "masuk",
                ),
                L("Bila lupa kata sandi, tekan \u201cLupa kata sandi?\u201d dan ikuti petunjuk di email Anda."),
                L("Selesai bekerja, buka menu nama Anda di kanan atas lalu pilih \u201cKeluar\u201d."),
            ),
        ),
        Panduan(
            "kenali-beranda",
            "Mengenal Beranda",
            "dasar",
            "Melihat pekerjaan yang menunggu Anda hari ini.",
            (
                L(
                    "Beranda adalah halaman pertama setelah masuk. Di atas tertulis jabatan Anda hari ini.",
                    "beranda-staf",
                ),
                L(
                    "Kotak-kotak angka menunjukkan jumlah surat yang perlu Anda kerjakan. "
                    "Tekan kotaknya untuk membuka daftarnya."
                ),
                L("Daftar \u201cYang perlu Anda kerjakan hari ini\u201d diurutkan dari yang paling mendesak."),
                L(
                    "Huruf terlalu kecil? Pilih \u201cBesar\u201d atau \u201cSangat besar\u201d pada "
                    "\u201cUkuran huruf\u201d di menu. Pilihan Anda diingat.",
                    "ukuran-huruf",
                ),
            ),
        ),
        Panduan(
            "tulis-konsep",
            "Menulis konsep surat",
            "dasar",
            "Menyusun surat baru, misalnya Nota Dinas kepada atasan.",
            (
                L("Di Beranda, tekan tombol \u201cTulis surat baru\u201d.", "beranda-staf"),
                L(
                    "Pilih jenis surat (misalnya Nota Dinas), isi hal (pokok surat), tujuan, dan penandatangan.",
                    "konsep-baru",
                ),
                L("Tulis isi surat pada kotak isi. Anda tidak perlu mengetik kop atau nomor: eoffice membuatnya."),
                L(
                    "Tekan \u201cSimpan konsep\u201d. Konsep tersimpan dan belum dikirim ke siapa pun.",
                    "konsep-tersimpan",
                ),
                L("Konsep Anda dapat dibuka lagi kapan saja dari menu \u201cKonsep Surat\u201d.", "konsep-daftar"),
            ),
        ),
        Panduan(
            "notifikasi",
            "Membaca notifikasi",
            "dasar",
            "Mengetahui surat dan disposisi baru tanpa harus membuka setiap daftar.",
            (
                L("Lonceng di kanan atas menunjukkan jumlah notifikasi yang belum Anda baca. Tekan lonceng itu."),
                L("Tekan satu notifikasi untuk langsung membuka surat atau disposisi yang dimaksud."),
                L("Bila semuanya sudah Anda lihat, tekan \u201cTandai semua sudah dibaca\u201d."),
                L(
                    "Untuk memilih notifikasi mana yang juga dikirim ke email, tekan \u201cPengaturan email\u201d, "
                    "centang pilihan Anda, lalu tekan \u201cSimpan pilihan\u201d."
                ),
            ),
        ),
        Panduan(
            "baca-surat-masuk",
            "Membaca surat masuk",
            "dasar",
            "Membaca surat yang ditujukan kepada jabatan Anda.",
            (
                L("Buka menu \u201cSurat Masuk\u201d. Surat yang belum dibaca tampil tebal.", "surat-masuk-daftar"),
                L("Tekan hal surat untuk membukanya. Lampiran dapat diunduh di bagian bawah surat."),
                L(
                    "Bila sudah Anda kerjakan, tekan \u201cTandai sudah ditindaklanjuti\u201d "
                    "agar atasan tahu surat itu selesai."
                ),
            ),
        ),
        Panduan(
            "ajukan-konsep",
            "Mengajukan konsep untuk diparaf",
            "lanjutan",
            "Mengirim konsep kepada atasan untuk diperiksa (paraf) lalu ditandatangani.",
            (
                L("Buka konsep Anda dari menu \u201cKonsep Surat\u201d."),
                L(
                    "Periksa urutan pemaraf. Tekan \u201cUsulkan urutan paraf\u201d bila ingin eoffice "
                    "mengisinya sesuai struktur organisasi."
                ),
                L("Tekan \u201cSimpan dan ajukan\u201d. Konsep pindah ke pemaraf pertama.", "konsep-diajukan"),
                L("Anda dapat melihat posisi konsep (siapa yang sedang memeriksa) pada riwayat surat."),
            ),
        ),
        Panduan(
            "perbaiki-konsep",
            "Memperbaiki konsep yang dikembalikan",
            "lanjutan",
            "Mengerjakan catatan atasan lalu mengajukan lagi.",
            (
                L("Konsep yang dikembalikan muncul lagi di \u201cKonsep Surat\u201d dengan catatan pemeriksa."),
                L("Baca catatannya, tekan \u201cUbah konsep\u201d, perbaiki, lalu \u201cSimpan konsep\u201d."),
                L("Tekan \u201cSimpan dan ajukan\u201d lagi. Pemeriksa dapat melihat apa saja yang Anda ubah."),
            ),
        ),
        Panduan(
            "laporan-disposisi",
            "Melaporkan tindak lanjut disposisi",
            "lanjutan",
            "Memberi tahu atasan bahwa perintah disposisi sudah dikerjakan.",
            (
                L("Buka menu \u201cDisposisi\u201d dan pilih disposisi untuk Anda."),
                L("Baca instruksi dan catatan atasan, lalu kerjakan tugasnya."),
                L(
                    "Tulis laporan singkat (boleh dengan lampiran), lalu tekan \u201cKirim laporan\u201d.",
                    "laporan-form",
                ),
            ),
        ),
        Panduan(
            "surat-tembusan",
            "Surat Dinas ke OPD lain dengan tembusan",
            "mahir",
            "Menulis surat kepada OPD lain dan mengirim salinannya (tembusan) kepada pejabat lain.",
            (
                L("Tulis konsep baru dengan jenis \u201cSurat Dinas\u201d."),
                L(
                    "Pada \u201cTujuan\u201d pilih jabatan di OPD lain, pada \u201cTembusan\u201d pilih penerima salinan."
                ),
                L("Ajukan seperti biasa. Setelah ditandatangani, surat bernomor sampai ke tujuan dan tembusan."),
            ),
        ),
        Panduan(
            "balas-surat",
            "Membalas surat masuk",
            "mahir",
            "Menyusun balasan yang terhubung dengan surat aslinya.",
            (
                L("Buka surat masuk yang akan dibalas."),
                L("Tekan \u201cBalas surat\u201d. Tujuan balasan terisi sendiri: pejabat penandatangan surat asal."),
                L("Lengkapi isi balasan, simpan, lalu ajukan seperti konsep biasa."),
            ),
        ),
    ),
)

PEJABAT = PeranPanduan(
    kunci="pejabat",
    nama="Pejabat penandatangan dan pemeriksa (paraf)",
    untuk="Kepala Seksi, Kepala Bidang, Sekretaris, Kepala OPD, juga Plt. dan Plh.",
    panduan=(
        Panduan(
            "paraf-konsep",
            "Memeriksa dan memaraf konsep",
            "dasar",
            "Menyetujui konsep bawahan sebelum diteruskan ke penandatangan.",
            (
                L("Di Beranda, tekan kotak \u201cPerlu paraf\u201d.", "beranda-kepala"),
                L("Buka konsep, baca isinya. Tekan \u201cUnduh PDF\u201d untuk melihat bentuk cetaknya."),
                L("Bila sudah benar, tekan \u201cSetujui (paraf)\u201d.", "paraf-tombol"),
            ),
        ),
        Panduan(
            "kembalikan-konsep",
            "Mengembalikan konsep dengan catatan",
            "dasar",
            "Meminta konseptor memperbaiki konsep.",
            (
                L("Buka konsep yang perlu diperbaiki."),
                L("Tekan \u201cKembalikan\u201d dan tulis apa yang harus diperbaiki.", "kembalikan-catatan"),
                L("Konsep kembali ke konseptor bersama catatan Anda."),
            ),
        ),
        Panduan(
            "tandatangani",
            "Menandatangani surat (TTE)",
            "lanjutan",
            "Menandatangani surat secara elektronik; surat langsung bernomor dan terkirim.",
            (
                L("Di Beranda, tekan kotak \u201cPerlu tanda tangan\u201d, lalu buka suratnya."),
                L("Periksa surat sekali lagi, lalu tekan \u201cTandatangani\u2026\u201d."),
                L(
                    "Baca keterangan akibatnya, ketik passphrase TTE Anda, lalu tekan "
                    "\u201cTandatangani dan kirim\u201d.",
                    "tandatangani-passphrase",
                ),
                L(
                    "Surat mendapat nomor dan tanggal, lalu sampai ke penerima. Tindakan ini tidak dapat dibatalkan.",
                    "surat-terkirim",
                ),
            ),
        ),
        Panduan(
            "disposisikan",
            "Mendisposisikan surat masuk",
            "lanjutan",
            "Meneruskan surat masuk kepada bawahan dengan perintah.",
            (
                L("Buka surat dari \u201cSurat Masuk\u201d."),
                L("Tekan \u201cDisposisikan\u201d, pilih satu atau beberapa bawahan.", "disposisi-form"),
                L("Centang instruksi (misalnya \u201cUntuk ditindaklanjuti\u201d), isi catatan dan batas waktu."),
                L("Tekan \u201cKirim disposisi\u201d. Bawahan mendapat pemberitahuan."),
            ),
        ),
        Panduan(
            "pantau-disposisi",
            "Memantau alur disposisi dan mencetak lembar disposisi",
            "mahir",
            "Melihat siapa sudah mengerjakan apa, dan mencetak lembar disposisi untuk arsip kertas.",
            (
                L(
                    "Buka surat, lalu lihat \u201cAlur disposisi\u201d: setiap disposisi menunjukkan keadaannya.",
                    "disposisi-pohon",
                ),
                L("Disposisi merah berarti lewat batas waktu. Laporan bawahan tampil di bawah disposisinya."),
                L("Tekan \u201cCetak lembar disposisi\u201d untuk mendapatkan PDF-nya.", "lembar-disposisi"),
            ),
        ),
        Panduan(
            "disposisi-ponsel",
            "Disposisi dari ponsel",
            "mahir",
            "Mendisposisikan surat di sela rapat, dari ponsel.",
            (
                L("Buka eoffice di peramban ponsel dan masuk seperti biasa."),
                L("Tekan \u201cMenu\u201d di kanan atas untuk membuka daftar menu."),
                L(
                    "Buka surat, tekan \u201cDisposisikan\u201d; formulirnya sama dengan di komputer.",
                    "disposisi-ponsel",
                ),
            ),
        ),
    ),
)

PENCATAT = PeranPanduan(
    kunci="pencatat",
    nama="Pencatat surat (TU)",
    untuk="Petugas Tata Usaha yang mencatat surat masuk dan mengelola buku agenda OPD.",
    panduan=(
        Panduan(
            "catat-surat-masuk",
            "Mencatat surat masuk dari kertas",
            "dasar",
            "Memasukkan surat kertas dari instansi luar agar sampai ke pejabat yang dituju.",
            (
                L("Pindai (scan) surat kertas menjadi berkas PDF atau gambar."),
                L("Di Beranda, tekan \u201cCatat surat masuk (kertas)\u201d."),
                L(
                    "Isi asal surat, nomor dan tanggal surat, tanggal terima, hal, dan jabatan tujuan. "
                    "Lampirkan hasil pindaian.",
                    "catat-masuk-form",
                ),
                L(
                    "Tekan \u201cCatat surat\u201d. Surat mendapat nomor agenda dan langsung sampai ke tujuan.",
                    "catat-masuk-selesai",
                ),
            ),
        ),
        Panduan(
            "buku-agenda",
            "Membuka buku agenda",
            "dasar",
            "Melihat semua surat yang tercatat di OPD Anda.",
            (
                L("Buka menu \u201cSurat Masuk\u201d, lalu pilih \u201cBuku agenda\u201d."),
                L("Cari dengan nomor, hal, atau asal surat; saring menurut tanggal."),
            ),
        ),
        Panduan(
            "kirim-penerima-luar",
            "Mengirim surat kepada penerima luar",
            "lanjutan",
            "Mencatat pengiriman surat yang tujuannya di luar Pemda (pos, kurir, email).",
            (
                L(
                    "Buka daftar \u201cKirim ke Penerima Luar\u201d: surat yang sudah ditandatangani dan menunggu dikirim."
                ),
                L("Cetak atau kirim suratnya, lalu tekan \u201cCatat pengiriman ke penerima luar\u201d."),
                L("Pilih cara kirim, isi tanggal, tekan \u201cSimpan catatan pengiriman\u201d."),
            ),
        ),
        Panduan(
            "unduh-agenda",
            "Mengunduh buku agenda",
            "mahir",
            "Menyerahkan rekap surat kepada pimpinan atau pemeriksa.",
            (
                L("Buka buku agenda dan pilih tahun serta rentang tanggal."),
                L("Tekan \u201cUnduh Excel\u201d atau \u201cUnduh PDF\u201d."),
            ),
        ),
    ),
)

ADMIN = PeranPanduan(
    kunci="admin",
    nama="Admin OPD dan Admin Pemda",
    untuk="Pengelola struktur organisasi, akun pegawai, Plt/Plh, dan pelatih pada mode latihan.",
    panduan=(
        Panduan(
            "lihat-struktur",
            "Melihat struktur organisasi",
            "dasar",
            "Memeriksa unit, jabatan, dan siapa yang memegangnya.",
            (
                L("Buka menu \u201cStruktur Organisasi\u201d.", "struktur"),
                L("Tekan nama unit untuk membuka bagian di bawahnya."),
            ),
        ),
        Panduan(
            "tambah-pegawai",
            "Menambah pegawai dan akunnya",
            "dasar",
            "Membuat akun untuk pegawai baru.",
            (
                L("Buka \u201cKelola Organisasi\u201d, lalu \u201cPegawai\u201d."),
                L("Tekan tombol tambah, isi NIP, nama, email, dan jabatan. Tekan \u201cSimpan\u201d."),
                L("Pegawai masuk dengan NIP-nya dan mengatur kata sandi lewat \u201cLupa kata sandi?\u201d."),
            ),
        ),
        Panduan(
            "plt-plh",
            "Menetapkan Plt. atau Plh.",
            "lanjutan",
            "Menunjuk pejabat pengganti selama pejabat definitif berhalangan atau jabatan kosong.",
            (
                L("Buka \u201cKelola Organisasi\u201d, lalu \u201cPlt/Plh\u201d."),
                L("Pilih jabatan, pegawai pengganti, jenis (Plt. atau Plh.), tanggal mulai dan selesai."),
                L("Selama masa itu, surat untuk jabatan tersebut juga sampai ke pengganti."),
            ),
        ),
        Panduan(
            "beri-peran",
            "Memberi peran pencatat, admin, atau arsiparis",
            "lanjutan",
            "Menentukan siapa yang mencatat surat masuk atau mengelola OPD.",
            (
                L("Buka \u201cKelola Organisasi\u201d, lalu \u201cPeran\u201d."),
                L("Pilih pegawai dan perannya, lalu simpan. Peran dapat dicabut kapan saja."),
                L(
                    "Peran yang diberikan Admin OPD, juga pergantian pemangku jabatan kepala atau penandatangan, "
                    "baru berlaku setelah disetujui Admin Pemda atau admin lain di \u201cPengajuan\u201d."
                ),
            ),
        ),
        Panduan(
            "pantau-latihan",
            "Memantau kemajuan peserta latihan",
            "mahir",
            "Melihat peserta yang sudah dan belum menyelesaikan latihan (hanya di mode latihan).",
            (
                L("Buka \u201cPanduan\u201d, lalu \u201cHalaman pelatih\u201d."),
                L("Setiap baris adalah satu peserta; tanda centang berarti latihan itu selesai."),
                L("Sebelum angkatan berikutnya, minta petugas server menjalankan perintah reset latihan."),
            ),
        ),
    ),
)

ARSIPARIS = PeranPanduan(
    kunci="arsiparis",
    nama="Arsiparis (Unit Kearsipan)",
    untuk="Pengelola berkas arsip, retensi, pemindahan, dan pemusnahan.",
    panduan=(
        Panduan(
            "cari-arsip",
            "Mencari arsip",
            "dasar",
            "Menemukan surat lama dengan cepat.",
            (
                L("Buka menu \u201cArsip\u201d, lalu \u201cCari surat\u201d."),
                L("Ketik kata dari hal, nomor, atau asal surat, lalu tekan \u201cCari\u201d."),
            ),
        ),
        Panduan(
            "berkaskan",
            "Memberkaskan surat",
            "lanjutan",
            "Mengumpulkan surat dengan klasifikasi yang sama ke dalam satu berkas.",
            (
                L("Buka \u201cArsip\u201d, lalu \u201cBuka berkas baru\u201d; pilih klasifikasi dan isi uraian."),
                L("Centang surat-surat yang sesuai, lalu tekan \u201cBerkaskan surat yang dicentang\u201d."),
                L("Bila berkas sudah lengkap, tekan \u201cTutup berkas\u201d."),
            ),
        ),
        Panduan(
            "retensi",
            "Retensi, pemindahan, dan usul musnah",
            "mahir",
            "Mengurus arsip yang masa simpannya (JRA) sudah habis.",
            (
                L("Buka \u201cJatuh tempo retensi\u201d untuk melihat berkas yang sudah waktunya."),
                L("Untuk arsip inaktif dari OPD, tekan \u201cTerima pemindahan ke Unit Kearsipan\u201d."),
                L("Untuk arsip yang boleh dimusnahkan, tekan \u201cUsulkan musnah\u201d; pimpinan memutuskan."),
            ),
        ),
    ),
)

PERAN: tuple[PeranPanduan, ...] = (STAF, PEJABAT, PENCATAT, ADMIN, ARSIPARIS)
PERAN_BY_KUNCI: dict[str, PeranPanduan] = {p.kunci: p for p in PERAN}
# guide key -> (role, guide); the first role that carries a key owns it.
PANDUAN_BY_KUNCI: dict[str, tuple[PeranPanduan, Panduan]] = {}
for _peran in PERAN:
    for _p in _peran.panduan:
        PANDUAN_BY_KUNCI.setdefault(_p.kunci, (_peran, _p))

# Screenshot names the guides use: the browser tests copy exactly these into static/panduan/img/.
GAMBAR: frozenset[str] = frozenset(
    step.gambar for peran in PERAN for p in peran.panduan for step in p.langkah if step.gambar
)

# The "?" shown on a page opens this guide (URL name -> guide key).
HALAMAN: dict[str, str] = {
    "beranda": "kenali-beranda",
    "akun:masuk": "masuk",
    "surat:konsep": "tulis-konsep",
    "surat:konsep_baru": "tulis-konsep",
    "surat:konsep_ubah": "perbaiki-konsep",
    "surat:masuk": "baca-surat-masuk",
    "surat:tembusan": "baca-surat-masuk",
    "surat:perlu_paraf": "paraf-konsep",
    "surat:perlu_ttd": "tandatangani",
    "surat:tandatangani": "tandatangani",
    "surat:kembalikan": "kembalikan-konsep",
    "surat:catat_masuk": "catat-surat-masuk",
    "surat:agenda": "buku-agenda",
    "surat:eksternal": "kirim-penerima-luar",
    "surat:detail": "baca-surat-masuk",
    "disposisi:masuk": "laporan-disposisi",
    "disposisi:detail": "laporan-disposisi",
    "disposisi:keluar": "pantau-disposisi",
    "arsip:berkas_detail": "berkaskan",
    "notifikasi:daftar": "notifikasi",
    "notifikasi:preferensi": "notifikasi",
    "disposisi:buat": "disposisikan",
    "disposisi:pohon": "pantau-disposisi",
    "disposisi:laporkan": "laporan-disposisi",
    "organisasi:struktur": "lihat-struktur",
    "organisasi:pegawai_list": "tambah-pegawai",
    "organisasi:penugasan_list": "plt-plh",
    "organisasi:peran_list": "beri-peran",
    "arsip:index": "cari-arsip",
    "arsip:cari": "cari-arsip",
    "arsip:berkas_list": "berkaskan",
    "arsip:jatuh_tempo": "retensi",
    "panduan:pelatih": "pantau-latihan",
}
