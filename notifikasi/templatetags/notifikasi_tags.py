"""The bell in the top bar (templates/includes/navbar.html), built here: as a template it cost every page
~0.3 ms for one link."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lib.tautan import alamat

register = template.Library()


@register.simple_tag(takes_context=True)
def lonceng(context: template.Context) -> SafeString | str:
    """The link to the notifications with the unread count (notifikasi.context_processors: counted up to
    100 when this asks, "99+" beyond 99); nothing for a page without the count (signed out)."""
    jumlah = context.get("notifikasi_belum_dibaca")
    if jumlah is None:
        return ""
    n = jumlah + 0  # the count itself (a lazy object until asked)
    if n:
        angka = "99+" if n > 99 else str(n)
        isi = format_html(
            '<i class="bi bi-bell-fill" aria-hidden="true"></i>'
            '<span class="position-absolute top-0 start-100 translate-middle badge rounded-pill bg-danger"'
            ' aria-hidden="true">{}</span><span class="visually-hidden">{} notifikasi belum dibaca</span>',
            angka,
            "Lebih dari 99" if n > 99 else angka,
        )
    else:
        isi = SafeString(
            '<i class="bi bi-bell" aria-hidden="true"></i>'
            '<span class="visually-hidden">Notifikasi: tidak ada yang belum dibaca</span>'
        )
    return format_html(
        '<a class="btn btn-outline-light btn-lg position-relative eo-lonceng" href="{}">{}</a>',
        alamat("notifikasi:daftar"),
        isi,
    )
