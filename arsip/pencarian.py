"""The one search box: letters the user may see, matched on nomor, hal, body, sender, addressees and
the text of attachments and scans, with filters, ranked, with the matching words highlighted.

Everything starts from the letters the user may open (the one rule of surat/models.py: `visible_q`):
results, counts and snippets never reveal a letter the user may not open. A letter whose content the
user may not read (a Rahasia letter seen only through the OPD's pencatat access, `content_q`) is matched
on its register line only (nomor, sender, addressees) and shown without hal or snippet of its content.

PostgreSQL: the index row carries the letter's access keys (arsip.models.SuratIndeks.akses, GIN), so
visibility is one more condition of the index scan, like the words: the cost follows the matches, not
the number of letters the user may see. tsvector match ('simple' config, every word as a prefix) on GIN
indexes plus trigram LIKE on the register text for numbers and names; the count stops at MAKS_HITUNG + 1
in SQL; the newest PERINGKAT_MAKS matches are ranked by ts_rank. The page's letters are read through
`visible_to` again, so a key copied a moment before access was taken away shows nothing. SQLite: LIKE on
the same texts with the visibility join, ranked by where the words were found.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from arsip.models import SuratIndeks
from lib.paging import Halaman, cut, rows_to_read
from organisasi import acting
from organisasi.models import Pegawai
from surat.models import RAHASIA, Surat, content_q, visible_q

PER_HALAMAN = 20
MAKS_HITUNG = 1000
# Very common words match most letters: rank only the most recent PERINGKAT_MAKS matches (PostgreSQL).
PERINGKAT_MAKS = 500
MAKS_KATA = 8
LEBAR_CUPLIKAN = 90


@dataclass
class Saringan:
    q: str = ""
    dari: datetime.date | None = None
    sampai: datetime.date | None = None
    jenis: int | None = None
    opd: int | None = None
    klasifikasi: str = ""
    keamanan: str = ""


@dataclass
class Hasil:
    surat: Surat
    boleh_isi: bool
    skor: float
    judul: SafeString  # the hal with the words marked ('' when the content is hidden)
    cuplikan: SafeString
    sumber: str  # where the snippet comes from: "isi", "lampiran", "nomor/pengirim/tujuan" or ""


@dataclass
class HalamanHasil(Halaman):
    """A page of `Hasil` (in `baris`) with the count of all matches."""

    jumlah: int = 0
    lebih: bool = False  # more than MAKS_HITUNG matches (the count says "lebih dari 1.000")


def kata_kunci(q: str) -> list[str]:
    """Lower-case words of the query (letters and digits), at most MAKS_KATA; one-letter words are
    dropped unless they are all there is."""
    words = re.findall(r"\w+", (q or "").lower())
    panjang = [w for w in words if len(w) > 1]
    return (panjang or words)[:MAKS_KATA]


def _seperti_nomor(q: str) -> bool:
    """A letter number or a part of one ('000.8.3.3/15', '15/OR/2026'): matched as a substring."""
    q = q.strip()
    return len(q) >= 3 and any(c.isdigit() for c in q) and bool(re.search(r"[./\-]", q))


def _saring(qs: QuerySet[SuratIndeks], s: Saringan) -> QuerySet[SuratIndeks]:
    if s.dari:
        qs = qs.filter(tanggal__gte=s.dari)
    if s.sampai:
        qs = qs.filter(tanggal__lte=s.sampai)
    if s.jenis:
        qs = qs.filter(jenis_id=s.jenis)
    if s.opd:
        qs = qs.filter(opd_id=s.opd)
    if s.klasifikasi:
        kode = s.klasifikasi.strip().rstrip(".")
        qs = qs.filter(Q(kode_klasifikasi=kode) | Q(kode_klasifikasi__startswith=kode + "."))
    if s.keamanan:
        qs = qs.filter(keamanan=s.keamanan)
    return qs


def _cocok_postgres(qs: QuerySet[SuratIndeks], words: list[str], q: str) -> QuerySet[SuratIndeks]:
    """Only the match condition (no rank): a letter matches on its register line, or on its content
    when the user may read it. `dokumen` holds the register line too, so this is "`dokumen` matches, and
    the user may read it or the match is in the register": one condition on the (access keys, dokumen)
    GIN index, the rest checked on the rows it returns."""
    tsq = SearchQuery(_tsquery(words), config="simple", search_type="raw")
    cond = Q(dokumen=tsq) & (Q(boleh_isi=True) | Q(dokumen_register=tsq))
    if _seperti_nomor(q):
        cond |= Q(register__icontains=q.strip())
    return qs.filter(cond)


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _urutan_postgres(
    qs: QuerySet[SuratIndeks], words: list[str], q: str, start: int, n: int
) -> tuple[list[tuple[int, float, bool]], int]:
    """One query: the PERINGKAT_MAKS newest matches (id, date, may-read) are collected first and ranked
    with ts_rank; the count is a separate subquery that stops at MAKS_HITUNG + 1 rows (no order: the
    index scan ends as soon as it has them). Returns the page rows (id, score, may-read) and the count."""
    inner, params = (
        qs.order_by(F("tanggal").desc(nulls_last=True), F("surat_id").desc())
        .values("surat_id", "tanggal", "boleh_isi")[:PERINGKAT_MAKS]
        .query.sql_with_params()
    )
    hitung, hitung_params = qs.order_by().values("surat_id")[: MAKS_HITUNG + 1].query.sql_with_params()
    nomor = q.strip() if _seperti_nomor(q) else ""
    sql = f"""
        WITH terbaru AS MATERIALIZED ({inner})
        SELECT t.surat_id,
            CASE WHEN t.boleh_isi THEN ts_rank(i.dokumen, k.q) ELSE ts_rank(i.dokumen_register, k.q) END
            + CASE WHEN i.dokumen_register @@ k.q OR (%s <> '' AND UPPER(i.register) LIKE UPPER(%s)) THEN 0.5
                   ELSE 0.0 END AS skor,
            t.boleh_isi, (SELECT count(*) FROM ({hitung}) AS h) AS jumlah
        FROM terbaru t
        JOIN arsip_suratindeks i ON i.surat_id = t.surat_id
        CROSS JOIN (SELECT to_tsquery('simple', %s) AS q) k
        ORDER BY skor DESC, t.tanggal DESC NULLS LAST, t.surat_id DESC
        LIMIT %s OFFSET %s
    """
    like = "%" + nomor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with connection.cursor() as cur:
        cur.execute(sql, [*params, nomor, like, *hitung_params, _tsquery(words), n, start])
        rows = cur.fetchall()
    jumlah = rows[0][3] if rows else 0
    return [(pk, float(skor or 0), bool(boleh)) for pk, skor, boleh, _ in rows], jumlah


def _kunci(field: str = "akses") -> Func:
    """The index row's access keys as an array (the expression of the GIN index arsip_indeks_akses_gin)."""
    return Func(F(field), Value(" "), function="string_to_array", output_field=ArrayField(TextField()))


