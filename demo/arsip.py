"""The demo archives (a step of demo.seed): the full KKA list when the shared
transcription is there, example JRA values, letters of Diskominfo SP filed into berkas, one berkas due
for transfer and one due for destruction (back-dated), and a scanned paper letter whose image holds a
phrase found nowhere else, so a search finds it once OCR has run (after the seed commits).

The JRA values here are examples for the demo, not the official schedule of Permendagri 83/2022.
Every part looks up what it would create first: running the seed again changes nothing."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from arsip import impor, services
from arsip.models import Berkas, KlasifikasiArsip
from demo.seeder import Seeder
from organisasi.models import Pegawai, UnitKerja
from surat import services as surat_services
from surat.models import JenisSurat, Surat

KKA_LENGKAP = Path(settings.BASE_DIR).parent / "shared" / "data" / "kka_permendagri_83_2022.csv"
KALIMAT_PINDAIAN = "TROTOAR BERLUBANG DI JALAN SLAMET RIYADI"
NOMOR_PINDAIAN = "DEMO/ADUAN/017/2026"
JRA_CONTOH = {
    "000": (2, 3, "musnah"),
    "000.8": (2, 5, "musnah"),
    "100": (2, 5, "permanen"),
    "500.12": (2, 3, "musnah"),
    "800": (2, 8, "dinilai_kembali"),
}


def step_arsip(s: Seeder) -> None:
    """KKA list, JRA examples, berkas (one due for transfer, one for destruction), a scanned letter."""
    if KKA_LENGKAP.exists():
        rows, _ = impor.baca_csv(KKA_LENGKAP, lewati_salah=True)
        hasil = impor.simpan(actor=None, rows=rows, nama_berkas=KKA_LENGKAP.name)
        if hasil.dibuat:
            s.dibuat["kode klasifikasi"] += hasil.dibuat
    for kode, (ra, ri, nasib) in JRA_CONTOH.items():
        k = KlasifikasiArsip.objects.filter(kode=kode).first()
        if k is not None and k.retensi_aktif is None:
            services.klasifikasi_set_jra(
                actor=None, klasifikasi=k, retensi_aktif=ra, retensi_inaktif=ri, nasib_akhir=nasib
            )
    opd = UnitKerja.objects.filter(kode="DISKOMINFOSP", is_opd=True).first()
    if opd is None or not JenisSurat.objects.filter(kode="nota-dinas").exists():
        return
    if not Berkas.objects.filter(opd=opd).exists():
        _surat_dan_berkas(s, opd)
    if not Surat.objects.filter(nomor_asal=NOMOR_PINDAIAN).exists():
        _surat_pindaian(s, opd)


def _orang(username: str) -> Pegawai:
    return Pegawai.objects.select_related("jabatan").get(user__username=username)


def _kirim(*, hal: str, kode: str, isi: str) -> Surat:
    """A nota dinas of the staf, through the default paraf chain, signed by the Kepala Dinas."""
    staf, kepala = _orang("kominfo.staf"), _orang("kominfo.kepala")
    surat = surat_services.surat_create(
        actor=staf,
        jabatan_konseptor=staf.jabatan,
        jenis=JenisSurat.objects.get(kode="nota-dinas"),
        hal=hal,
        isi=f"<p>{isi}</p>",
        klasifikasi=KlasifikasiArsip.objects.get(kode=kode),
        penandatangan=kepala.jabatan,
        tujuan=[_orang("dishub.kepala").jabatan],
    )
    surat_services.surat_submit(actor=staf, surat=surat)
    while surat.status == Surat.Status.PARAF:
        pemaraf = Pegawai.objects.get(jabatan_id=surat.giliran_id)
        surat_services.paraf_approve(actor=pemaraf, surat=surat)
    surat_services.sign(actor=kepala, surat=surat)
    return surat


def _mundurkan(berkas: Berkas, tahun_lalu: int) -> None:
    """Back-date the items of a demo berkas so its retention falls due."""
    tanggal = datetime.date(timezone.localdate().year - tahun_lalu, 3, 15)
    berkas.item.update(tanggal=tanggal)
    Berkas.objects.filter(pk=berkas.pk).update(uraian=f"{berkas.klasifikasi.nama} tahun {tanggal.year}")
    services.berkas_refresh(berkas)


def _surat_dan_berkas(s: Seeder, opd: UnitKerja) -> None:
    _kirim(hal="Rapat koordinasi pengembangan aplikasi", kode="000.1", isi="Mohon kehadiran pada rapat koordinasi.")
    _kirim(hal="Laporan pemeliharaan jaringan", kode="000.1", isi="Terlampir laporan pemeliharaan jaringan kantor.")
    _kirim(hal="Penataan organisasi bidang", kode="000.8", isi="Usulan penataan tugas dan fungsi bidang.")
    _kirim(hal="Layanan data statistik sektoral", kode="500.12", isi="Permohonan pembaruan data statistik sektoral.")
    s.dibuat["surat contoh"] += 4
    services.berkas_file_usulan(actor=None, opd=opd)
    berkas = {b.klasifikasi.kode: b for b in Berkas.objects.filter(opd=opd).select_related("klasifikasi")}
    s.dibuat["berkas"] += len(berkas)
    _mundurkan(berkas["000.1"], tahun_lalu=3)  # aktif ended last year: due for transfer
    lama = berkas["000.8"]
    _mundurkan(lama, tahun_lalu=9)  # aktif and inaktif both ended
    services.berkas_pindahkan(actor=_orang("arsip.unit"), berkas=lama, catatan="Data contoh")


def _png(teks: str) -> bytes:
    img = Image.new("L", (1654, 1000), 255)
    draw = ImageDraw.Draw(img)
    try:
        judul = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", 44)
        isi = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", 40)
    except OSError:
        judul = isi = ImageFont.load_default(size=40)
    draw.text((120, 120), "PENGADUAN MASYARAKAT", font=judul, fill=0)
    draw.text((120, 260), "Dengan hormat, kami laporkan", font=isi, fill=0)
    draw.text((120, 340), teks, font=isi, fill=0)
    draw.text((120, 420), "mohon segera diperbaiki.", font=isi, fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(200, 200))
    return buf.getvalue()


def _surat_pindaian(s: Seeder, opd: UnitKerja) -> None:
    """A paper letter with only a scan: the phrase is in the image, not in any typed field."""
    today = timezone.localdate()
    surat_services.register_paper_letter(
        actor=_orang("kominfo.tu"),
        opd=opd,
        jenis=None,
        asal_instansi="Forum Warga Kelurahan Penumping",
        nomor_asal=NOMOR_PINDAIAN,
        tanggal_asal=today - datetime.timedelta(days=2),
        tanggal_terima=today,
        hal="Pengaduan fasilitas pejalan kaki",
        tujuan=_orang("kominfo.kepala").jabatan,
        klasifikasi=KlasifikasiArsip.objects.filter(kode="500.12").first(),
        ringkasan="Pengaduan warga, lihat pindaian.",
        scans=[SimpleUploadedFile("pengaduan-warga.png", _png(KALIMAT_PINDAIAN), "image/png")],
    )
    s.dibuat["surat pindaian"] += 1
