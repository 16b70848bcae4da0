"""Reading the text of attachments for search (arsip.TeksLampiran), one attachment per call, from a
Celery task (arsip.tasks.baca_lampiran_task). Idempotent: an attachment whose file (SHA-256) was read
already is left alone.

- A PDF that carries an electronic signature, or already has a text layer: its text is taken with
  pdfminer.six; it is never OCR'd or altered (changing a signed PDF would break the signature).
- An image-only PDF, a JPEG or a PNG (scans of paper letters): OCRmyPDF with tesseract's Indonesian
  model, run as a separate process with a timeout; the searchable copy is stored beside the original,
  which never changes.
- Bad input never takes the worker down: more than ARSIP_OCR_MAKS_HALAMAN pages, a corrupt file or an
  OCR error each end in a status with a plain message; tesseract missing -> "OCR tidak tersedia".
- Nor does a hostile one: a PDF whose streams unpack to more than BACA_MAKS_TERBUKA_MB (counted while
  unpacking, a megabyte at a time: a 0.5 MB "scan" once made pdfminer take 936 MB) is refused before
  anything parses it; pdfminer runs in a child process with CPU and memory caps (lib/terbatas.py,
  BACA_MAKS_*), OCRmyPDF with RLIMIT_CPU/RLIMIT_AS of its own (ARSIP_OCR_MAKS_MB).
"""

from __future__ import annotations

import datetime
import functools
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from arsip.models import TeksLampiran
from lib import terbatas
from lib.pdf_terbuka import ukuran_terbuka
from surat.models import Lampiran

logger = logging.getLogger(__name__)

S = TeksLampiran.Status
GAMBAR = ("image/jpeg", "image/png")
MIN_TEKS = 20  # fewer letters than this in a PDF's own text: treat it as a scan
MAKS_TEKS = 1_000_000


def maks_halaman() -> int:
    return getattr(settings, "ARSIP_OCR_MAKS_HALAMAN", 50)


def batas_waktu() -> int:
    """Seconds one OCR run may take (kept below the task's soft time limit)."""
    return getattr(settings, "ARSIP_OCR_BATAS_DETIK", 480)


@functools.cache
def ocr_tersedia() -> bool:
    """tesseract with the Indonesian model, and ocrmypdf, are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import ocrmypdf  # noqa: F401
    except ImportError:
        return False
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return "ind" in (out.stdout + out.stderr).split()


def _selesai(obj: TeksLampiran, status: str, pesan: str = "", **fields) -> TeksLampiran:
    obj.status = status
    obj.pesan = pesan[:255]
    obj.selesai = timezone.now()
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def is_signed_pdf(pdf) -> bool:
    """A PDF with a signature field or a /ByteRange signature dictionary (pikepdf document)."""
    root = pdf.Root
    acro = root.get("/AcroForm")
    if acro is not None:
        if int(acro.get("/SigFlags", 0)) & 1:
            return True
        for f in acro.get("/Fields", []):
            if f.get("/FT") == "/Sig" and f.get("/V") is not None:
                return True
    return False


def _ekstrak(path: str, halaman: int) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(path, maxpages=halaman)[:MAKS_TEKS]


def pdf_text(path: str) -> str:
    """The PDF's own text, read in a capped child process (raises terbatas.BatasTerlampaui)."""
    return terbatas.jalankan(
        _ekstrak,
        path,
        maks_halaman(),
        cpu_detik=settings.BACA_MAKS_CPU_DETIK,
        memori_mb=settings.BACA_MAKS_MB,
    )


def _ocr(src: Path, mime: str, workdir: Path) -> tuple[bytes, str]:
    """Run OCRmyPDF in its own process (a crash or a hang cannot take the worker with it)."""
    out, sidecar = workdir / "ocr.pdf", workdir / "ocr.txt"
    cmd = [
        sys.executable,
        "-m",
        "ocrmypdf",
        "--language",
        "ind",
        "--output-type",
        "pdfa-2",  # the searchable copy is archival PDF/A-2b like every PDF the app makes
        # OCRmyPDF's own PDF/A conversion: Debian 12's Ghostscript 10.0.0 is refused with --skip-text.
        "--pdfa-backend",
        "internal",
        "--optimize",
        "0",
        "--skip-text",
        "--jobs",
        "1",
        "--quiet",
        "--tesseract-timeout",
        "120",
        "--sidecar",
        str(sidecar),
    ]
    if mime in GAMBAR:
        cmd += ["--image-dpi", "200"]
    cmd += [str(src), str(out)]
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=batas_waktu(),
        preexec_fn=terbatas.preexec(cpu_detik=batas_waktu(), memori_mb=settings.ARSIP_OCR_MAKS_MB),
    )
    if proc.returncode != 0:
        raise OcrGagal(proc.returncode, (proc.stderr or "").strip().splitlines()[-1:] or [""])
    return out.read_bytes(), sidecar.read_text(encoding="utf-8", errors="replace")


def macet(batas: int = 200) -> list[int]:
    """System (beat): attachments still "diproses" long after any worker could still be reading them
    (killed, out of memory), put back to MENUNGGU so the next run claims them: their Lampiran ids."""
    sejak = timezone.now() - datetime.timedelta(seconds=batas_waktu() + 120)
    rows = TeksLampiran.objects.filter(status=S.DIPROSES, mulai__lt=sejak).values_list("pk", "lampiran_id")
    ids = []
    for pk, lampiran_id in rows[:batas]:
        if TeksLampiran.objects.filter(pk=pk, status=S.DIPROSES, mulai__lt=sejak).update(status=S.MENUNGGU):
            ids.append(lampiran_id)
    return ids


