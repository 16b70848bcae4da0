"""The archive's printouts with WeasyPrint (fonts, stylesheet and kop shared with surat.pdf): the
berita acara of a transfer or destruction (stored once, with its SHA-256) and the daftar arsip."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from arsip.models import BeritaAcara
from organisasi.models import Pemda, UnitKerja
from surat import tampilan, terbilang
from surat.pdf import html_to_pdf
from surat.tampilan import logo_uri


def _kop(opd: UnitKerja | None, pakai_pemda: bool = False) -> dict[str, Any]:
    pemda = Pemda.current()
    return {"logo": logo_uri(pemda), "kop": tampilan.build_kop(pemda, opd, pakai_pemda=pakai_pemda), "pemda": pemda}


def render_berita_acara(ba: BeritaAcara) -> bytes:
    berkas = ba.berkas
    items = list(berkas.item.select_related("surat").order_by("nomor"))
    ctx = {
        **_kop(None, pakai_pemda=True),
        "ba": ba,
        "berkas": berkas,
        "items": items,
        "tanggal": terbilang.hari_tanggal(ba.tanggal),
        "pemusnahan": ba.jenis == BeritaAcara.Jenis.PEMUSNAHAN,
        "jumlah": terbilang.jumlah(len(items), "item"),
    }
    return html_to_pdf(render_to_string("arsip/pdf/berita_acara.html", ctx))


def store_berita_acara(ba: BeritaAcara) -> None:
    """Render and keep the PDF (inside the service's transaction: no berita acara without its PDF)."""
    data = render_berita_acara(ba)
    ba.dokumen.save(f"berita-acara-{ba.pk}.pdf", ContentFile(data), save=False)
    ba.sha256 = hashlib.sha256(data).hexdigest()
    ba.save(update_fields=["dokumen", "sha256"])


def render_daftar_arsip(opd: UnitKerja, judul: str, rows: list[dict[str, Any]]) -> bytes:
    ctx = {
        **_kop(opd),
        "opd": opd,
        "judul": judul,
        "rows": [{**r, "tanggal": terbilang.tanggal(r["tanggal"])} for r in rows],
        "dicetak": terbilang.tanggal(timezone.localdate()),
    }
    # A list of a whole unit's files may run to hundreds of pages; the data is the app's own.
    return html_to_pdf(render_to_string("arsip/pdf/daftar_arsip.html", ctx), maks_halaman=5000, cpu_detik=240)
