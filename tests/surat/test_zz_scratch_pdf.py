import datetime
from pathlib import Path
import time

from organisasi.models import Pangkat, Jabatan
from surat import pdf, services
from surat.models import JenisSurat

OUT = Path("/tmp/pdfout")


def test_dump(cast, konsep, terkirim, kka):
    cast.kepala.gelar_depan = "Dr."; cast.kepala.gelar_belakang = "S.Kom., M.Eng."; cast.kepala.pangkat = Pangkat.IV_C
    cast.kepala.nip = "198609262015051001"; cast.kepala.save()
    opd = cast.opd
    opd.alamat = "Jalan Jenderal Sudirman Nomor 2, Kompleks Balai Kota"; opd.telepon = "(0271) 642020"; opd.website = "kominfosp.surakarta.go.id"; opd.email = "kominfosp@surakarta.go.id"; opd.kode_pos = "57111"; opd.save()
    isi = "<p>Dengan hormat, sehubungan dengan pelaksanaan program transformasi digital Pemerintah Kota Surakarta tahun 2026, bersama ini kami mengundang Bapak/Ibu untuk hadir pada rapat koordinasi yang akan dilaksanakan pada:</p><p>Mengingat pentingnya acara tersebut, dimohon kehadiran tepat waktu. Demikian atas perhatian dan kehadirannya kami sampaikan terima kasih.</p>"
    kinds = {
        "surat-dinas": {"tujuan": [cast.kepala_lain.jabatan, {"nama": "Direktur PT Telkom Indonesia Witel Solo", "alamat": "Surakarta"}], "tembusan": [cast.kabid.jabatan]},
        "nota-dinas": {"tembusan": [cast.kabid.jabatan]},
        "surat-undangan": {"data_tambahan": {"hari_tanggal": "2026-11-30", "waktu": "09:00", "tempat": "Ruang Rapat Manganti Praja, Balai Kota Surakarta", "acara": "Rapat koordinasi transformasi digital"}},
        "surat-edaran": {"hal": "Penggunaan Aplikasi eOffice di Lingkungan Pemerintah Kota Surakarta", "tujuan": [cast.kepala_lain.jabatan, cast.kabid.jabatan]},
        "surat-tugas": {"tujuan": [], "data_tambahan": {"dasar": ["Peraturan Wali Kota Surakarta Nomor 12 Tahun 2025 tentang Tata Naskah Dinas", "Surat Undangan Dinas Perhubungan Nomor 000.1/5/DISHUB/2026"], "ditugaskan": [cast.staf.pk, cast.kabid.pk], "untuk": "Mengikuti rapat koordinasi transformasi digital pada tanggal 30 November 2026 dan melaporkan hasilnya kepada pimpinan."}},
    }
    for kode, kw in kinds.items():
        jenis = JenisSurat.objects.get(kode=kode)
        base = {"jenis": jenis, "isi": isi, "hal": kw.pop("hal", "Undangan rapat koordinasi transformasi digital")}
        base.update(kw)
        s = konsep(**base)
        t0 = time.perf_counter()
        (OUT / f"{kode}-konsep.pdf").write_bytes(pdf.render_surat_pdf(s, konsep=True))
        s2 = terkirim(**base)
        (OUT / f"{kode}.pdf").write_bytes(pdf.render_surat_pdf(s2, konsep=False, token="AbCdEf0123456789xyzXYZ_-abcdefghijklmnopq"))
        print(kode, time.perf_counter() - t0)
    many = terkirim(tujuan=[cast.kepala_lain.jabatan] + [{"nama": f"Camat Wilayah {i}"} for i in range(7)], jenis=JenisSurat.objects.get(kode="surat-dinas"), isi=isi)
    (OUT / "banyak.pdf").write_bytes(pdf.render_surat_pdf(many, konsep=False, token="x"))
    (OUT / "disposisi.pdf").write_bytes(pdf.render_lembar_disposisi(many, [pdf.BarisDisposisi(kepada="Kepala Bidang Aplikasi Informatika", instruksi=["Untuk ditindaklanjuti", "Koordinasikan"], catatan="Mohon disiapkan bahan paparan.", dari="Kepala Dinas", tanggal=datetime.date(2026,11,28))]))
    (OUT / "agenda.pdf").write_bytes(pdf.render_buku_agenda(cast.opd_lain, datetime.date(2026,1,1), datetime.date(2026,12,31)))
