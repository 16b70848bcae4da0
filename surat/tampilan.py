"""The look of a letter, built once: everything its face shows, worked out from a Surat.

`build(surat, konsep=...)` gives the kop, the layout family of the kind, the head (place and date,
Nomor / Sifat / Lampiran / Hal, or the centred title), the addressees, the body with the kind's extra
fields (an invitation's day/time/place/event, an assignment's basis and people, any other field a Pemda
added), the signature block (a.n., u.b., Plt./Plh., name, pangkat, NIP) and the copies. Both faces
render from it, through the same template (templates/pdf/_naskah.html):

- the PDF (surat/pdf.py, templates/pdf/surat.html), draft preview or final copy;
- the letter on the pages (templates/surat/_pratinjau.html: the detail page, the signing confirmation).

So a verifikator approves exactly the words that will be signed. A draft's signature block names who
acts for the signer's jabatan today (a Plt/Plh in force, else the holder: `organisasi.acting.pelaksana`);
a signed letter prints the snapshot frozen at signing. Pure reads.
"""

from __future__ import annotations

import base64
import datetime
import functools
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from organisasi import acting
from organisasi.models import Jabatan, Pegawai, Pemda, UnitKerja
from organisasi.nip import format_nip
from surat import terbilang
from surat.models import JenisSurat, Penerima, Surat
from surat.sanitize import clean_html

LOGO_BAWAAN = Path(settings.BASE_DIR) / "static" / "pdf" / "lambang.svg"

# More addressees than this: "Yth. (daftar terlampir)" and a list page at the end.
MAKS_TUJUAN_DI_HALAMAN = 5

TATA_LETAK_PER_KODE = {"nota-dinas": "nota", "surat-edaran": "edaran", "surat-tugas": "tugas"}
TATA_LETAK_PER_KELUARGA = {
    JenisSurat.Keluarga.KORESPONDENSI_INTERN: "nota",
    JenisSurat.Keluarga.PENUGASAN: "tugas",
    JenisSurat.Keluarga.PENETAPAN: "tugas",
}
# Extra fields a layout prints in its own place; any other field of a kind is listed after the body.
KOLOM_UNDANGAN = ("hari_tanggal", "waktu", "tempat", "acara")
KOLOM_TUGAS = ("dasar", "ditugaskan", "untuk")

KONSEP_NOMOR = "(diisi saat ditandatangani)"
KONSEP_TANGGAL = "(tanggal ditandatangani)"


@dataclass
class Kop:
    baris_pemda: str  # "PEMERINTAH KOTA SURAKARTA"
    nama: str  # OPD name in capitals; "" for the Pemda's own kop
    alamat: list[str]  # pieces kept whole on a line: "Jalan ...", "Telepon (0271) 642020"
    kontak: list[str]


@dataclass
class BlokTtd:
    """The signature block. `baris_atas` and `baris_bawah` are its lines exactly as printed (the jabatan in
    capitals, "Plt."/"Plh." and "a.n." as written), above and below the space for the QR code."""

    jabatan: str = ""
    sebutan: str = ""  # "Plt." / "Plh." / ""
    atas_nama: str = ""
    untuk_beliau: str = ""
    nama: str = ""
    pangkat: str = ""
    nip: str = ""
    tempat_tanggal: list[str] = field(default_factory=list)
    sudah: bool = False  # signed: the snapshot frozen at signing

    @property
    def baris_atas(self) -> list[str]:
        rows = [*self.tempat_tanggal, ""] if self.tempat_tanggal else []
        if self.atas_nama:
            rows.append(f"a.n. {self.atas_nama.upper()}")
        if self.untuk_beliau:
            rows += [f"{self.untuk_beliau.upper()},", "u.b."]
        jabatan = self.jabatan.upper() if self.jabatan else "(penandatangan belum dipilih)"
        rows.append(f"{self.sebutan} {jabatan},".strip())
        return rows

    @property
    def baris_bawah(self) -> list[str]:
        rows = [self.nama or "(nama penanda tangan)"]
        if self.pangkat:
            rows.append(self.pangkat)
        if self.nip:
            rows.append(f"NIP. {self.nip}")
        return rows


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
    """The letterhead of an OPD, or of the Pemda (`pakai_pemda`, or no OPD); also for the prints."""
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


@functools.lru_cache(maxsize=8)
def _data_uri(path: str, mtime: float) -> str:
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode()}"


def file_uri(path: Path) -> str:
    """A file as a data: URL, cached until it changes."""
    return _data_uri(str(path), path.stat().st_mtime)


def logo_uri(pemda: Pemda | None) -> str:
    """The Pemda's uploaded logo, else the neutral emblem shipped in static/pdf, as a data: URL (the PDF
    renderer fetches nothing else, and media files are never served directly)."""
    path = LOGO_BAWAAN
    if pemda is not None and pemda.logo:
        try:
            candidate = Path(pemda.logo.path)
            if candidate.is_file():
                path = candidate
        except NotImplementedError:  # object storage: no local path
            return _remote_uri(pemda.logo.name) or file_uri(path)
        except ValueError:  # a dangling name
            pass
    return file_uri(path)


