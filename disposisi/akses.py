"""Who may see a disposition: the receiving OPD's chain, never the sender of the letter.

The rule, in plain words. Reading a letter does not open its dispositions (the sending OPD, copies and
other addressees read the letter, not what the receiver did with it). A disposition is seen by:

- whoever acts today in a jabatan on its branch: the one who gave it (`dari_jabatan`), the one it went to
  (`kepada_jabatan`, unless it was cancelled: a cancelled disposition takes the access away), and so
  everyone above it up to the addressee who started the tree, and everyone below it (its sub-branches,
  cancelled ones left out): an official follows what was passed down from them, and where their own
  instruction came from, not their colleagues' parallel branches;
- the pencatat of the OPD whose addressee started the tree (they print its lembar disposisi).

A letter's dispositions are few (tens), so the rule runs in Python over one query of the letter's tree:
`Rantai.of(surat)` once per page, then `terlihat(actor)`. The notes of the letter's timeline about
dispositions follow the same rule (`saring_log`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from disposisi.models import Disposisi
from lib.kueri_siap import Siap
from organisasi import acting
from organisasi.acting import Who
from surat.models import Surat, SuratLog

# Timeline rows written by the disposition services (disposisi/services.py): they carry notes and report text.
LOG_DISPOSISI = (
    SuratLog.Aksi.DIDISPOSISIKAN,
    SuratLog.Aksi.DISPOSISI_BATAL,
    SuratLog.Aksi.LAPORAN_DISPOSISI,
    SuratLog.Aksi.TANPA_DISPOSISI,
)


@dataclass(frozen=True)
class Simpul:
    pk: int
    induk_id: int | None
    dari: int
    kepada: int
    batal: bool
    opd_dari: int | None


# Read on every letter page whose timeline has dispositions: compiled and prepared once (lib.kueri_siap).
_RANTAI = Siap(
    lambda surat_id: Disposisi.objects.filter(surat_id=surat_id).values_list(
        "pk", "induk_id", "dari_jabatan_id", "kepada_jabatan_id", "status", "dari_jabatan__unit__opd_id"
    ),
    di_server=True,
)


class Rantai:
    """The disposition tree of one letter, reduced to who gave what to whom (one query)."""

    def __init__(self, simpul: Iterable[Simpul]) -> None:
        self.simpul = {s.pk: s for s in simpul}
        self.anak: dict[int, list[int]] = {}
        for s in self.simpul.values():
            if s.induk_id is not None:
                self.anak.setdefault(s.induk_id, []).append(s.pk)

    @classmethod
    def of(cls, surat: Surat | int) -> Rantai:
        rows = _RANTAI(surat_id=getattr(surat, "pk", surat))
        return cls(
            Simpul(pk, induk, dari, kepada, status == Disposisi.Status.DIBATALKAN, opd)
            for pk, induk, dari, kepada, status, opd in rows
        )

    @classmethod
    def of_loaded(cls, rows: Iterable[Disposisi]) -> Rantai:
        """From dispositions already loaded with `opd_dari`, the giver's OPD (disposisi.pohon.disposisi_surat:
        no extra query)."""
        return cls(
            Simpul(
                d.pk,
                d.induk_id,
                d.dari_jabatan_id,
                d.kepada_jabatan_id,
                d.status == Disposisi.Status.DIBATALKAN,
                d.opd_dari,
            )
            for d in rows
        )

    def _akar(self, pk: int) -> Simpul:
        s = self.simpul[pk]
        while s.induk_id is not None and s.induk_id in self.simpul:
            s = self.simpul[s.induk_id]
        return s

    def _turunan(self, pk: int) -> set[int]:
        found, stack = set(), [pk]
        while stack:
            node = stack.pop()
            if node in found:
                continue
            found.add(node)
            stack.extend(c for c in self.anak.get(node, ()) if not self.simpul[c].batal)
        return found

    def _leluhur(self, pk: int) -> set[int]:
        found = set()
        s = self.simpul[pk]
        while s.induk_id is not None and s.induk_id in self.simpul and s.induk_id not in found:
            found.add(s.induk_id)
            s = self.simpul[s.induk_id]
        return found

    def terlihat(self, who: Who) -> set[int]:
        """The ids of the dispositions `who` may see (the rule above)."""
        actor = acting.of(who)
        ids, pencatat = actor.jabatan_ids, actor.pencatat_opd_ids
        seen: set[int] = set()
        for s in self.simpul.values():
            if pencatat and self._akar(s.pk).opd_dari in pencatat:
                seen.add(s.pk)
            elif s.dari in ids or (s.kepada in ids and not s.batal):
                seen |= self._turunan(s.pk) | self._leluhur(s.pk) | {s.pk}
        return seen

    def jabatan_terlihat(self, who: Who) -> set[int]:
        """The jabatan on the branches `who` may see (their disposition notes in the timeline are shown)."""
        seen = self.terlihat(who)
        return {j for pk in seen for j in (self.simpul[pk].dari, self.simpul[pk].kepada)}


def boleh_lihat(who: Who, disposisi: Disposisi) -> bool:
    """`who` may see this disposition (its notes, reports and their files)."""
    return disposisi.pk in Rantai.of(disposisi.surat_id).terlihat(who)


def saring_log(who: Who, surat: Surat, log: list[SuratLog]) -> list[SuratLog]:
    """The letter's timeline without the disposition rows of branches `who` may not see. A row stays when its
    jabatan is on a visible branch, is one `who` acts in, or (the addressee's "tanpa disposisi") is of
    an OPD whose pencatat `who` is."""
    if not any(row.aksi in LOG_DISPOSISI for row in log):
        return log
    actor = acting.of(who)
    boleh = Rantai.of(surat).jabatan_terlihat(who) | actor.jabatan_ids
    pencatat = actor.pencatat_opd_ids

    def tampil(row: SuratLog) -> bool:
        if row.aksi not in LOG_DISPOSISI:
            return True
        if row.jabatan_id in boleh:
            return True
        return bool(pencatat) and row.jabatan_id is not None and row.jabatan.unit.opd_id in pencatat

    return [row for row in log if tampil(row)]
