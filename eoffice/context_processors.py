"""Values every page needs: the acting pegawai, the jabatan they act in today (with Plt/Plh),
training mode, and the text size the user chose. The pegawai and its acting jabatan are the ones the
view already loaded (organisasi.decorators.get_pegawai, surat.selectors.jabatan_aktif): no second query."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.http import HttpRequest

from organisasi import permissions
from organisasi.decorators import get_pegawai
from organisasi.models import Jabatan, Pemda, Penugasan
from organisasi.selectors import penugasan_aktif_for
from surat.selectors import jabatan_aktif

# Text sizes offered in the header: value (also the <html> class suffix and cookie value) -> label.
UKURAN_HURUF = {"normal": "Normal", "besar": "Besar", "sangat-besar": "Sangat besar"}
UKURAN_HURUF_COOKIE = "eo_ukuran_huruf"


@dataclass(frozen=True)
class JabatanAktif:
    """A jabatan the pegawai acts in today; `penugasan` is set when it is held as Plt/Plh."""

    jabatan: Jabatan
    penugasan: Penugasan | None = None

    @property
    def sebutan(self) -> str:
        """'Plt. Kepala Dinas Perhubungan' or just the jabatan name for the own post."""
        return f"{self.penugasan.singkatan} {self.jabatan.nama}" if self.penugasan else self.jabatan.nama


def ukuran_huruf(request: HttpRequest) -> str:
    value = request.COOKIES.get(UKURAN_HURUF_COOKIE, "")
    return value if value in UKURAN_HURUF else "normal"


def eoffice(request: HttpRequest) -> dict:
    ctx = {
        "MODE_LATIHAN": settings.MODE_LATIHAN,
        "pemda": Pemda.current(),
        "pegawai": None,
        "jabatan_aktif": [],
        "penugasan_aktif": [],
        "jabatan_aktif_tampil": [],
        "is_admin": False,
        "is_admin_tte": False,
        "ukuran_huruf": ukuran_huruf(request),
        "pilihan_ukuran_huruf": UKURAN_HURUF,
    }
    pegawai = get_pegawai(request)
    if pegawai is not None:
        jabatan = jabatan_aktif(pegawai)
        penugasan = {p.jabatan_id: p for p in penugasan_aktif_for(pegawai)}
        ctx["pegawai"] = pegawai
        ctx["jabatan_aktif"] = jabatan
        ctx["penugasan_aktif"] = list(penugasan.values())
        # The own post first, then Plt/Plh posts.
        ctx["jabatan_aktif_tampil"] = sorted(
            (JabatanAktif(j, penugasan.get(j.pk)) for j in jabatan), key=lambda a: a.penugasan is not None
        )
        # Called only by templates that ask (the admin menu item), so other pages pay no query.
        ctx["is_admin"] = partial(permissions.is_admin, pegawai)
        ctx["is_admin_tte"] = partial(permissions.is_admin_tte, pegawai)
    return ctx