def _terlihat_postgres(pegawai: Pegawai) -> tuple[QuerySet[SuratIndeks], ExpressionWrapper | Value]:
    """The index rows `pegawai` may open, filtered on the copied access keys (surat.models.visible_q in
    index form: a key of a jabatan they act in, or of an OPD whose mail they keep), and whether they may
    read each one's content (content_q: a key of their own jabatan, or a letter that is not secret)."""
    actor = acting.of(pegawai)
    own = [f"j{pk}" for pk in sorted(actor.jabatan_ids)]
    keys = own + [f"p{pk}" for pk in sorted(actor.pencatat_opd_ids)]
    qs = SuratIndeks.objects.alias(kunci=_kunci()).filter(kunci__overlap=keys or ["-"])
    boleh_isi = Case(
        When(~Q(keamanan__in=RAHASIA), then=Value(True)),
        default=ExpressionWrapper(Q(kunci__overlap=own or ["-"]), output_field=BooleanField()),
        output_field=BooleanField(),
    )
    return qs, boleh_isi


def _cocok_sqlite(qs: QuerySet[SuratIndeks], words: list[str], q: str) -> QuerySet[SuratIndeks]:
    skor: Any = Value(0)
    for w in words:
        reg = Q(register__icontains=w)
        isi = Q(boleh_isi=True) & (Q(judul__icontains=w) | Q(isi__icontains=w) | Q(lampiran__icontains=w))
        qs = qs.filter(reg | isi)
        for cond, bobot in (
            (Q(boleh_isi=True, judul__icontains=w), 4),
            (reg, 3),
            (Q(boleh_isi=True, isi__icontains=w), 2),
            (Q(boleh_isi=True, lampiran__icontains=w), 1),
        ):
            skor = skor + Case(When(cond, then=Value(bobot)), default=Value(0), output_field=IntegerField())
    if _seperti_nomor(q):
        skor = skor + Case(
            When(register__icontains=q.strip(), then=Value(5)), default=Value(0), output_field=IntegerField()
        )
    return qs.annotate(skor=skor)


