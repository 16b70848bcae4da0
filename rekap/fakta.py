"""The summary rows the Rekap's period figures are read from (rekap.models.Angka), kept in step with the
letters and dispositions.

What a letter contributes is a function of its own rows only (the letter, its first submission, its
addressees, its dispositions): `kontribusi` computes it for a batch of letters. Both ways of keeping the
table use that one function:
- incrementally: a service that changes what a letter contributes (create or delete a draft, sign and
  deliver, send to an outside addressee, register a paper letter, dispose, report) wraps the change in
  `perubahan = sebelum(surat_id)` ... `perubahan.simpan()`, which reads the letter's contribution
  before and after and adds the difference, in the service's own transaction (an upsert per row: two officials at once add, never
  overwrite);
- from scratch: `bangun_ulang()` (management command `rekap_bangun_ulang`, run by seed_demo, seed_bulk
  and for repair) recomputes every letter in batches and replaces the table (seed_bulk: in parallel).

Every event lands in four rows: its day and its month, each for the OPD as a whole (unit 0) and for its
unit. A period is read from whole months plus the days at its edges (rekap.selectors), so the rows read
depend on the OPDs, days and measures, not on the number of letters.

Service times are kept as histograms: a duration falls in class `kelas(seconds)` (about 2% wide), and a
row keeps how many durations fell there and the sum of their seconds. Medians and p90 interpolate
between the classes' means as percentile_cont does between values: exact when the durations of a class
are equal (the tests' whole hours), within a class's width (2%, at most a few minutes on a day) else.

Measures, each for a day or month, an OPD and its unit:
dibuat (app drafts created, by the drafter's unit), ttd (letters signed, per kind), salinan (addressees
and copies inside the Pemda or by email of the letters signed), kurir (receiving OPDs other than the
sender), dikirim (app letters on the day of their first delivery), diterima (app letters reaching an
addressee of the OPD, on the first arrival per OPD; for a unit, per unit), kertas (paper letters
registered), tepat / tepat_ok (finished dispositions with a deadline / finished by it), and the
durations w_ttd, w_disposisi, w_laporan (rekap.layanan.LANGKAH). One count of now (tingkat KINI, no
date): belum_dibaca, urgent letters delivered to an addressee who has not opened them yet (a read
changes it: mark_read, a disposition, "tanpa disposisi").
"""

from __future__ import annotations

import datetime
import math
import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from disposisi.models import Disposisi
from lib.kueri_siap import Siap
from rekap.models import Angka
from surat.models import Penerima, Surat, SuratLog

Kunci = tuple[str, str, int, datetime.date, int, int, int]  # tingkat, ukuran, unit, hari, opd, jenis, kelas
Jumlah = dict[Kunci, list[int]]  # key -> [n, detik]

H, B, K = Angka.Tingkat.HARI, Angka.Tingkat.BULAN, Angka.Tingkat.KINI
URGEN = (Surat.Urgensi.AMAT_SEGERA, Surat.Urgensi.SEGERA)
LEBAR = math.log(1.02)
BATCH = 2000


def kelas(detik: int) -> int:
    """The histogram class of a duration: 0 for none or negative, then about 2% wide."""
    return 0 if detik <= 0 else 1 + int(math.log1p(detik / 60) / LEBAR)


