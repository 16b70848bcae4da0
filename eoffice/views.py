"""The pages of the project as a whole: the Beranda."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisasi.decorators import get_pegawai
from surat.views.kotak import beranda_context


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Home page: greeting, the jabatan acted in today and the work counters of the other apps.

    Also for a user without a Pegawai (e.g. a bare superuser): the page then says so instead of failing.
    The acting pegawai and jabatan come from the context processor.
    """
    pegawai = get_pegawai(request)
    ctx = beranda_context(pegawai) if pegawai is not None else {}
    return render(request, "beranda.html", ctx)
