"""Service times, backlogs and overdue work for the Rekap (figures in rekap.selectors). Service times
and the on-time share are read from the summary rows (rekap.fakta: duration histograms); backlogs and
overdue or unread work are figures of now, counted from the open items (partial indexes of the rekap
migration hold only those).

- Pengajuan -> tanda tangan: from a draft's first submission (its first "diajukan" log) to signing.
- Surat tiba -> disposisi pertama: from the letter reaching the head's inbox to the head's first
  disposition of it.
- Disposisi -> laporan: from a disposition to the follow-up report that finished it; and the share of
  those with a deadline finished on or before it.
- Tunggakan per jabatan: what waits now in each jabatan (dispositions open, drafts to initial or sign),
  with who holds the jabatan today, a Plt/Plh shown as such.
- Terlambat / belum dibaca: open dispositions past their deadline, and urgent letters not yet opened.
  Items link to the letter only for viewers who may open it; a Rahasia letter's subject never shows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from disposisi.models import Disposisi
from lib.kueri_siap import Siap
from lib.statistik import kuantil
from organisasi import acting
from organisasi.models import Jabatan, Pegawai, Penugasan
from rekap.jangkauan import Lingkup
from rekap.periode import Periode
from rekap.selectors import angka, angka_kini
from surat.models import Penerima, Surat, content_q, visible_q

URGEN = (Surat.Urgensi.AMAT_SEGERA, Surat.Urgensi.SEGERA)
HAL_RAHASIA = "(Rahasia)"
HAL_TERTUTUP = "(tidak dapat dibuka oleh Anda)"

LANGKAH = (
    ("ttd", "Pengajuan konsep sampai ditandatangani"),
    ("disposisi", "Surat tiba sampai disposisi pertama"),
    ("laporan", "Disposisi sampai laporan tindak lanjut"),
)


def waktu_layanan(lingkup: Lingkup, periode: Periode, grup: bool = True) -> dict[str, dict[Any, dict[str, Any]]]:
    """{step of LANGKAH: {opd id (or None for the whole scope): {"n", "p50", "p90"}}}. With `grup` per
    OPD, else one row for the scope. One query over the duration histograms (rekap.fakta)."""
    kolom = ["ukuran", "kelas"] + (["opd"] if grup else [])
    kelas: dict[str, dict[Any, list[tuple[int, int, int]]]] = {langkah: defaultdict(list) for langkah, _ in LANGKAH}
    rows = angka(lingkup, periode, *(f"w_{langkah}" for langkah, _ in LANGKAH)).values(*kolom)
    for r in rows.annotate(jumlah=Sum("n"), total=Sum("detik")).order_by():
        kelas[r["ukuran"][2:]][r["opd"] if grup else None].append((r["kelas"], r["jumlah"], r["total"]))
    hasil: dict[str, dict[Any, dict[str, Any]]] = {}
    for langkah, per_grup in kelas.items():
        hasil[langkah] = {}
        for key, rows_ in per_grup.items():
            n = sum(r[1] for r in rows_)
            if n:
                hasil[langkah][key] = {"n": n, "p50": kuantil(rows_, 0.5), "p90": kuantil(rows_, 0.9)}
    return hasil


def tepat_waktu(lingkup: Lingkup, periode: Periode) -> dict[int | None, dict[str, Any]]:
    """Dispositions with a deadline finished in the period, per OPD of the recipient:
    {opd id: {"n", "tepat", "persen"}}, and the scope's total under None. One query."""
    hasil: dict[int | None, dict[str, Any]] = {}
    total = {"n": 0, "tepat": 0}
    rows = angka(lingkup, periode, "tepat", "tepat_ok").values("ukuran", "opd").annotate(jumlah=Sum("n")).order_by()
    for r in rows:
        kunci = "n" if r["ukuran"] == "tepat" else "tepat"
        hasil.setdefault(r["opd"], {"n": 0, "tepat": 0})[kunci] += r["jumlah"]
        total[kunci] += r["jumlah"]
    hasil = {k: v for k, v in hasil.items() if v["n"]}
    hasil[None] = total
    for v in hasil.values():
        v["persen"] = round(100 * v["tepat"] / v["n"], 1) if v["n"] else None
    return hasil


# ---------------------------------------------------------------- backlog per jabatan


