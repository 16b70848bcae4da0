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
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from arsip import cuplikan
from arsip.cuplikan import sorot
from arsip.models import SuratIndeks
from lib.kueri_siap import Siap, Tetap
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


def _saringan(s: Saringan) -> dict[str, Any]:
    """The filters as arguments of `_saring` (None: not used), the klasifikasi code without its last dot."""
    kode = s.klasifikasi.strip().rstrip(".")
    return {
        "dari": s.dari,
        "sampai": s.sampai,
        "jenis": s.jenis or None,
        "opd": s.opd or None,
        "klasifikasi": kode or None,
        "keamanan": s.keamanan or None,
    }


def _saring(
    qs: QuerySet[SuratIndeks],
    *,
    dari: datetime.date | None,
    sampai: datetime.date | None,
    jenis: int | None,
    opd: int | None,
    klasifikasi: str | None,
    keamanan: str | None,
) -> QuerySet[SuratIndeks]:
    if dari is not None:
        qs = qs.filter(tanggal__gte=dari)
    if sampai is not None:
        qs = qs.filter(tanggal__lte=sampai)
    if jenis is not None:
        qs = qs.filter(jenis_id=jenis)
    if opd is not None:
        qs = qs.filter(opd_id=opd)
    if klasifikasi is not None:
        # The code and the codes under it; "kode." built in SQL, so the code reaches the SQL unchanged
        # (a Siap parameter, see _COCOK).
        anak = Concat(Value(klasifikasi), Value("."), output_field=TextField())
        qs = qs.filter(Q(kode_klasifikasi=klasifikasi) | Q(kode_klasifikasi__startswith=anak))
    if keamanan is not None:
        qs = qs.filter(keamanan=keamanan)
    return qs


def _cocok_bangun(
    *, keys: list[str], own: list[str], tsq: str, jendela: bool, batas: int | None, **saring: Any
) -> QuerySet[SuratIndeks]:
    """The matches as (surat_id, tanggal, boleh_isi) rows among the index rows the user may open
    (`_terlihat_postgres`), filtered: for `_di_jendela` (`jendela`) one letter's row, the window's
    current one; otherwise the newest `batas`. A letter matches on its register line, or on its content
    when the user may read it. `dokumen` holds the register line too, so this is "`dokumen` matches, and
    the user may read it or the match is in the register": one condition on the (access keys, dokumen)
    GIN index, the rest checked on the rows it returns."""
    qs = _terlihat_postgres(keys, own, **saring)
    cari = SearchQuery(tsq, config="simple", search_type="raw")
    qs = qs.filter(Q(dokumen=cari) & (Q(boleh_isi=True) | Q(dokumen_register=cari)))
    if jendela:
        return qs.filter(surat_id=RawSQL("w.surat_id", [])).values_list(*KOLOM)
    return _baru_ke_lama(qs).values_list(*KOLOM)[:batas]


# Compiled once per shape (lib.kueri_siap): building and compiling it cost ~1 ms of every search, as much
# as the window's walk. Not prepared on the server: its best plan depends on the words and the user.
_COCOK = Siap(_cocok_bangun)


def _batas(n: int) -> Tetap:
    """A LIMIT of at least `n`, rounded up to a power of two: a deep page asks for more rows, and each
    LIMIT is a shape of its own (a few dozen at most this way)."""
    return Tetap(1 << max(0, n - 1).bit_length())


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


def _di_jendela(cocok: dict[str, Any], keys: list[str], n: int, kali: int = 1) -> list[Baris]:
    """The newest `n` matches (of `_cocok_bangun` with the arguments `cocok`) among the user's PERIKSA
    newest letters within the JENDELA newest index rows (fewer when the window holds fewer). The window
    is read along `arsip_indeks_terbaru_idx`, whose INCLUDE'd keys drop the letters the user may not open
    without reading their rows (a substring test: a third of the cost of splitting the keys into an
    array on every row); each remaining row is then checked in date order (a LATERAL lookup by primary
    key, which reads the words) until `n` are found. Both limits only bound the walk: it stops as soon
    as `n` are found, so a user who sees much of the mail reads a few thousand rows, one who sees little
    reads further before giving up. `kali` multiplies both limits."""
    inner, params = _COCOK.sql(**cocok, jendela=True, batas=None)
    if inner is None:
        return []
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