@functools.lru_cache(maxsize=4)
def _remote_uri(name: str) -> str:
    """A file on object storage as a data: URL. Upload names are random and never reused (lib.storage),
    so the name alone is a safe cache key. Empty when it cannot be read."""
    from django.core.files.storage import default_storage

    try:
        with default_storage.open(name, "rb") as fh:
            data = fh.read()
    except OSError:
        return ""
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _sifat(surat: Surat) -> str:
    sifat = surat.get_keamanan_display()
    if surat.urgensi != Surat.Urgensi.BIASA:
        sifat = f"{sifat}, {surat.get_urgensi_display()}"
    return sifat


def _penerima(surat: Surat, penerima: list[Penerima] | None) -> tuple[list[Penerima], list[Penerima]]:
    if penerima is None:
        penerima = list(surat.penerima.select_related("jabatan__unit")) if surat.pk else []
    return [p for p in penerima if p.jenis == Penerima.Jenis.TUJUAN], [
        p for p in penerima if p.jenis == Penerima.Jenis.TEMBUSAN
    ]


def _di(tujuan: list[Penerima], pemda: Pemda | None) -> str:
    """'di Surakarta' for internal addressees, the place of a single external one, else 'di Tempat'."""
    if tujuan and all(not p.is_eksternal for p in tujuan) and pemda:
        return pemda.nama_daerah
    if len(tujuan) == 1 and tujuan[0].is_eksternal and tujuan[0].eksternal_alamat.strip():
        return tujuan[0].eksternal_alamat.strip().splitlines()[-1].strip()
    return "Tempat"


def _ttd(surat: Surat, *, konsep: bool) -> BlokTtd:
    """Signed letters print the snapshot taken at signing; drafts name who acts for the signer's jabatan
    today, with Plt./Plh. as the signing will print it."""
    if surat.ttd_jabatan and not konsep:
        return BlokTtd(
            sebutan=surat.ttd_sebutan,
            atas_nama=surat.ttd_atas_nama,
            untuk_beliau=surat.ttd_untuk_beliau,
            jabatan=surat.ttd_jabatan,
            nama=surat.ttd_nama,
            pangkat=surat.ttd_pangkat,
            nip=format_nip(surat.ttd_nip),
            sudah=True,
        )
    jabatan = surat.penandatangan
    if jabatan is None:
        return BlokTtd()
    pegawai, tugas = acting.pelaksana(jabatan)
    ub = jabatan.atasan.nama if surat.untuk_beliau and jabatan.atasan_id else ""
    return BlokTtd(
        sebutan=tugas.singkatan if tugas else "",
        atas_nama=surat.atas_nama.nama if surat.atas_nama_id else "",
        untuk_beliau=ub,
        jabatan=jabatan.nama,
        nama=pegawai.nama_lengkap if pegawai else "",
        pangkat=pegawai.get_pangkat_display() if pegawai and pegawai.pangkat else "",
        nip=pegawai.nip_tampil if pegawai else "",
    )


_FIRST_BLOCK = re.compile(r"^\s*<p>.*?</p>", re.IGNORECASE | re.DOTALL)


def split_isi(isi: str) -> tuple[SafeString, SafeString]:
    """The opening paragraph and the rest, so a kind's table (Surat Undangan) sits between them."""
    isi = clean_html(isi)
    match = _FIRST_BLOCK.match(isi)
    if not match or not isi[match.end() :].strip():
        return mark_safe(isi), mark_safe("")  # cleaned by surat.sanitize just above
    return mark_safe(match.group(0)), mark_safe(isi[match.end() :])


def _waktu(raw: str, *, sampai_selesai: bool) -> str:
    """'09:00' -> '09.00 WIB' ('09.00 WIB s.d. selesai' for an event); anything else as typed."""
    raw = (raw or "").strip()
    if re.fullmatch(r"\d{1,2}[:.]\d{2}", raw):
        jam, menit = re.split(r"[:.]", raw)
        return f"{int(jam):02d}.{menit} WIB" + (" s.d. selesai" if sampai_selesai else "")
    return raw