def cari(pegawai: Pegawai, saringan: Saringan, *, halaman: int = 1, per_halaman: int = PER_HALAMAN) -> HalamanHasil:
    """Any signed-in pegawai: one page of matches among the letters they may see, best first. Three
    queries on the index and the access rows: the ranked ids of the page, the count (capped), then
    those letters with their texts."""
    words = kata_kunci(saringan.q)
    halaman = max(1, halaman)
    if not words:
        return HalamanHasil([], halaman)
    rows = rows_to_read(halaman, per_halaman)
    if connection.vendor == "postgresql":
        qs, boleh_isi = _terlihat_postgres(pegawai)
        qs = _saring(qs, saringan).annotate(boleh_isi=boleh_isi)
        urutan, jumlah = _urutan_postgres(
            _cocok_postgres(qs, words, saringan.q), words, saringan.q, rows.start, rows.stop - rows.start
        )
    else:
        boleh_isi = content_q(pegawai, "surat_id", known_visible=True)
        qs = _saring(SuratIndeks.objects.filter(visible_q(pegawai, "surat_id")), saringan)
        qs = _cocok_sqlite(qs.annotate(boleh_isi=boleh_isi), words, saringan.q)
        urutan = list(qs.order_by("-skor", "-tanggal", "-surat_id").values_list("surat_id", "skor", "boleh_isi")[rows])
        jumlah = qs.order_by().values("pk")[: MAKS_HITUNG + 1].count() if urutan or halaman > 1 else 0
    page = cut(urutan, halaman, per_halaman)
    surat = (
        Surat.objects.visible_to(pegawai)
        .select_related("jenis", "opd", "klasifikasi", "indeks")
        .defer("isi", "data_tambahan", "indeks__dokumen", "indeks__dokumen_register")
    )
    by_pk = surat.in_bulk([pk for pk, _, _ in page.baris])
    hasil = []
    for pk, skor, boleh in page.baris:
        s = by_pk.get(pk)
        if s is None:
            continue  # access taken away after the index row was written
        s.skor, s.boleh_isi = skor, boleh
        hasil.append(_hasil(s, words))
    return HalamanHasil(
        hasil, halaman, page.ada_berikutnya, jumlah=min(jumlah, MAKS_HITUNG), lebih=jumlah > MAKS_HITUNG
    )


def _pola(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def sorot(teks: str, words: list[str], lebar: int = LEBAR_CUPLIKAN) -> SafeString:
    """A window of `teks` around the first match with every matching word in <mark>, HTML-escaped."""
    pola = _pola(words)
    m = pola.search(teks)
    if m is None:
        return mark_safe("")
    mulai = max(0, m.start() - lebar)
    akhir = min(len(teks), m.end() + lebar * 2)
    potong = " ".join(teks[mulai:akhir].split())
    out, last = [], 0
    for hit in pola.finditer(potong):
        out.append(escape(potong[last : hit.start()]))
        out.append(f"<mark>{escape(hit.group(0))}</mark>")
        last = hit.end()
    out.append(escape(potong[last:]))
    return mark_safe(("… " if mulai else "") + "".join(out) + (" …" if akhir < len(teks) else ""))


def _hasil(surat: Surat, words: list[str]) -> Hasil:
    indeks = getattr(surat, "indeks", None)
    boleh = bool(surat.boleh_isi)
    skor = float(surat.skor or 0)
    judul = (sorot(surat.hal, words, lebar=len(surat.hal)) or mark_safe(escape(surat.hal))) if boleh else mark_safe("")
    sumber_teks = [("nomor/pengirim/tujuan", indeks.register if indeks else "")]
    if boleh and indeks is not None:
        sumber_teks = [("isi", indeks.isi), ("lampiran", indeks.lampiran), *sumber_teks]
    for nama, teks in sumber_teks:
        cuplikan = sorot(teks or "", words)
        if cuplikan:
            return Hasil(surat, boleh, skor, judul, cuplikan, nama)
    return Hasil(surat, boleh, skor, judul, mark_safe(""), "")
