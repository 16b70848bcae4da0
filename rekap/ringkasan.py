"""The Rekap of one scope and period put together from the selectors, once, for every way it is shown:
the pages, the Excel file, the one-page monthly PDF and the weekly digest. Each figure per OPD in reach
and for the whole scope ("Pemda" when nothing is narrowed)."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from rekap import layanan, selectors
from rekap.jangkauan import Lingkup
from rekap.models import BiayaSatuan
from rekap.periode import Periode
from rekap.selectors import Hemat


def angka(n: int | float | None) -> str:
    """'12.345' (Indonesian thousands separator); '-' for no value."""
    if n is None:
        return "-"
    if isinstance(n, float):
        return f"{n:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{n:,}".replace(",", ".")


def rupiah(n: int) -> str:
    return f"Rp{angka(n)}"


def jam(durasi: datetime.timedelta | None) -> float | None:
    """A duration in hours, one decimal (how the pages and the PDF write service times)."""
    return None if durasi is None else round(durasi.total_seconds() / 3600, 1)


@dataclass
class BarisOpd:
    """One OPD's line (or the total line, `opd` None)."""

    nama: str
    opd_id: int | None
    volume: dict[str, int] = field(default_factory=dict)
    hemat: Hemat = field(default_factory=Hemat)
    terlambat: int = 0
    belum_dibaca: int = 0
    tepat_waktu: dict[str, Any] = field(default_factory=dict)
    layanan: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def persen_elektronik(self) -> float | None:
        e, k = self.volume.get("diterima", 0), self.volume.get("kertas", 0)
        return round(100 * e / (e + k), 1) if e + k else None


@dataclass
class Rekap:
    lingkup: Lingkup
    periode: Periode
    baris: list[BarisOpd]
    total: BarisOpd
    per_jenis: list[dict[str, Any]]
    elektronik: list[dict[str, Any]]
    penghematan: selectors.Penghematan
    tunggakan: list[Any] = field(default_factory=list)
    dihitung: datetime.datetime = field(default_factory=timezone.now)


def _layanan_baris(data: dict[str, dict[Any, dict[str, Any]]], key: Any) -> dict[str, dict[str, Any]]:
    hasil = {}
    for langkah, _ in layanan.LANGKAH:
        v = data[langkah].get(key) or {"n": 0, "p50": None, "p90": None}
        hasil[langkah] = {"n": v["n"], "p50": jam(v["p50"]), "p90": jam(v["p90"])}
    return hasil


SEMUA = frozenset({"volume", "hemat", "jumlah", "tepat", "layanan", "layanan_opd", "jenis", "elektronik"})
# Asked for by name only (the service page): the backlog per jabatan now.
TUNGGAKAN = "tunggakan"


# A leader's dashboard, not a ledger: figures up to this old are served from the cache, so a page
# reloaded or opened by several heads of one scope does not aggregate a year of letters again.
SIMPAN_DETIK = 300


def _kunci(lingkup: Lingkup, periode: Periode, bagian: frozenset[str] | set[str]) -> str:
    biaya = BiayaSatuan.current()
    cakup = "pemda" if lingkup.seluruh_pemda else ",".join(map(str, sorted(lingkup.opd_ids)))
    unit = ",".join(map(str, sorted(lingkup.unit_ids or ())))
    mentah = f"{cakup}|{unit}|{periode.dari}|{periode.sampai}|{','.join(sorted(bagian))}|{biaya.pk}:{biaya.diubah}"
    return "rekap:" + hashlib.sha256(mentah.encode()).hexdigest()


def susun(lingkup: Lingkup, periode: Periode, bagian: frozenset[str] | set[str] = SEMUA) -> Rekap:
    """The figures of the scope and period named in `bagian` (all by default; a page asks only for what
    it shows), from the cache when computed less than SIMPAN_DETIK ago (the figures are counts of the
    scope, the same for every viewer of it). Saving the unit costs changes the key."""
    kunci = _kunci(lingkup, periode, bagian)
    rekap = cache.get(kunci)
    if rekap is None:
        rekap = hitung(lingkup, periode, bagian)
        cache.set(kunci, rekap, SIMPAN_DETIK)
    rekap.lingkup = lingkup
    return rekap


def hitung(lingkup: Lingkup, periode: Periode, bagian: frozenset[str] | set[str] = SEMUA) -> Rekap:
    """The figures, computed now: a dozen grouped queries for all (the period's from the summary rows of
    rekap.fakta), whatever the number of letters."""
    volume = selectors.volume_per_opd(lingkup, periode) if "volume" in bagian else {k: {} for k, _ in selectors.VOLUME}
    hemat = selectors.penghematan(lingkup, periode) if "hemat" in bagian else selectors.Penghematan()
    jumlah = layanan.jumlah_per_opd(lingkup) if "jumlah" in bagian else {"terlambat": {}, "belum_dibaca": {}}
    tepat = layanan.tepat_waktu(lingkup, periode) if "tepat" in bagian else {None: {"n": 0, "tepat": 0, "persen": None}}
    waktu_opd = layanan.waktu_layanan(lingkup, periode, grup=True) if "layanan_opd" in bagian else None
    waktu_total = layanan.waktu_layanan(lingkup, periode, grup=False) if "layanan" in bagian else None

    opds = [lingkup.opd] if lingkup.opd is not None else lingkup.semua_opd
    baris = []
    for opd in opds:
        b = BarisOpd(nama=opd.nama, opd_id=opd.pk)
        b.volume = {k: volume[k].get(opd.pk, 0) for k, _ in selectors.VOLUME}
        b.hemat = hemat.per_opd.get(opd.pk, Hemat())
        b.terlambat = jumlah["terlambat"].get(opd.pk, 0)
        b.belum_dibaca = jumlah["belum_dibaca"].get(opd.pk, 0)
        b.tepat_waktu = tepat.get(opd.pk, {"n": 0, "tepat": 0, "persen": None})
        if waktu_opd is not None:
            b.layanan = _layanan_baris(waktu_opd, opd.pk)
        baris.append(b)

    total = BarisOpd(nama="Pemda" if lingkup.seluruh_pemda else "Jumlah", opd_id=None)
    # The queries are scoped already: the totals add every group they returned.
    total.volume = {k: sum(volume[k].values()) for k, _ in selectors.VOLUME}
    total.hemat = hemat.total
    total.terlambat = sum(jumlah["terlambat"].values())
    total.belum_dibaca = sum(jumlah["belum_dibaca"].values())
    total.tepat_waktu = tepat[None]
    if waktu_total is not None:
        total.layanan = _layanan_baris(waktu_total, None)
    return Rekap(
        lingkup=lingkup,
        periode=periode,
        baris=baris,
        total=total,
        per_jenis=selectors.volume_per_jenis(lingkup, periode) if "jenis" in bagian else [],
        elektronik=selectors.porsi_elektronik(lingkup, periode) if "elektronik" in bagian else [],
        penghematan=hemat,
        tunggakan=layanan.tunggakan_per_jabatan(lingkup) if TUNGGAKAN in bagian else [],
    )