def _hari(value: datetime.datetime | datetime.date) -> datetime.date:
    """The Pemda's calendar day of a moment (settings.TIME_ZONE, whatever a request activated). Not
    timezone.localtime: its lookup of the active zone was most of a rebuild's time."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(timezone.get_default_timezone()).date()
    return value


def _tambah(
    acc: Jumlah,
    ukuran: str,
    waktu: datetime.datetime | datetime.date,
    opd: int | None,
    unit: int | None,
    *,
    jenis: int = 0,
    n: int = 1,
    durasi: datetime.timedelta | None = None,
    tingkat_opd: bool = True,
) -> None:
    """Count one event in its day and month rows, for the OPD (unless `tingkat_opd` is False: the
    caller counts the OPD line itself) and for the unit (when it has one)."""
    hari = _hari(waktu)
    detik = k = 0
    if durasi is not None:
        detik = round(durasi.total_seconds())
        k = kelas(detik)
    units = ([0] if tingkat_opd else []) + ([unit] if unit else [])
    for tingkat, d in ((H, hari), (B, hari.replace(day=1))):
        for u in units:
            row = acc.setdefault((tingkat, ukuran, u, d, opd or 0, jenis, k), [0, 0])
            row[0] += n
            row[1] += detik


def _diajukan(ids: tuple[int, ...]) -> QuerySet:
    return (
        SuratLog.objects.filter(surat_id__in=ids, aksi=SuratLog.Aksi.DIAJUKAN)
        .values("surat_id")
        .annotate(w=Min("waktu"))
        .order_by()
        .values_list("surat_id", "w")
    )


def _penerima(ids: tuple[int, ...]) -> QuerySet:
    return (
        Penerima.objects.filter(surat_id__in=ids)
        .order_by()
        .values(
            "surat_id", "jabatan_id", "jabatan__unit_id", "opd_id", "jenis", "kirim_cara", "diterima_pada",
            "dikirim_pada", "dibaca_pada",
        )
    )  # fmt: skip


def _disposisi_surat(ids: tuple[int, ...]) -> QuerySet:
    return (
        Disposisi.objects.filter(surat_id__in=ids)
        .order_by("pk")
        .values(
            "pk", "surat_id", "induk_id", "dari_jabatan_id", "dari_jabatan__unit_id", "dari_jabatan__unit__opd_id",
            "kepada_jabatan__unit_id", "kepada_jabatan__unit__opd_id", "dibuat", "status", "selesai_pada", "batas_waktu",
        )
    )  # fmt: skip


def _surat_surat(ids: tuple[int, ...]) -> QuerySet:
    return (
        Surat.objects.filter(pk__in=ids)
        .order_by()
        .values(
            "pk", "sumber", "opd_id", "jabatan_konseptor__unit_id", "jenis_id", "dibuat", "ditandatangani_pada",
            "tanggal_terima", "urgensi",
        )
    )  # fmt: skip


# A service changes one letter or a few, before and after: their four reads are compiled once per
# number of letters (lib.kueri_siap; building them cost more than running them). A rebuild's batches
# are built as usual (a shape per batch size would stay prepared for nothing).
SIAP_MAKS = 4
_SIAP = {bangun: Siap(lambda ids, bangun=bangun: bangun(ids), di_server=True) for bangun in (
    _diajukan, _penerima, _disposisi_surat, _surat_surat,
)}  # fmt: skip


def _baca(bangun: Callable[[tuple[int, ...]], QuerySet], ids: tuple[int, ...]) -> list:
    return _SIAP[bangun](ids=ids) if len(ids) <= SIAP_MAKS else list(bangun(ids))


def kontribusi(surat_ids: Iterable[int]) -> Jumlah:
    """What the letters `surat_ids` add to the summary, as they are now. Four queries."""
    ids = tuple(surat_ids)
    acc: Jumlah = {}
    if not ids:
        return acc
    diajukan = dict(_baca(_diajukan, ids))
    penerima = defaultdict(list)
    for p in _baca(_penerima, ids):
        penerima[p["surat_id"]].append(p)
    disposisi = defaultdict(list)
    for d in _baca(_disposisi_surat, ids):
        disposisi[d["surat_id"]].append(d)
    for s in _baca(_surat_surat, ids):
        _surat(acc, s, diajukan.get(s["pk"]), penerima[s["pk"]])
        _disposisi(acc, disposisi[s["pk"]], penerima[s["pk"]])
    return acc


def _kini(acc: Jumlah, ukuran: str, opd: int | None, unit: int | None) -> None:
    """Count one item of now (no day or month) for its OPD and its unit."""
    for u in (0, unit) if unit else (0,):
        row = acc.setdefault((K, ukuran, u, datetime.date.min, opd or 0, 0, 0), [0, 0])
        row[0] += 1


def _surat(acc: Jumlah, s: dict, diajukan: datetime.datetime | None, penerima: list[dict]) -> None:
    opd, unit = s["opd_id"], s["jabatan_konseptor__unit_id"]
    if s["urgensi"] in URGEN:
        for p in penerima:
            if p["jabatan_id"] and p["jenis"] == Penerima.Jenis.TUJUAN and p["diterima_pada"] and not p["dibaca_pada"]:
                _kini(acc, "belum_dibaca", p["opd_id"], p["jabatan__unit_id"])
    if s["sumber"] == Surat.Sumber.MASUK_LUAR:
        if s["tanggal_terima"]:
            _tambah(acc, "kertas", s["tanggal_terima"], opd, unit)
        return
    if s["sumber"] != Surat.Sumber.NASKAH:
        return
    _tambah(acc, "dibuat", s["dibuat"], opd, unit)
    ttd = s["ditandatangani_pada"]
    if ttd:
        _tambah(acc, "ttd", ttd, opd, unit, jenis=s["jenis_id"] or 0)
        salinan = sum(1 for p in penerima if p["jabatan_id"] or p["kirim_cara"] == Penerima.KirimCara.EMAIL)
        if salinan:
            _tambah(acc, "salinan", ttd, opd, unit, n=salinan)
        kurir = {p["opd_id"] for p in penerima if p["jabatan_id"] and p["opd_id"] and p["opd_id"] != opd}
        if kurir:
            _tambah(acc, "kurir", ttd, opd, unit, n=len(kurir))
        if diajukan:
            _tambah(acc, "w_ttd", ttd, opd, unit, durasi=ttd - diajukan)
    kirim = [p["diterima_pada"] if p["jabatan_id"] else p["dikirim_pada"] for p in penerima]
    kirim = [w for w in kirim if w]
    if kirim:
        _tambah(acc, "dikirim", min(kirim), opd, unit)
    # Arrivals: the first per receiving OPD counts for the OPD, the first per unit for the unit.
    tiba_opd: dict[int | None, datetime.datetime] = {}
    tiba_unit: dict[tuple[int | None, int], datetime.datetime] = {}
    for p in penerima:
        w = p["diterima_pada"]
        if not (w and p["jabatan_id"] and p["jenis"] == Penerima.Jenis.TUJUAN):
            continue
        if p["opd_id"] not in tiba_opd or w < tiba_opd[p["opd_id"]]:
            tiba_opd[p["opd_id"]] = w
        key = (p["opd_id"], p["jabatan__unit_id"])
        if key not in tiba_unit or w < tiba_unit[key]:
            tiba_unit[key] = w
    for penerima_opd, w in tiba_opd.items():
        _tambah(acc, "diterima", w, penerima_opd, None)
    for (penerima_opd, penerima_unit), w in tiba_unit.items():
        _tambah(acc, "diterima", w, penerima_opd, penerima_unit, tingkat_opd=False)


def _disposisi(acc: Jumlah, rows: list[dict], penerima: list[dict]) -> None:
    pertama = next((d for d in rows if d["induk_id"] is None), None)
    if pertama is not None:
        tiba = [
            p["diterima_pada"] for p in penerima if p["jabatan_id"] == pertama["dari_jabatan_id"] and p["diterima_pada"]
        ]
        if tiba:
            _tambah(
                acc, "w_disposisi", pertama["dibuat"], pertama["dari_jabatan__unit__opd_id"],
                pertama["dari_jabatan__unit_id"], durasi=pertama["dibuat"] - min(tiba),
            )  # fmt: skip
    for d in rows:
        if d["status"] != Disposisi.Status.SELESAI or not d["selesai_pada"]:
            continue
        opd, unit, selesai = d["kepada_jabatan__unit__opd_id"], d["kepada_jabatan__unit_id"], d["selesai_pada"]
        _tambah(acc, "w_laporan", selesai, opd, unit, durasi=selesai - d["dibuat"])
        if d["batas_waktu"]:
            _tambah(acc, "tepat", selesai, opd, unit)
            if _hari(selesai) <= d["batas_waktu"]:
                _tambah(acc, "tepat_ok", selesai, opd, unit)


def _selisih(sebelum: Jumlah, sesudah: Jumlah) -> Jumlah:
    hasil: Jumlah = {}
    for key in sebelum.keys() | sesudah.keys():
        a, b = sebelum.get(key, (0, 0)), sesudah.get(key, (0, 0))
        if a[0] != b[0] or a[1] != b[1]:
            hasil[key] = [b[0] - a[0], b[1] - a[1]]
    return hasil


KOLOM = ("tingkat", "ukuran", "unit", "hari", "opd", "jenis", "kelas", "n", "detik")


def tambahkan(delta: Jumlah) -> None:
    """Add `delta` to the summary rows: one INSERT ... ON CONFLICT DO UPDATE (PostgreSQL and SQLite),
    so concurrent services add to the same row without losing either count."""
    if not delta:
        return
    table = connection.ops.quote_name(Angka._meta.db_table)
    kunci = ", ".join(KOLOM[:7])
    rows = [(*key, n, detik) for key, (n, detik) in delta.items()]
    # Sorted: concurrent services lock shared rows in the same order (no deadlock).
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3], r[4], r[5], r[6]))
    satu = "(" + ", ".join(["%s"] * len(KOLOM)) + ")"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 1000):
            chunk = rows[i : i + 1000]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(KOLOM)}) VALUES {', '.join([satu] * len(chunk))} "
                f"ON CONFLICT ({kunci}) DO UPDATE SET n = {table}.n + excluded.n, detik = {table}.detik + excluded.detik",
                [v for row in chunk for v in row],
            )


@dataclass
class Perubahan:
    """A change of some letters in progress: their contribution before it (see `sebelum`)."""

    surat_ids: tuple[int, ...]
    awal: Jumlah

    def simpan(self) -> None:
        """At the end of the service: add the difference the change made to the summary."""
        tambahkan(_selisih(self.awal, kontribusi(self.surat_ids)))


def sebelum(*surat_ids: int) -> Perubahan:
    """Services, inside their transaction, before changing these letters (or their addressees or
    dispositions): `perubahan = fakta.sebelum(surat.pk)`, then `perubahan.simpan()` once changed. A
    letter the service creates: `baru(surat.pk)` once created."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rekap.fakta runs inside the service's transaction")
    return Perubahan(surat_ids, kontribusi(surat_ids))


