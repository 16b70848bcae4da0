"""Cleaning the body (isi) of a letter: only simple formatting survives (paragraphs, bold, italic,
underline, lists and plain tables). Scripts, event handlers, styles and links are removed."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"}
# Table cells may span; nothing else keeps an attribute.
ALLOWED_ATTRIBUTES = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "title"}


def clean_html(value: str) -> str:
    """Sanitized HTML for Surat.isi (safe to render with |safe)."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=None,
    ).strip()


_BLOCK_END = re.compile(r"</(p|li|tr|h\d)>|<br\s*/?>", re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """Plain text of an isi (one line per paragraph, list item or table row), for diffs and search."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", value)
    text = _CELL_END.sub(" | ", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line.rstrip(" |") for line in lines if line.strip(" |"))