class OcrGagal(Exception):
    def __init__(self, code: int, tail: list[str]) -> None:
        super().__init__(f"ocrmypdf keluar dengan kode {code}: {tail[0]}")
        self.code = code


PESAN_OCR = {
    2: "Berkas pindaian tidak dapat dibaca (rusak atau bukan gambar/PDF yang sah).",
    8: "PDF terkunci dengan kata sandi; teks tidak dapat dibaca.",
}


def baca_lampiran(lampiran_id: int) -> TeksLampiran | None:
    """System (Celery): read the text of one attachment; returns its TeksLampiran (None if the
    attachment is gone). Never raises for bad files; storage errors (OSError) propagate for a retry."""
    lampiran = Lampiran.objects.filter(pk=lampiran_id).select_related("surat").first()
    if lampiran is None:
        return None
    teks, _ = TeksLampiran.objects.get_or_create(lampiran=lampiran)
    if teks.status == S.DIMUSNAHKAN or not lampiran.berkas:
        return teks
    if teks.sha256 == lampiran.sha256 and teks.status not in (S.MENUNGGU, S.DIPROSES):
        return teks
    # Claim the row: a second worker on the same attachment returns here, unless the first one died
    # (still "diproses" long after the time limit).
    now = timezone.now()
    macet = now - datetime.timedelta(seconds=batas_waktu() + 120)
    claimed = (
        TeksLampiran.objects.filter(pk=teks.pk)
        .filter(~Q(status=S.DIPROSES) | Q(mulai__lt=macet) | Q(mulai__isnull=True))
        .update(status=S.DIPROSES, mulai=now)
    )
    if not claimed:
        return teks
    teks.refresh_from_db()
    teks.sha256 = lampiran.sha256
    try:
        with tempfile.TemporaryDirectory(prefix="eoffice-ocr-") as tmp:
            src = Path(tmp) / ("masuk.pdf" if lampiran.mime == "application/pdf" else "masuk.img")
            with lampiran.berkas.open("rb") as fh, src.open("wb") as out:
                shutil.copyfileobj(fh, out)
            return _baca(teks, lampiran, src, Path(tmp))
    except OSError:
        TeksLampiran.objects.filter(pk=teks.pk).update(status=S.MENUNGGU)
        raise
    except Exception as exc:  # a bad file must never kill the worker
        logger.exception("membaca lampiran %s gagal", lampiran_id)
        return _selesai(teks, S.GAGAL, f"Gagal dibaca ({type(exc).__name__}).")


def _baca(teks: TeksLampiran, lampiran: Lampiran, src: Path, tmp: Path) -> TeksLampiran:
    mime = lampiran.mime
    if mime == "application/pdf":
        import pikepdf

        batas_terbuka = settings.BACA_MAKS_TERBUKA_MB * terbatas.MB
        try:
            with pikepdf.open(src) as pdf:
                halaman = len(pdf.pages)
                signed = is_signed_pdf(pdf)
                terbuka = ukuran_terbuka(pdf, batas_terbuka)
        except (pikepdf.PdfError, ValueError) as exc:
            return _selesai(teks, S.GAGAL, f"Berkas PDF rusak atau tidak dapat dibaca ({type(exc).__name__}).")
        teks.halaman = halaman
        if halaman == 0:
            return _selesai(teks, S.TIDAK_PERLU, "PDF tidak berisi halaman.")
        if terbuka is None:
            return _selesai(
                teks,
                S.TERLALU_BESAR,
                f"Isi PDF terlalu besar setelah dibuka (lebih dari {settings.BACA_MAKS_TERBUKA_MB} MB); "
                "teks tidak dibaca.",
            )
        try:
            isi = pdf_text(str(src))
        except terbatas.BatasTerlampaui as exc:
            return _selesai(teks, S.TERLALU_BESAR, f"Teks PDF tidak dibaca: {exc}")
        if signed:
            return _selesai(teks, S.SELESAI, "", sumber=TeksLampiran.Sumber.TTE, teks=isi)
        if len("".join(isi.split())) >= MIN_TEKS * min(halaman, 3):
            return _selesai(teks, S.SELESAI, "", sumber=TeksLampiran.Sumber.PDF, teks=isi)
        if halaman > maks_halaman():
            return _selesai(
                teks, S.TERLALU_BESAR, f"Pindaian {halaman} halaman; batas OCR {maks_halaman()} halaman.", teks=isi
            )
    elif mime in GAMBAR:
        teks.halaman = 1
    else:
        return _selesai(teks, S.TIDAK_PERLU, "Jenis berkas ini tidak dibaca untuk pencarian.")
    if not ocr_tersedia():
        return _selesai(teks, S.TIDAK_TERSEDIA, "OCR tidak tersedia di server ini.")
    try:
        data, isi = _ocr(src, mime, tmp)
    except subprocess.TimeoutExpired:
        return _selesai(teks, S.GAGAL, "OCR dihentikan karena terlalu lama.")
    except OcrGagal as exc:
        return _selesai(teks, S.GAGAL, PESAN_OCR.get(exc.code, f"OCR gagal (kode {exc.code})."))
    with transaction.atomic():
        if teks.berkas_ocr:
            teks.berkas_ocr.delete(save=False)
        teks.berkas_ocr.save(f"{lampiran.pk}.pdf", ContentFile(data), save=False)
        return _selesai(
            teks,
            S.SELESAI,
            "",
            sumber=TeksLampiran.Sumber.OCR,
            teks=isi.replace("\x0c", "\n")[:MAKS_TEKS],
        )