def _gin_terbaru(cocok: dict[str, Any], n: int) -> list[Baris]:
    """The newest `n` matches (of `_cocok_bangun` with the arguments `cocok`) from the GIN index on access
    keys and words (all the user's matches, sorted), with work_mem raised for this query only
    (WORK_MEM_GIN)."""
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("SET LOCAL work_mem = %s", [WORK_MEM_GIN])
        return [
            (pk, tanggal, bool(boleh)) for pk, tanggal, boleh in _COCOK(**cocok, jendela=False, batas=_batas(n))[:n]
        ]


def _urutan_postgres(
    cocok: dict[str, Any], keys: list[str], words: list[str], stop: int
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
    terbaru = _di_jendela(cocok, keys, baca) if _umum(words) else []
    if baca // 2 <= len(terbaru) < baca:
        # Dense enough among the user's newest letters to be found a little further on: cheaper than
        # the GIN, which would read every match.
        terbaru = _di_jendela(cocok, keys, baca, kali=LEBIH_JAUH)
    if len(terbaru) < baca:
        terbaru = _gin_terbaru(cocok, baca)
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


def _kunci_akses(pegawai: Pegawai) -> tuple[list[str], list[str]]:
    """The access keys of the letters `pegawai` may open (surat.models.visible_q in index form: a key of a
    jabatan they act in, or of an OPD whose mail they keep), and those of their own jabatan (whose
    secret letters they may read)."""
    actor = acting.of(pegawai)
    own = [f"j{pk}" for pk in sorted(actor.jabatan_ids)]
    keys = own + [f"p{pk}" for pk in sorted(actor.pencatat_opd_ids)]
    return keys or ["-"], own or ["-"]


def _terlihat_postgres(keys: list[str], own: list[str], **saring: Any) -> QuerySet[SuratIndeks]:
    """The index rows holding one of `keys`, filtered (`_saring`), with whether the user may read each
    one's content (content_q: a key of their own jabatan `own`, or a letter that is not secret)."""
    qs = _saring(SuratIndeks.objects.alias(kunci=_kunci()).filter(kunci__overlap=keys), **saring)
    boleh_isi = Case(
        When(~Q(keamanan__in=RAHASIA), then=Value(True)),
        default=ExpressionWrapper(Q(kunci__overlap=own), output_field=BooleanField()),
        output_field=BooleanField(),
    )
    return qs.annotate(boleh_isi=boleh_isi)


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
    saring = _saringan(saringan)
    if connection.vendor == "postgresql":
        keys, own = _kunci_akses(pegawai)
        qs = _terlihat_postgres(keys, own, **saring)
    else:
        boleh_isi = content_q(pegawai, "surat_id", known_visible=True)
        qs = _saring(SuratIndeks.objects.filter(visible_q(pegawai, "surat_id")), **saring).annotate(boleh_isi=boleh_isi)
    if _seperti_nomor(saringan.q):
        urutan, jumlah = _urutan_nomor(qs, saringan.q, rows.stop)
    elif connection.vendor == "postgresql":
        cocok = {"keys": keys, "own": own, "tsq": _tsquery(words), **saring}
        urutan, jumlah = _urutan_postgres(cocok, keys, words, rows.stop)
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
        .only(*_DIBACA)
    )
    if pola is None:
        return qs.only(*_DIBACA, "indeks__isi", "indeks__lampiran")
    return qs.annotate(cuplikan=cuplikan.di_basis_data(pola))


# What a hit prints (`_hasil`, arsip.hasil_cari), and nothing more: the other columns of the letter, its
# kind, OPD and index row were a third of this read's time, mostly making them into objects. A field read
# that is not here costs a query per hit (the search page's query-count test fails).
_DIBACA = (
    "nomor",
    "nomor_asal",
    "tanggal",
    "hal",
    "keamanan",
    "asal_instansi",
    "jenis__nama",
    "opd__nama",
    "indeks__register",
)


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
