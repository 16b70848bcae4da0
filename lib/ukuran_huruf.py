"""The text size a user chose for every page: the choices, the cookie that remembers it (set by the
account page, read by the frame's context processor)."""

from __future__ import annotations

from django.http import HttpRequest

# Value (also the <html> class suffix and the cookie value) -> label in the header.
UKURAN_HURUF = {"normal": "Normal", "besar": "Besar", "sangat-besar": "Sangat besar"}
UKURAN_HURUF_COOKIE = "eo_ukuran_huruf"


def ukuran_huruf(request: HttpRequest) -> str:
    """The size the request's cookie names, "normal" when none or an unknown one."""
    value = request.COOKIES.get(UKURAN_HURUF_COOKIE, "")
    return value if value in UKURAN_HURUF else "normal"