@dataclass
class Tunggakan:
    jabatan: Jabatan | None = None  # loaded for the rows shown
    disposisi: int = 0
    terlambat: int = 0
    paraf: int = 0
    ttd: int = 0
    tertua: datetime.datetime | None = None
    pemegang: str = ""  # "Nama" or "Plt. Nama"; "(kosong)" when nobody acts in it

    @property
    def jumlah(self) -> int:
        return self.disposisi + self.paraf + self.ttd

    @property
    def umur_hari(self) -> int | None:
        return (timezone.now() - self.tertua).days if self.tertua else None


def tunggakan_per_jabatan(lingkup: Lingkup, batas: int = 10) -> list[Tunggakan]:
    """The `batas` jabatan with the most work waiting now, most first. Four grouped queries plus the
    holders (two)."""
    today = timezone.localdate()
    found: dict[int, Tunggakan] = {}

    def entry(jid: int) -> Tunggakan:
        return found.setdefault(jid, Tunggakan())

    aktif = lingkup.saring(Disposisi.objects.aktif(), "kepada_jabatan__unit__opd", "kepada_jabatan__unit")
    for r in (
        aktif.values("kepada_jabatan")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(batas_waktu__lt=today)), tua=Min("dibuat"))
        .order_by()
    ):
        t = entry(r["kepada_jabatan"])
        t.disposisi, t.terlambat, t.tertua = r["n"], r["late"], r["tua"]
    for status, kolom, attr in ((Surat.Status.PARAF, "giliran", "paraf"), (Surat.Status.TTD, "penandatangan", "ttd")):
        qs = lingkup.saring(Surat.objects.filter(status=status), f"{kolom}__unit__opd", f"{kolom}__unit")
        for r in qs.values(kolom).annotate(n=Count("pk"), tua=Min("diubah")).order_by():
            if r[kolom] is None:
                continue
            t = entry(r[kolom])
            setattr(t, attr, r["n"])
            t.tertua = min(filter(None, (t.tertua, r["tua"])), default=None)
    top = sorted(found.items(), key=lambda kv: (-kv[1].jumlah, kv[0]))[:batas]
    ids = [jid for jid, _ in top]
    jabatan = Jabatan.objects.select_related("unit").in_bulk(ids)
    pemegang = pemegang_jabatan(ids)
    hasil = []
    for jid, t in top:
        t.jabatan = jabatan[jid]
        t.pemegang = pemegang.get(jid, "(kosong)")
        hasil.append(t)
    return hasil


def pemegang_jabatan(ids: list[int], on: datetime.date | None = None) -> dict[int, str]:
    """Jabatan id -> who acts in it on `on`: "Plt. Nama"/"Plh. Nama" when an assignment is in force
    (the Plt of a vacant post, the Plh of an absent holder), else the holder's name. Two queries."""
    hasil: dict[int, str] = {}
    for p in Pegawai.objects.filter(jabatan_id__in=ids, user__is_active=True):
        hasil[p.jabatan_id] = p.nama_lengkap
    tugas = Penugasan.objects.berlaku_pada(on).filter(jabatan_id__in=ids).select_related("pegawai")
    for t in tugas.order_by("mulai", "pk"):
        hasil[t.jabatan_id] = f"{t.singkatan} {t.pegawai.nama_lengkap}"
    return hasil


# ---------------------------------------------------------------- overdue and unread


def terlambat(lingkup: Lingkup):
    """Open dispositions past their deadline in the scope, oldest deadline first."""
    qs = Disposisi.objects.terlambat(timezone.localdate())
    return lingkup.saring(qs, "kepada_jabatan__unit__opd", "kepada_jabatan__unit").order_by("batas_waktu", "pk")


def belum_dibaca(lingkup: Lingkup):
    """Urgent letters (Amat Segera, Segera) delivered to an addressee in the scope and not yet opened."""
    qs = Penerima.objects.filter(
        jabatan__isnull=False,
        jenis=Penerima.Jenis.TUJUAN,
        dibaca_pada__isnull=True,
        diterima_pada__isnull=False,
        surat__urgensi__in=URGEN,
    )
    return lingkup.saring(qs, "opd", "jabatan__unit").order_by("diterima_pada", "pk")


def jumlah_per_opd(lingkup: Lingkup) -> dict[str, dict[int, int]]:
    """{"terlambat": {opd id: n}, "belum_dibaca": {opd id: n}}. Two grouped queries: the overdue from the
    open dispositions (a deadline passes without an event), the unread from the summary's count of now."""
    return {
        "terlambat": {
            r["kepada_jabatan__unit__opd"]: r["n"]
            for r in terlambat(lingkup).values("kepada_jabatan__unit__opd").annotate(n=Count("pk")).order_by()
        },
        "belum_dibaca": {
            r["opd"]: r["jumlah"]
            for r in angka_kini(lingkup, "belum_dibaca").values("opd").annotate(jumlah=Sum("n")).order_by()
            if r["jumlah"]
        },
    }


