"""The figures of the Rekap for a scope (rekap.jangkauan) and a period (rekap.periode), read from the
summary rows (rekap.models.Angka, kept by rekap.fakta): volumes, the electronic share of incoming
mail, and the savings. Service times are in rekap.layanan, read the same way; backlogs and overdue work
(figures of now, not of a period) are counted there from the open items.

A period is read as its whole months' rows plus the day rows at its edges (`angka`), grouped in the
database: a few rows per OPD, month or measure come back, however many letters the period holds. Rahasia
letters count like any other: only numbers are stored.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum

from rekap.jangkauan import Lingkup
from rekap.models import Angka, BiayaSatuan
from rekap.periode import Periode
from surat.models import JenisSurat

VOLUME = (
    ("dibuat", "Konsep dibuat"),
    ("ditandatangani", "Ditandatangani"),
    ("dikirim", "Dikirim"),
    ("diterima", "Diterima elektronik"),
    ("kertas", "Surat kertas dicatat"),
)


def _bulan_berikut(d: datetime.date) -> datetime.date:
    return (d.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _rentang(periode: Periode) -> Q:
    """The rows of the period: month rows for the whole months inside it, day rows for the rest."""
    H, B = Angka.Tingkat.HARI, Angka.Tingkat.BULAN
    penuh_dari = periode.dari if periode.dari.day == 1 else _bulan_berikut(periode.dari)
    sesudah = periode.sampai + datetime.timedelta(days=1)
    penuh_sampai = sesudah if sesudah.day == 1 else sesudah.replace(day=1)  # exclusive
    if penuh_dari >= penuh_sampai:
        return Q(tingkat=H, hari__gte=periode.dari, hari__lte=periode.sampai)
    return (
        Q(tingkat=B, hari__gte=penuh_dari, hari__lt=penuh_sampai)
        | Q(tingkat=H, hari__gte=periode.dari, hari__lt=penuh_dari)
        | Q(tingkat=H, hari__gte=penuh_sampai, hari__lte=periode.sampai)
    )


def angka(lingkup: Lingkup, periode: Periode, *ukuran: str) -> QuerySet:
    """The summary rows of the measures `ukuran` in the scope and period: the OPD lines (unit 0) of the
    OPDs in reach, or the unit lines of the chosen unit and those below it."""
    return _lingkup(lingkup, Angka.objects.filter(_rentang(periode), ukuran__in=ukuran))


def _lingkup(lingkup: Lingkup, qs: QuerySet) -> QuerySet:
    if lingkup.unit_ids is not None:
        return qs.filter(unit__in=lingkup.unit_ids)
    qs = qs.filter(unit=0)
    return qs if lingkup.seluruh_pemda else qs.filter(opd__in=lingkup.opd_ids)


def angka_kini(lingkup: Lingkup, ukuran: str) -> QuerySet:
    """The summary rows of a count of now (no period), in the scope as `angka`."""
    return _lingkup(lingkup, Angka.objects.filter(tingkat=Angka.Tingkat.KINI, ukuran=ukuran))


def _jumlah(qs: QuerySet, *kolom: str) -> list[dict[str, Any]]:
    return list(qs.values(*kolom).annotate(jumlah=Sum("n")).order_by())


# Measure of the summary rows -> key of VOLUME.
UKURAN_VOLUME = {
    "dibuat": "dibuat",
    "ttd": "ditandatangani",
    "dikirim": "dikirim",
    "diterima": "diterima",
    "kertas": "kertas",
}


def volume_per_opd(lingkup: Lingkup, periode: Periode) -> dict[str, dict[int, int]]:
    """{measure: {opd id: count}} for the measures of VOLUME. One grouped query."""
    hasil: dict[str, dict[int, int]] = {k: {} for k, _ in VOLUME}
    for r in _jumlah(angka(lingkup, periode, *UKURAN_VOLUME), "ukuran", "opd"):
        if r["jumlah"]:
            hasil[UKURAN_VOLUME[r["ukuran"]]][r["opd"]] = r["jumlah"]
    return hasil


def volume_per_jenis(lingkup: Lingkup, periode: Periode) -> list[dict[str, Any]]:
    """Letters signed in the period by kind: [{"jenis", "n"}], most first. Two queries."""
    rows = [r for r in _jumlah(angka(lingkup, periode, "ttd"), "jenis") if r["jumlah"]]
    nama = dict(JenisSurat.objects.filter(pk__in=[r["jenis"] for r in rows]).values_list("pk", "nama"))
    hasil = [{"jenis": nama.get(r["jenis"], ""), "n": r["jumlah"]} for r in rows]
    return sorted(hasil, key=lambda r: (-r["n"], r["jenis"]))


def porsi_elektronik(lingkup: Lingkup, periode: Periode) -> list[dict[str, Any]]:
    """Incoming mail month by month: [{"bulan", "elektronik", "kertas", "persen"}] (persen of all
    incoming that arrived electronically; None for a month without mail). One query."""
    per_bulan: dict[tuple[str, datetime.date], int] = defaultdict(int)
    for r in _jumlah(angka(lingkup, periode, "diterima", "kertas"), "ukuran", "hari"):
        per_bulan[r["ukuran"], r["hari"].replace(day=1)] += r["jumlah"]
    hasil = []
    for bulan in periode.bulan:
        e, k = per_bulan.get(("diterima", bulan), 0), per_bulan.get(("kertas", bulan), 0)
        hasil.append(
            {"bulan": bulan, "elektronik": e, "kertas": k, "persen": round(100 * e / (e + k), 1) if e + k else None}
        )
    return hasil


# ---------------------------------------------------------------- savings


@dataclass
class Hemat:
    """Savings of a set of letters: sheets not printed, courier trips avoided, and their rupiah."""

    surat: int = 0
    lembar: int = 0
    kurir: int = 0
    rupiah: int = 0

    def tambah(self, other: Hemat) -> None:
        self.surat += other.surat
        self.lembar += other.lembar
        self.kurir += other.kurir
        self.rupiah += other.rupiah


@dataclass
class Penghematan:
    per_opd: dict[int, Hemat] = field(default_factory=dict)
    per_bulan: list[tuple[datetime.date, Hemat]] = field(default_factory=list)
    total: Hemat = field(default_factory=Hemat)
    biaya: BiayaSatuan | None = None


def penghematan(lingkup: Lingkup, periode: Periode, biaya: BiayaSatuan | None = None) -> Penghematan:
    """What the electronic letters signed in the period saved, per sending OPD and month by month.

    Sheets: every letter would have been printed once per addressee and copy delivered inside the
    Pemda or by email, plus the file copy, each `halaman_per_surat` pages. Courier trips: one per
    letter and receiving OPD other than the sender's. Rupiah: sheets x (paper + toner) + trips x
    courier, at the unit costs admin Pemda set. One grouped query."""
    biaya = biaya or BiayaSatuan.current()
    angka_per: dict[str, dict[tuple[int, datetime.date], int]] = {"ttd": {}, "salinan": {}, "kurir": {}}
    for r in _jumlah(angka(lingkup, periode, *angka_per), "ukuran", "opd", "hari"):
        key = (r["opd"], r["hari"].replace(day=1))
        angka_per[r["ukuran"]][key] = angka_per[r["ukuran"]].get(key, 0) + r["jumlah"]
    surat, salinan, kurir = angka_per["ttd"], angka_per["salinan"], angka_per["kurir"]
    hasil = Penghematan(biaya=biaya)
    per_bulan: dict[datetime.date, Hemat] = defaultdict(Hemat)
    for key in set(surat) | set(salinan) | set(kurir):
        opd_id, bulan = key
        h = Hemat(surat=surat.get(key, 0))
        h.lembar = biaya.halaman_per_surat * (h.surat + salinan.get(key, 0))
        h.kurir = kurir.get(key, 0)
        h.rupiah = h.lembar * biaya.per_lembar + h.kurir * biaya.biaya_kurir
        hasil.per_opd.setdefault(opd_id, Hemat()).tambah(h)
        per_bulan[bulan].tambah(h)
        hasil.total.tambah(h)
    hasil.per_bulan = [(b, per_bulan.get(b, Hemat())) for b in periode.bulan]
    return hasil
