"""Letters and registers as A4 PDFs with WeasyPrint: the naskah dinas itself (a draft preview or the final
copy that gets signed), the lembar disposisi and the buku agenda of a period.

Rendering is pure (no writes). Font configuration, the stylesheet, the emblem and the QR codes are
cached per process, because WeasyPrint's font loading and CSS parsing dominate a one-page render.
Only `data:` URLs may be fetched: a letter's body can never make the renderer read a file or call out.
WeasyPrint runs in a child process with CPU, memory and page caps (lib/terbatas.py, PDF_MAKS_*): a
body built to be expensive (huge table spans, deep nesting) is stopped there with a message, whether
it reached the renderer through a draft or through a signing.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
import weasyprint
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from lib import terbatas
from organisasi.models import Pemda, UnitKerja
from surat import tampilan, terbilang
from surat.models import Agenda, Surat
from surat.tampilan import logo_uri

logger = logging.getLogger(__name__)

STATIC_PDF = Path(settings.BASE_DIR) / "static" / "pdf"

# The usual instruction checkboxes of a lembar disposisi (DOMAIN.md); a Pemda's own list may be passed in.
INSTRUKSI_BAWAAN = (
    "Untuk diketahui",
    "Untuk ditindaklanjuti",
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan",
    "Siapkan bahan/jawaban",
    "Wakili/hadiri",
    "Dampingi saya",
    "Pelajari/telaah",
    "Monitor perkembangannya",
    "Agendakan",
    "Arsipkan",
)


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _stylesheets() -> list[weasyprint.CSS]:
    # naskah.css is the letter's face, shared with the pages' preview; surat.css the page and the prints.
    return [
        weasyprint.CSS(filename=str(STATIC_PDF / name), font_config=_font_config())
        for name in ("naskah.css", "surat.css")
    ]


@functools.cache
def _fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"data"}, timeout=2)


@functools.lru_cache(maxsize=256)
def qr_uri(url: str) -> str:
    # PNG: WeasyPrint draws an SVG QR path by path, which costs about 50 ms per letter.
    return segno.make(url, error="m").png_data_uri(scale=10, border=0)


# Every PDF the app produces is PDF/A-2b, the archival profile: fonts embedded, an sRGB output intent,
# XMP metadata saying so. Letters are records kept for decades (JRA); archives accept only PDF/A.
# Signing appends incremental updates that keep it PDF/A (tte.pades).
PDF_VARIANT = "pdf/a-2b"
# The Info key WeasyPrint makes of the letter template's <meta name="eoffice-lampiran-sha256">: the
# attachments' SHA-256, space-separated, covered by the signature like the rest of the first revision.
INFO_LAMPIRAN = "/eofficelampiransha256"


class TerlaluBanyakHalaman(Exception):
    pass


def _tulis_pdf(html: str, maks_halaman: int) -> bytes:
    """In the capped child: lay out, refuse too many pages, write the PDF."""
    document = weasyprint.HTML(string=html, url_fetcher=_fetcher(), base_url=str(STATIC_PDF)).render(
        stylesheets=_stylesheets(), font_config=_font_config()
    )
    if len(document.pages) > maks_halaman:
        raise TerlaluBanyakHalaman(len(document.pages))
    # custom_metadata: a <meta name> of the template (the attachments' hashes) goes into the Info dictionary.
    return document.write_pdf(pdf_variant=PDF_VARIANT, custom_metadata=True)


def hangatkan() -> None:
    """Load the fonts and stylesheets into this process now, and lay out one sample letter here, so that
    every render child forked from it starts warm (eoffice.hangat, at a web worker's start; idempotent).

    Why the sample: WeasyPrint and Pango fill most of their caches during the first layout (the fonts'
    faces and metrics per weight and style, the image and colour-profile machinery of PDF/A). A child
    forked from a process that never laid anything out fills them again on every render and throws
    them away: a one-page letter cost 190-290 ms of CPU in the child instead of 75-150 ms (the signing's
    longest wait)."""
    _font_config(), _stylesheets()
    _contoh_ditata()


@functools.cache
def _contoh_ditata() -> None:
    # Our own fixed letter (nothing a user wrote): safe to lay out in this process, without the caps.
    # Once per process, whatever happens: a failure here only leaves the children cold.
    try:
        _tulis_pdf(_contoh_html(), 2)
    except Exception as exc:  # noqa: BLE001 - a cold render is slower, never broken
        logger.warning("Contoh naskah untuk pemanasan gagal ditata: %s", exc)


def _contoh_html() -> str:
    """A one-page letter through the real template, with the faces a letter uses: the emblem, bold,
    italic, tables, lists, the QR code and the footer note."""
    isi = (
        "<p>Dengan hormat, <strong>bersama ini</strong> kami sampaikan <em>contoh</em> naskah.</p>"
        "<ol><li>Satu;</li><li>Dua.</li></ol>"
        "<table><tr><td>Kolom</td><td><strong>Nilai</strong></td></tr></table>"
    )
    ctx = {
        "cetak": True,
        "layout": "dinas",
        "logo": logo_uri(None),
        "kop": {"baris_pemda": "PEMERINTAH DAERAH", "nama": "DINAS", "alamat": ["Jalan 1"], "kontak": ["Telp. 1"]},
        "tempat_tanggal": "1 Januari 2026",
        "nomor": "000/1/DINAS/2026",
        "sifat": "Biasa",
        "lampiran": "-",
        "hal": "Contoh",
        "tujuan": [{"nama": "Kepala Dinas"}],
        "di": "Tempat",
        "pembuka": mark_safe(isi),  # fixed text above
        "ttd": {"baris_atas": ["Kepala Dinas,"], "baris_bawah": ["NAMA", "NIP 1"]},
        "qr": qr_uri(verifikasi_url("contoh")),
        "tembusan": [{"nama": "Arsip"}],
        "catatan_kaki": "Dokumen ini ditandatangani secara elektronik.",
        "situs_verifikasi": settings.SITE_URL,
    }
    return render_to_string("pdf/surat.html", ctx)


def html_to_pdf(html: str, *, maks_halaman: int = 0, cpu_detik: int = 0) -> bytes:
    """Any of our print templates' HTML -> PDF/A-2b bytes, rendered within the PDF_MAKS_* caps (a register
    of a whole year may ask for more pages and time). Over a cap: ValidationError with a message for the
    user (nothing is stored)."""
    with mulai_html_to_pdf(html, maks_halaman=maks_halaman, cpu_detik=cpu_detik) as render:
        return render.hasil()


class RenderTertunda:
    """A render running in its capped child (mulai_html_to_pdf): `hasil()` waits for the PDF bytes;
    leaving the `with` block without them stops the child."""

    def __init__(self, anak: terbatas.Anak, maks_halaman: int) -> None:
        self._anak, self._maks_halaman = anak, maks_halaman

    def hasil(self) -> bytes:
        try:
            return self._anak.hasil()
        except terbatas.BatasTerlampaui as exc:
            raise ValidationError(
                f"Naskah tidak dapat dicetak: {exc} Sederhanakan isi naskah (tabel yang sangat besar atau bersarang)."
            ) from exc
        except TerlaluBanyakHalaman as exc:
            raise ValidationError(
                f"Naskah tidak dapat dicetak: {exc.args[0]} halaman, paling banyak {self._maks_halaman} halaman."
            ) from exc

    def __enter__(self) -> RenderTertunda:
        return self

    def __exit__(self, *exc: object) -> None:
        self._anak.hentikan()


def mulai_html_to_pdf(html: str, *, maks_halaman: int = 0, cpu_detik: int = 0) -> RenderTertunda:
    """html_to_pdf started, not awaited: this process may work while the child lays the letter out."""
    hangatkan()  # in this process, so every child starts with them
    maks_halaman = maks_halaman or settings.PDF_MAKS_HALAMAN
    anak = terbatas.mulai(
        _tulis_pdf,
        html,
        maks_halaman,
        cpu_detik=cpu_detik or settings.PDF_MAKS_CPU_DETIK,
        memori_mb=settings.PDF_MAKS_MB,
    )
    return RenderTertunda(anak, maks_halaman)


def verifikasi_url(token: str) -> str:
    return f"{settings.SITE_URL}/verifikasi/{token}/"


def render_surat_pdf(surat: Surat, *, konsep: bool, token: str = "", tte: bool = True) -> bytes:
    """The letter as PDF, from the one look (surat.tampilan). konsep=True: the draft preview (KONSEP
    watermark, no number, no date, no QR). Otherwise the final copy of a signed letter: number, date and
    the QR code to /verifikasi/<token>/; `tte` says whether the footer may claim an electronic signature."""
    return html_to_pdf(surat_html(surat, konsep=konsep, token=token, tte=tte))


def mulai_render_surat_pdf(surat: Surat, *, konsep: bool, token: str = "", tte: bool = True) -> RenderTertunda:
    """render_surat_pdf started, not awaited (signing opens the signer's key meanwhile)."""
    return mulai_html_to_pdf(surat_html(surat, konsep=konsep, token=token, tte=tte))


def surat_html(surat: Surat, *, konsep: bool, token: str = "", tte: bool = True) -> str:
    """The HTML that render_surat_pdf lays out (cheap; its hash names a cached draft preview)."""
    ctx = tampilan.build(surat, konsep=konsep, tte=tte)
    ctx["cetak"] = True
    ctx["watermark"] = tampilan.file_uri(STATIC_PDF / "konsep.svg") if konsep else ""
    ctx["qr"] = "" if konsep or not token else qr_uri(verifikasi_url(token))
    # The final copy lists every attachment with its SHA-256, in its text and in the Info dictionary
    # (INFO_LAMPIRAN, read back by surat.verifikasi): signed with the letter, a swapped attachment is
    # provable from the signed PDF alone (surat.integritas checks the stored one on every download).
    ctx["daftar_lampiran"] = (
        [] if konsep else list(surat.lampiran.order_by("id").values("nama_asli", "ukuran", "sha256"))
    )
    return render_to_string("pdf/surat.html", ctx)


@dataclass(frozen=True)
class BarisDisposisi:
    """One entry of a lembar disposisi (filled by the dispositions app)."""

    kepada: str
    instruksi: Sequence[str] = ()
    catatan: str = ""
    batas_waktu: datetime.date | None = None
    dari: str = ""
    tanggal: datetime.date | None = None


def render_lembar_disposisi(
    surat: Surat,
    entries: Iterable[BarisDisposisi] = (),
    *,
    instruksi: Sequence[str] = INSTRUKSI_BAWAAN,
    opd: UnitKerja | None = None,
    nomor_agenda: str = "",
    baris_kosong: int = 4,
) -> bytes:
    """The printable disposition sheet of an incoming letter; empty rows to write on by hand when there
    are no (or few) entries."""
    entries = list(entries)
    pemda = Pemda.current()
    agenda = None
    if not nomor_agenda and surat.pk:
        qs = Agenda.objects.filter(surat=surat)
        agenda = (qs.filter(opd=opd) if opd else qs).order_by("pk").first()
        nomor_agenda = f"{agenda.nomor}/{agenda.tahun}" if agenda else ""
    opd = opd or (agenda.opd if agenda else None)
    if surat.sumber == Surat.Sumber.MASUK_LUAR:
        dari, nomor, tanggal_surat = surat.asal_instansi, surat.nomor_asal, surat.tanggal_asal
        diterima = surat.tanggal_terima
    else:
        dari = surat.ttd_jabatan or (surat.opd.nama if surat.opd_id else "")
        nomor, tanggal_surat = surat.nomor or "", surat.tanggal
        diterima = agenda.tanggal_terima if agenda else surat.tanggal
    dipakai = {i for e in entries for i in e.instruksi}
    ctx = {
        "logo": logo_uri(pemda),
        "kop": tampilan.build_kop(pemda, opd, pakai_pemda=opd is None),
        "surat": surat,
        "rahasia": surat.is_rahasia,
        "dari": dari,
        "nomor": nomor,
        "tanggal_surat": terbilang.tanggal(tanggal_surat),
        "diterima": terbilang.tanggal(diterima),
        "nomor_agenda": nomor_agenda,
        "sifat": f"{surat.get_keamanan_display()} / {surat.get_urgensi_display()}",
        "hal": surat.hal,
        "instruksi": [(i, i in dipakai) for i in instruksi],
        "entries": [
            {
                "kepada": e.kepada,
                "instruksi": ", ".join(e.instruksi),
                "catatan": e.catatan,
                "batas_waktu": terbilang.tanggal(e.batas_waktu),
                "dari": e.dari,
                "tanggal": terbilang.tanggal(e.tanggal),
            }
            for e in entries
        ],
        "kosong": range(max(0, baris_kosong - len(entries))),
    }
    return html_to_pdf(render_to_string("pdf/lembar_disposisi.html", ctx))


def render_buku_agenda(
    opd: UnitKerja, dari: datetime.date, sampai: datetime.date, rows: Iterable[Agenda] | None = None
) -> bytes:
    """The agenda book of `opd` between two receipt dates (landscape). `rows` must already be scoped
    to what the reader may see (surat.selectors.buku_agenda, with `boleh_lihat_isi`); without it every
    line of the OPD is printed (system jobs)."""
    if rows is None:
        rows = (
            Agenda.objects.filter(opd=opd, tanggal_terima__range=(dari, sampai))
            .select_related("surat", "penerima")
            .order_by("tahun", "nomor")
        )
    baris = []
    for a in rows:
        s = a.surat
        boleh = getattr(a, "boleh_lihat_isi", not s.is_rahasia)
        baris.append(
            {
                "nomor": f"{a.nomor}/{a.tahun}",
                "diterima": terbilang.tanggal(a.tanggal_terima),
                "asal": s.asal_instansi or s.ttd_jabatan or (s.opd.nama if s.opd_id else ""),
                "nomor_surat": s.nomor_asal or s.nomor or "",
                "tanggal_surat": terbilang.tanggal(s.tanggal_asal or s.tanggal),
                "hal": s.hal if boleh else "",
                "rahasia": not boleh,
                "sifat": s.get_keamanan_display(),
                "kepada": a.penerima.nama if a.penerima_id else "",
            }
        )
    pemda = Pemda.current()
    ctx = {
        "logo": logo_uri(pemda),
        "kop": tampilan.build_kop(pemda, opd, pakai_pemda=False),
        "opd": opd,
        "periode": f"{terbilang.tanggal(dari)} s.d. {terbilang.tanggal(sampai)}",
        "baris": baris,
        "dicetak": terbilang.tanggal(timezone.localdate()),
    }
    # A busy OPD's year fills hundreds of pages; the data is the app's own, so the caps are wider.
    return html_to_pdf(render_to_string("pdf/buku_agenda.html", ctx), maks_halaman=5000, cpu_detik=240)