def _tanggal_iso(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _orang(ids: list) -> list[dict[str, str]]:
    """The pegawai of a `pegawai_list` field, in the order given, as an assignment prints them."""
    by_id = {p.pk: p for p in Pegawai.objects.filter(pk__in=ids or []).select_related("jabatan")}
    return [
        {
            "nama": p.nama_lengkap,
            "nip": p.nip_tampil or "-",
            "pangkat": p.get_pangkat_display() if p.pangkat else "-",
            "jabatan": p.jabatan.nama if p.jabatan_id else "-",
        }
        for p in (by_id.get(pk) for pk in ids or [])
        if p is not None
    ]


def _tambahan(surat: Surat, dipakai: tuple[str, ...]) -> list[dict[str, Any]]:
    """The kind's other extra fields (those the layout does not place itself), as the letter writes
    them: dates with their day, times in WIB, people with their NIP, lists numbered."""
    rows = []
    data = surat.data_tambahan or {}
    for kolom in surat.jenis.kolom_tambahan or []:
        name = kolom["name"]
        value = data.get(name)
        if name in dipakai or value in (None, "", []):
            continue
        tipe = kolom.get("type", "text")
        if tipe == "date":
            value = terbilang.hari_tanggal(_tanggal_iso(value)) or value
        elif tipe == "time":
            value = _waktu(value, sampai_selesai=False)
        elif tipe == "pegawai_list":
            value = [f"{o['nama']}, NIP {o['nip']}" for o in _orang(value)]
        rows.append({"label": kolom.get("label", name), "nilai": value, "daftar": isinstance(value, list)})
    return rows


def _catatan_kaki(pemda: Pemda | None, *, tte: bool) -> str:
    if pemda is None:
        return ""
    if not tte:
        return f"Salinan elektronik surat yang terdaftar di eoffice {pemda.nama}."
    if settings.TTE_BACKEND == "bsre":
        return "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE."
    return (
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
        f"diterbitkan oleh Otoritas Sertifikat {pemda.nama} (CA lokal)."
    )


def build(
    surat: Surat,
    *,
    konsep: bool,
    tte: bool = True,
    penerima: list[Penerima] | None = None,
    jumlah_lampiran: int | None = None,
    pemda: Pemda | None = None,
) -> dict[str, Any]:
    """Everything the letter's face shows (templates/pdf/_naskah.html). konsep=True: a draft (no number,
    no date, the signer-to-be). `penerima`/`jumlah_lampiran` may be passed when the page loaded them;
    `pemda` by a page (the header's, cached), never by the PDF, which reads the current one."""
    pemda = pemda or Pemda.current()
    jabatan_ttd = surat.penandatangan
    opd = (jabatan_ttd.unit.opd if jabatan_ttd and jabatan_ttd.unit.opd_id else None) or surat.opd
    layout = tata_letak(surat.jenis)
    tujuan, tembusan = _penerima(surat, penerima)
    tempat = pemda.nama_daerah if pemda else ""
    tanggal = KONSEP_TANGGAL if konsep or not surat.tanggal else terbilang.tanggal(surat.tanggal)
    nomor = KONSEP_NOMOR if konsep or not surat.nomor else surat.nomor
    ttd = _ttd(surat, konsep=konsep)
    if layout in ("edaran", "tugas") and surat.jenis.keluarga != JenisSurat.Keluarga.PENUGASAN:
        kata = "Dikeluarkan" if layout == "edaran" else "Ditetapkan"
        ttd.tempat_tanggal = [f"{kata} di {tempat}", f"pada tanggal {tanggal}"]
    elif layout == "tugas":
        ttd.tempat_tanggal = [f"{tempat}, {tanggal}"]
    data = surat.data_tambahan or {}
    pembuka, penutup = split_isi(surat.isi)
    undangan = None
    dipakai: tuple[str, ...] = KOLOM_TUGAS if layout == "tugas" else ()
    if surat.jenis.kode == "surat-undangan" or {"tempat", "acara"} <= set(data):
        dipakai += KOLOM_UNDANGAN
        undangan = {
            "hari_tanggal": terbilang.hari_tanggal(_tanggal_iso(data.get("hari_tanggal"))),
            "waktu": _waktu(data.get("waktu", ""), sampai_selesai=True),
            "tempat": data.get("tempat", ""),
            "acara": data.get("acara", ""),
        }
    if jumlah_lampiran is None:
        jumlah_lampiran = surat.lampiran.count() if surat.pk else 0
    return {
        "surat": surat,
        "konsep": konsep,
        "layout": layout,
        "judul": surat.jenis.nama.upper(),
        "kop": build_kop(pemda, opd, pakai_pemda=uses_pemda_kop(jabatan_ttd)),
        "logo": logo_uri(pemda),
        "tempat_tanggal": f"{tempat}, {tanggal}" if tempat else tanggal,
        "tanggal": tanggal,
        "nomor": nomor,
        "sifat": _sifat(surat),
        "lampiran": terbilang.jumlah(jumlah_lampiran),
        "hal": surat.hal,
        "tujuan": tujuan,
        "tujuan_terlampir": len(tujuan) > MAKS_TUJUAN_DI_HALAMAN,
        "di": _di(tujuan, pemda),
        "tembusan": tembusan,
        "pembuka": pembuka,
        "penutup": penutup,
        "undangan": undangan,
        "tambahan": _tambahan(surat, dipakai),
        "dasar": data.get("dasar") or [],
        "ditugaskan": _orang(data.get("ditugaskan")) if layout == "tugas" else [],
        "untuk": data.get("untuk", ""),
        "ttd": ttd,
        "dari": ttd.jabatan,
        "catatan_kaki": "" if konsep else _catatan_kaki(pemda, tte=tte),
        "situs_verifikasi": f"{settings.SITE_URL}/verifikasi/",
    }


def render_html(surat: Surat, *, konsep: bool, **kwargs: Any) -> SafeString:
    """The letter's face as HTML for a page (the PDF renders the same template inside its page frame)."""
    return render_to_string("pdf/_naskah.html", build(surat, konsep=konsep, pemda=Pemda.untuk_tampilan(), **kwargs))
