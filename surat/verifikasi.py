"""Reads behind the public verification page: find a registered letter by its token or by the hash of
an uploaded file, and judge an uploaded PDF (ASLI only when byte-identical to the registered letter
AND its electronic signature validates)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q

from lib import terbatas
from lib.pdf_terbuka import ukuran_terbuka
from surat import integritas
from surat.models_dokumen import DokumenSurat, RiwayatDokumenSurat, StatusPdf
from surat.pdf import INFO_LAMPIRAN
from tte import status_bsre
from tte.status_bsre import PendapatBsre
from tte.verification import VerifyResult, verify_pdf

# The verdict on a stored signed PDF cannot change except by revocation; an hour keeps floods cheap.
CACHE_DETIK = 3600

ASLI = "asli"
TIDAK_COCOK = "tidak_cocok"
SALINAN = "salinan"  # identical to the registered copy of a letter signed without TTE

BERBEDA = "Isi berkas tidak sama dengan surat yang terdaftar (berkas telah diubah atau bukan surat ini)."
TIDAK_TERDAFTAR = "Berkas ini tidak terdaftar sebagai surat di aplikasi ini."
BELUM_SIAP = "PDF surat ini belum tersedia untuk dicocokkan; coba lagi nanti."
TANPA_TTE = "Surat ini terdaftar, tetapi tidak ditandatangani secara elektronik."
TERLALU_BERAT = "Berkas ini terlalu berat untuk diperiksa di halaman ini."

# An uploaded file's shape before pyHanko reads it: our letters are a few pages and a few MB unpacked.
MAKS_HALAMAN_UNGGAH = 50
MAKS_TERBUKA_UNGGAH = 50 * terbatas.MB
LAMPIRAN_DIGANTI = (
    "Lampiran yang tersimpan untuk surat ini tidak sama dengan lampiran yang ikut ditandatangani (sidik SHA-256 "
    "lampiran tercantum di PDF bertanda tangan), sehingga keasliannya tidak dapat dinyatakan. Hubungi Admin."
)
BERKAS_HILANG = (
    "Berkas PDF bertanda tangan untuk surat ini tidak ditemukan di penyimpanan, sehingga keasliannya tidak dapat "
    "dinyatakan. Kejadian ini sudah dicatat dan diteruskan kepada Admin."
)
TIDAK_UTUH = (
    "Berkas PDF yang tersimpan untuk surat ini tidak sama dengan yang ditandatangani (sidik SHA-256 berbeda), "
    "sehingga keasliannya tidak dapat dinyatakan. Kejadian ini sudah dicatat dan diteruskan kepada Admin."
)


@dataclass(frozen=True)
class Hasil:
    verdict: str  # ASLI, TIDAK_COCOK or SALINAN
    alasan: str  # why not ASLI (Indonesian), empty when ASLI
    sha256: str
    dokumen: DokumenSurat | None = None

    @property
    def asli(self) -> bool:
        return self.verdict == ASLI


def by_token(token: str) -> DokumenSurat | None:
    if not token or len(token) > 64:
        return None
    return DokumenSurat.objects.select_related("surat__jenis", "surat__opd").filter(token_verifikasi=token).first()


def by_sha256(digest: str) -> DokumenSurat | None:
    """The letter whose PDF has this hash now, or had it before an archive timestamp was appended."""
    found = (
        DokumenSurat.objects.select_related("surat__jenis", "surat__opd")
        .filter(Q(sha256=digest) | Q(riwayat__sha256=digest), status=StatusPdf.SIAP)
        .first()
    )
    return found


def _known_version(dokumen: DokumenSurat, digest: str) -> bool:
    return digest == dokumen.sha256 or RiwayatDokumenSurat.objects.filter(dokumen=dokumen, sha256=digest).exists()


def dimusnahkan(dokumen: DokumenSurat) -> bool:
    """The PDF was destroyed under the retention schedule: the row and its hash stay, the file is gone.
    An outside copy is still judged against that hash (and its own signature)."""
    return dokumen.status == StatusPdf.SIAP and not dokumen.berkas and bool(dokumen.sha256)


def stored_verdict(dokumen: DokumenSurat) -> VerifyResult | None:
    """The signature verdict on the stored signed PDF (None without one), cached by its hash. The stored
    bytes are hashed on every call (streamed): a swapped file is judged TIDAK UTUH, never ASLI, and a
    file gone from storage (a lost disk, a wrong MEDIA_ROOT) is judged so too, audited, not a 500."""
    if not (dokumen.is_tte and dokumen.siap):
        return None
    try:
        return _vonis_tersimpan(dokumen)
    except OSError:
        integritas.laporkan(objek=dokumen, nama=dokumen.berkas.name, tercatat=dokumen.sha256, ditemukan="(tidak ada)")
        return tidak_utuh(dokumen, BERKAS_HILANG)


def _vonis_tersimpan(dokumen: DokumenSurat) -> VerifyResult:
    if not integritas.cocok(dokumen.berkas, dokumen.sha256, objek=dokumen):
        return tidak_utuh(dokumen)
    key = f"verifikasi:tte:v2:{dokumen.sha256}"
    cached = cache.get(key)
    if cached is None:
        with dokumen.berkas.open("rb") as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() != dokumen.sha256:  # swapped between the check and the read
            return tidak_utuh(dokumen)
        cached = (verify_pdf(data), lampiran_terikat(data))
        cache.set(key, cached, CACHE_DETIK)
    result, terikat = cached
    if result.valid and terikat is not None and not _lampiran_sesuai(dokumen, terikat):
        return tidak_utuh(dokumen, LAMPIRAN_DIGANTI)
    return result


def lampiran_terikat(data: bytes) -> list[str] | None:
    """The attachments' SHA-256 bound into a signed letter PDF of ours (None for letters signed before
    they were bound, or without attachments)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        nilai = pdf.docinfo.get(INFO_LAMPIRAN)
        return str(nilai).split() if nilai is not None else None


