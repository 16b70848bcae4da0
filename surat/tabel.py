"""The table of every letter list (Surat Masuk, Tembusan, Surat Keluar, Konsep, Perlu Paraf/Tanda Tangan,
Buku Agenda, Kirim ke Penerima Luar, the pencatat's part of Surat Masuk), built in Python.

A list names its columns (surat.views.kotak.DAFTAR `kolom`); `tabel` prints the header and one row per
`Baris` in the fixed order of KOLOM. On a laptop the subject (Hal) column gets the room, with the urgency
and security badges above it. Below 768 px (static/css/eoffice.css, .eo-daftar) each row reads as a card:
status, badges, the subject as the link, sender, date; every other cell carries its column name in
data-label.

Why Python and not a template: a page prints 25 rows of up to 16 columns. As a template that was ~700
`{% if %}` and ~1,100 variable lookups, a quarter of the Surat Masuk page's time at a million letters; as
functions it is a few string joins. Every value is escaped here (`escape`), as the template did.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.template.defaultfilters import linebreaksbr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lib.tanggal import tanggal
from lib.tautan import url_per_pk
from surat import export
from surat.models import Penerima, Surat

_URGENSI = {
    Surat.Urgensi.AMAT_SEGERA: ("text-bg-danger", "bi-lightning-charge-fill"),
    Surat.Urgensi.SEGERA: ("text-bg-warning", "bi-clock-fill"),
}


def lencana_sifat(surat: Surat) -> str:
    """The derajat kecepatan and klasifikasi keamanan badges of `surat` (HTML); "" for an ordinary letter."""
    lencana = []
    if surat.urgensi in _URGENSI:
        kelas, ikon = _URGENSI[surat.urgensi]
        lencana.append((kelas, ikon, surat.get_urgensi_display()))
    if surat.is_rahasia:
        lencana.append(("text-bg-dark", "bi-lock-fill", surat.get_keamanan_display()))
    elif surat.keamanan == Surat.Keamanan.TERBATAS:
        lencana.append(("text-bg-secondary", "", surat.get_keamanan_display()))
    return "".join(
        f'<span class="badge fs-6 {kelas}">'
        + (f'<i class="bi {ikon}" aria-hidden="true"></i> ' if ikon else "")
        + f"{escape(teks)}</span>"
        for kelas, ikon, teks in lencana
    )


@dataclass
class Baris:
    """One row of a list, whatever the list is made of (receipts, letters or agenda lines)."""

    surat: Surat
    penerima: Penerima | None = None
    agenda_nomor: int | None = None
    diterima: datetime.date | datetime.datetime | None = None
    tujuan: str = ""
    belum_dibaca: bool = False
    sembunyikan_hal: bool = False

    @property
    def asal(self) -> str:
        return export.asal_surat(self.surat)

    @property
    def nomor(self) -> str:
        return export.nomor_surat(self.surat)

    @property
    def tanggal_surat(self) -> datetime.date | None:
        return export.tanggal_surat(self.surat)

    @property
    def tujuan_surat(self) -> list[str]:
        """Addressees of an outgoing letter (needs `penerima` prefetched)."""
        return [p.nama for p in self.surat.penerima.all() if p.jenis == Penerima.Jenis.TUJUAN]


# ---------------------------------------------------------------- cells


def _sel(kelas: str, label: str, isi: str) -> str:
    kelas = f' class="{kelas}"' if kelas else ""
    return f'<td{kelas} data-label="{label}">{isi}</td>'


def _baca(b: Baris) -> str:
    if b.belum_dibaca:
        isi = '<span class="badge fs-6 text-bg-primary"><i class="bi bi-envelope-fill" aria-hidden="true"></i> Belum dibaca</span>'
    else:
        isi = '<span class="text-body-secondary fw-normal"><i class="bi bi-envelope-open" aria-hidden="true"></i> Sudah dibaca</span>'
    return f'<td class="eo-k-status">{isi}</td>'


def _penerima_luar(b: Baris) -> str:
    p = b.penerima
    isi = escape(p.eksternal_nama)
    if p.eksternal_email:
        isi += f'<br><span class="fw-normal">{escape(p.eksternal_email)}</span>'
    if p.eksternal_alamat:
        isi += f'<br><span class="fw-normal">{linebreaksbr(p.eksternal_alamat, autoescape=True)}</span>'
    return _sel("eo-k-dari", "Penerima", isi)


def _nomor(b: Baris) -> str:
    isi = escape(b.nomor or "(tanpa nomor)")
    if b.tanggal_surat:
        isi += f'<br><span class="text-nowrap">{tanggal(b.tanggal_surat, panjang=True)}</span>'
    return _sel("eo-k-nomor", "Nomor", isi)


def _status(b: Baris) -> str:
    s = b.surat
    isi = escape(s.get_status_display())
    if s.status == Surat.Status.PARAF and s.giliran_id:
        isi += f":<br>{escape(s.giliran.nama)}"
    elif s.status == Surat.Status.TTD and s.penandatangan_id:
        isi += f":<br>{escape(s.penandatangan.nama)}"
    return _sel("", "Posisi", isi)


def _kirim(b: Baris, url: str) -> str:
    return (
        f'<td class="text-end"><a class="btn btn-outline-primary" href="{url}#kirim-eksternal">Catat pengiriman'
        f'<span class="visually-hidden"> ke {escape(b.penerima.eksternal_nama)}</span></a></td>'
    )


# (name, header cell, row cell): the order of the table. A cell gets the row and its detail URL.
Sel = Callable[["Baris", str], str]
KOLOM: tuple[tuple[str, str, Sel], ...] = (
    ("baca", '<th scope="col" class="eo-k-status">Status</th>', lambda b, u: _baca(b)),
    (
        "agenda",
        '<th scope="col" class="eo-k-sempit">Nomor agenda</th>',
        lambda b, u: _sel("eo-k-sempit", "Nomor agenda", escape(b.agenda_nomor) if b.agenda_nomor else "—"),
    ),
    (
        "tanggal_terima",
        '<th scope="col" class="eo-k-tanggal">Tanggal terima</th>',
        lambda b, u: _sel("eo-k-tanggal", "Tanggal terima", tanggal(b.diterima)),
    ),
    ("penerima_luar", '<th scope="col">Penerima</th>', lambda b, u: _penerima_luar(b)),
    ("hal", '<th scope="col" class="eo-k-hal">Hal</th>', None),  # always there: see _hal
    ("asal", '<th scope="col">Asal surat</th>', lambda b, u: _sel("eo-k-dari", "Dari", escape(b.asal or "—"))),
    ("nomor", '<th scope="col">Nomor dan tanggal surat</th>', lambda b, u: _nomor(b)),
    ("jenis", '<th scope="col">Jenis</th>', lambda b, u: _sel("", "Jenis", escape(b.surat.jenis.nama))),
    (
        "konseptor",
        '<th scope="col">Dari</th>',
        lambda b, u: _sel(
            "eo-k-dari", "Dari", escape((b.surat.jabatan_konseptor_id and b.surat.jabatan_konseptor.nama) or "—")
        ),
    ),
    ("status", '<th scope="col">Posisi</th>', lambda b, u: _status(b)),
    (
        "tujuan_surat",
        '<th scope="col">Kepada</th>',
        lambda b, u: _sel("eo-k-dari", "Kepada", escape("; ".join(b.tujuan_surat) or "—")),
    ),
    (
        "tujuan",
        '<th scope="col">Diteruskan kepada</th>',
        lambda b, u: _sel("", "Diteruskan kepada", escape(b.tujuan or "—")),
    ),
    (
        "tanggal",
        '<th scope="col" class="eo-k-tanggal">Tanggal</th>',
        lambda b, u: _sel("eo-k-tanggal", "Tanggal", tanggal(b.surat.tanggal) or "—"),
    ),
    (
        "diterima",
        '<th scope="col" class="eo-k-tanggal">Diterima</th>',
        lambda b, u: _sel("eo-k-tanggal", "Diterima", tanggal(b.diterima, jam=True)),
    ),
    (
        "diubah",
        '<th scope="col" class="eo-k-tanggal">Terakhir diubah</th>',
        lambda b, u: _sel("eo-k-tanggal", "Diubah", tanggal(b.surat.diubah, jam=True)),
    ),
    ("kirim", '<th scope="col"><span class="visually-hidden">Tindakan</span></th>', _kirim),
)


# The letter's relations a column prints (select_related); surat.views.kotak asks for them per list.
RELASI = {
    "asal": ("opd",),
    "jenis": ("jenis",),
    "konseptor": ("jabatan_konseptor",),
    "status": ("giliran", "penandatangan"),
}


def relasi(kolom: Iterable[str], awalan: str = "") -> list[str]:
    """The select_related paths a table with `kolom` needs; `awalan` "surat__" for rows that are a
    letter's receipts or agenda lines."""
    return sorted({awalan + r for k in kolom for r in RELASI.get(k, ())})


