"""The Markdown table of docs/performance.md from bench_pages.py JSON: one run, or before and after.

.venv/bin/python bench/tabel_md.py sebelum.json [sesudah.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _sel(r: dict | None) -> str:
    if r is None:
        return "—"
    return f"{r['p50']:g} / {r['p95']:g} ({r['rasio_p95']:g}×, {r['kueri']} q)"


def _kunci(r: dict) -> tuple[str, str]:
    """(role, page) with deep pages under one name, whatever page number a run reached."""
    nama = r["halaman"]
    if " hlm " in nama:
        dasar, nomor = nama.rsplit(" hlm ", 1)
        nama = f"{dasar} hlm 1" if nomor == "1" else f"{dasar} hlm dalam"
    return r["peran"], nama


def main() -> None:
    runs = [json.loads(Path(p).read_text()) for p in sys.argv[1:3]]
    judul = ["sebelum", "sesudah"] if len(runs) == 2 else ["hasil"]
    for nama, run in zip(judul, runs, strict=True):
        m, lantai = run["meta"], run["lantai"]
        print(
            f"- {nama}: {m['surat']:,} surat, commit {m['commit']}, {m['putaran']} putaran, loadavg {m['loadavg']}; "
            f"lantai p50 {lantai['50']} ms, p95 {lantai['95']} ms"
        )
    print()
    kolom = " | ".join(f"{j}: p50 / p95 ms (p95÷lantai, kueri)" for j in judul)
    print(f"| peran | halaman | {kolom} |")
    print("|---|---|" + "---|" * len(runs))
    kunci = []
    for run in runs:
        for r in run["halaman"]:
            k = _kunci(r)
            if k not in kunci:
                kunci.append(k)
    for k in kunci:
        sel = []
        for run in runs:
            cocok = [r for r in run["halaman"] if _kunci(r) == k]
            sel.append(_sel(cocok[0] if cocok else None))
        print(f"| {k[0]} | {k[1]} | " + " | ".join(sel) + " |")


if __name__ == "__main__":
    main()
