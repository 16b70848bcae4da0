"""The one search box: letters the user may see, matched on nomor, hal, body, sender, addressees and
the text of attachments and scans, with filters, ranked, with the matching words highlighted.

Everything starts from the letters the user may open (the one rule of surat/models.py: `visible_q`):
results, counts and snippets never reveal a letter the user may not open. A letter whose content the
user may not read (a Rahasia letter seen only through the OPD's pencatat access, `content_q`) is matched
on its register line only (nomor, sender, addressees) and shown without hal or snippet of its content.

PostgreSQL: the index row carries the letter's access keys (arsip.models.SuratIndeks.akses, GIN), so
visibility is one more condition of the index scan, like the words. tsvector match ('simple' config,
every word as a prefix); the newest PERINGKAT_MAKS matches are ranked by ts_rank and later ones follow
newest first. A common word's newest matches are found among the user's newest letters (a window read
along a btree that carries the keys), so their cost does not grow with the number of letters or
matches; a rarer word's come from the GIN (see `_urutan_postgres`). The count is exact up to MAKS_HITUNG
and otherwise only "more than MAKS_HITUNG": the matches are read with one row more than the page or
MAKS_HITUNG needs, never counted further (a product decision: counting every match of a common word
is what cost the most at a million letters; the page asks the user to narrow the search instead). A
letter number (or its start) is looked up on its own indexes, not as words. The page's letters are
read through `visible_to` again, so a key copied a moment before access was taken away shows nothing.
SQLite: LIKE on the same texts with the visibility join, ranked by where the words were found.
"""

from __future__ import annotations

import bisect
import datetime
import re
import time
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
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
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from arsip import cuplikan
from arsip.cuplikan import sorot
from arsip.models import SuratIndeks
from lib.kueri_siap import Siap
from lib.paging import Halaman, cut, rows_to_read
from organisasi import acting
from organisasi.models import Pegawai
from surat.models import RAHASIA, Surat, content_q, visible_q

PER_HALAMAN = 20
MAKS_HITUNG = 100
# PostgreSQL: only the newest PERINGKAT_MAKS matches are ranked (later ones follow newest first), and they
# are looked for first among the user's PERIKSA newest letters within the JENDELA newest letters of the
# city (see _di_jendela, _urutan_postgres).
PERINGKAT_MAKS = 100
JENDELA = 30000
PERIKSA = 1500
LEBIH_JAUH = 4
# The GIN read of a word as a prefix gathers the matching entries in a bitmap; at 4 MB (PostgreSQL's
# default work_mem) a common word's bitmap at a million letters turns lossy (whole pages), and every row
# of those pages is then read and its words checked: 37,000 rows instead of 6,000 (760 -> 210 ms).
WORK_MEM_GIN = "32MB"
# The window is tried only for words this common together (share of all letters, estimated from
# PostgreSQL's statistics of the index column); rarer words go to the GIN at once.
UMUM = 0.05
STATISTIK_DETIK = 600
MAKS_KATA = 8


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
    lebih: bool = False  # more than MAKS_HITUNG matches: the page says "lebih dari 100" and how to narrow


def kata_kunci(q: str) -> list[str]:
    """Lower-case words of the query (letters and digits), at most MAKS_KATA; one-letter words are
    dropped unless they are all there is."""
    words = re.findall(r"\w+", (q or "").lower())
    panjang = [w for w in words if len(w) > 1]
    return (panjang or words)[:MAKS_KATA]


def _seperti_nomor(q: str) -> bool:
    """A letter number or its start ('000.8.3.3/15/OR/2026', '000.8.3.3/15'): see `_urutan_nomor`."""
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


def _cocok_postgres(qs: QuerySet[SuratIndeks], words: list[str]) -> QuerySet[SuratIndeks]:
    """Only the match condition (no rank): a letter matches on its register line, or on its content
    when the user may read it. `dokumen` holds the register line too, so this is "`dokumen` matches, and
    the user may read it or the match is in the register": one condition on the (access keys, dokumen)
    GIN index, the rest checked on the rows it returns."""
    tsq = SearchQuery(_tsquery(words), config="simple", search_type="raw")
    return qs.filter(Q(dokumen=tsq) & (Q(boleh_isi=True) | Q(dokumen_register=tsq)))


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _baca(stop: int) -> int:
    """How many matches to read for the first `stop` in order: one more than the page or MAKS_HITUNG
    needs, so that the count is exact up to MAKS_HITUNG and otherwise known to be more."""
    return max(stop, MAKS_HITUNG) + 1


Baris = tuple[int, datetime.date | None, bool]  # surat_id, tanggal, may read the content
KOLOM = ("surat_id", "tanggal", "boleh_isi")


