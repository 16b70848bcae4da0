"""Versions of a draft: what a version keeps (`snapshot`, taken by services.surat_submit at every
submission) and the readable differences between two versions, or a version and the current draft
(`versi_diff`, for the versions page). Pure reads."""

from __future__ import annotations

import difflib
import json
from typing import Any

from surat.models import Surat, SuratVersi
from surat.sanitize import html_to_text


def snapshot(surat: Surat) -> dict[str, Any]:
    """What a version keeps: the fields a verifikator reviews, with names as shown."""
    penerima = [
        {"jenis": p.jenis, "jabatan": p.jabatan_id, "nama": p.nama, "alamat": p.eksternal_alamat}
        for p in surat.penerima.select_related("jabatan")
    ]
    return {
        "jenis": surat.jenis.nama,
        "hal": surat.hal,
        "isi": surat.isi,
        "data_tambahan": surat.data_tambahan,
        "klasifikasi": str(surat.klasifikasi) if surat.klasifikasi_id else "",
        "keamanan": surat.get_keamanan_display(),
        "urgensi": surat.get_urgensi_display(),
        "penandatangan": str(surat.penandatangan) if surat.penandatangan_id else "",
        "atas_nama": str(surat.atas_nama) if surat.atas_nama_id else "",
        "untuk_beliau": surat.untuk_beliau,
        "penerima": penerima,
        "verifikator": [str(v.jabatan) for v in surat.verifikator.select_related("jabatan")],
        "lampiran": [lamp.nama_asli for lamp in surat.lampiran.all()],
    }


_DIFF_LABELS = (
    ("jenis", "Jenis surat"),
    ("hal", "Hal"),
    ("klasifikasi", "Kode klasifikasi"),
    ("keamanan", "Klasifikasi keamanan"),
    ("urgensi", "Urgensi"),
    ("penerima", "Tujuan dan tembusan"),
    ("isi", "Isi surat"),
    ("data_tambahan", "Data tambahan"),
    ("penandatangan", "Penandatangan"),
    ("atas_nama", "Atas nama"),
    ("verifikator", "Verifikator"),
    ("lampiran", "Lampiran"),
)


def _lines(key: str, snap: dict[str, Any]) -> list[str]:
    value = snap.get(key)
    if key == "isi":
        return html_to_text(value or "").splitlines()
    if key == "penerima":
        label = {"tujuan": "Tujuan", "tembusan": "Tembusan"}
        return [f"{label.get(p.get('jenis'), p.get('jenis'))}: {p.get('nama')}" for p in value or []]
    if key == "data_tambahan":
        return [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted((value or {}).items())]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["u.b."] if value else []
    return [str(value)] if value not in (None, "") else []


def versi_diff(lama: SuratVersi, baru: SuratVersi | Surat) -> list[dict[str, Any]]:
    """Readable differences between two versions (or a version and the current draft): for each changed
    part, lines marked '-' (removed), '+' (added) or ' ' (unchanged)."""
    new = baru.snapshot if isinstance(baru, SuratVersi) else snapshot(baru)
    out = []
    for key, label in _DIFF_LABELS:
        a, b = _lines(key, lama.snapshot), _lines(key, new)
        if a == b:
            continue
        baris = [(line[0], line[2:]) for line in difflib.ndiff(a, b) if line[:1] in ("-", "+", " ")]
        out.append({"kunci": key, "label": label, "baris": baris})
    return out