def _hal(row: Any) -> str:
    if row.surat.is_rahasia:
        return HAL_RAHASIA
    return row.surat.hal if row.boleh_baca else HAL_TERTUTUP


# The lists page their own rows and join only what is small: their letters come with the page
# (`baris_untuk`). Joined to the letters before the sort, the overdue list of a large OPD read 2,400
# letters to print 25 (10 ms at a million letters).
def daftar_terlambat(lingkup: Lingkup):
    """The overdue dispositions, most overdue first, as keys only (id and deadline, read from the open
    dispositions' index without the table); `baris_untuk` loads a page of them and turns it into rows."""
    return terlambat(lingkup).only("pk", "batas_waktu")


def daftar_belum_dibaca(lingkup: Lingkup):
    return belum_dibaca(lingkup).select_related("jabatan", "opd")


# The page's rows and letters, compiled once per shape (lib.kueri_siap): built per request, the letters'
# visibility annotations cost more Python than PostgreSQL takes to run them.
_DISPOSISI_HALAMAN = Siap(
    lambda ids: (
        Disposisi.objects.filter(pk__in=ids)
        .select_related("kepada_jabatan__unit__opd")
        .only(*_DIBACA_DISPOSISI)
        .order_by()
    ),
    di_server=True,
)
# What `baris` prints of a disposition (the rest of its row and of its post, unit and OPD is not read).
_DIBACA_DISPOSISI = (
    "surat_id",
    "batas_waktu",
    "dibuat",
    "kepada_jabatan__nama",
    "kepada_jabatan__unit__opd_id",
    "kepada_jabatan__unit__opd__nama",
)
_SURAT_HALAMAN = Siap(
    lambda ids, jabatan_ids, opd_ids: (
        Surat.objects.filter(pk__in=ids)
        .only("pk", "hal", "keamanan", "urgensi")
        .annotate(
            boleh_buka=visible_q(acting.bentuk(jabatan_ids, opd_ids)),
            boleh_baca=content_q(acting.bentuk(jabatan_ids, opd_ids)),
        )
        .order_by()
    ),
    di_server=True,
)


def baris_untuk(who: Any, rows: list[Any]) -> list[dict[str, Any]]:
    """A page of overdue or unread items as `who` may see them, with their letters and whether `who` may
    open and read each, in one query for the page's letters only: as an EXISTS on the whole list,
    PostgreSQL hashes every access row of the viewer (246,000 for the Sekda at a million letters) before
    returning the first row."""
    if rows and isinstance(rows[0], Disposisi):  # keys only (daftar_terlambat): the page's rows now
        penuh = {d.pk: d for d in _DISPOSISI_HALAMAN(ids=[r.pk for r in rows])}
        rows = [penuh[r.pk] for r in rows if r.pk in penuh]
    ids = sorted({row.surat_id for row in rows})
    actor = acting.of(who)
    letters = (
        {s.pk: s for s in _SURAT_HALAMAN(ids=ids, jabatan_ids=actor.jabatan_ids, opd_ids=actor.pencatat_opd_ids)}
        if ids
        else {}
    )
    for row in rows:
        surat = letters[row.surat_id]
        type(row).surat.field.set_cached_value(row, surat)
        row.boleh_buka, row.boleh_baca = surat.boleh_buka, surat.boleh_baca
    return [baris(row) for row in rows]


def baris(row: Any) -> dict[str, Any]:
    """One overdue or unread item as the page and the digest show it."""
    is_disposisi = isinstance(row, Disposisi)
    jabatan = row.kepada_jabatan if is_disposisi else row.jabatan
    return {
        "hal": _hal(row),
        "rahasia": row.surat.is_rahasia,
        "surat_id": row.surat_id if row.boleh_buka else None,
        "jabatan": jabatan.nama,
        "opd": (jabatan.unit.opd.nama if is_disposisi and jabatan.unit.opd_id else getattr(row.opd, "nama", "")),
        "batas_waktu": row.batas_waktu if is_disposisi else None,
        "diterima": row.diterima_pada if not is_disposisi else row.dibuat,
        "urgensi": row.surat.get_urgensi_display(),
    }