def _baru_ke_lama(qs: QuerySet[SuratIndeks]) -> QuerySet[SuratIndeks]:
    return qs.order_by(F("tanggal").desc(nulls_last=True), F("surat_id").desc())


def _di_jendela(qs: QuerySet[SuratIndeks], keys: list[str], n: int, kali: int = 1) -> list[Baris]:
    """The newest `n` matches of `qs` among the user's PERIKSA newest letters within the JENDELA newest
    index rows (fewer when the window holds fewer). The window is read along `arsip_indeks_terbaru_idx`,
    whose INCLUDE'd keys drop the letters the user may not open without reading their rows (a substring
    test: a third of the cost of splitting the keys into an array on every row); each remaining row is
    then checked in date order (a LATERAL lookup by primary key, which reads the words) until `n` are
    found. Both limits only bound the walk: it stops as soon as `n` are found, so a user who sees much of
    the mail reads a few thousand rows, one who sees little reads further before giving up. `kali`
    multiplies both limits."""
    inner, params = qs.filter(surat_id=RawSQL("w.surat_id", [])).values_list(*KOLOM).query.sql_with_params()
    sql = f"""
        SELECT m.surat_id, m.tanggal, m.boleh_isi
        FROM (
            SELECT surat_id, tanggal FROM (
                SELECT surat_id, tanggal, akses FROM arsip_suratindeks
                ORDER BY tanggal DESC NULLS LAST, surat_id DESC LIMIT %s
            ) a
            WHERE (' ' || a.akses || ' ') LIKE ANY (%s::text[])
            ORDER BY tanggal DESC NULLS LAST, surat_id DESC LIMIT %s
        ) w
        CROSS JOIN LATERAL ({inner}) m
        ORDER BY w.tanggal DESC NULLS LAST, w.surat_id DESC
        LIMIT %s
    """
    pola = [f"% {k} %" for k in keys]  # keys are j<id> / p<id>: no LIKE wildcards in them
    with connection.cursor() as cur:
        cur.execute(sql, [JENDELA * kali, pola, PERIKSA * kali, *params, n])
        return [(pk, tanggal, bool(boleh)) for pk, tanggal, boleh in cur.fetchall()]


def _gin_terbaru(qs: QuerySet[SuratIndeks], n: int) -> list[Baris]:
    """The newest `n` matches of `qs` from the GIN index on access keys and words (all the user's
    matches, sorted), with work_mem raised for this query only (WORK_MEM_GIN)."""
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("SET LOCAL work_mem = %s", [WORK_MEM_GIN])
        return list(_baru_ke_lama(qs).values_list(*KOLOM)[:n])


def _urutan_postgres(
    qs: QuerySet[SuratIndeks], keys: list[str], words: list[str], stop: int
) -> tuple[list[tuple[int, float, bool]], int]:
    """The first `stop` matches in page order and how many there are, counted up to MAKS_HITUNG + 1.

    The newest `n` = max(PERINGKAT_MAKS, stop) matches are read with one more, which also says whether
    there are more than MAKS_HITUNG: the count is never a query of its own. For words common enough
    (`_umum`) they are looked for first among the user's newest letters (`_di_jendela`): for a word common
    among them they are all there, and the cost is the walk to them, whatever the number of letters or
    matches; when the window holds at least half of them, it is read LEBIH_JAUH times further. Otherwise
    (a rarer word, or one rare among the user's letters) the GIN index on access keys and words gives all
    the user's matches, newest first (`_gin_terbaru`). The newest PERINGKAT_MAKS are ordered by ts_rank;
    later matches follow newest first."""
    baca = _baca(max(PERINGKAT_MAKS, stop))
    terbaru = _di_jendela(qs, keys, baca) if _umum(words) else []
    if baca // 2 <= len(terbaru) < baca:
        # Dense enough among the user's newest letters to be found a little further on: cheaper than
        # the GIN, which would read every match.
        terbaru = _di_jendela(qs, keys, baca, kali=LEBIH_JAUH)
    if len(terbaru) < baca:
        terbaru = _gin_terbaru(qs, baca)
    dinilai = terbaru[:PERINGKAT_MAKS]
    skor = _skor_postgres([r[0] for r in dinilai], words) if dinilai else {}

    def nilai(row: Baris) -> float:
        isi, register, di_register = skor.get(row[0], (0.0, 0.0, False))
        return (isi if row[2] else register) + (0.5 if di_register else 0.0)

    dinilai = sorted(dinilai, key=lambda r: -nilai(r))  # stable: ties stay newest first
    urutan = [(r[0], nilai(r), r[2]) for r in dinilai] + [(r[0], 0.0, r[2]) for r in terbaru[PERINGKAT_MAKS:]]
    return urutan[:stop], len(terbaru)


