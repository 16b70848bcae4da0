"""Disposition pieces other pages embed: the panel on the letter page and the home page counters."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from disposisi import daftar, pohon, pohon_html, selectors
from disposisi.models import Disposisi, Lencana
from lib.tautan import alamat
from surat import selectors as surat_selectors
from surat.models import Surat

register = template.Library()


@register.simple_tag
def daftar_disposisi(baris: list[Disposisi], arah: str) -> SafeString:
    """One page of Disposisi Masuk or Keluar (disposisi/daftar.py)."""
    return daftar.daftar(baris, arah)


@register.simple_tag
def lencana_keadaan(k: Lencana) -> SafeString:
    """A disposition's state badge, with the status beside an overdue one."""
    return mark_safe(daftar.lencana_keadaan(k))  # built from escaped values


@register.simple_tag
def simpul_pohon(tree: pohon.Pohon) -> SafeString:
    """Every node of a disposition tree (disposisi/pohon_html.py)."""
    return pohon_html.simpul_html(tree)


@register.simple_tag
def laporan_disposisi(laporan: list) -> SafeString:
    """The reports of one disposition with their files (disposisi/pohon_html.py)."""
    return pohon_html.laporan_html(laporan)


@register.simple_tag
def sifat_surat(surat: Surat) -> SafeString:
    """The letter's security and urgency badges, as the disposition list prints them."""
    return mark_safe(daftar.sifat_surat(surat))  # built from escaped values


def _pegawai(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "pegawai", None) or context.get("pegawai")


def _untuk_surat(pegawai: Any, surat: Surat) -> dict[str, Any] | None:
    """What both tags of the letter page need, worked out once per page (kept on the letter instance for
    this pegawai) from one query of the letter's dispositions: None when they show nothing, else the ways
    to dispose it, whether "Tidak perlu disposisi" is offered, and the tree."""
    if pegawai is None or not surat.is_final:
        return None
    simpan = surat.__dict__.setdefault("_disposisi_tags", {})
    if pegawai.pk not in simpan:
        boleh = surat_selectors.can_see_content(pegawai, surat)
        semua = pohon.disposisi_surat(surat, pegawai) if boleh else []
        simpan[pegawai.pk] = boleh and {
            "jalur": selectors.jalur_disposisi(pegawai, surat, semua),
            "boleh_tanpa": selectors.boleh_tanpa_disposisi(pegawai, surat),
            "pohon": pohon.tree(surat, pegawai, semua),
        }
    return simpan[pegawai.pk] or None


@register.inclusion_tag("disposisi/_panel.html", takes_context=True)
def disposisi_panel(context: template.Context, surat: Surat) -> dict[str, Any]:
    """The tree, progress and the "Disposisikan" / "Tidak perlu disposisi" buttons for a letter."""
    pegawai = _pegawai(context)
    bisa = _untuk_surat(pegawai, surat)
    if bisa is None:
        return {"tampil": False}
    return {
        "tampil": bool(len(bisa["pohon"]) or bisa["jalur"] or bisa["boleh_tanpa"]),
        "surat": surat,
        "csrf_token": context.get("csrf_token"),
        **bisa,
    }


@register.inclusion_tag("disposisi/_tombol_surat.html", takes_context=True)
def disposisi_tombol(context: template.Context, surat: Surat) -> dict[str, Any]:
    """ "Disposisikan" / "Teruskan disposisi" / "Tidak perlu disposisi" for whoever may do that now: the
    letter page puts them first, above "Balas" and "Tandai", as the next step of a Kepala (issue 15)."""
    bisa = _untuk_surat(_pegawai(context), surat)
    if bisa is None:
        return {}
    return {"surat": surat, "csrf_token": context.get("csrf_token"), **bisa}


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
    url = alamat("disposisi:masuk")
    return [
        {"kunci": k, "label": label, "warna": warna, "jumlah": counts[k], "url": f"{url}?status={k}"}
        for k, label, warna in KARTU
    ]
