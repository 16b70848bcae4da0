"""Status of background work on a letter's files, polled by the letter page (static/js/eoffice.js):
the reading (OCR) of an attachment runs after the response, so the page shows "Teks sedang dibaca" and
swaps the badge when the worker is done."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from organisasi.decorators import pegawai_required
from surat import selectors


@pegawai_required
@require_GET
def teks_lampiran(request: HttpRequest, pk: int) -> JsonResponse:
    """Whoever may download the attachment: its reading state and the badge to show (404 otherwise)."""
    item = selectors.get_lampiran_for(request.actor, pk)
    teks = getattr(item, "teks", None)
    selesai = teks is None or teks.status not in ("menunggu", "diproses")
    html = render_to_string("arsip/_teks_lampiran.html", {"lampiran": item}, request=request).strip()
    response = JsonResponse({"selesai": selesai, "status": teks.status if teks else "", "html": html})
    response["Cache-Control"] = "private, no-store"
    return response
