"""What the bulk letters are made of, read once from the seeded demo city into plain data (the worker
processes get a copy): every OPD with its head, signers, drafters, pencatat and weight, every jabatan's
superior and holder, the kinds of letters, the KKA codes and the disposition instructions.

OPD sizes are skewed as in a real city: Diskominfo SP (whose head, pencatat and drafter are demo
accounts, and so the benchmark's users) writes and receives BESAR times the average, the Setda and the
Wali Kota's office twice the average, kecamatan and bagian half of it.

One OPD keeps its mail in order, as a well-run OPD does: Dishub (dishub.tu and dishub.kabid are demo
accounts, and so the benchmark's) opens every letter it receives but for a backlog from its first years on
the system, and finishes every disposition. Everywhere else ~5% stays unopened and the newest dispositions
open, so a read that walks an index until it finds what waits stops at once there and is measured here."""

from __future__ import annotations

from dataclasses import dataclass, field

from arsip.models import KlasifikasiArsip
from disposisi.models import InstruksiDisposisi
from organisasi import acting
from organisasi.models import Jabatan, Pegawai, Peran, UnitKerja
from surat.models import JenisSurat

OPD_TERBESAR = "DISKOMINFOSP"
BESAR = 8.0
OPD_RAPI = "DISHUB"


@dataclass(frozen=True)
class Orang:
    """A jabatan and whoever acts in it today, with what a signature copies (Surat.ttd_*)."""

    jabatan_id: int
    jabatan_nama: str
    pegawai_id: int
    nama: str
    nip: str
    pangkat: str
    sebutan: str  # "Plt." / "Plh." / ""


@dataclass
class OpdPlan:
    id: int
    kode: str
    nama: str
    bobot: float
    kepala: Orang | None
    penandatangan: list[Orang] = field(default_factory=list)  # kepala first, then who may sign below
    konseptor: list[Orang] = field(default_factory=list)
    pencatat_id: int | None = None  # pegawai who registers the OPD's mail
    penerima: list[int] = field(default_factory=list)  # jabatan that letters from other OPDs are addressed to


@dataclass
class Plan:
    opd: list[OpdPlan]
    atasan: dict[int, int | None]
    bawahan: dict[int, list[int]]
    nama: dict[int, str]
    pemangku: dict[int, int]  # jabatan -> pegawai acting in it today
    opd_of: dict[int, int]  # jabatan -> its OPD
    jenis: list[tuple[int, str, str]]  # id, kode, keluarga
    kka: list[tuple[int, str]]
    instruksi: list[int]
    walikota: Orang | None
    sekda: Orang | None
    rapi: int | None = None  # the OPD that opens and finishes everything (OPD_RAPI)


def _bobot(unit: UnitKerja) -> float:
    if unit.kode == OPD_TERBESAR:
        return BESAR
    if unit.jenis in (UnitKerja.Jenis.SETDA, UnitKerja.Jenis.PEMDA):
        return 2.0
    if unit.jenis in (UnitKerja.Jenis.KECAMATAN, UnitKerja.Jenis.BAGIAN, UnitKerja.Jenis.KELURAHAN):
        return 0.5
    return 1.0


def load() -> Plan:
    """Read the seeded structure (a few queries). Raises ValueError when there is no demo city."""
    units = {u.pk: u for u in UnitKerja.objects.all()}
    jabatan = list(Jabatan.objects.filter(aktif=True).order_by("pk"))
    if not jabatan:
        raise ValueError("Belum ada struktur organisasi: jalankan manage.py seed_demo dulu.")
    pegawai = {p.pk: p for p in Pegawai.objects.all()}
    # Each post's definitive holder, else its Plt/Plh: a Plh keeps reading for their own post too (one
    # acting entry per person left the Sekretaris's post of a Plh unread).
    per_jabatan = acting.pegawai_per_jabatan([j.pk for j in jabatan])
    pemangku = {jabatan_id: orang[0].pk for jabatan_id, orang in per_jabatan.items() if orang}
    plt = {j.pk: "" for j in jabatan}
    for p in Pegawai.objects.filter(jabatan__isnull=False):
        plt[p.jabatan_id] = ""
    for j in jabatan:
        if j.pk in pemangku and pegawai[pemangku[j.pk]].jabatan_id != j.pk:
            plt[j.pk] = acting.fresh(pegawai[pemangku[j.pk]]).singkatan(j.pk)
    opd_of = {j.pk: units[j.unit_id].opd_id or j.unit_id for j in jabatan}

    def orang(j: Jabatan) -> Orang | None:
        if j.pk not in pemangku:
            return None
        p = pegawai[pemangku[j.pk]]
        return Orang(
            j.pk, j.nama, p.pk, p.nama_lengkap, p.nip or "", p.get_pangkat_display() if p.pangkat else "", plt[j.pk]
        )

    pencatat = dict(Peran.objects.filter(jenis=Peran.Jenis.PENCATAT).values_list("opd_id", "pegawai_id"))
    rencana: dict[int, OpdPlan] = {}
    for u in sorted((u for u in units.values() if u.is_opd and u.aktif), key=lambda u: u.pk):
        rencana[u.pk] = OpdPlan(u.pk, u.kode or u.singkatan, u.nama, _bobot(u), None, pencatat_id=pencatat.get(u.pk))
    for j in jabatan:
        plan = rencana.get(opd_of[j.pk])
        if plan is None:
            continue
        o = orang(j)
        kepala_opd = j.is_kepala_unit and j.unit_id == plan.id
        if kepala_opd:
            plan.kepala = o
            plan.penerima.insert(0, j.pk)
        elif j.is_kepala_unit:
            plan.penerima.append(j.pk)
        if o is None:
            continue
        if j.dapat_menandatangani:
            plan.penandatangan.insert(0, o) if kepala_opd else plan.penandatangan.append(o)
        elif j.eselon in (Jabatan.Eselon.FUNGSIONAL, Jabatan.Eselon.PELAKSANA):
            plan.konseptor.append(o)
    bawahan: dict[int, list[int]] = {}
    for j in jabatan:
        if j.atasan_id:
            bawahan.setdefault(j.atasan_id, []).append(j.pk)
    by_kode = {u.kode: u.pk for u in units.values() if u.is_opd}
    pimpinan = {
        key: next((p.kepala for p in rencana.values() if p.id == by_kode.get(kode)), None)
        for key, kode in (("walikota", "PEMKOT"), ("sekda", "SETDA"))
    }
    return Plan(
        opd=[p for p in rencana.values() if p.penandatangan and p.konseptor and p.kepala],
        atasan={j.pk: j.atasan_id for j in jabatan},
        bawahan=bawahan,
        nama={j.pk: j.nama for j in jabatan},
        pemangku=pemangku,
        opd_of=opd_of,
        jenis=list(JenisSurat.objects.filter(aktif=True).values_list("pk", "kode", "keluarga")),
        kka=list(KlasifikasiArsip.objects.filter(aktif=True).values_list("pk", "kode")),
        instruksi=list(InstruksiDisposisi.objects.aktif().values_list("pk", flat=True)),
        walikota=pimpinan["walikota"],
        sekda=pimpinan["sekda"],
        rapi=by_kode.get(OPD_RAPI),
    )
