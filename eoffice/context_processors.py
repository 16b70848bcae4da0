"""Values every page needs: the acting pegawai, the jabatan they act in today, training mode."""

from django.conf import settings

from organisasi.models import Pemda


def eoffice(request) -> dict:
    ctx = {"MODE_LATIHAN": settings.MODE_LATIHAN, "pemda": None, "pegawai": None, "jabatan_aktif": []}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        pegawai = getattr(user, "pegawai", None)
        if pegawai is not None:
            ctx["pegawai"] = pegawai
            ctx["jabatan_aktif"] = list(pegawai.jabatan_aktif().select_related("unit"))
    ctx["pemda"] = Pemda.current()
    return ctx
