"""The daftar arsip as Excel (openpyxl) and PDF, with the columns of the archive list."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from arsip import pdf
from lib.export import escape_formula
from organisasi.models import UnitKerja
from surat import terbilang

KOLOM = (
    ("Nomor berkas", 8),
    ("Kode klasifikasi", 14),
    ("Uraian berkas", 40),
    ("Kurun waktu", 12),
    ("Jumlah", 10),
    ("Nomor item", 8),
    ("Uraian item", 50),
    ("Tanggal", 18),
    ("Tingkat perkembangan", 14),
    ("Keterangan", 24),
)


def _nama(opd: UnitKerja, judul: str, ext: str) -> str:
    return f"{slugify(judul)}-{slugify(opd.kode or opd.nama)}-{timezone.localdate():%Y%m%d}.{ext}"


def daftar_xlsx(opd: UnitKerja, judul: str, rows: list[dict[str, Any]]) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = judul[:31]
    ws.append([judul.upper()])
    ws.append([opd.nama])
    ws.append([])
    ws.append([k for k, _ in KOLOM])
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=13)
    for i, (_, lebar) in enumerate(KOLOM, start=1):
        ws.column_dimensions[ws.cell(row=4, column=i).column_letter].width = lebar
    for r in rows:
        ws.append(
            [
                escape_formula(v)
                for v in (
                    r["nomor_berkas"] if r["pertama"] else "",
                    r["kka"] if r["pertama"] else "",
                    r["uraian"] if r["pertama"] else "",
                    r["kurun_waktu"] if r["pertama"] else "",
                    r["jumlah"] if r["pertama"] else "",
                    r["nomor_item"],
                    r["uraian_item"],
                    terbilang.tanggal(r["tanggal"]),
                    r["tingkat"],
                    r["keterangan"],
                )
            ]
        )
    ws.freeze_panes = "A5"
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = f'attachment; filename="{_nama(opd, judul, "xlsx")}"'
    return resp


def daftar_pdf(opd: UnitKerja, judul: str, rows: list[dict[str, Any]]) -> HttpResponse:
    resp = HttpResponse(pdf.render_daftar_arsip(opd, judul, rows), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{_nama(opd, judul, "pdf")}"'
    return resp