def _lampiran_sesuai(dokumen: DokumenSurat, terikat: list[str]) -> bool:
    """Every attachment row still kept has a hash the signer signed: a file swapped together with its
    recorded hash is caught here (rows removed later, e.g. by a correction, are not a mismatch)."""
    return set(dokumen.surat.lampiran.values_list("sha256", flat=True)) <= set(terikat)


def tidak_utuh(dokumen: DokumenSurat, alasan: str = TIDAK_UTUH) -> VerifyResult:
    """The verdict on a stored PDF whose bytes (or attachments) are not the registered ones: not valid, and why."""
    return VerifyResult(
        valid=False,
        intact=False,
        signer_name="",
        signer_serial="",
        signed_at=None,
        reason_if_invalid=alasan,
        sha256=dokumen.sha256,
    )


def pendapat_bsre(dokumen: DokumenSurat) -> PendapatBsre | None:
    """BSrE's second opinion on the stored signed PDF (TTE_BACKEND=bsre only; None otherwise)."""
    if settings.TTE_BACKEND != "bsre" or not (dokumen.is_tte and dokumen.siap):
        return None
    with dokumen.berkas.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != dokumen.sha256:
        return None  # stored_verdict already says TIDAK UTUH; BSrE is not asked about the wrong bytes
    return status_bsre.pendapat(data)


def tte_surat(surat) -> VerifyResult | None:
    """The signature verdict shown on a letter's own page (None without a TTE-signed PDF)."""
    try:
        dokumen = surat.dokumen  # loaded with the letter by selectors.get_surat_for
    except DokumenSurat.DoesNotExist:
        return None
    return stored_verdict(dokumen)


