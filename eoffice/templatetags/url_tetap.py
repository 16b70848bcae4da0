"""`{% url %}` for every template (settings.TEMPLATES "builtins"), its links remembered (lib.tautan.alamat).

Django's tag calls reverse() on every use, ~30 µs each: the page frame alone has eight (menu, account
menu, bell, text size) and the Beranda's to-do lines two per line. A URL without arguments, or with pks
as its arguments, is reversed once per process (and current app), `as var` too; one with other
arguments goes through Django's own tag unchanged."""

from __future__ import annotations

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as url_django
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from lib.tautan import alamat

register = template.Library()


class URLTetapNode(URLNode):
    def render(self, context: template.Context) -> str:
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        if not all(type(a) is int and a >= 0 for a in args):
            return super().render(context)
        # As Django's tag: the request's current app, else the namespace of the page's own view.
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None) or getattr(
            getattr(request, "resolver_match", None), "namespace", None
        )
        try:
            url = alamat(self.view_name.resolve(context), *args, current_app=current_app)
        except NoReverseMatch:
            if not self.asvar:
                raise
            url = ""  # `as var` of a link that cannot be made: empty, as Django's tag
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> URLNode:
    node = url_django(parser, token)
    return URLTetapNode(node.view_name, node.args, node.kwargs, node.asvar)
