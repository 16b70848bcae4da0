"""The public verification page (no login), opened from the QR code of a signed letter:
/verifikasi/<token>/ shows whether the letter is genuine and its register data, and judges an uploaded
PDF; /verifikasi/ finds a letter by an uploaded file. Unknown tokens get the same neutral 404 page;
lookups and uploads are rate-limited per address. An upload is at most VERIFIKASI_MAKS_MB, its shape is
checked in a capped child process first (surat.verifikasi.periksa_unggahan), and each address has a
budget of processing time per hour (BUDGET_PROSES), so an anonymous caller cannot keep a core busy."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lib import ratelimit
from surat import verifikasi

# (hits, seconds) per client address.
BATAS_LIHAT = (60, 300)
BATAS_UNGGAH = (10, 300)
# (milliseconds of processing, seconds) per client address for judging uploads.
BUDGET_PROSES = (60_000, 3600)
BUDGET_HABIS = "Batas waktu pemeriksaan berkas dari alamat Anda sudah habis. Silakan coba lagi dalam satu jam."


def _maks_mb() -> int:
    return settings.VERIFIKASI_MAKS_MB


def _terlalu_besar() -> str:
    return f"Berkas terlalu besar. Paling besar {_maks_mb()} MB."


class UnggahForm(forms.Form):
    berkas = forms.FileField(label="Berkas PDF surat")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "berkas"
        ].help_text = f"Pilih berkas PDF surat yang ingin dicocokkan (paling besar {_maks_mb()} MB)."

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > _maks_mb() * 1024 * 1024:
            raise forms.ValidationError(_terlalu_besar())
        return berkas


def _terlalu_sering(request: HttpRequest) -> HttpResponse:
    return render(request, "verifikasi/terlalu_sering.html", status=429)


def _too_big(request: HttpRequest) -> bool:
    """Refuse before Django reads the body: the declared length is over the limit (plus form overhead)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > (_maks_mb() + 1) * 1024 * 1024


def _check(request: HttpRequest, dokumen):
    """(form, hasil) for a POSTed upload; hasil None when the form has errors."""
    if _too_big(request):
        return _galat(_terlalu_besar())
    form = UnggahForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, None
    if not ratelimit.within_budget(request, "verifikasi-proses", limit=BUDGET_PROSES[0], window=BUDGET_PROSES[1]):
        return _galat(BUDGET_HABIS)
    data = b"".join(form.cleaned_data["berkas"].chunks())
    mulai = time.monotonic()
    try:
        if masalah := verifikasi.periksa_unggahan(data):
            return _galat(masalah)
        return UnggahForm(), verifikasi.check_upload(data, dokumen)
    finally:
        ms = int((time.monotonic() - mulai) * 1000)
        ratelimit.spend(request, "verifikasi-proses", amount=ms, window=BUDGET_PROSES[1])


def _galat(pesan: str) -> tuple[UnggahForm, None]:
    form = UnggahForm()
    form.galat = pesan
    return form, None


def _detail_context(dokumen) -> dict:
    surat = dokumen.surat
    tte = verifikasi.stored_verdict(dokumen)
    dikoreksi, koreksi_atas = verifikasi.koreksi_publik(surat)
    return {
        "dokumen_dimusnahkan": verifikasi.dimusnahkan(dokumen),
        "dikoreksi": dikoreksi,
        "koreksi_atas": koreksi_atas,
        "dokumen": dokumen,
        "surat": surat,
        "rahasia": surat.is_rahasia,
        "tte": tte,
        "tidak_utuh": tte is not None and tte.reason_if_invalid == verifikasi.TIDAK_UTUH,
        "bsre": verifikasi.pendapat_bsre(dokumen),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def cari(request: HttpRequest) -> HttpResponse:
    """Anyone: upload a PDF to learn whether it is a letter registered here."""
    if request.method == "POST":
        if not ratelimit.allow(request, "verifikasi-unggah", limit=BATAS_UNGGAH[0], window=BATAS_UNGGAH[1]):
            return _terlalu_sering(request)
        form, hasil = _check(request, None)
    else:
        if not ratelimit.allow(request, "verifikasi-lihat", limit=BATAS_LIHAT[0], window=BATAS_LIHAT[1]):
            return _terlalu_sering(request)
        form, hasil = UnggahForm(), None
    ctx = {"form": form, "hasil": hasil, "situs": settings.SITE_URL}
    if hasil is not None and hasil.dokumen is not None:
        ctx.update(_detail_context(hasil.dokumen))
    return render(request, "verifikasi/halaman.html", ctx)


@never_cache
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the QR code: is this letter genuine; optionally compare an uploaded PDF with it."""
    scope, (limit, window) = (
        ("verifikasi-unggah", BATAS_UNGGAH) if request.method == "POST" else ("verifikasi-lihat", BATAS_LIHAT)
    )
    if not ratelimit.allow(request, scope, limit=limit, window=window):
        return _terlalu_sering(request)
    dokumen = verifikasi.by_token(token)
    if dokumen is None:
        return render(request, "verifikasi/tidak_ditemukan.html", status=404)
    form, hasil = _check(request, dokumen) if request.method == "POST" else (UnggahForm(), None)
    ctx = {"form": form, "hasil": hasil, "token": token, **_detail_context(dokumen)}
    return render(request, "verifikasi/halaman.html", ctx)
