"""The buku agenda as CSV and Excel, and the register-line facts the agenda page shows too.

Both exports read the rows with `.iterator()` and write as they go (CSV streams, Excel uses openpyxl's
write-only mode) so a busy OPD's whole year does not sit in memory. RAHASIA letters get the register
line only: never the ringkasan, and the hal only for a pencatat who is also a recipient."""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from lib.export import escape_formula
from surat.models import Agenda, Surat

HAL_TERSEMBUNYI = "(Rahasia — isi hanya untuk penerima)"
KOLOM = (
    "Nomor agenda",
    "Tanggal terima",
    "Asal surat",
    "Nomor surat",
    "Tanggal surat",
    "Hal",
    "Jenis surat",
    "Klasifikasi keamanan",
    "Urgensi",
    "Diteruskan kepada",
    "Ringkasan",
)
LEBAR_KOLOM = (10, 14, 36, 28, 14, 48, 18, 16, 14, 36, 60)
CHUNK = 500


def asal_surat(surat: Surat) -> str:
    """Who sent it: the outside agency of a paper letter, or the signer's jabatan and OPD."""
    if surat.sumber == Surat.Sumber.MASUK_LUAR:
        return surat.asal_instansi
    if not surat.ttd_jabatan or surat.opd.nama in surat.ttd_jabatan:
        return surat.ttd_jabatan or surat.opd.nama
    return f"{surat.ttd_jabatan}, {surat.opd.nama}"


def nomor_surat(surat: Surat) -> str:
    return surat.nomor_asal if surat.sumber == Surat.Sumber.MASUK_LUAR else (surat.nomor or "")


def tanggal_surat(surat: Surat) -> datetime.date | None:
    return surat.tanggal_asal if surat.sumber == Surat.Sumber.MASUK_LUAR else surat.tanggal


def agenda_baris(agenda: Agenda) -> dict[str, Any]:
    """One line of the agenda book with what this pencatat may read (see `selectors.buku_agenda`)."""
    surat = agenda.surat
    lihat_hal = getattr(agenda, "boleh_lihat_isi", True)
    return {
        "nomor_agenda": agenda.nomor,
        "tanggal_terima": agenda.tanggal_terima,
        "asal": asal_surat(surat),
        "nomor_surat": nomor_surat(surat),
        "tanggal_surat": tanggal_surat(surat),
        "hal": surat.hal if lihat_hal else HAL_TERSEMBUNYI,
        "jenis": surat.jenis.nama,
        "keamanan": surat.get_keamanan_display(),
        "urgensi": surat.get_urgensi_display(),
        "tujuan": agenda.penerima.nama if agenda.penerima else "",
        "ringkasan": "" if surat.is_rahasia else surat.ringkasan,
    }


def _values(agenda: Agenda) -> list[Any]:
    return list(agenda_baris(agenda).values())


def _rows(qs: QuerySet[Agenda]) -> Iterator[list[Any]]:
    for agenda in qs.iterator(chunk_size=CHUNK):
        yield _values(agenda)


class _Echo:
    """A file-like object whose write returns the line, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return escape_formula(value)


def _csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The byte order mark lets Excel open the file with the right letters (é, —).
    yield "\ufeff" + writer.writerow(KOLOM)
    for row in rows:
        yield writer.writerow([_csv_value(v) for v in row])


def _disposition(nama: str) -> str:
    return f'attachment; filename="{nama}"'


def agenda_csv_response(qs: QuerySet[Agenda], nama_berkas: str) -> StreamingHttpResponse:
    """Stream the agenda lines as CSV (UTF-8, comma separated, dates as YYYY-MM-DD)."""
    response = StreamingHttpResponse(_csv_lines(_rows(qs)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(f"{nama_berkas}.csv")
    return response


def agenda_xlsx_response(qs: QuerySet[Agenda], nama_berkas: str, judul: str) -> FileResponse:
    """Write the agenda lines to an .xlsx in write-only mode (constant memory) and send the file."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Buku Agenda")
    for i, lebar in enumerate(LEBAR_KOLOM):
        ws.column_dimensions[chr(ord("A") + i)].width = lebar
    ws.freeze_panes = "A3"
    title = WriteOnlyCell(ws, value=judul)
    title.font = Font(bold=True, size=14)
    ws.append([title])
    header = []
    for nama in KOLOM:
        cell = WriteOnlyCell(ws, value=nama)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in _rows(qs):
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, str):
                cell.data_type = "s"  # text stays text, even when it starts with "="
            cells.append(cell)
        ws.append(cells)
    berkas = tempfile.TemporaryFile()
    wb.save(berkas)
    berkas.seek(0)
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=f"{nama_berkas}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