def baru(surat_id: int) -> None:
    """Services, inside their transaction: count a letter they have just created."""
    Perubahan((surat_id,), {}).simpan()


def bangun_ulang(batch: int = BATCH, workers: int = 1) -> int:
    """Rebuild every summary row from the letters (replaces the table). Returns the rows written. Each
    batch is added as it is computed (memory stays that of one batch; letters in id order are close in
    time, so most of a batch's rows are new). With one worker, in one transaction: readers see the old
    rows until the new ones are complete. With `workers` > 1 (seed_bulk, nobody reading), the letters are
    split into that many ranges, each rebuilt by a forked process in its own transactions (the upserts
    add, so ranges that share a month row add to it)."""
    if workers <= 1:
        with transaction.atomic():
            Angka.objects.all().delete()
            _bangun(list(Surat.objects.order_by("pk").values_list("pk", flat=True)), batch)
    else:
        Angka.objects.all().delete()
        ids = list(Surat.objects.order_by("pk").values_list("pk", flat=True))
        size = -(-len(ids) // workers)
        ranges = [(ids[i : i + size], batch) for i in range(0, len(ids), size)]
        connections.close_all()  # forked: a child must not use the parent's connection
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pool.starmap(_bangun_di_proses, ranges)
    return Angka.objects.count()


def _bangun(ids: list[int], batch: int) -> None:
    for i in range(0, len(ids), batch):
        tambahkan(kontribusi(ids[i : i + batch]))


def _bangun_di_proses(ids: list[int], batch: int) -> None:
    try:
        _bangun(ids, batch)
    finally:
        connections.close_all()
