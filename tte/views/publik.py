"""Public endpoints for validators elsewhere (no login, no cookies needed), at the addresses written
into every certificate and documented in docs/tte.md:

- GET  /tte/crl/<serial CA>.crl   the CA's current CRL of signers' certificates (DER,
                                  application/pkix-crl), fresh (reissued when half its life has
                                  passed, even without Celery beat)
- GET  /tte/crl/<serial CA>-tsa.crl  the same for its TSA certificates (a separate partition)
- GET  /tte/ca/<serial CA>.crt    the CA's certificate (DER, application/pkix-cert): the trust root
- POST /tte/tsa/                  the Pemda's RFC 3161 timestamp authority (application/timestamp-query
                                  in, application/timestamp-reply out); rate-limited per address
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from lib import ratelimit
from tte import crypto, services, tsa
from tte.models import LingkupCrl, OtoritasSertifikat

MAKS_PERMINTAAN_TSA = 16 * 1024  # an RFC 3161 request is a few hundred bytes
BATAS_TSA = (120, 60)  # requests per address per minute


@require_GET
def crl(request: HttpRequest, nama: str) -> HttpResponse:
    serial, _, lingkup = nama.lower().partition("-")
    if lingkup not in ("", LingkupCrl.TSA):
        raise Http404
    ca = get_object_or_404(OtoritasSertifikat, serial=serial)
    daftar = services.crl_terkini(ca, lingkup or LingkupCrl.PENANDATANGAN)
    response = HttpResponse(bytes(daftar.der), content_type="application/pkix-crl")
    response["Content-Disposition"] = f'attachment; filename="{nama.lower()}.crl"'
    # Caches may keep it until the next scheduled reissue at most.
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def sertifikat_ca(request: HttpRequest, serial: str) -> HttpResponse:
    ca = get_object_or_404(OtoritasSertifikat, serial=serial.lower())
    response = HttpResponse(crypto.der(crypto.load_pem(ca.sertifikat_pem)), content_type="application/pkix-cert")
    response["Content-Disposition"] = f'attachment; filename="{ca.serial}.crt"'
    return response


@csrf_exempt
@require_POST
def cap_waktu(request: HttpRequest) -> HttpResponse:
    """The Pemda's TSA for other installations and tools (`openssl ts -query | curl --data-binary`)."""
    if settings.TTE_TSA_URL:
        raise Http404("Instalasi ini memakai TSA lain.")
    if not ratelimit.allow(request, "tte-tsa", limit=BATAS_TSA[0], window=BATAS_TSA[1]):
        return HttpResponse(
            "Terlalu banyak permintaan; coba lagi sebentar lagi.", status=429, content_type="text/plain"
        )
    if request.content_type != tsa.CONTENT_TYPE_QUERY:
        return HttpResponse(
            f"Kirim permintaan RFC 3161 dengan Content-Type {tsa.CONTENT_TYPE_QUERY}.",
            status=415,
            content_type="text/plain",
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAKS_PERMINTAAN_TSA + 1
    if length > MAKS_PERMINTAAN_TSA:
        return HttpResponse("Permintaan terlalu besar.", status=413, content_type="text/plain")
    jawaban = tsa.tsa_pemda(services.pastikan_tsa()).respond(request.body)
    return HttpResponse(jawaban, content_type=tsa.CONTENT_TYPE_REPLY)
