"""Who is acting: the one answer to "in which jabatan does this pegawai act today, and with which roles".

The rule: a pegawai acts in their own post (`Pegawai.jabatan`) and in every jabatan they hold as Plt or
Plh on that day (a `Penugasan` in force). Roles (`Peran`) add scopes: the OPDs whose mail they keep
(pencatat), whose archives they keep (arsiparis), whose structure they manage (admin OPD), or all of
them (admin Pemda, or a superuser).

An `Actor` holds that answer for one pegawai on one day. Its parts are read when first asked for (the
Plt/Plh posts in one query, after a one-row check that there are any; the roles in another) and kept on
the actor, so:

- `of(pegawai)`: the actor cached on that Pegawai instance. A request has one instance
  (`organisasi.decorators.get_pegawai`, `request.actor`), so views, selectors, permissions, templates
  and the page header share one resolution per request. Selectors take an Actor or a Pegawai.
- `fresh(pegawai)`: a new resolution, never cached. Services call it inside their transaction before
  they check a permission, since a Plh may have ended or a role been revoked since the page was drawn.
- `pegawai_acting_in(jabatan_ids)`: the same rule the other way round, who acts in these jabatan (the
  people a notice goes to); `pelaksana(jabatan)`: the one who signs for it today (a draft's signature
  block).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.utils import timezone

from lib.kueri_siap import Siap
from organisasi.models import Jabatan, Pegawai, Penugasan, Peran
from organisasi.pegawai_masuk import AWAL


@dataclass(frozen=True)
class JabatanAktif:
    """A jabatan the pegawai acts in; `penugasan` is set when it is held as Plt/Plh."""

    jabatan: Jabatan
    penugasan: Penugasan | None = None

    @property
    def singkatan(self) -> str:
        """'Plt.', 'Plh.' or '' (own post), as printed before the jabatan in a signature block."""
        return self.penugasan.singkatan if self.penugasan else ""

    @property
    def sebutan(self) -> str:
        """'Plt. Kepala Dinas Perhubungan', or just the jabatan name for the own post."""
        return f"{self.singkatan} {self.jabatan.nama}".strip()


class Actor:
    """One pegawai acting on one day: their jabatan (own post first, then Plt/Plh posts) and role scopes."""

    def __init__(self, pegawai: Pegawai, on: datetime.date | None = None, *, reread: bool = False) -> None:
        self.pegawai = pegawai
        self.on = on or timezone.localdate()
        # reread: the own post is read again from the database instead of trusting the instance.
        self._reread = reread

    def __repr__(self) -> str:
        return f"<Actor {self.pegawai.pk} {self.on}>"

    # ------------------------------------------------------------ jabatan

    @cached_property
    def jabatan(self) -> tuple[JabatanAktif, ...]:
        """Own post first, then Plt/Plh posts by start date; each jabatan once, with its unit loaded."""
        own = self._own_post()
        found = [JabatanAktif(own)] if own is not None else []
        awal = self._awal()
        if not (awal[1] if awal else _ada_penugasan(self.pegawai.pk, self.on)):
            return tuple(found)
        tugas = (
            Penugasan.objects.berlaku_pada(self.on)
            .filter(pegawai_id=self.pegawai.pk)
            .select_related("jabatan__unit")
            .order_by("mulai", "pk")
        )
        seen = {own.pk} if own is not None else set()
        for t in tugas:
            if t.jabatan_id not in seen:
                seen.add(t.jabatan_id)
                found.append(JabatanAktif(t.jabatan, t))
        return tuple(found)

    def _own_post(self) -> Jabatan | None:
        if self._reread:
            return Jabatan.objects.select_related("unit").filter(pemangku__pk=self.pegawai.pk).first()
        if self.pegawai.jabatan_id is None:
            return None
        return self.pegawai.jabatan

    @cached_property
    def jabatan_ids(self) -> frozenset[int]:
        return frozenset(a.jabatan.pk for a in self.jabatan)

    @property
    def penugasan(self) -> list[Penugasan]:
        """The Plt/Plh assignments in force, by start date."""
        return [a.penugasan for a in self.jabatan if a.penugasan is not None]

    def acts_in(self, jabatan_id: int | None) -> bool:
        return jabatan_id is not None and jabatan_id in self.jabatan_ids

    def singkatan(self, jabatan_id: int | None) -> str:
        """'Plt.'/'Plh.' when `jabatan_id` is held by assignment, '' for the own post or a post not held."""
        return next((a.singkatan for a in self.jabatan if a.jabatan.pk == jabatan_id), "")

    # ------------------------------------------------------------ roles

    def _awal(self) -> tuple[datetime.date, bool, tuple[tuple[str, int | None], ...]] | None:
        """Today's Plt/Plh check and roles as the signed-in user's read brought them (organisasi.
        pegawai_masuk), unless this is a fresh resolution or another day."""
        awal = None if self._reread else self.pegawai.__dict__.get(AWAL)
        return awal if awal is not None and awal[0] == self.on else None

    @cached_property
    def _peran(self) -> tuple[tuple[str, int | None], ...]:
        if awal := self._awal():
            return awal[2]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT jenis, opd_id FROM {Peran._meta.db_table} WHERE pegawai_id = %s", [self.pegawai.pk])
            return tuple((jenis, opd_id) for jenis, opd_id in cursor.fetchall())

    def _opd_ids(self, jenis: str) -> frozenset[int]:
        return frozenset(opd_id for j, opd_id in self._peran if j == jenis and opd_id is not None)

    @cached_property
    def pencatat_opd_ids(self) -> frozenset[int]:
        """OPDs whose incoming mail and agenda book this pegawai keeps."""
        return self._opd_ids(Peran.Jenis.PENCATAT)

    @cached_property
    def arsiparis_opd_ids(self) -> frozenset[int]:
        return self._opd_ids(Peran.Jenis.ARSIPARIS)

    @cached_property
    def is_admin_pemda(self) -> bool:
        return self.pegawai.user.is_superuser or any(j == Peran.Jenis.ADMIN_PEMDA for j, _ in self._peran)

    @cached_property
    def is_admin_tte(self) -> bool:
        """Approves signers' certificate requests and revokes certificates (tte), Pemda-wide."""
        return self.pegawai.user.is_superuser or any(j == Peran.Jenis.ADMIN_TTE for j, _ in self._peran)

    @cached_property
    def managed_opd_ids(self) -> frozenset[int] | None:
        """OPDs whose structure this pegawai may edit; None means every OPD (admin Pemda)."""
        return None if self.is_admin_pemda else self._opd_ids(Peran.Jenis.ADMIN_OPD)