_statistik: tuple[float, list[str], list[float]] = (0.0, [], [])


def _frekuensi() -> tuple[list[str], list[float]]:
    """The most common words in order, and the share of letters holding each, as ANALYZE sampled them
    (pg_stats.most_common_elems of `dokumen`), kept by this process for STATISTIK_DETIK seconds."""
    global _statistik
    if time.monotonic() >= _statistik[0]:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'arsip_suratindeks' AND attname = 'dokumen'"
            )
            row = cur.fetchone()
        pasangan = sorted(zip(row[0], row[1], strict=False)) if row and row[0] else []
        _statistik = (time.monotonic() + STATISTIK_DETIK, [k for k, _ in pasangan], [f for _, f in pasangan])
    return _statistik[1], _statistik[2]


def _umum(words: list[str]) -> bool:
    """True when letters holding all `words` (each as a prefix) are likely at least UMUM of all letters:
    the product of each word's share, the largest of the common words it starts (found by bisection among
    the up to 1,000 words of the statistics). A word not among the common ones counts as rare."""
    kata, frekuensi = _frekuensi()
    bagian = 1.0
    for w in words:
        awal = akhir = bisect.bisect_left(kata, w)
        while akhir < len(kata) and kata[akhir].startswith(w):
            akhir += 1
        bagian *= max(frekuensi[awal:akhir], default=0.0)
    return bagian >= UMUM


def _skor_postgres(ids: list[int], words: list[str]) -> dict[int, tuple[float, float, bool]]:
    """ts_rank of the content and of the register line, and whether the register matches, by letter."""
    sql = """
        SELECT i.surat_id, ts_rank(i.dokumen, k.q), ts_rank(i.dokumen_register, k.q), i.dokumen_register @@ k.q
        FROM arsip_suratindeks i CROSS JOIN (SELECT to_tsquery('simple', %s) AS q) k
        WHERE i.surat_id = ANY(%s)
    """
    with connection.cursor() as cur:
        cur.execute(sql, [_tsquery(words), ids])
        return {pk: (float(isi or 0), float(reg or 0), bool(cocok)) for pk, isi, reg, cocok in cur.fetchall()}


def _urutan_nomor(qs: QuerySet[SuratIndeks], q: str, stop: int) -> tuple[list[tuple[int, float, bool]], int]:
    """A letter number or the start of one: the letters whose nomor or nomor asal (the sender's number of
    a registered letter) starts with it, ignoring case, newest first. Read along their own indexes
    (`surat_nomor_upper_idx`, `surat_nomor_asal_upper_idx`), never the words: the parts of a number
    ('000', '1', '2026') are in almost every letter. Both are on the register line, so a pencatat finds a
    Rahasia letter by its number too."""
    awal = q.strip()
    calon = Surat.objects.filter(Q(nomor__istartswith=awal) | Q(nomor_asal__istartswith=awal)).values("pk")
    cocok = qs.filter(surat_id__in=calon).order_by(F("tanggal").desc(nulls_last=True), F("surat_id").desc())
    rows = list(cocok.values_list("surat_id", "boleh_isi")[: _baca(stop)])
    return [(pk, 1.0, bool(boleh)) for pk, boleh in rows[:stop]], len(rows)


def _kunci(field: str = "akses") -> Func:
    """The index row's access keys as an array (the expression of the GIN index arsip_indeks_akses_gin)."""
    return Func(F(field), Value(" "), function="string_to_array", output_field=ArrayField(TextField()))


def _terlihat_postgres(pegawai: Pegawai) -> tuple[QuerySet[SuratIndeks], list[str], Case]:
    """The index rows `pegawai` may open, filtered on the copied access keys (surat.models.visible_q in
    index form: a key of a jabatan they act in, or of an OPD whose mail they keep), those keys, and
    whether they may read each one's content (content_q: a key of their own jabatan, or a letter that is
    not secret)."""
    actor = acting.of(pegawai)
    own = [f"j{pk}" for pk in sorted(actor.jabatan_ids)]
    keys = own + [f"p{pk}" for pk in sorted(actor.pencatat_opd_ids)]
    qs = SuratIndeks.objects.alias(kunci=_kunci()).filter(kunci__overlap=keys or ["-"])
    boleh_isi = Case(
        When(~Q(keamanan__in=RAHASIA), then=Value(True)),
        default=ExpressionWrapper(Q(kunci__overlap=own or ["-"]), output_field=BooleanField()),
        output_field=BooleanField(),
    )
    return qs, keys or ["-"], boleh_isi


