"""The demo letters, in every state, so a new user sees a lived-in system; and the TTE certificates
of the demo signers. Always through the letters' services (and surat.signing for signatures, so
signed letters carry a real signed PDF). Runs once: HAL_PENANDA marks that the letters exist."""

from __future__ import annotations

import datetime
from typing import Any

import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from arsip.models import KlasifikasiArsip
from demo.akun import AKUN_JABATAN, DEMO_PASSPHRASE
from demo.kota import J
from demo.seeder import Seeder
from organisasi.models import Jabatan, Pegawai
from surat import services as surat_services
from surat import signing
from surat.models import JenisSurat, Penerima, Surat
from tte.models import SertifikatTte
from tte.services import pastikan_sertifikat_demo

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
    sebelum = SertifikatTte.objects.count()
    for username in PENANDATANGAN_DEMO:
        pastikan_sertifikat_demo(pegawai=s.pegawai[AKUN_JABATAN[username]], passphrase=DEMO_PASSPHRASE)
    if baru := SertifikatTte.objects.count() - sebelum:
        s.dibuat["sertifikat TTE"] += baru


def _p(*paragraf: str) -> str:
    return "".join(f"<p>{teks}</p>" for teks in paragraf)


class _Surat:
    """The demo letters' people and the moves they make."""

    def __init__(self, s: Seeder) -> None:
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
        actor = self.orang(username)
        self.jumlah += 1
        return surat_services.surat_create(
            actor=actor, jabatan_konseptor=actor.jabatan, jenis=self.jenis[jenis], klasifikasi=self.kka[kka], **fields
        )

    def jabs(self, *keys: str) -> list[Jabatan]:
        return [self.s.jabatan[key] for key in keys]

    def undangan(
        self, username: str, *, pembuka: str, penutup: str, dalam_hari: int, tempat: str, acara: str, **fields: Any
    ) -> Any:
        """An invitation: its opening and closing paragraphs around the meeting (09.00, `dalam_hari` days on)."""
        data = {
            "hari_tanggal": self.s.today + datetime.timedelta(days=dalam_hari),
            "waktu": "09.00 WIB s.d. selesai",
            "tempat": tempat,
            "acara": acara,
        }
        return self.konsep(
            username, jenis="surat-undangan", isi=_p(pembuka) + _p(penutup), data_tambahan=data, **fields
        )

    def ajukan(self, surat: Any, *, paraf_sampai: str | None = None) -> Any:
        """Submit, then initial in order as whoever holds each jabatan, stopping when it is the turn of
        jabatan `paraf_sampai` (a key of Seeder.jabatan), or when it waits for the signature."""
        surat_services.surat_submit(actor=surat.konseptor, surat=surat)
        berhenti = self.jab(paraf_sampai).pk if paraf_sampai else None
        while surat.status == surat.Status.PARAF and surat.giliran_id != berhenti:
            surat_services.paraf_approve(actor=self.pemangku[surat.giliran_id], surat=surat)
        return surat

    def tandatangani(self, surat: Any, username: str) -> Any:
        return signing.tandatangani(actor=self.orang(username), surat=surat, passphrase=DEMO_PASSPHRASE)

    def dibaca(self, surat: Any, *usernames: str) -> None:
        for username in usernames:
            surat_services.mark_read(actor=self.orang(username), surat=surat)


def step_surat(s: Seeder) -> None:
    """Letters in every state, so a new user sees a lived-in system: drafts, a return with a note, paraf
    and signature waiting, signed letters delivered and partly read, a reply thread, a Rahasia and an
    Amat Segera letter, external addressees for the pencatat and paper letters in the agenda books.
    Runs once (HAL_PENANDA); signed letters are dated today, paper letters a few days back."""
    if Surat.objects.filter(hal=HAL_PENANDA).exists():
        return
    d = _Surat(s)
    _surat_terkirim(s, d)
    _surat_dalam_proses(s, d)
    _surat_kertas(s, d)
    s.dibuat["surat"] += d.jumlah


def _surat_terkirim(s: Seeder, d: _Surat) -> None:
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
    undangan = d.undangan(
        "dishub.staf",
        kka="500.11",
        hal="Undangan Rapat Koordinasi Pengaturan Lalu Lintas Car Free Day Jalan Slamet Riyadi",
        urgensi=Surat.Urgensi.SEGERA,
        pembuka="Dalam rangka evaluasi dan penataan pelaksanaan Car Free Day di Jalan Slamet Riyadi, kami "
        "mengundang Bapak/Ibu untuk hadir pada rapat koordinasi yang akan dilaksanakan pada:",
        penutup="Mengingat pentingnya acara tersebut, kami mohon kehadiran Bapak/Ibu tepat waktu.",
        dalam_hari=5,
        tempat="Ruang Rapat Dinas Perhubungan, Jl. Menteri Supeno No. 7, Surakarta",
        acara="Evaluasi rekayasa lalu lintas, titik parkir dan pengamanan Car Free Day",
        penandatangan=d.jab("DISHUB.kepala"),
        tujuan=d.jabs("DISKOMINFOSP.kepala", "SATPOLPP.kepala", "KEC.LWY.kepala"),
        tembusan=d.jabs("SETDA.kepala"),
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
    undangan = d.undangan(
        "kominfo.staf",
        kka="000.6",
        hal="Undangan Sosialisasi Penggunaan Tanda Tangan Elektronik bagi Pejabat Penandatangan",
        pembuka="Dalam rangka penerapan tanda tangan elektronik pada naskah dinas, kami mengundang Bapak/Ibu "
        "untuk hadir pada sosialisasi yang akan dilaksanakan pada:",
        penutup="Peserta dimohon membawa laptop dan telepon genggam yang terpasang aplikasi surel dinas.",
        dalam_hari=10,
        tempat="Ruang Rapat Diskominfo SP, Kompleks Balai Kota Surakarta",
        acara="Sosialisasi tanda tangan elektronik dan pendaftaran sertifikat elektronik",
        penandatangan=d.jab("DISKOMINFOSP.kepala"),
        tujuan=d.jabs("DISHUB.kepala", "DISDAG.kepala", "BPPKAD.kepala"),
        tembusan=d.jabs("SETDA.kepala"),
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
    html = (
        f"<html><body style='font-family: serif; margin: 2cm'><h2>{escape(asal)}</h2><hr>"
        f"<p>Nomor: {escape(nomor)}</p><p>Hal: {escape(hal)}</p><p>(Contoh pindaian surat kertas)</p></body></html>"
    )
    return SimpleUploadedFile("pindaian.pdf", weasyprint.HTML(string=html).write_pdf(), "application/pdf")


def _surat_kertas(s: Seeder, d: _Surat) -> None:
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
