"""The form renderer (settings.FORM_RENDERER): Django's, except that a <select> and the plain <input>s
are written in Python.

Django renders a select through three templates: the select, then for every option its own template and
the attributes' template. A form with a few selects of 20-250 options (the lists' filter form, the
draft's signer and addressee pickers) spent more time there than the page's queries. The markup here is
the same as Django's templates give (tests/lib/test_form_renderer.py compares them); any other widget, or
a select whose options use another template, goes through the templates as before.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# The widgets whose template is only `{% include "django/forms/widgets/input.html" %}` (a checkbox and a
# file input too: their differences are in the widget's context, not the markup).
INPUT = {
    f"django/forms/widgets/{nama}.html"
    for nama in ("checkbox color date datetime email file hidden number password search tel text time url".split())
}


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html: False drops the attribute, True writes it bare."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(out)


def _option(option: dict[str, Any]) -> str:
    return f'<option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>'


def render_select(context: dict[str, Any]) -> str | None:
    """The select as django/forms/widgets/select.html writes it; None when an option has its own template."""
    widget = context["widget"]
    parts = [f'<select name="{escape(str(widget["name"]))}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option.get("template_name") != OPTION:
                return None
            parts.append("\n  " + _option(option) + "\n")  # the option template ends with a newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def render_input(context: dict[str, Any]) -> str:
    """The input as django/forms/widgets/input.html writes it (the renderer strips the templates' newlines)."""
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
    return f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


class Renderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in INPUT:
            return render_input(context)
        if template_name == SELECT:
            html = render_select(context)
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
