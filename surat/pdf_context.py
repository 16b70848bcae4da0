"""What a letter's PDF shows, worked out from a Surat: which kop, which layout, the addressee block,
the signature block, the kind-specific tables. Pure reads; surat/pdf.py turns it into a PDF."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from organisasi.models import Jabatan, Pegawai, Pemda, UnitKerja
from organisasi.nip import format_nip
from surat import terbilang
from surat.models import JenisSurat, Penerima, Surat
from surat.sanitize import clean_html

# More addressees than this: "Yth. (daftar terlampir)" and a list page at the end.
MAKS_TUJUAN_DI_HALAMAN = 5

TATA_LETAK_PER_KODE = {"nota-dinas": "nota", "surat-edaran": "edaran", "surat-tugas": "tugas"}
TATA_LETAK_PER_KELUARGA = {
    JenisSurat.Keluarga.KORESPONDENSI_INTERN: "nota",
    JenisSurat.Keluarga.PENUGASAN: "tugas",
    JenisSurat.Keluarga.PENETAPAN: "tugas",
}


@dataclass
class Kop:
    baris_pemda: str  # "PEMERINTAH KOTA SURAKARTA"
    nama: str  # OPD name in capitals; "" for the Pemda's own kop
    alamat: list[str]  # pieces kept whole on a line: "Jalan ...", "Telepon (0271) 642020"
    kontak: list[str]


@dataclass
class BlokTtd:
    sebutan: str = ""  # "Plt." / "Plh.", printed as written before the uppercase jabatan
    atas_nama: str = ""
    untuk_beliau: str = ""
    jabatan: str = ""
    nama: str = ""
    pangkat: str = ""
    nip: str = ""
    tempat_tanggal: list[str] = field(default_factory=list)


def tata_letak(jenis: JenisSurat) -> str:
    """'dinas' (the correspondence layout), 'nota', 'edaran' or 'tugas' (centred title, no Yth.)."""
    return TATA_LETAK_PER_KODE.get(jenis.kode) or TATA_LETAK_PER_KELUARGA.get(jenis.keluarga, "dinas")


def uses_pemda_kop(jabatan: Jabatan | None) -> bool:
    """Letters of the Kepala Daerah, the Wakil and the Sekda carry the Pemda's kop."""
    if jabatan is None:
        return False
    unit = jabatan.unit
    return unit.jenis == UnitKerja.Jenis.PEMDA or (unit.jenis == UnitKerja.Jenis.SETDA and jabatan.is_kepala_unit)


def _gabung(*bagian: str, pemisah: str = ", ") -> str:
    return pemisah.join(b for b in bagian if b)


def build_kop(pemda: Pemda | None, opd: UnitKerja | None, *, pakai_pemda: bool) -> Kop:
    baris_pemda = pemda.nama.upper() if pemda else "PEMERINTAH DAERAH"
    sumber = pemda if (pakai_pemda or opd is None) else opd
    if sumber is None:
        return Kop(baris_pemda=baris_pemda, nama="", alamat=[], kontak=[])
    kota = _gabung(pemda.nama_daerah.upper() if pemda else "", sumber.kode_pos, pemisah=" ")
    alamat = [
        sumber.alamat,
        f"Telepon {sumber.telepon}" if sumber.telepon else "",
        f"Faksimile {sumber.faksimile}" if sumber.faksimile else "",
    ]
    kontak = [
        f"Laman: {sumber.website}" if sumber.website else "",
        f"Pos-el: {sumber.email}" if sumber.email else "",
        kota,
    ]
    nama = "" if sumber is pemda else opd.nama.upper()
    return Kop(baris_pemda=baris_pemda, nama=nama, alamat=[a for a in alamat if a], kontak=[k for k in kontak if k])


def _sifat(surat: Surat) -> str:
    sifat = surat.get_keamanan_display()
    if surat.urgensi != Surat.Urgensi.BIASA:
        sifat = f"{sifat}, {surat.get_urgensi_display()}"
    return sifat


def _penerima(surat: Surat) -> tuple[list[Penerima], list[Penerima]]:
    if surat.pk is None:
        return [], []
    rows = list(surat.penerima.select_related("jabatan__unit"))
    return [p for p in rows if p.jenis == Penerima.Jenis.TUJUAN], [
        p for p in rows if p.jenis == Penerima.Jenis.TEMBUSAN
    ]


def _di(tujuan: list[Penerima], pemda: Pemda | None) -> str:
    """'di Surakarta' for internal addressees, the place of a single external one, else 'di Tempat'."""
    if tujuan and all(not p.is_eksternal for p in tujuan) and pemda:
        return pemda.nama_daerah
    if len(tujuan) == 1 and tujuan[0].is_eksternal and tujuan[0].eksternal_alamat.strip():
        return tujuan[0].eksternal_alamat.strip().splitlines()[-1].strip()
    return "Tempat"


def _ttd(surat: Surat, *, konsep: bool) -> BlokTtd:
    """Signed letters print the snapshot taken at signing; drafts show the post's current holder."""
    if surat.ttd_jabatan and not konsep:
        return BlokTtd(
            sebutan=surat.ttd_sebutan,
            atas_nama=surat.ttd_atas_nama,
            untuk_beliau=surat.ttd_untuk_beliau,
            jabatan=surat.ttd_jabatan,
            nama=surat.ttd_nama,
            pangkat=surat.ttd_pangkat,
            nip=format_nip(surat.ttd_nip),
        )
    jabatan = surat.penandatangan
    if jabatan is None:
        return BlokTtd(jabatan="(penandatangan belum dipilih)")
    pemangku = Pegawai.objects.filter(jabatan=jabatan).first()
    ub = ""
    if surat.untuk_beliau and jabatan.atasan_id:
        ub = jabatan.atasan.nama
    return BlokTtd(
        atas_nama=surat.atas_nama.nama if surat.atas_nama_id else "",
        untuk_beliau=ub,
        jabatan=jabatan.nama,
        nama=pemangku.nama_lengkap if pemangku else "",
        pangkat=pemangku.get_pangkat_display() if pemangku and pemangku.pangkat else "",
        nip=pemangku.nip_tampil if pemangku else "",
    )