def _periksa_bentuk(data: bytes) -> str:
    """In the capped child: too many pages or a decompression bomb -> the reason; else ""."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAKS_HALAMAN_UNGGAH:
                return f"Berkas PDF terlalu tebal ({len(pdf.pages)} halaman; paling banyak {MAKS_HALAMAN_UNGGAH})."
            if ukuran_terbuka(pdf, MAKS_TERBUKA_UNGGAH) is None:
                return f"{TERLALU_BERAT} Isinya terlalu besar setelah dibuka."
    except (pikepdf.PdfError, ValueError):
        return ""  # not a readable PDF: verify_pdf says so in its own words
    return ""


def periksa_unggahan(data: bytes) -> str:
    """Anyone (the public page), before any verdict: why an upload is refused, or "". Runs in a child
    process within VERIFIKASI_MAKS_CPU_DETIK of CPU."""
    try:
        return terbatas.jalankan(_periksa_bentuk, data, cpu_detik=settings.VERIFIKASI_MAKS_CPU_DETIK, memori_mb=256)
    except terbatas.BatasTerlampaui:
        return TERLALU_BERAT


@dataclass(frozen=True)
class Tautan:
    """A letter linked by a correction, as the public sees it: its number and its verification token."""

    nomor: str
    tanggal: object
    kata: str  # "diralat", "dicabut" (on the old letter) or "ralat", "pencabutan" (on the correction)
    token: str
    rahasia: bool = False  # the linked letter is Rahasia: the public page does not print its number


def koreksi_publik(surat) -> tuple[list[Tautan], Tautan | None]:
    """(the signed corrections of `surat`, the letter `surat` corrects) for the public page. Only
    numbers, dates and tokens: the linked page itself decides what it shows (nothing of a Rahasia one)."""
    from surat.models import Surat

    dikoreksi: list[Tautan] = []
    if surat.dikoreksi:
        for k in (
            surat.koreksi.filter(status=Surat.Status.TERKIRIM).select_related("dokumen").order_by("ditandatangani_pada")
        ):
            dok = getattr(k, "dokumen", None)
            kata = "dicabut" if k.jenis_koreksi == Surat.JenisKoreksi.PENCABUTAN else "diralat"
            dikoreksi.append(Tautan(k.nomor, k.tanggal, kata, dok.token_verifikasi if dok else "", k.is_rahasia))
    atas = None
    if surat.koreksi_untuk_id and surat.status == Surat.Status.TERKIRIM:
        asal = Surat.objects.only("nomor", "tanggal", "keamanan").get(pk=surat.koreksi_untuk_id)
        dok = DokumenSurat.objects.filter(surat_id=asal.pk).only("token_verifikasi").first()
        atas = Tautan(
            asal.nomor or "",
            asal.tanggal,
            surat.get_jenis_koreksi_display().lower(),
            dok.token_verifikasi if dok else "",
            asal.is_rahasia,
        )
    return dikoreksi, atas


def check_upload(data: bytes, dokumen: DokumenSurat | None) -> Hasil:
    """Judge uploaded bytes against `dokumen` (the page's letter), or against whichever letter has the
    same hash when `dokumen` is None."""
    digest = hashlib.sha256(data).hexdigest()
    if dokumen is None:
        dokumen = by_sha256(digest)
        if dokumen is None:
            signature = verify_pdf(data)
            alasan = TIDAK_TERDAFTAR if signature.valid else f"{TIDAK_TERDAFTAR} {signature.reason_if_invalid}"
            return Hasil(TIDAK_COCOK, alasan, digest)
    if not dokumen.siap and not dimusnahkan(dokumen):
        return Hasil(TIDAK_COCOK, BELUM_SIAP, digest, dokumen)
    if not _known_version(dokumen, digest):
        signature = verify_pdf(data)
        alasan = BERBEDA if signature.valid else f"{BERBEDA} {signature.reason_if_invalid}"
        return Hasil(TIDAK_COCOK, alasan, digest, dokumen)
    if not dokumen.is_tte:
        return Hasil(SALINAN, TANPA_TTE, digest, dokumen)
    # The very bytes stored: their verdict is cached, so a flood of the same file costs nothing.
    signature = stored_verdict(dokumen) if digest == dokumen.sha256 else verify_pdf(data)
    if not signature.valid:
        return Hasil(TIDAK_COCOK, signature.reason_if_invalid, digest, dokumen)
    return Hasil(ASLI, "", digest, dokumen)