# What no table prints: a letter's body (HTML) and its kind's extra fields (JSON, parsed per row).
TIDAK_DICETAK = ("isi", "data_tambahan")


def tanpa_isi(qs: QuerySet, awalan: str = "") -> QuerySet:
    """`qs` without the letter columns no table prints (`awalan` as for `relasi`)."""
    return qs.defer(*(awalan + k for k in TIDAK_DICETAK))


def _hal(b: Baris, url: str, sifat: bool) -> str:
    """The subject cell: badges, the subject as the link to the letter, a correction's badge. A secret
    letter's subject is hidden from a pencatat who is not its addressee."""
    s = b.surat
    bagian = []
    if sifat:
        bagian.append(f'<span class="eo-lencana-daftar">{lencana_sifat(s)}</span>')
    if b.sembunyikan_hal:
        teks = "Buka catatan surat"
        bagian.append("<em>(Rahasia — isi hanya untuk penerima)</em>")
    else:
        teks = escape(s.hal or "(belum ada hal)")
    bagian.append(f'<a class="eo-hal" href="{url}">{teks}</a>')
    if s.dikoreksi:
        warna = "text-bg-danger" if s.dikoreksi == "dicabut" else "text-bg-warning"
        bagian.append(
            f'<span class="badge fs-6 {warna}" data-eo-koreksi><i class="bi bi-exclamation-octagon-fill"'
            f' aria-hidden="true"></i> {escape(s.get_dikoreksi_display())}</span>'
        )
    return '<td class="eo-k-hal">' + "\n".join(bagian) + "</td>"


def tabel(baris: Iterable[Baris], kolom: Iterable[str], judul: str, nomor: int) -> SafeString:
    """The whole table of one page of a list."""
    kolom = set(kolom)
    dipakai = [(nama, kepala, sel) for nama, kepala, sel in KOLOM if nama in kolom or nama == "hal"]
    sifat = "sifat" in kolom
    url_detail = url_per_pk("surat:detail")
    baris_html = []
    for b in baris:
        url = url_detail(b.surat.pk)
        sel = "".join(_hal(b, url, sifat) if nama == "hal" else f(b, url) for nama, _, f in dipakai)
        tebal = ' class="fw-bold"' if b.belum_dibaca else ""
        baris_html.append(f"<tr{tebal}>{sel}</tr>")
    return mark_safe(  # every value above went through escape()
        '<div class="eo-daftar-bungkus">\n<table class="table align-middle fs-6 eo-daftar">\n'
        f'<caption class="visually-hidden">{escape(judul)}, halaman {nomor}</caption>\n'
        f"<thead><tr>{''.join(kepala for _, kepala, _ in dipakai)}</tr></thead>\n"
        "<tbody>\n" + "\n".join(baris_html) + "\n</tbody>\n</table>\n</div>"
    )
