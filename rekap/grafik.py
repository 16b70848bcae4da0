"""Chart data for the pages: plain dicts that templates hand to `json_script` and static/js/rekap.js
draws with Chart.js. Every chart's numbers are also in the table next to it (the template's job), so
the chart adds nothing a screen reader would miss."""

from __future__ import annotations

from typing import Any

from rekap import layanan
from rekap.periode import label_bulan
from rekap.ringkasan import Rekap


def _grafik(jenis: str, label: list[str], seri: list[tuple[str, list[Any]]], satuan: str = "") -> dict[str, Any]:
    return {"jenis": jenis, "label": label, "seri": [{"nama": n, "data": d} for n, d in seri], "satuan": satuan}


def volume_opd(r: Rekap) -> dict[str, Any]:
    return _grafik(
        "bar",
        [b.nama for b in r.baris],
        [
            ("Ditandatangani", [b.volume["ditandatangani"] for b in r.baris]),
            ("Diterima elektronik", [b.volume["diterima"] for b in r.baris]),
            ("Surat kertas", [b.volume["kertas"] for b in r.baris]),
        ],
        "surat",
    )


def elektronik_bulanan(r: Rekap) -> dict[str, Any]:
    return _grafik(
        "line",
        [label_bulan(e["bulan"]) for e in r.elektronik],
        [("% elektronik", [e["persen"] for e in r.elektronik])],
        "%",
    )


def hemat_bulanan(r: Rekap) -> dict[str, Any]:
    per_bulan = r.penghematan.per_bulan
    return _grafik(
        "bar", [label_bulan(b) for b, _ in per_bulan], [("Penghematan (Rp)", [h.rupiah for _, h in per_bulan])], "Rp"
    )


def waktu_layanan(baris: list[Any]) -> dict[str, Any]:
    return _grafik(
        "bar",
        [b.nama for b in baris],
        [(label, [(b.layanan.get(kode) or {}).get("p50") for b in baris]) for kode, label in layanan.LANGKAH],
        "jam",
    )


def jumlah_opd(baris: list[Any]) -> dict[str, Any]:
    return _grafik(
        "bar",
        [b.nama for b in baris],
        [
            ("Disposisi terlambat", [b.terlambat for b in baris]),
            ("Surat segera belum dibaca", [b.belum_dibaca for b in baris]),
        ],
        "butir",
    )
