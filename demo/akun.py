"""The demo accounts: who to sign in as, with which password, and what to try with each (README's table
mirrors DEMO_ACCOUNTS; tests/test_settings.py checks it). Everybody else in the demo city signs in with
their NIP and the same password."""

from __future__ import annotations

from typing import NamedTuple

DEMO_PASSWORD = "Surakarta2026"
# Passphrase of the demo TTE certificates that demo.surat.step_sertifikat_tte issues to the demo signers
# (PENANDATANGAN_DEMO); the signing page asks for it. Real signers choose their own.
DEMO_PASSPHRASE = "Surakarta2026"
# The demo admins must pass two-step verification (organisasi.dua_faktor). Their authenticator key is
# this fixed, public demo value: add it to an authenticator app, or run `manage.py kode_dua_langkah_demo`
# for the current code. Never on a real server (seed_demo refuses to run there).
DEMO_TOTP_KUNCI_BASE32 = "MVXWMZTJMNSS2ZDFNVXS2MTGMEWWWZLZ"


class AkunDemo(NamedTuple):
    username: str
    peran: str
    jabatan: str


DEMO_ACCOUNTS: list[AkunDemo] = [
    AkunDemo(
        "adminpemda",
        "Admin Pemda: mengelola struktur semua OPD, juga halaman admin Django; Admin TTE: menyetujui permohonan sertifikat TTE",
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
