"""The letter page's history (Riwayat) as HTML built in Python.

Why not the template: every row printed its time with the `date` filter and the jabatan an act was done in
with a tag that asked for Plt/Plh assignments row by row (one query per row by a stand-in); a letter with
fifteen dispositions spent ~4 ms of its page there. Here the names of every row come from one read
(organisasi.acting.nama_bertindak_semua) and the rest is string joins. Every value is escaped here, as the
template did.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from organisasi.acting import nama_bertindak_semua
from surat.models import SuratLog
from surat.terbilang import waktu_tampil

_PENERIMAAN = (SuratLog.Aksi.DITERIMA, SuratLog.Aksi.DIBACA)


def _siapa(row: SuratLog, bertindak: str | None) -> str:
    """' — Dinas Perhubungan' for a receipt, ' — Budi Santoso (Plh. Kepala Dinas)' for an act."""
    if row.aksi in _PENERIMAAN:
        nama = (row.penerima.nama if row.penerima_id else "") or (row.jabatan.nama if row.jabatan_id else "")
        return f" — {escape(nama)}"
    if row.actor_id is None:
        return ""
    jabatan = f" ({escape(bertindak)})" if bertindak is not None else ""
    return f" — {escape(row.actor.nama_lengkap)}{jabatan}"


def riwayat_html(log: list[SuratLog]) -> SafeString:
    """The rows of the timeline, oldest first, each as an `<li>` (needs `actor`, `jabatan` and `penerima`
    loaded, as surat.rincian.timeline reads them)."""
    zona = timezone.get_current_timezone()
    bertindak_di = [row for row in log if row.aksi not in _PENERIMAAN and row.actor_id and row.jabatan_id]
    acts = [(row.actor, row.jabatan, row.waktu) for row in bertindak_di]
    nama = {row.pk: n for row, n in zip(bertindak_di, nama_bertindak_semua(acts), strict=True)}
    out = []
    for row in log:
        catatan = ""
        if row.catatan and row.aksi != SuratLog.Aksi.DIUBAH:
            catatan = f'<br><span class="eo-riwayat-catatan">{escape(row.catatan)}</span>'
        out.append(
            f'<li><span class="eo-riwayat-waktu">{waktu_tampil(row.waktu, zona)} WIB</span> '
            f'<span class="fw-bold">{escape(row.get_aksi_display())}</span>'
            f"{_siapa(row, nama.get(row.pk))}{catatan}</li>"
        )
    return mark_safe("\n".join(out))  # built from escaped values