def _cocok_sqlite(qs: QuerySet[SuratIndeks], words: list[str]) -> QuerySet[SuratIndeks]:
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
    return qs.annotate(skor=skor)


def cari(pegawai: Pegawai, saringan: Saringan, *, halaman: int = 1, per_halaman: int = PER_HALAMAN) -> HalamanHasil:
    """Any signed-in pegawai: one page of matches among the letters they may see, best first. Two to six
    queries: the page's ids in order, read with the one row more that gives the capped count (one to
    four; see `_urutan_postgres`, `_urutan_nomor`), their ranks, then those letters with their texts (on
    PostgreSQL the snippets' windows, cut in the database: arsip.cuplikan)."""
    words = kata_kunci(saringan.q)
    halaman = max(1, halaman)
    if not words:
        return HalamanHasil([], halaman)
    rows = rows_to_read(halaman, per_halaman)
    if connection.vendor == "postgresql":
        qs, keys, boleh_isi = _terlihat_postgres(pegawai)
        qs = _saring(qs, saringan).annotate(boleh_isi=boleh_isi)
    else:
        boleh_isi = content_q(pegawai, "surat_id", known_visible=True)
        qs = _saring(SuratIndeks.objects.filter(visible_q(pegawai, "surat_id")), saringan).annotate(boleh_isi=boleh_isi)
    if _seperti_nomor(saringan.q):
        urutan, jumlah = _urutan_nomor(qs, saringan.q, rows.stop)
    elif connection.vendor == "postgresql":
        urutan, jumlah = _urutan_postgres(_cocok_postgres(qs, words), keys, words, rows.stop)
    else:
        qs = _cocok_sqlite(qs, words)
        urutan = list(
            qs.order_by("-skor", "-tanggal", "-surat_id").values_list("surat_id", "skor", "boleh_isi")[
                : _baca(rows.stop)
            ]
        )
        jumlah = len(urutan)
    urutan = urutan[rows]
    page = cut(urutan, halaman, per_halaman)
    actor = acting.of(pegawai)
    ids = [pk for pk, _, _ in page.baris]
    pola = cuplikan.pola_postgres(words) if connection.vendor == "postgresql" else None
    found = (
        _SURAT_HASIL(ids=ids, jabatan_ids=actor.jabatan_ids, opd_ids=actor.pencatat_opd_ids, pola=pola) if ids else []
    )
    by_pk = {s.pk: s for s in found}
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


def _surat_hasil(
    ids: list[int], jabatan_ids: frozenset[int], opd_ids: frozenset[int], pola: str | None
) -> QuerySet[Surat]:
    """The page's letters with what a hit prints (arsip.hasil_cari); `pola` (PostgreSQL): the snippets'
    windows are cut in this read (arsip.cuplikan), and the index's long texts are not loaded."""
    qs = (
        Surat.objects.visible_to(acting.bentuk(jabatan_ids, opd_ids))
        .filter(pk__in=ids)
        .select_related("jenis", "opd", "indeks")
        .defer("isi", "data_tambahan", "indeks__dokumen", "indeks__dokumen_register")
    )
    if pola is not None:
        qs = qs.annotate(cuplikan=cuplikan.di_basis_data(pola)).defer("indeks__isi", "indeks__lampiran")
    return qs


# The page's letters, visibility checked again (access may have been taken away since the index row was
# written): compiled once per shape (lib.kueri_siap), as building it cost as much as running it.
_SURAT_HASIL = Siap(_surat_hasil, di_server=True)


def _hasil(surat: Surat, words: list[str]) -> Hasil:
    """One hit: the hal with the words marked, and a snippet from the body, else the attachments' text
    (cut in the database on PostgreSQL: `cuplikan`), else the register line."""
    indeks = getattr(surat, "indeks", None)
    boleh = bool(surat.boleh_isi)
    skor = float(surat.skor or 0)
    judul = (sorot(surat.hal, words, lebar=len(surat.hal)) or mark_safe(escape(surat.hal))) if boleh else mark_safe("")
    if boleh and indeks is not None:
        if connection.vendor == "postgresql":
            found = cuplikan.dari_basis_data(surat.cuplikan)
        else:
            found = next(
                ((nama, w) for nama in ("isi", "lampiran") if (w := cuplikan.jendela(getattr(indeks, nama), words))),
                None,
            )
        if found:
            return Hasil(surat, boleh, skor, judul, cuplikan.tandai(found[1], words), found[0])
    register = sorot(indeks.register if indeks else "", words)
    return Hasil(surat, boleh, skor, judul, register, "nomor/pengirim/tujuan" if register else "")
