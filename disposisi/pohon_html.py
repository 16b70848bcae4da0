"""The nodes of a disposition tree and the reports under a disposition, as HTML built in Python.

The letter page and the tree page print every node of the tree (disposisi/_pohon.html keeps the
progress summary); a disposition's own page prints its reports. Why Python and not a template: a
50-node tree with its reports was ~2.5 ms of template work and a reverse() per link, on a page whose
other work is ~10 ms; here it is string joins and one reverse() per kind of link (lib.tautan). Every
value is escaped here, as the templates did.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from disposisi.daftar import lencana_keadaan
from disposisi.models import LaporanTindakLanjut
from lib.tautan import url_per_pk
from surat.terbilang import waktu_tampil


def laporan_html(
    laporan: Iterable[LaporanTindakLanjut],
    url_berkas: Callable[[int], str] | None = None,
    zona: datetime.tzinfo | None = None,
) -> SafeString:
    """The reports of one disposition, each with its files (needs `pegawai` and `lampiran` loaded);
    `url_berkas` and `zona` (the current time zone) when the caller prints many (the tree)."""
    url_berkas = url_berkas or url_per_pk("disposisi:lampiran")
    bagian = []
    for lap in laporan:
        berkas = "".join(
            f'<a class="btn btn-outline-secondary btn-sm me-1 mb-1" href="{url_berkas(f.pk)}">'
            f'<i class="bi bi-paperclip" aria-hidden="true"></i> {escape(f.nama_asli)}</a>'
            for f in _berkas(lap)
        )
        bagian.append(
            '<div class="border-start border-success border-4 ps-3 my-2">'
            '<p class="mb-1 fw-bold"><i class="bi bi-clipboard-check" aria-hidden="true"></i> '
            f"Laporan {escape(lap.pegawai.nama_lengkap)} "
            f'<span class="fw-normal text-body-secondary">({waktu_tampil(lap.dibuat, zona)} WIB)</span></p>'
            f'<p class="mb-1">{linebreaksbr(lap.isi, autoescape=True)}</p>{berkas}</div>'
        )
    return mark_safe("\n".join(bagian))  # built from escaped values


def _berkas(lap: LaporanTindakLanjut) -> list:
    """A report's files: as the tree attached them (disposisi.pohon._lengkapi), else prefetched.
    `lampiran.all()` clones a query per report even when prefetched (a tenth of a 50-node tree's time)."""
    termuat = getattr(lap, "berkas_termuat", None)
    return termuat if termuat is not None else list(lap.lampiran.all())


def _p(label: str, isi: str) -> str:
    return f'<p class="mb-1"><span class="text-body-secondary">{label}</span> {isi}</p>'


def simpul_html(pohon) -> SafeString:
    """Every node of `pohon` (disposisi.pohon.Pohon) top-down as nested lists: a node with branches
    opens their list, and the last node of a branch closes as many levels as end with it (`tutup`)."""
    url_buka = url_per_pk("disposisi:detail")
    url_batalkan = url_per_pk("disposisi:batalkan")
    url_berkas = url_per_pk("disposisi:lampiran")
    zona = timezone.get_current_timezone()
    out = []
    for n in pohon.baris:
        d = n.d
        lencana = n.lencana
        bagian = [
            f'<li class="eo-simpul border rounded p-3 mb-2{n.kelas}">',
            '<div class="d-flex flex-wrap gap-2 align-items-center mb-1">',
            lencana_keadaan(lencana),
        ]
        if n.prioritas:
            bagian.append(f'<span class="badge fs-6 text-bg-warning">{escape(n.prioritas)}</span>')
        bagian.append("</div>")
        anda = ' <span class="badge text-bg-primary">Anda</span>' if n.untuk_saya else ""
        bagian.append(
            '<p class="mb-1 fs-5"><span class="text-body-secondary">Kepada</span> '
            f"<strong>{escape(d.kepada_jabatan.nama)}</strong>{anda}</p>"
        )
        bagian.append(_p("Dari", escape(n.dari(zona))))
        if n.instruksi:
            bagian.append(_p("Instruksi:", "; ".join(escape(i) for i in n.instruksi)))
        if d.catatan:
            bagian.append(_p("Catatan:", f"“{escape(d.catatan)}”"))
        if n.batas:
            kelas = "text-danger fw-bold" if lencana.status else ""
            bagian.append(_p("Batas waktu:", f'<span class="{kelas}">{escape(n.batas)}</span>'))
        if dibaca := n.dibaca(zona):
            bagian.append(f'<p class="mb-1 text-body-secondary fs-6">Dibaca {escape(dibaca)}</p>')
        if n.laporan:
            bagian.append(laporan_html(n.laporan, url_berkas, zona))
        buka = url_buka(d.pk)
        bagian.append(
            f'<div class="d-flex flex-wrap gap-2 mt-2"><a class="btn btn-outline-primary" href="{buka}">Buka</a>'
        )
        if n.boleh_teruskan:
            bagian.append(
                f'<a class="btn btn-primary" href="{n.url_teruskan}">'
                '<i class="bi bi-signpost-split" aria-hidden="true"></i> Teruskan</a>'
            )
        if n.boleh_laporkan:
            bagian.append(
                f'<a class="btn btn-success" href="{buka}#laporan">'
                '<i class="bi bi-clipboard-check" aria-hidden="true"></i> Laporkan</a>'
            )
        if n.boleh_batalkan:
            bagian.append(
                f'<a class="btn btn-outline-danger" href="{url_batalkan(d.pk)}">'
                '<i class="bi bi-x-circle" aria-hidden="true"></i> Batalkan</a>'
            )
        bagian.append("</div>")
        if n.anak:
            bagian.append('<ul class="list-unstyled ms-2 ms-sm-4 mt-2 mb-0 border-start ps-2 ps-sm-3">')
        else:
            bagian.append("</li>" + "</ul></li>" * len(n.tutup))
        out.append("".join(bagian))
    return mark_safe("\n".join(out))  # built from escaped values
