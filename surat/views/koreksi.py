"""Corrections of a signed letter: the drafting OPD starts a ralat or a pencabutan from the letter's
page (a new draft, opened in the drafting form), and what a letter's page says about its corrections
(both ways: "telah diralat dengan surat nomor …" on the old one, "ralat atas surat nomor …" on the new).

A linked letter the user may open is linked to its page; otherwise to its public verification page
(which shows no register data of a Rahasia letter), or named by number only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from organisasi.acting import Actor
from organisasi.decorators import pegawai_required
from surat import selectors, services
from surat.models import Surat
from surat.models_dokumen import DokumenSurat

KATA = {Surat.JenisKoreksi.RALAT: "ralat", Surat.JenisKoreksi.PENCABUTAN: "pencabutan"}


@pegawai_required
@require_POST
def mulai(request: HttpRequest, pk: int, jenis: str) -> HttpResponse:
    """The drafting OPD: start a ralat or a pencabutan of a signed letter; opens the new draft's form."""
    surat = selectors.get_surat_for(request.actor, pk)
    if jenis not in KATA or "koreksi" not in selectors.aksi_tersedia(request.actor, surat):
        raise Http404
    try:
        baru = services.koreksi_mulai(actor=request.pegawai, surat=surat, jenis=jenis)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("surat:detail", pk=surat.pk)
    messages.success(
        request,
        f"Konsep {KATA[jenis]} surat nomor {surat.nomor} dibuat. Lengkapi isinya, lalu simpan atau ajukan "
        "seperti surat biasa.",
    )
    return redirect("surat:konsep_ubah", pk=baru.pk)


def _tautan(actor: Actor, surat: Surat, dokumen: DokumenSurat | None, bisa_dibuka: bool) -> str:
    if bisa_dibuka:
        return reverse("surat:detail", args=[surat.pk])
    if dokumen is not None:
        return reverse("verifikasi:detail", args=[dokumen.token_verifikasi])
    return ""


def konteks(actor: Actor, surat: Surat) -> dict[str, Any]:
    """What the letter's page says about corrections: `dikoreksi` (the signed corrections of this letter,
    each {surat, kata, url}) and `koreksi_atas` (the letter this one corrects, {surat, kata, url})."""
    terkirim = selectors.koreksi_terkirim(surat) if surat.dikoreksi else []
    asal = surat.koreksi_untuk if surat.koreksi_untuk_id else None
    ids = [k.pk for k in terkirim] + ([asal.pk] if asal else [])
    if not ids:
        return {"dikoreksi": [], "koreksi_atas": None}
    bisa = set(Surat.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    dikoreksi = [
        {
            "surat": k,
            "kata": "dicabut" if k.jenis_koreksi == Surat.JenisKoreksi.PENCABUTAN else "diralat",
            "url": _tautan(actor, k, getattr(k, "dokumen", None), k.pk in bisa),
        }
        for k in terkirim
    ]
    koreksi_atas = None
    if asal is not None:
        dokumen = DokumenSurat.objects.filter(surat=asal).first()
        koreksi_atas = {
            "surat": asal,
            "kata": KATA.get(surat.jenis_koreksi, ""),
            "url": _tautan(actor, asal, dokumen, asal.pk in bisa),
        }
    return {"dikoreksi": dikoreksi, "koreksi_atas": koreksi_atas}
