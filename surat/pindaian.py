"""The scan of a paper letter shown on the letter page itself (issue 15): a reader should see the letter,
not only a download link. Browsers differ in whether and how they show a PDF inside a page (a phone
downloads it; our Content-Security-Policy forbids frames and objects), so a scanned PDF is drawn as one
image of its first pages with poppler's pdftoppm; an image scan is shown as it is. The file is read
through the same permission check as its download (surat.views.pdf.pindaian)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

MAKS_HALAMAN = 5
LEBAR_PX = 900
GAMBAR = ("image/png", "image/jpeg")
BISA_TAMPIL = (*GAMBAR, "application/pdf")
BATAS_DETIK = 30


def bisa_tampil(mime: str) -> bool:
    """Whether a file of this type can be shown inline on the letter page."""
    return mime in BISA_TAMPIL


def halaman_pdf_png(data: bytes) -> bytes:
    """The first MAKS_HALAMAN pages of a PDF as one PNG, pages one under the other, LEBAR_PX wide.
    Raises ValueError when the file is not a PDF poppler can read."""
    with tempfile.TemporaryDirectory(prefix="eo-pindaian-") as tmp:
        sumber = Path(tmp) / "pindaian.pdf"
        sumber.write_bytes(data)
        hasil = subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-l",
                str(MAKS_HALAMAN),
                "-scale-to",
                str(LEBAR_PX),
                str(sumber),
                str(Path(tmp) / "h"),
            ],
            capture_output=True,
            timeout=BATAS_DETIK,
            check=False,
        )
        halaman = sorted(Path(tmp).glob("h-*.png"))
        if hasil.returncode != 0 or not halaman:
            raise ValueError("Berkas pindaian tidak dapat dibaca sebagai PDF.")
        gambar = [Image.open(h) for h in halaman]
        lebar = max(g.width for g in gambar)
        jeda = 16
        kanvas = Image.new("RGB", (lebar, sum(g.height for g in gambar) + jeda * (len(gambar) - 1)), "#c5ccd3")
        y = 0
        for g in gambar:
            kanvas.paste(g.convert("RGB"), (0, y))
            y += g.height + jeda
        keluar = io.BytesIO()
        kanvas.save(keluar, "PNG", optimize=True)
        return keluar.getvalue()
