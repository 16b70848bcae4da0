"""Template tags of the page frame: menu items that appear once their page exists, and optional includes."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lib.tautan import alamat, alamat_atau_none

register = template.Library()


# The main menu, in order: (URL name, label, icon, the context value that must be true for it to show).
_MENU = (
    ("beranda", "Beranda", "house-door", None),
    ("surat:konsep", "Konsep Surat", "pencil-square", None),
    ("surat:masuk", "Surat Masuk", "inbox", None),
    ("surat:keluar", "Surat Keluar", "send", None),
    ("disposisi:masuk", "Disposisi", "signpost-split", None),
    ("arsip:index", "Arsip", "archive", None),
    ("organisasi:struktur", "Struktur Organisasi", "diagram-3", None),
    ("rekap:index", "Rekap", "bar-chart-line", "boleh_rekap"),
    ("panduan:index", "Panduan", "question-circle", None),
    ("organisasi:kelola", "Kelola Organisasi", "gear", "is_admin"),
)


@register.simple_tag(takes_context=True)
def menu_utama(context: template.Context) -> SafeString:
    """The main menu's items, each a link with icon and text once its page exists, the current one marked
    (the page shown is that page or one below it). Built here rather than by ten tags in the template: the
    frame of every page paid ~0.4 ms for them."""
    path = getattr(context.get("request"), "path", "")
    items = []
    for url_name, label, icon, syarat in _MENU:
        if syarat is not None:
            boleh = context.get(syarat)
            if not (boleh() if callable(boleh) else boleh):
                continue
        url = alamat_atau_none(url_name)
        if url is not None:
            items.append(_item_menu(url, label, icon, path == url or (url != "/" and path.startswith(url))))
    return SafeString("\n".join(items))


@lru_cache(maxsize=64)
def _item_menu(url: str, label: str, icon: str, current: bool) -> SafeString:
    return format_html(
        '<li class="nav-item"><a class="nav-link{}" href="{}"{}><i class="bi bi-{}" aria-hidden="true"></i> {}</a></li>',
        " active" if current else "",
        url,
        SafeString(' aria-current="page"') if current else "",
        icon,
        label,
    )


@register.simple_tag(takes_context=True)
def tombol_ukuran_huruf(context: template.Context) -> SafeString | str:
    """The text-size buttons (lib.ukuran_huruf), posting back to this page."""
    pilihan = context.get("pilihan_ukuran_huruf")
    if not pilihan:
        return ""
    aktif = context.get("ukuran_huruf")
    tombol = "".join(
        format_html(
            '<button type="submit" name="ukuran" value="{}" class="btn btn-outline-primary{}" aria-pressed="{}">'
            "{}</button>",
            nilai,
            " active" if nilai == aktif else "",
            "true" if nilai == aktif else "false",
            label,
        )
        for nilai, label in pilihan.items()
    )
    return format_html(
        '<form class="eo-ukuran" method="post" action="{}" data-eo-ukuran>{}'
        '<input type="hidden" name="next" value="{}">'
        '<span id="eo-ukuran-label"><i class="bi bi-fonts" aria-hidden="true"></i> Ukuran huruf:</span>'
        '<div class="btn-group" role="group" aria-labelledby="eo-ukuran-label">{}</div></form>',
        alamat("akun:ukuran_huruf"),
        CsrfTokenNode().render(context),
        request.get_full_path() if (request := context.get("request")) is not None else "",
        SafeString(tombol),
    )


@register.simple_tag
def url_exists(*url_names: str) -> bool:
    """True when at least one of the URL names resolves: `{% url_exists "a:b" "c:d" as ada %}`."""
    return any(alamat_atau_none(name) is not None for name in url_names)


@register.simple_tag(takes_context=True)
def include_if_exists(context: template.Context, template_name: str) -> SafeString | str:
    """`{% include %}` for a template another part of the app may not have written yet."""
    try:
        tmpl = context.template.engine.get_template(template_name)
    except template.TemplateDoesNotExist:
        return ""
    with context.push():
        return tmpl.render(context)


@register.filter
def samarkan(value: str, tampak: int = 4) -> str:
    """Hide a number except its last digits, in groups of four: '•••• •••• •••• 3456'."""
    value = str(value or "")
    if len(value) <= tampak:
        return value
    masked = "•" * (len(value) - tampak) + value[-tampak:]
    return " ".join(masked[i : i + 4] for i in range(0, len(masked), 4))
