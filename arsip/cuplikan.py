"""Snippets of a search hit: a window of text around the first matching word, the words in <mark>.

A letter's attachment and scan texts (arsip.models.SuratIndeks.lampiran, OCR'd pages) run to hundreds of
kilobytes each. On PostgreSQL the window is therefore cut in the database, in the read of the page's
letters (`di_basis_data`: regexp_instr finds the first word, substr cuts around it), so a page of 20 hits
moves 20 short windows, not megabytes of text that Python would then search. SQLite (the demo) reads
the texts and cuts the same window here.

A window is (text, cut before, cut after): `text` is the window with, when it was cut before, the one
character before it, so that a word start is judged as in the whole text (a window starting inside a word
must not mark the word's tail).
"""

from __future__ import annotations

import functools
import re
from html import escape

from django.contrib.postgres.fields import ArrayField
from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

LEBAR = 90  # characters of context before the first match; twice that after it

Jendela = tuple[str, bool, bool]


def _pola(words: list[str]) -> re.Pattern[str]:
    return _pola_kata(tuple(words))


@functools.lru_cache(maxsize=64)
def _pola_kata(words: tuple[str, ...]) -> re.Pattern[str]:
    # Built once per query's words: a page of 20 hits asks for it twice per hit.
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def pola_postgres(words: list[str]) -> str:
    """The same pattern in PostgreSQL's regex dialect (`\\m`: a word's start). The words are letters and
    digits only (arsip.pencarian.kata_kunci), nothing a regex would read as an operator."""
    return r"\m(" + "|".join(words) + r")\w*"


def jendela(teks: str, words: list[str], lebar: int = LEBAR) -> Jendela | None:
    """The window of `teks` around its first match, or None when no word matches."""
    m = _pola(words).search(teks)
    if m is None:
        return None
    mulai = max(0, m.start() - lebar)
    akhir = min(len(teks), m.end() + lebar * 2)
    return teks[max(0, mulai - 1) : akhir], mulai > 0, akhir < len(teks)


def tandai(window: Jendela, words: list[str]) -> SafeString:
    """The window, whitespace collapsed and HTML-escaped, every matching word in <mark>, with "…" where
    the text goes on."""
    teks, sebelum, sesudah = window
    konteks, badan = (teks[:1], teks[1:]) if sebelum else ("", teks)
    rata = " ".join(badan.split())
    # The character before the window is kept only to judge a word start at the window's first letter.
    awal = 1 if konteks and not konteks.isspace() and badan[:1] and not badan[0].isspace() else 0
    rata = konteks[:awal] + rata
    # html.escape: what django.utils.html.escape calls, without its wrapping per piece.
    out, last = [], awal
    for hit in _pola(words).finditer(rata, awal):
        out.append(escape(rata[last : hit.start()]))
        out.append(f"<mark>{escape(hit.group(0))}</mark>")
        last = hit.end()
    out.append(escape(rata[last:]))
    return mark_safe(("… " if sebelum else "") + "".join(out) + (" …" if sesudah else ""))


def sorot(teks: str, words: list[str], lebar: int = LEBAR) -> SafeString:
    """A window of `teks` around the first match with every matching word in <mark>, HTML-escaped;
    '' when nothing matches."""
    window = jendela(teks, words, lebar)
    return tandai(window, words) if window else mark_safe("")


def di_basis_data(pola: str, lebar: int = LEBAR) -> RawSQL:
    """PostgreSQL: for each letter read, where its snippet comes from and the window, cut in the database
    as `jendela` cuts it, as an array [source, text, cut before, cut after] (NULL when neither text
    matches): "isi" (the body), else "lampiran" (the attachments' text, searched only when the body has no
    match). `pola` is `pola_postgres`'s; a correlated read of the letter's index row, by its key. Shown
    only for letters whose content the reader may see (the caller's check)."""
    # Each regexp_instr runs once per letter: OFFSET 0 keeps the planner from folding a level into the
    # one above, which would repeat its expressions (the body's match was computed four times).
    sql = f"""(
        SELECT CASE WHEN m.a > 0 THEN ARRAY[
            m.sumber,
            substr(m.teks, greatest(1, m.a - {lebar} - 1), m.b - greatest(1, m.a - {lebar} - 1) + {2 * lebar}),
            (m.a > {lebar} + 1)::text,
            (length(m.teks) > m.b - 1 + {2 * lebar})::text
        ] END
        FROM (
            SELECT t.*, CASE WHEN t.a > 0 THEN regexp_instr(t.teks, t.pola, t.a, 1, 1, 'i') END AS b
            FROM (
                SELECT d.pola,
                       CASE WHEN d.di_isi > 0 THEN 'isi' ELSE 'lampiran' END AS sumber,
                       CASE WHEN d.di_isi > 0 THEN i.isi ELSE i.lampiran END AS teks,
                       CASE WHEN d.di_isi > 0 THEN d.di_isi
                            ELSE regexp_instr(i.lampiran, d.pola, 1, 1, 0, 'i') END AS a
                FROM arsip_suratindeks i
                CROSS JOIN LATERAL (
                    SELECT k.pola, regexp_instr(i.isi, k.pola, 1, 1, 0, 'i') AS di_isi
                    FROM (SELECT %s::text AS pola) k OFFSET 0
                ) d
                WHERE i.surat_id = "surat_surat"."id"
                OFFSET 0
            ) t
            OFFSET 0
        ) m
    )"""
    return RawSQL(sql, [pola], output_field=ArrayField(TextField()))


def dari_basis_data(nilai: list[str] | None) -> tuple[str, Jendela] | None:
    """`di_basis_data`'s array as (source, window)."""
    if not nilai:
        return None
    sumber, teks, sebelum, sesudah = nilai
    return sumber, (teks, sebelum == "true", sesudah == "true")
