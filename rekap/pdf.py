"""The one-page "Laporan bulanan" as PDF/A (WeasyPrint, through surat.pdf like every print of the app):
a Kepala forwards it as it is. One page whatever the reach: the OPD table keeps the busiest OPDs and
sums the rest into one line."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from organisasi.models import Pemda
from rekap import layanan
from rekap.ringkasan import BarisOpd, Rekap
from surat import tampilan, terbilang
from surat.pdf import html_to_pdf
from surat.tampilan import logo_uri

MAKS_BARIS_OPD = 12
BULAN = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()


def _baris_opd(rekap: Rekap) -> list[BarisOpd]:
    """The busiest OPDs by letters signed, then one line for the others (totals add up)."""
    ordered = sorted(rekap.baris, key=lambda b: (-b.volume.get("ditandatangani", 0), b.nama))
    if len(ordered) <= MAKS_BARIS_OPD:
        return ordered
    shown, rest = ordered[: MAKS_BARIS_OPD - 1], ordered[MAKS_BARIS_OPD - 1 :]
    lain = BarisOpd(nama=f"{len(rest)} OPD lainnya", opd_id=None)
    lain.volume = {k: sum(b.volume.get(k, 0) for b in rest) for k in rekap.total.volume}
    for b in rest:
        lain.hemat.tambah(b.hemat)
        lain.terlambat += b.terlambat
        lain.belum_dibaca += b.belum_dibaca
    return [*shown, lain]


def render_laporan_bulanan(rekap: Rekap) -> bytes:
    pemda = Pemda.current()
    bulan = rekap.periode.dari
    baris = _baris_opd(rekap)
    puncak = max((b.volume.get("ditandatangani", 0) for b in baris), default=0) or 1
    ctx = {
        "logo": logo_uri(pemda),
        "kop": tampilan.build_kop(pemda, rekap.lingkup.opd, pakai_pemda=rekap.lingkup.opd is None),
        "pemda": pemda,
        "r": rekap,
        "judul_bulan": f"{BULAN[bulan.month - 1]} {bulan.year}",
        "baris": [(b, round(100 * b.volume.get("ditandatangani", 0) / puncak)) for b in baris],
        "langkah": layanan.LANGKAH,
        "dicetak": terbilang.tanggal(timezone.localdate()),
    }
    return html_to_pdf(render_to_string("rekap/pdf/laporan_bulanan.html", ctx))
