"""Disposition pieces other pages embed: the panel on the letter page and the home page counters."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from disposisi import selectors
from organisasi.acting import nama_bertindak
from surat import selectors as surat_selectors
from surat.models import Surat

register = template.Library()


def _pegawai(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "pegawai", None) or context.get("pegawai")


@register.inclusion_tag("disposisi/_panel.html", takes_context=True)
def disposisi_panel(context: template.Context, surat: Surat) -> dict[str, Any]:
    """The tree, progress and the "Disposisikan" / "Tidak perlu disposisi" buttons for a letter."""
    pegawai = _pegawai(context)
    if pegawai is None or not surat.is_final or not surat_selectors.can_see_content(pegawai, surat):
        return {"tampil": False}
    pohon = selectors.tree(surat, pegawai)
    jalur = selectors.jalur_disposisi(pegawai, surat)
    boleh_tanpa = selectors.boleh_tanpa_disposisi(pegawai, surat)
    return {
        "tampil": bool(len(pohon) or jalur or boleh_tanpa),
        "surat": surat,
        "pohon": pohon,
        "jalur": jalur,
        "boleh_tanpa": boleh_tanpa,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("disposisi/_tombol_surat.html", takes_context=True)
def disposisi_tombol(context: template.Context, surat: Surat) -> dict[str, Any]:
    """ "Disposisikan" / "Teruskan disposisi" / "Tidak perlu disposisi" for whoever may do that now: the
    letter page puts them first, above "Balas" and "Tandai", as the next step of a Kepala (issue 15)."""
    pegawai = _pegawai(context)
    if pegawai is None or not surat.is_final or not surat_selectors.can_see_content(pegawai, surat):
        return {}
    return {
        "surat": surat,
        "jalur": selectors.jalur_disposisi(pegawai, surat),
        "boleh_tanpa": selectors.boleh_tanpa_disposisi(pegawai, surat),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def pemberi(d: Any) -> str:
    """`{{ d|pemberi }}`: the giver of a disposition as Tata Naskah Dinas writes it ("Plh. Kepala Dinas …")."""
    return nama_bertindak(d.dari_pegawai, d.dari_jabatan, d.dibuat)


KARTU = (
    ("belum_dibaca", "Disposisi belum dibaca", "primary"),
    ("belum_selesai", "Disposisi belum selesai", "primary"),
    ("jatuh_tempo", "Jatuh tempo dalam 2 hari", "warning"),
    ("terlambat", "Disposisi terlambat", "danger"),
)


@register.simple_tag(takes_context=True)
def disposisi_kartu(context: template.Context) -> list[dict[str, Any]]:
    """`{% disposisi_kartu as kartu %}`: the home page cards (unread, not finished, due soon, overdue),
    each with its count and the filtered Disposisi Masuk link."""
    pegawai = _pegawai(context)
    if pegawai is None:
        return []
    counts = selectors.beranda_counters(pegawai)
    url = reverse("disposisi:masuk")
    return [
        {"kunci": k, "label": label, "warna": warna, "jumlah": counts[k], "url": f"{url}?status={k}"}
        for k, label, warna in KARTU
    ]
