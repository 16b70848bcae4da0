"""Who may open the Rekap, and which OPDs they see.

The rule, in plain words:
- The Wali Kota and the Wakil (a jabatan of eselon "Kepala/Wakil Kepala Daerah"), the Sekda (the head
  of the Sekretariat Daerah or of the Pimpinan Daerah unit) and admin Pemda see every OPD.
- The head of an OPD (acting in the kepala jabatan of a unit that is an OPD, as its holder or as
  Plt/Plh) sees that OPD and every OPD below it in the tree (a Camat sees the kelurahan).
- Nobody else may open it: the pages answer 404.

Within that reach the viewer may narrow to one OPD, and within one OPD to one unit and the units below
it. The structure tables are small (hundreds of rows): the tree is walked in Python once per request;
the letters are never.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.db.models import QuerySet

from lib.kueri_siap import Siap
from organisasi import acting
from organisasi.acting import Who
from organisasi.models import Jabatan, UnitKerja

PEMDA_WIDE = (UnitKerja.Jenis.SETDA, UnitKerja.Jenis.PEMDA)


class _Unit(NamedTuple):
    """An active unit as the tree walk reads it; a UnitKerja is made only of those the page shows."""

    pk: int
    nama: str
    induk_id: int | None
    is_opd: bool
    opd_id: int | None
    urutan: int

    def unit(self) -> UnitKerja:
        """The UnitKerja with these fields loaded and the others deferred (as `.only()` makes it)."""
        return UnitKerja.from_db("default", _KOLOM_UNIT, self)


_KOLOM_UNIT = ("id", "nama", "induk_id", "is_opd", "opd_id", "urutan")
# Every Rekap page walks the whole structure: as tuples, compiled once, instead of 124 model instances
# built from a fresh queryset (1.3 -> 0.35 ms at the bulk data's size).
_UNIT_AKTIF = Siap(lambda: UnitKerja.objects.filter(aktif=True).values_list(*_KOLOM_UNIT).order_by())


def _anak_per_induk(units: list[_Unit]) -> dict[int | None, list[_Unit]]:
    found: dict[int | None, list[_Unit]] = defaultdict(list)
    for u in units:
        found[u.induk_id].append(u)
    return found


def _turunan(root_ids: set[int], anak: dict[int | None, list[_Unit]]) -> set[int]:
    """`root_ids` and every unit below them."""
    found, todo = set(), list(root_ids)
    while todo:
        uid = todo.pop()
        if uid in found:
            continue
        found.add(uid)
        todo.extend(u.pk for u in anak.get(uid, ()))
    return found


def _kepala_units(who: Who) -> list[Jabatan]:
    return [
        a.jabatan
        for a in acting.of(who).jabatan
        if a.jabatan.is_kepala_unit or a.jabatan.eselon == Jabatan.Eselon.KEPALA_DAERAH
    ]


def is_pemda_wide(who: Who) -> bool:
    """Wali Kota, Wakil, Sekda or admin Pemda: every OPD."""
    if acting.of(who).is_admin_pemda:
        return True
    return any(
        j.eselon == Jabatan.Eselon.KEPALA_DAERAH or (j.is_kepala_unit and j.unit.jenis in PEMDA_WIDE)
        for j in _kepala_units(who)
    )


def opd_kepala(who: Who) -> set[int]:
    """The OPDs `who` heads today (own post or Plt/Plh)."""
    return {j.unit_id for j in _kepala_units(who) if j.is_kepala_unit and j.unit.is_opd}


def boleh_rekap(who: Who | None) -> bool:
    """May open the Rekap at all (the navigation entry)."""
    return who is not None and (is_pemda_wide(who) or bool(opd_kepala(who)))


@dataclass
class Lingkup:
    """What one request shows: the OPDs (`opd_ids`; all of `semua_opd` when Pemda-wide) and, when the
    viewer narrowed to one unit, the units (`unit_ids`) whose work counts."""

    semua_opd: list[UnitKerja]  # every OPD the viewer may choose, in tree order
    opd_ids: set[int]
    pemda_wide: bool
    opd: UnitKerja | None = None  # the chosen OPD
    unit: UnitKerja | None = None  # the chosen unit within it
    unit_ids: set[int] | None = None
    unit_pilihan: list[UnitKerja] | None = None  # units of the chosen OPD (the unit picker)

    @cached_property
    def seluruh_pemda(self) -> bool:
        """No narrowing: the Pemda as a whole (the totals row says "Pemda")."""
        return self.pemda_wide and self.opd is None

    @property
    def judul(self) -> str:
        if self.unit is not None:
            return self.unit.nama
        if self.opd is not None:
            return self.opd.nama
        return "Seluruh OPD" if self.pemda_wide else ", ".join(o.nama for o in self.semua_opd)

    def saring(self, qs: QuerySet, opd_path: str, unit_path: str) -> QuerySet:
        """`qs` narrowed to this scope: `opd_path` leads to the OPD id a row counts for, `unit_path` to
        its unit id (used only when one unit was chosen)."""
        if self.unit_ids is not None:
            return qs.filter(**{f"{unit_path}__in": self.unit_ids})
        if self.seluruh_pemda:
            return qs
        return qs.filter(**{f"{opd_path}__in": self.opd_ids})


def lingkup_for(who: Who, opd_id: int | None = None, unit_id: int | None = None) -> Lingkup | None:
    """The scope for `who`, narrowed to `opd_id`/`unit_id` when those are within reach; None when `who`
    may not open the Rekap. An id outside the reach is ignored (the page shows the whole reach)."""
    wide = is_pemda_wide(who)
    heads = set() if wide else opd_kepala(who)
    if not wide and not heads:
        return None
    units = [_Unit(*row) for row in _UNIT_AKTIF()]
    anak = _anak_per_induk(units)
    by_id = {u.pk: u for u in units}
    if wide:
        reach = {u.pk for u in units if u.is_opd}
    else:
        reach = {i for i in _turunan(heads, anak) if i in by_id and by_id[i].is_opd}
    semua = [u.unit() for u in _urut_pohon([u for u in units if u.pk in reach], anak)]
    lingkup = Lingkup(semua_opd=semua, opd_ids=reach, pemda_wide=wide)
    if opd_id not in reach and len(reach) == 1 and not wide:
        opd_id = next(iter(reach))
    if opd_id in reach:
        lingkup.opd = next(o for o in semua if o.pk == opd_id)
        lingkup.opd_ids = {opd_id}
        pilihan = [u for u in _urut_pohon(units, anak) if u.opd_id == opd_id and not u.is_opd]
        lingkup.unit_pilihan = [u.unit() for u in pilihan]
        unit = next((u for u in lingkup.unit_pilihan if u.pk == unit_id), None) if unit_id else None
        if unit is not None:
            lingkup.unit = unit
            lingkup.unit_ids = {i for i in _turunan({unit.pk}, anak) if by_id[i].opd_id == opd_id}
    return lingkup


def _urut_pohon(units: list[_Unit], anak: dict[int | None, list[_Unit]]) -> list[_Unit]:
    """`units` in the order of the tree (parents before children, siblings by urutan and name)."""
    wanted = {u.pk for u in units}
    ordered: list[_Unit] = []
    seen: set[int] = set()

    def walk(uid: int | None) -> None:
        for u in sorted(anak.get(uid, ()), key=lambda x: (x.urutan, x.nama)):
            if u.pk in seen:
                continue
            seen.add(u.pk)
            if u.pk in wanted:
                ordered.append(u)
            walk(u.pk)

    walk(None)
    return ordered
