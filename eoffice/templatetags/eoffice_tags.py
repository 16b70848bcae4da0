"""Template tags of the page frame: menu items that appear once their page exists, and optional includes."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


def _url_or_none(url_name: str) -> str | None:
    return _url_tanpa_argumen(url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=256)
def _url_tanpa_argumen(url_name: str, _prefix: str, _urlconf: str) -> str | None:
    """reverse() of a URL name without arguments, once per script prefix and URLconf: the menu asks for
    ten on every page, and each reverse() walks the resolver (~0.05 ms)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def nav_item(context: template.Context, url_name: str, label: str, icon: str = "") -> SafeString | str:
    """A menu link with icon and text, or nothing while the page `url_name` does not exist yet.

    The item is marked current when the page shown is that page or one below it.
    """
    url = _url_or_none(url_name)
    if url is None:
        return ""
    request = context.get("request")
    path = getattr(request, "path", "")
    current = path == url or (url != "/" and path.startswith(url))
    icon_html = format_html('<i class="bi bi-{}" aria-hidden="true"></i> ', icon) if icon else ""
    return format_html(
        '<li class="nav-item"><a class="nav-link{}" href="{}"{}>{}{}</a></li>',
        " active" if current else "",
        url,
        SafeString(' aria-current="page"') if current else "",
        icon_html,
        label,
    )


@register.simple_tag
def url_exists(*url_names: str) -> bool:
    """True when at least one of the URL names resolves: `{% url_exists "a:b" "c:d" as ada %}`."""
    return any(_url_or_none(name) is not None for name in url_names)


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
