"""The Rekap as an Excel workbook: the numbers behind every chart and table of the pages, one sheet each.
Names come from the structure tables that admins type, so every text cell goes through the formula
escape (lib.export) and is stored as text."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from typing import Any

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from lib.export import escape_formula
from rekap import layanan, selectors
from rekap.periode import label_bulan
from rekap.ringkasan import BarisOpd, Rekap


def _cell(ws, value: Any, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=escape_formula(value))
    if isinstance(value, str):
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(wb: Workbook, nama: str, judul: str, kolom: Iterable[str], rows: Iterable[Iterable[Any]]) -> None:
    ws = wb.create_sheet(nama)
    ws.column_dimensions["A"].width = 48
    ws.append([_cell(ws, judul, bold=True)])
    ws.append([_cell(ws, k, bold=True) for k in kolom])
    for row in rows:
        ws.append([_cell(ws, v) for v in row])


def _opd_row(b: BarisOpd) -> list[Any]:
    row: list[Any] = [b.nama, *(b.volume.get(k, 0) for k, _ in selectors.VOLUME), b.persen_elektronik]
    row += [b.hemat.lembar, b.hemat.kurir, b.hemat.rupiah, b.terlambat, b.belum_dibaca]
    row += [b.tepat_waktu.get("n", 0), b.tepat_waktu.get("persen")]
    for kode, _ in layanan.LANGKAH:
        v = b.layanan.get(kode) or {}
        row += [v.get("p50"), v.get("p90")]
    return row


def rekap_xlsx_response(rekap: Rekap, nama_berkas: str) -> FileResponse:
    judul = f"Rekap {rekap.lingkup.judul}, {rekap.periode.label}"
    wb = Workbook(write_only=True)
    kolom = ["OPD", *(label for _, label in selectors.VOLUME), "% surat masuk elektronik"]
    kolom += ["Lembar kertas dihemat", "Perjalanan kurir dihindari", "Penghematan (Rp)"]
    kolom += ["Disposisi terlambat", "Surat segera belum dibaca", "Disposisi selesai (berbatas waktu)", "% tepat waktu"]
    for _, label in layanan.LANGKAH:
        kolom += [f"{label}: median (jam)", f"{label}: 90% (jam)"]
    _sheet(wb, "Per OPD", judul, kolom, [*(_opd_row(b) for b in rekap.baris), _opd_row(rekap.total)])
    _sheet(
        wb,
        "Per bulan",
        judul,
        ["Bulan", "Surat", "Lembar kertas dihemat", "Perjalanan kurir dihindari", "Penghematan (Rp)",
         "Surat masuk elektronik", "Surat masuk kertas", "% elektronik"],
        [
            [label_bulan(b), h.surat, h.lembar, h.kurir, h.rupiah, e["elektronik"], e["kertas"], e["persen"]]
            for (b, h), e in zip(rekap.penghematan.per_bulan, rekap.elektronik, strict=True)
        ],
    )  # fmt: skip
    _sheet(
        wb, "Menurut jenis", judul, ["Jenis surat", "Ditandatangani"], ([j["jenis"], j["n"]] for j in rekap.per_jenis)
    )
    berkas = tempfile.TemporaryFile()
    wb.save(berkas)
    berkas.seek(0)
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=f"{nama_berkas}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
