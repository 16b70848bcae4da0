"""A signer's own certificate page (/tte/sertifikat/): its state, and with the lokal backend the
self-service steps (tte.mandiri): ask for activation, choose the passphrase after approval, change it,
renew, revoke. With the BSrE backend the page shows BSrE's status of the signer's NIK instead.

Passphrases travel in POST bodies only, are never echoed back, and never reach a message or a log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from organisasi.decorators import pegawai_required
from tte import mandiri, selectors, services, status_bsre
from tte.forms import BuatPassphraseForm, CabutForm, GantiPassphraseForm, PerpanjangForm
from tte.models import PermohonanSertifikat

RAHASIA = ("password_login", "passphrase", "ulangi", "lama", "baru")


def _lokal_only() -> None:
    if settings.TTE_BACKEND != "lokal":
        raise Http404


def _errors_into(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for err in errs:
                form.add_error(field if field in form.fields else None, err)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@pegawai_required
def sertifikat(request: HttpRequest) -> HttpResponse:
    pegawai = request.pegawai
    if settings.TTE_BACKEND == "bsre":
        return render(request, "tte/sertifikat_bsre.html", {"status": status_bsre.untuk(pegawai)})
    berlaku = selectors.sertifikat_berlaku(pegawai)
    permohonan = selectors.permohonan_terakhir(pegawai)
    ctx = {
        "berlaku": berlaku,
        "riwayat": [(s, selectors.status_sertifikat(s)) for s in selectors.sertifikat_milik(pegawai)],
        "permohonan": permohonan,
        "boleh_ajukan": berlaku is None
        and (permohonan is None or permohonan.status in (PermohonanSertifikat.Status.DITOLAK, "selesai")),
        "boleh_buat": permohonan is not None and permohonan.status == PermohonanSertifikat.Status.DISETUJUI,
        "boleh_perpanjang": berlaku is not None and mandiri.boleh_perpanjang(berlaku),
        "jendela_perpanjang": mandiri.RENEW_WINDOW,
    }
    return render(request, "tte/sertifikat.html", ctx)


@require_POST
@pegawai_required
def ajukan(request: HttpRequest) -> HttpResponse:
    _lokal_only()
    try:
        mandiri.ajukan_aktivasi(actor=request.pegawai)
        messages.success(request, "Permohonan terkirim ke Admin TTE. Anda akan diberi tahu setelah diputuskan.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("tte:sertifikat")


def _passphrase_page(request, form_class, action, *, judul: str, sukses: str, tombol: str, intro: str):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, sukses)
            return redirect("tte:sertifikat")
    return render(request, "tte/passphrase_form.html", {"form": form, "judul": judul, "tombol": tombol, "intro": intro})


@sensitive_post_parameters(*RAHASIA)
@pegawai_required
def buat(request: HttpRequest) -> HttpResponse:
    _lokal_only()
    pegawai = request.pegawai
    if not PermohonanSertifikat.objects.filter(pegawai=pegawai, status=PermohonanSertifikat.Status.DISETUJUI).exists():
        raise Http404
    return _passphrase_page(
        request,
        BuatPassphraseForm,
        lambda d: mandiri.buat_passphrase(
            actor=pegawai, password_login=d["password_login"], passphrase=d["passphrase"], ulangi=d["ulangi"]
        ),
        judul="Buat frasa sandi sertifikat TTE",
        sukses="Sertifikat TTE Anda sudah terbit. Gunakan frasa sandi TTE Anda saat menandatangani surat.",
        tombol="Terbitkan sertifikat",
        intro="Permohonan Anda sudah disetujui. Pilih frasa sandi TTE yang hanya Anda ketahui.",
    )


@sensitive_post_parameters(*RAHASIA)
@pegawai_required
def ganti(request: HttpRequest) -> HttpResponse:
    _lokal_only()
    pegawai = request.pegawai
    if selectors.sertifikat_berlaku(pegawai) is None:
        raise Http404
    return _passphrase_page(
        request,
        GantiPassphraseForm,
        lambda d: mandiri.ganti_passphrase(
            actor=pegawai, password_login=d["password_login"], lama=d["lama"], baru=d["baru"], ulangi=d["ulangi"]
        ),
        judul="Ganti frasa sandi TTE",
        sukses="Frasa sandi TTE sudah diganti. Mulai sekarang tanda tangani surat dengan frasa sandi baru.",
        tombol="Ganti frasa sandi TTE",
        intro="Sertifikat Anda tetap sama; hanya frasa sandi pembukanya yang berganti.",
    )


@sensitive_post_parameters(*RAHASIA)
@pegawai_required
def perpanjang(request: HttpRequest) -> HttpResponse:
    _lokal_only()
    pegawai = request.pegawai
    berlaku = selectors.sertifikat_berlaku(pegawai)
    if berlaku is None or not mandiri.boleh_perpanjang(berlaku):
        raise Http404
    return _passphrase_page(
        request,
        PerpanjangForm,
        lambda d: mandiri.perpanjang(actor=pegawai, password_login=d["password_login"], passphrase=d["passphrase"]),
        judul="Perpanjang sertifikat TTE",
        sukses="Sertifikat baru sudah terbit dengan frasa sandi TTE yang sama.",
        tombol="Perpanjang",
        intro="Sertifikat baru berlaku 2 tahun; sertifikat lama dicabut, surat yang sudah ditandatangani tetap sah.",
    )


@pegawai_required
def cabut(request: HttpRequest) -> HttpResponse:
    _lokal_only()
    pegawai = request.pegawai
    berlaku = selectors.sertifikat_berlaku(pegawai)
    if berlaku is None:
        raise Http404
    form = CabutForm(request.POST or None, pemilik=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.cabut_sertifikat(actor=pegawai, sertifikat=berlaku, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, "Sertifikat Anda sudah dicabut. Surat yang sudah ditandatangani tetap sah.")
            return redirect("tte:sertifikat")
    return render(request, "tte/cabut.html", {"form": form, "sertifikat": berlaku, "milik_sendiri": True})