_FIRST_BLOCK = re.compile(r"^\s*<p>.*?</p>", re.IGNORECASE | re.DOTALL)


def split_isi(isi: str) -> tuple[SafeString, SafeString]:
    """The opening paragraph and the rest, so a kind's table (Surat Undangan) sits between them."""
    isi = clean_html(isi)
    match = _FIRST_BLOCK.match(isi)
    if not match or not isi[match.end() :].strip():
        return mark_safe(isi), mark_safe("")  # cleaned by surat.sanitize just above
    return mark_safe(match.group(0)), mark_safe(isi[match.end() :])


def _waktu_acara(raw: str) -> str:
    """'09:00' -> '09.00 WIB s.d. selesai'; anything typed otherwise is printed as typed."""
    raw = (raw or "").strip()
    if re.fullmatch(r"\d{1,2}[:.]\d{2}", raw):
        jam, menit = re.split(r"[:.]", raw)
        return f"{int(jam):02d}.{menit} WIB s.d. selesai"
    return raw


def _tanggal_iso(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _ditugaskan(ids: list) -> list[dict]:
    by_id = {p.pk: p for p in Pegawai.objects.filter(pk__in=ids or []).select_related("jabatan")}
    rows = []
    for pk in ids or []:
        p = by_id.get(pk)
        if p is not None:
            rows.append(
                {
                    "nama": p.nama_lengkap,
                    "nip": p.nip_tampil or "-",
                    "pangkat": p.get_pangkat_display() if p.pangkat else "-",
                    "jabatan": p.jabatan.nama if p.jabatan_id else "-",
                }
            )
    return rows


def lampiran_count(surat: Surat) -> int:
    return surat.lampiran.count() if surat.pk else 0


def build_context(surat: Surat, *, konsep: bool, verifikasi_url: str = "", tte: bool = True) -> dict:
    """Everything templates/pdf/surat.html needs."""
    pemda = Pemda.current()
    jabatan_ttd = surat.penandatangan
    opd = (jabatan_ttd.unit.opd if jabatan_ttd and jabatan_ttd.unit.opd_id else None) or surat.opd
    layout = tata_letak(surat.jenis)
    tujuan, tembusan = _penerima(surat)
    tempat = pemda.nama_daerah if pemda else ""
    tanggal = "(tanggal ditandatangani)" if konsep or not surat.tanggal else terbilang.tanggal(surat.tanggal)
    nomor = "(diisi saat ditandatangani)" if konsep or not surat.nomor else surat.nomor
    ttd = _ttd(surat, konsep=konsep)
    if layout in ("edaran", "tugas") and surat.jenis.keluarga != JenisSurat.Keluarga.PENUGASAN:
        kata = "Dikeluarkan" if layout == "edaran" else "Ditetapkan"
        ttd.tempat_tanggal = [f"{kata} di {tempat}", f"pada tanggal {tanggal}"]
    elif layout == "tugas":
        ttd.tempat_tanggal = [f"{tempat}, {tanggal}"]
    data = surat.data_tambahan or {}
    pembuka, penutup = split_isi(surat.isi)
    undangan = None
    if surat.jenis.kode == "surat-undangan" or {"tempat", "acara"} <= set(data):
        undangan = {
            "hari_tanggal": terbilang.hari_tanggal(_tanggal_iso(data.get("hari_tanggal"))),
            "waktu": _waktu_acara(data.get("waktu", "")),
            "tempat": data.get("tempat", ""),
            "acara": data.get("acara", ""),
        }
    n_lampiran = lampiran_count(surat)
    if pemda is None:
        notice = ""
    elif settings.TTE_BACKEND == "bsre":
        notice = "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE."
    else:
        notice = (
            "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
            f"diterbitkan oleh Otoritas Sertifikat {pemda.nama} (CA lokal)."
        )
    if not tte:
        notice = "Salinan elektronik surat yang terdaftar di eoffice" + (f" {pemda.nama}." if pemda else ".")
    return {
        "surat": surat,
        "konsep": konsep,
        "layout": layout,
        "judul": surat.jenis.nama.upper(),
        "kop": build_kop(pemda, opd, pakai_pemda=uses_pemda_kop(jabatan_ttd)),
        "tempat_tanggal": f"{tempat}, {tanggal}",
        "tanggal": tanggal,
        "nomor": nomor,
        "sifat": _sifat(surat),
        "lampiran": terbilang.jumlah(n_lampiran),
        "hal": surat.hal,
        "tujuan": tujuan,
        "tujuan_terlampir": len(tujuan) > MAKS_TUJUAN_DI_HALAMAN,
        "di": _di(tujuan, pemda),
        "tembusan": tembusan,
        "pembuka": pembuka,
        "penutup": penutup,
        "undangan": undangan,
        "dasar": data.get("dasar") or [],
        "ditugaskan": _ditugaskan(data.get("ditugaskan")) if layout == "tugas" else [],
        "untuk": data.get("untuk", ""),
        "ttd": ttd,
        "dari": ttd.jabatan,
        "verifikasi_url": verifikasi_url,
        "catatan_kaki": "" if konsep else notice,
        "situs_verifikasi": f"{settings.SITE_URL}/verifikasi/",
    }