Who = Pegawai | Actor


def _ada_penugasan(pegawai_id: int, on: datetime.date) -> bool:
    """Whether the pegawai holds a Plt/Plh post on `on`: one index read, in SQL written once. Every page
    resolves the signed-in user's posts, and almost nobody is Plt/Plh: the ORM's read of the posts with
    their jabatan and unit cost 2-4 ms of every page to find nothing (Penugasan.objects.berlaku_pada is
    the same condition)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {Penugasan._meta.db_table} WHERE pegawai_id = %s AND mulai <= %s AND selesai >= %s LIMIT 1",
            [pegawai_id, on, on],
        )
        return cursor.fetchone() is not None


def of(who: Who) -> Actor:
    """The actor for `who`: an Actor as it is; for a Pegawai, the one cached on that instance (today's)."""
    if isinstance(who, Actor):
        return who
    actor = who.__dict__.get("_actor")
    if actor is None or actor.on != timezone.localdate():
        actor = Actor(who)
        who.__dict__["_actor"] = actor
    return actor


def bentuk(jabatan_ids: Iterable[int], pencatat_opd_ids: Iterable[int] | None = None) -> Actor:
    """An actor made of ids only, for a read compiled once per shape (lib/kueri_siap.py): the rules that
    read `jabatan_ids` and `pencatat_opd_ids` (who may open a letter, read its content or its drafting
    work) build their conditions from it. It has no pegawai and no day, and without `pencatat_opd_ids`
    no roles: a rule that asks for anything else fails at once instead of compiling one actor's answer
    into everyone's SQL."""
    actor = Actor.__new__(Actor)
    actor.__dict__["jabatan_ids"] = frozenset(jabatan_ids)
    if pencatat_opd_ids is not None:
        actor.__dict__["pencatat_opd_ids"] = frozenset(pencatat_opd_ids)
    return actor


def fresh(who: Who, on: datetime.date | None = None) -> Actor:
    """A new resolution from the database, never cached: services call it inside their transaction."""
    pegawai = who.pegawai if isinstance(who, Actor) else who
    return Actor(pegawai, on, reread=True)


def pegawai_of(who: Who) -> Pegawai:
    return who.pegawai if isinstance(who, Actor) else who


# ---------------------------------------------------------------- the other way round


def pegawai_per_jabatan(jabatan_ids: Iterable[int | None], on: datetime.date | None = None) -> dict[int, list[Pegawai]]:
    """Jabatan id -> everyone acting in it on `on` (default today): the definitive holder first, then
    any Plt/Plh. Inactive accounts are left out (nobody reads for them). Two queries however many jabatan."""
    ids = {j for j in jabatan_ids if j}
    result: dict[int, list[Pegawai]] = {j: [] for j in ids}
    if not ids:
        return result
    for pegawai in Pegawai.objects.filter(jabatan_id__in=ids, user__is_active=True):
        result[pegawai.jabatan_id].append(pegawai)
    tugas = Penugasan.objects.berlaku_pada(on or timezone.localdate()).filter(
        jabatan_id__in=ids, pegawai__user__is_active=True
    )
    for t in tugas.select_related("pegawai").order_by("mulai", "pk"):
        if all(p.pk != t.pegawai_id for p in result[t.jabatan_id]):
            result[t.jabatan_id].append(t.pegawai)
    return result


def pelaksana(jabatan: Jabatan, on: datetime.date | None = None) -> tuple[Pegawai | None, Penugasan | None]:
    """Who acts for `jabatan` on `on` (default today) as a signature block names them: the Plt/Plh in
    force (the post is vacant or its holder away), else the definitive holder; with the assignment."""
    tugas = (
        Penugasan.objects.berlaku_pada(on or timezone.localdate())
        .filter(jabatan_id=jabatan.pk)
        .select_related("pegawai")
        .order_by("-mulai", "-pk")
        .first()
    )
    if tugas is not None:
        return tugas.pegawai, tugas
    return Pegawai.objects.filter(jabatan_id=jabatan.pk).first(), None


def pegawai_acting_in(jabatan_ids: Iterable[int | None], on: datetime.date | None = None) -> list[tuple[Pegawai, int]]:
    """Everyone who acts in one of `jabatan_ids` on `on` (default today), with the jabatan they act in
    for it: (pegawai, jabatan_id). Each pegawai once; the first jabatan given wins."""
    ids = list(dict.fromkeys(j for j in jabatan_ids if j))
    per_jabatan = pegawai_per_jabatan(ids, on)
    found: dict[int, tuple[Pegawai, int]] = {}
    for jabatan_id in ids:
        for pegawai in per_jabatan[jabatan_id]:
            found.setdefault(pegawai.pk, (pegawai, jabatan_id))
    return list(found.values())


def nama_bertindak_semua(
    acts: Sequence[tuple[Pegawai | None, Jabatan | None, datetime.datetime | None]],
) -> list[str]:
    """The jabatan of each act (pegawai, jabatan, time: a disposition tree's givers, a letter's history) as
    Tata Naskah Dinas writes an act done in it: "Plh. Kepala Dinas Perhubungan" when the pegawai acted as
    its Plt/Plh, else the plain name. One query at most: the assignments of every (pegawai, jabatan) that
    is not the pegawai's own post, the one in force at the act's time first, else the latest."""
    pasangan = {(p.pk, j.pk) for p, j, _ in acts if p is not None and j is not None and p.jabatan_id != j.pk}
    tugas: dict[tuple[int, int], list[Penugasan]] = {}
    if pasangan:
        pegawai_ids, jabatan_ids = sorted({p for p, _ in pasangan}), sorted({j for _, j in pasangan})
        if len(pegawai_ids) <= _SIAP_MAKS and len(jabatan_ids) <= _SIAP_MAKS:
            calon = _PENUGASAN_PASANGAN(pegawai_ids=pegawai_ids, jabatan_ids=jabatan_ids)
        else:
            calon = _penugasan_pasangan(pegawai_ids, jabatan_ids)
        for t in calon:
            if (t.pegawai_id, t.jabatan_id) in pasangan:
                tugas.setdefault((t.pegawai_id, t.jabatan_id), []).append(t)
    nama = []
    for pegawai, jabatan, waktu in acts:
        if jabatan is None:
            nama.append("")
            continue
        daftar = tugas.get((pegawai.pk, jabatan.pk), []) if pegawai is not None else []
        on = timezone.localdate(waktu) if waktu else timezone.localdate()
        t = next((t for t in daftar if t.mulai <= on <= t.selesai), daftar[0] if daftar else None)
        nama.append(f"{t.singkatan} {jabatan.nama}" if t else jabatan.nama)
    return nama


def _penugasan_pasangan(pegawai_ids: list[int], jabatan_ids: list[int]):
    return Penugasan.objects.filter(pegawai_id__in=pegawai_ids, jabatan_id__in=jabatan_ids).order_by("-mulai", "-id")


# On every letter page whose history or tree has an act by a Plt/Plh: compiled once per number of people
# and posts (lib.kueri_siap), up to _SIAP_MAKS of each so that the shapes stay few; more go as built.
_SIAP_MAKS = 4
_PENUGASAN_PASANGAN = Siap(_penugasan_pasangan, di_server=True)
