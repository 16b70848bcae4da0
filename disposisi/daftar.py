"""The rows of Disposisi Masuk and Disposisi Keluar (templates/disposisi/daftar.html), built in Python.

Each row: the state's badge (with the status beside an overdue one), the priority and the letter's security
and urgency, the letter's hal as the link (or why it cannot be opened), who gave it or to whom, the
instructions, when it was given and its deadline. A page prints 25 such rows; as a template with two
includes and a {% url %} per row they were half the page's time. Every value is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from disposisi.models import Disposisi, Lencana
from lib.tanggal import tanggal
from lib.tautan import url_per_pk
from surat.models import Surat


def lencana_keadaan(k: Lencana) -> str:
    """A disposition's state badge (as templates/disposisi/_keadaan.html prints it on its own page)."""
    html = (
        f'<span class="badge fs-6 {k.kelas}"><i class="bi bi-{k.ikon}" aria-hidden="true"></i> {escape(k.label)}</span>'
    )
    if k.status:
        html += f' <span class="text-body-secondary">({escape(k.status)})</span>'
    return html


def sifat_surat(s: Surat) -> str:
    """The letter's security (when secret) and urgency (when not ordinary) badges."""
    html = ""
    if s.is_rahasia:
        html += (
            '<span class="badge fs-6 text-bg-dark"><i class="bi bi-lock-fill" aria-hidden="true"></i> '
            f"{escape(s.get_keamanan_display())}</span>"
        )
    if s.urgensi != "biasa":
        html += f'\n<span class="badge fs-6 text-bg-warning">{escape(s.get_urgensi_display())}</span>'
    return html


def _baris(d: Disposisi, arah: str, url: str) -> str:
    s = d.surat
    lencana = [lencana_keadaan(d.lencana)]
    if d.prioritas != Disposisi.Prioritas.BIASA:
        lencana.append(f'<span class="badge fs-6 text-bg-warning">{escape(d.get_prioritas_display())}</span>')
    lencana.append(sifat_surat(s))
    if d.boleh_lihat_isi:
        hal = f'<span class="d-block fs-5 text-primary">{escape(s.hal or "(tanpa hal)")}</span>'
    elif s.is_rahasia:
        hal = '<span class="d-block fs-5">(Surat rahasia; Anda tidak lagi dapat membukanya)</span>'
    else:
        hal = '<span class="d-block fs-5">(Surat ini tidak lagi dapat Anda buka)</span>'
    if arah == "masuk":
        siapa = f"Dari: {escape(d.dari_jabatan.nama)}"
    else:
        siapa = f"Kepada: {escape(d.kepada_jabatan.nama)}"
    lencana_html = "\n".join(lencana)
    bagian = [
        f'<span class="d-flex flex-wrap gap-2 align-items-center mb-1">{lencana_html}</span>',
        hal,
        f'<span class="d-block">{siapa}</span>',
    ]
    instruksi = [i.nama for i in d.instruksi.all()]
    if instruksi:
        bagian.append(f'<span class="d-block text-body-secondary fw-normal">{escape("; ".join(instruksi))}</span>')
    waktu = f"Diberikan {tanggal(d.dibuat, jam=True, panjang=True)} WIB"
    if d.batas_waktu:
        waktu += (
            f' · Batas waktu <strong class="{"text-danger" if d.terlambat else ""}">'
            f"{tanggal(d.batas_waktu, panjang=True)}</strong>"
        )
    bagian.append(f'<span class="d-block text-body-secondary fw-normal">{waktu}</span>')
    isi = "\n".join(bagian)
    if d.boleh_lihat_isi:
        tebal = " fw-bold" if arah == "masuk" and d.status == Disposisi.Status.TERKIRIM else ""
        isi = f'<a class="d-block p-3 text-decoration-none text-body{tebal}" href="{url}">{isi}</a>'
    else:
        isi = f'<div class="p-3">{isi}</div>'
    return f'<li class="list-group-item p-0">{isi}</li>'


def daftar(baris: Iterable[Disposisi], arah: str) -> SafeString:
    """The list of one page of Disposisi Masuk (`arah` "masuk") or Keluar."""
    url = url_per_pk("disposisi:detail")
    isi = "\n".join(_baris(d, arah, url(d.pk)) for d in baris)
    return mark_safe(f'<ul class="list-group mb-3">\n{isi}\n</ul>')  # every value above went through escape()
