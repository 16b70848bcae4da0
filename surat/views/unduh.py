"""File downloads: every stored file leaves through `kirim_berkas`, after the permission check of its own
view and the integrity check (surat.integritas: the bytes must have the SHA-256 recorded when they were
stored). The letters' attachments are served here; the other download views call `kirim_berkas`."""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from organisasi.decorators import pegawai_required
from surat import integritas, selectors
from surat.models import Surat


def kirim_berkas(
    request: HttpRequest,
    berkas: FieldFile,
    sha256: str,
    *,
    objek: Any,
    filename: str,
    content_type: str,
    as_attachment: bool = True,
) -> HttpResponse:
    """Serve a stored file whose hash checks out (never cached by the browser or a proxy). A swapped or
    damaged file gets a page saying so (409, audited); a missing one a 404."""
    try:
        fh = integritas.buka_utuh(berkas, sha256, objek=objek, actor=getattr(request, "pegawai", None))
    except integritas.BerkasTidakUtuh:
        return render(request, "surat/berkas_tidak_utuh.html", {"pesan": integritas.PESAN}, status=409)
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(fh, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@pegawai_required
@require_GET
def lampiran(request: HttpRequest, pk: int) -> HttpResponse:
    """Download an attachment, through the permission check only (never a public media URL). A file the
    archives destroyed (empty field, the row stays) gets a page saying so (410)."""
    item = selectors.get_lampiran_for(request.actor, pk)
    if not item.berkas:
        return berkas_dimusnahkan(request, item.surat)
    return kirim_berkas(request, item.berkas, item.sha256, objek=item, filename=item.nama_asli, content_type=item.mime)


def berkas_dimusnahkan(request: HttpRequest, surat: Surat) -> HttpResponse:
    """The page for a file of `surat` destroyed under the retention schedule (also used for its PDF)."""
    return render(request, "surat/berkas_dimusnahkan.html", {"surat": surat}, status=410)
