"""Cells of CSV and Excel exports. Text a user typed (a letter's hal, an archive description) must never
run as a formula when the file is opened in a spreadsheet: "=HYPERLINK(...)" stays text."""

from __future__ import annotations

from typing import Any

# What a spreadsheet reads as the start of a formula (tab and carriage return too: OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
