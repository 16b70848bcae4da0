"""Values every page needs: the acting pegawai, the jabatan they act in today (with Plt/Plh),
training mode, and the text size the user chose. The pegawai and its acting actor are the ones the
view already loaded (organisasi.decorators.get_pegawai, organisasi.acting.of): no second query. The
Pemda (name and logo in the header) comes from the cache (Pemda.untuk_tampilan)."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.http import HttpRequest

from lib.ukuran_huruf import UKURAN_HURUF, ukuran_huruf
from organisasi import acting, permissions
from organisasi.decorators import get_pegawai
from organisasi.models import Pemda
from rekap.jangkauan import boleh_rekap


def eoffice(request: HttpRequest) -> dict:
    ctx = {
        "MODE_LATIHAN": settings.MODE_LATIHAN,
        "pemda": Pemda.untuk_tampilan(),
        "pegawai": None,
        "penugasan_aktif": [],
        "jabatan_aktif_tampil": [],
        "is_admin": False,
        "is_admin_tte": False,
        "boleh_rekap": False,
        "ukuran_huruf": ukuran_huruf(request),
        "pilihan_ukuran_huruf": UKURAN_HURUF,
    }
    pegawai = get_pegawai(request)
    if pegawai is not None:
        actor = acting.of(pegawai)
        ctx["pegawai"] = pegawai
        ctx["penugasan_aktif"] = actor.penugasan
        # The own post first, then Plt/Plh posts (organisasi.acting.JabatanAktif).
        ctx["jabatan_aktif_tampil"] = list(actor.jabatan)
        # Called only by templates that ask (the admin menu item), so other pages pay no query.
        ctx["is_admin"] = partial(permissions.is_admin, pegawai)
        ctx["is_admin_tte"] = partial(permissions.is_admin_tte, pegawai)
        ctx["boleh_rekap"] = partial(boleh_rekap, actor)
    return ctx
