"""The figures of the Rekap, each one aggregate query over the letters within a scope (rekap.jangkauan)
and a period (rekap.periode): volumes, the electronic share of incoming mail, and the savings. Service
times, backlogs and overdue work are in rekap.layanan.

Every query filters a date range that a partial index of the rekap migration covers, groups in the
database and returns a few rows per OPD or month; no letter is read into Python. Rahasia letters count
like any other: only numbers leave these functions.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BigIntegerField, Count, F, Q
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from rekap.jangkauan import Lingkup
from rekap.models import BiayaSatuan
from rekap.periode import Periode
from surat.models import Penerima, Surat

S = Surat.Status
# Opd ids stay far below this: (surat, opd) pairs are counted as one number, surat * KALI + opd.
KALI = 1_000_000

VOLUME = (
    ("dibuat", "Konsep dibuat"),
    ("ditandatangani", "Ditandatangani"),
    ("dikirim", "Dikirim"),
    ("diterima", "Diterima elektronik"),
    ("kertas", "Surat kertas dicatat"),
)


def _per_opd(qs, kolom: str = "opd", hitung: Any = None) -> dict[int, int]:
    return {r[kolom]: r["n"] for r in qs.values(kolom).annotate(n=hitung or Count("pk")).order_by()}


def _signed(lingkup: Lingkup, periode: Periode):
    awal, akhir = periode.batas
    # Only signing sets ditandatangani_pada (app letters): no sumber filter, so the index alone answers.
    qs = Surat.objects.filter(ditandatangani_pada__gte=awal, ditandatangani_pada__lt=akhir)
    return lingkup.saring(qs, "opd", "jabatan_konseptor__unit")


def _received(lingkup: Lingkup, periode: Periode):
    """Internal addressees of electronic letters that reached them in the period."""
    awal, akhir = periode.batas
    qs = Penerima.objects.filter(
        diterima_pada__gte=awal,
        diterima_pada__lt=akhir,
        jabatan__isnull=False,
        jenis=Penerima.Jenis.TUJUAN,
        surat__sumber=Surat.Sumber.NASKAH,
    )
    return lingkup.saring(qs, "opd", "jabatan__unit")


def _paper(lingkup: Lingkup, periode: Periode):
    qs = Surat.objects.filter(
        sumber=Surat.Sumber.MASUK_LUAR, tanggal_terima__gte=periode.dari, tanggal_terima__lte=periode.sampai
    )
    # Paper letters are registered for the OPD as a whole: a chosen unit has none.
    return lingkup.saring(qs, "opd", "jabatan_konseptor__unit")


def volume_per_opd(lingkup: Lingkup, periode: Periode) -> dict[str, dict[int, int]]:
    """{measure: {opd id: count}} for the measures of VOLUME. Five grouped queries."""
    awal, akhir = periode.batas
    dibuat = lingkup.saring(
        Surat.objects.filter(sumber=Surat.Sumber.NASKAH, dibuat__gte=awal, dibuat__lt=akhir),
        "opd",
        "jabatan_konseptor__unit",
    )
    sent = lingkup.saring(
        Penerima.objects.filter(
            Q(diterima_pada__gte=awal, diterima_pada__lt=akhir, jabatan__isnull=False)
            | Q(dikirim_pada__gte=awal, dikirim_pada__lt=akhir, jabatan__isnull=True),
            surat__sumber=Surat.Sumber.NASKAH,
        ),
        "surat__opd",
        "surat__jabatan_konseptor__unit",
    )
    return {
        "dibuat": _per_opd(dibuat),
        "ditandatangani": _per_opd(_signed(lingkup, periode)),
        "dikirim": _per_opd(sent, "surat__opd", Count("surat", distinct=True)),
        "diterima": _per_opd(_received(lingkup, periode), "opd", Count("surat", distinct=True)),
        "kertas": _per_opd(_paper(lingkup, periode)),
    }


def volume_per_jenis(lingkup: Lingkup, periode: Periode) -> list[dict[str, Any]]:
    """Letters signed in the period by kind: [{"jenis", "n"}], most first."""
    rows = _signed(lingkup, periode).values("jenis__nama").annotate(n=Count("pk")).order_by("-n", "jenis__nama")
    return [{"jenis": r["jenis__nama"], "n": r["n"]} for r in rows]


def _bulan(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.replace(day=1)


def porsi_elektronik(lingkup: Lingkup, periode: Periode) -> list[dict[str, Any]]:
    """Incoming mail month by month: [{"bulan", "elektronik", "kertas", "persen"}] (persen of all
    incoming that arrived electronically; None for a month without mail)."""
    tz = timezone.get_current_timezone()
    elektronik = {
        _bulan(r["m"]): r["n"]
        for r in _received(lingkup, periode)
        .annotate(m=TruncMonth("diterima_pada", tzinfo=tz))
        .values("m")
        .annotate(n=Count("surat", distinct=True))
        .order_by()
    }
    kertas = {
        _bulan(r["m"]): r["n"]
        for r in _paper(lingkup, periode)
        .annotate(m=TruncMonth("tanggal_terima"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by()
    }
    hasil = []
    for bulan in periode.bulan:
        e, k = elektronik.get(bulan, 0), kertas.get(bulan, 0)
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
    courier, at the unit costs admin Pemda set. Three grouped queries."""
    biaya = biaya or BiayaSatuan.current()
    tz = timezone.get_current_timezone()
    signed = _signed(lingkup, periode)
    surat = {
        (r["opd"], _bulan(r["m"])): r["n"]
        for r in signed.annotate(m=TruncMonth("ditandatangani_pada", tzinfo=tz))
        .values("opd", "m")
        .annotate(n=Count("pk"))
        .order_by()
    }
    # The recipients of the same letters, through one join (no IN over the letters' ids).
    awal, akhir = periode.batas
    penerima = lingkup.saring(
        Penerima.objects.filter(surat__ditandatangani_pada__gte=awal, surat__ditandatangani_pada__lt=akhir),
        "surat__opd",
        "surat__jabatan_konseptor__unit",
    ).annotate(m=TruncMonth("surat__ditandatangani_pada", tzinfo=tz))
    salinan = {
        (r["surat__opd"], _bulan(r["m"])): r["n"]
        for r in penerima.filter(Q(jabatan__isnull=False) | Q(kirim_cara=Penerima.KirimCara.EMAIL))
        .values("surat__opd", "m")
        .annotate(n=Count("pk"))
        .order_by()
    }
    pasangan = Cast(F("surat_id"), BigIntegerField()) * KALI + F("opd_id")
    kurir = {
        (r["surat__opd"], _bulan(r["m"])): r["n"]
        for r in penerima.filter(jabatan__isnull=False, opd__isnull=False)
        .exclude(opd=F("surat__opd"))
        .values("surat__opd", "m")
        .annotate(n=Count(pasangan, distinct=True))
        .order_by()
    }
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
