"""The disposition tree of a letter: its nodes as a user may see them, with their instructions, reports
and progress (the letter page and the tree page print it, disposisi/pohon_html.py), and the lembar
disposisi's rows (its PDF, surat.pdf).

Built in Python from a constant number of reads, each compiled once (lib.kueri_siap): the letter's
dispositions, their posts and people, the instructions and the reports of the nodes shown. Nothing here
grows its query count with the tree."""

from __future__ import annotations

import datetime
import operator
from dataclasses import dataclass, field
from functools import cached_property, reduce
from typing import Any

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from disposisi.akses import Rantai
from disposisi.models import Disposisi, InstruksiDisposisi, LampiranLaporan, LaporanTindakLanjut, Lencana
from lib.kueri_siap import Siap
from organisasi import acting
from organisasi.acting import nama_bertindak_semua
from organisasi.models import Jabatan, Pegawai
from surat.models import Surat
from surat.terbilang import hari_tanggal, waktu_tampil

S = Disposisi.Status


@dataclass
class Simpul:
    """A node of the tree as the page shows it, with what the page prints worked out once in Python
    (printed by disposisi/pohon_html.py)."""

    d: Disposisi
    anak: list[Simpul] = field(default_factory=list)
    level: int = 0
    untuk_saya: bool = False
    dari_saya: bool = False
    pemberi: str = ""  # the giver's jabatan as organisasi.acting.nama_bertindak_semua writes it
    tutup: range = range(0)  # the levels of the page's nested lists that end with this node
    instruksi: list[str] = field(default_factory=list)  # names, in the Pemda's order
    laporan: list[LaporanTindakLanjut] = field(default_factory=list)

    @property
    def keadaan(self) -> str:
        return self.d.keadaan

    @cached_property
    def lencana(self) -> Lencana:
        return self.d.lencana

    @property
    def boleh_teruskan(self) -> bool:
        return self.untuk_saya and self.d.is_aktif

    @property
    def boleh_laporkan(self) -> bool:
        return self.untuk_saya and self.d.is_aktif

    @property
    def boleh_batalkan(self) -> bool:
        return self.dari_saya and self.d.status == S.TERKIRIM

    @property
    def kelas(self) -> str:
        """The node's own classes: the user's own branch stands out, a cancelled one is faded."""
        kelas = " border-primary border-2" if self.untuk_saya else ""
        return kelas + (" opacity-75" if self.d.status == S.DIBATALKAN else "")

    @property
    def prioritas(self) -> str:
        return self.d.get_prioritas_display() if self.d.prioritas != Disposisi.Prioritas.BIASA else ""

    def dari(self, zona: datetime.tzinfo | None = None) -> str:
        """'Kepala Dinas (Budi Santoso, S.Kom.), 6 Desember 2026, 09.30 WIB' (`zona`: surat.terbilang.waktu_tampil)."""
        return f"{self.pemberi} ({self.d.dari_pegawai.nama_lengkap}), {waktu_tampil(self.d.dibuat, zona)} WIB"

    @cached_property
    def batas(self) -> str:
        return hari_tanggal(self.d.batas_waktu)

    def dibaca(self, zona: datetime.tzinfo | None = None) -> str:
        """'6 Desember 2026, 09.30 WIB oleh Budi Santoso', or "" while unread."""
        if not self.d.dibaca_pada:
            return ""
        oleh = f" oleh {self.d.dibaca_oleh.nama_lengkap}" if self.d.dibaca_oleh_id else ""
        return f"{waktu_tampil(self.d.dibaca_pada, zona)} WIB{oleh}"

    @property
    def url_teruskan(self) -> str:
        return reverse("disposisi:buat", args=[self.d.surat_id, self.d.pk])


@dataclass
class Pohon:
    akar: list[Simpul]
    selesai: int
    total: int
    terlambat: int
    belum_dibaca: int

    @property
    def persen(self) -> int:
        return round(100 * self.selesai / self.total) if self.total else 0

    @property
    def tuntas(self) -> bool:
        return self.total > 0 and self.selesai == self.total

    def __iter__(self):
        """Depth-first, for flat listings."""
        stack = list(reversed(self.akar))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.anak))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @cached_property
    def baris(self) -> list[Simpul]:
        """The nodes top-down, each with `tutup` set: how many branches end with it."""
        nodes = list(self)
        for node in nodes:
            node.tutup = range(0)
        for node in nodes:
            if node.anak:
                last = node.anak[-1]
                while last.anak:
                    last = last.anak[-1]
                last.tutup = range(len(last.tutup) + 1)
        return nodes


def disposisi_surat(surat: Surat, untuk: Pegawai | None = None) -> list[Disposisi]:
    """Every disposition of the letter, oldest first, with the people the tree prints: what the letter
    page shares between its tree and its buttons (`tree`, `jalur_disposisi`), each with `opd_dari` (the
    giver's OPD). The dispositions first, then their posts and people, each once (joined to every row, a
    50-node tree made 300 instances where 150 differ: 2.6 ms); not at all when there are none, or when
    `untuk` may see none of them (a Wali Kota on a letter the OPD disposed inside: 1.5 ms)."""
    rows = _DISPOSISI_SURAT(surat_id=surat.pk)
    if not rows or (untuk is not None and not Rantai.of_loaded(rows).terlihat(untuk)):
        return rows
    jabatan = {j.pk: j for j in _JABATAN_DISPOSISI(surat_id=surat.pk)}
    pegawai = {p.pk: p for p in _PEGAWAI_DISPOSISI(surat_id=surat.pk)}
    relasi = [(Disposisi._meta.get_field(nama), jabatan) for nama in ("dari_jabatan", "kepada_jabatan")]
    relasi += [(Disposisi._meta.get_field(nama), pegawai) for nama in ("dari_pegawai", "dibaca_oleh")]
    for d in rows:
        for fk, kumpulan in relasi:
            fk.set_cached_value(d, kumpulan.get(getattr(d, fk.attname)))
    return rows


def _dari_disposisi(surat_id: int, *kolom: str) -> Q:
    """The rows whose pk is in one of `kolom` of the letter's dispositions."""
    semua = Disposisi.objects.filter(surat_id=surat_id)
    return reduce(operator.or_, (Q(pk__in=semua.values(k)) for k in kolom))


# On every letter page with dispositions: compiled once (lib.kueri_siap).
# The giver's OPD comes with each row (disposisi.akses.Rantai.of_loaded), not as a unit per post: nothing
# the tree or its buttons print needs a post's unit.
_DISPOSISI_SURAT = Siap(
    lambda surat_id: (
        Disposisi.objects.filter(surat_id=surat_id).annotate(opd_dari=F("dari_jabatan__unit__opd_id")).order_by("id")
    ),
    di_server=True,
)
_JABATAN_DISPOSISI = Siap(
    lambda surat_id: Jabatan.objects.filter(
        _dari_disposisi(surat_id, "dari_jabatan_id", "kepada_jabatan_id")
    ).order_by(),
    di_server=True,
)
_PEGAWAI_DISPOSISI = Siap(
    lambda surat_id: Pegawai.objects.filter(_dari_disposisi(surat_id, "dari_pegawai_id", "dibaca_oleh_id")).order_by(),
    di_server=True,
)


# The instructions, reports and report files of a letter's dispositions, each read compiled once: the
# tree attaches those of the nodes shown (a branch hidden from the user is read and left out).
_INSTRUKSI_SURAT = Siap(
    lambda surat_id: (
        Disposisi.instruksi.through.objects.filter(disposisi__surat_id=surat_id)
        .order_by("instruksidisposisi__urutan", "instruksidisposisi__nama", "instruksidisposisi_id")
        .values_list("disposisi_id", "instruksidisposisi__nama")
    ),
    di_server=True,
)
_LAPORAN_SURAT = Siap(lambda surat_id: LaporanTindakLanjut.objects.filter(disposisi__surat_id=surat_id), di_server=True)
_BERKAS_LAPORAN_SURAT = Siap(
    lambda surat_id: LampiranLaporan.objects.filter(laporan__disposisi__surat_id=surat_id), di_server=True
)


def _lengkapi(nodes: dict[int, Simpul], surat_id: int) -> None:
    """The instructions and reports (with their files) of the nodes shown, grouped here: Django's
    prefetch made a queryset per disposition (a third of the tree's time). The files are read only when
    a node shown has a report."""
    if not nodes:
        return
    for d_id, nama in _INSTRUKSI_SURAT(surat_id=surat_id):
        if d_id in nodes:
            nodes[d_id].instruksi.append(nama)
    laporan = [lap for lap in _LAPORAN_SURAT(surat_id=surat_id) if lap.disposisi_id in nodes]
    if not laporan:
        return
    berkas: dict[int, list[LampiranLaporan]] = {}
    for f in _BERKAS_LAPORAN_SURAT(surat_id=surat_id):
        berkas.setdefault(f.laporan_id, []).append(f)
    _pelapor(laporan, nodes)
    for lap in laporan:
        lap.berkas_termuat = berkas.get(lap.pk, [])  # what disposisi.pohon_html prints
        nodes[lap.disposisi_id].laporan.append(lap)


def _pelapor(laporan: list[LaporanTindakLanjut], nodes: dict[int, Simpul]) -> None:
    """Each report's author from the people the tree loaded already: who reports on a disposition has
    opened it, so is its reader (joined to every report, 38 reports made 38 more people: ~1 ms). Anyone
    else, in one read."""
    orang = {}
    for n in nodes.values():
        for fk in _ORANG_DISPOSISI:
            if (p := fk.get_cached_value(n.d, None)) is not None:
                orang[p.pk] = p
    if kurang := {lap.pegawai_id for lap in laporan} - orang.keys():
        orang.update((p.pk, p) for p in Pegawai.objects.filter(pk__in=kurang))
    pegawai = LaporanTindakLanjut._meta.get_field("pegawai")
    for lap in laporan:
        pegawai.set_cached_value(lap, orang[lap.pegawai_id])


_ORANG_DISPOSISI = [Disposisi._meta.get_field(nama) for nama in ("dibaca_oleh", "dari_pegawai")]


def tree(surat: Surat, pegawai: Pegawai | None = None, semua: list[Disposisi] | None = None) -> Pohon:
    """The disposition tree of a letter as `pegawai` may see it (disposisi.akses; without a pegawai: all of
    it, for tasks) with each node's state and the progress summary: finished branches (leaves not
    cancelled) of all branches, overdue and unread counts. Constant queries: the dispositions with their
    people, the instructions and reports of those shown (the reports' files only when there are reports),
    and the Plt/Plh names of givers acting for another post (only when there are any). `semua`: the
    letter's dispositions when the page loaded them already (`disposisi_surat`)."""
    ids = acting.of(pegawai).jabatan_ids if pegawai is not None else set()
    rows = disposisi_surat(surat) if semua is None else semua
    terlihat = Rantai.of_loaded(rows).terlihat(pegawai) if pegawai is not None else None
    nodes: dict[int, Simpul] = {}
    akar: list[Simpul] = []
    for d in rows:
        if terlihat is not None and d.pk not in terlihat:
            continue
        node = Simpul(d, untuk_saya=d.kepada_jabatan_id in ids, dari_saya=d.dari_jabatan_id in ids)
        nodes[d.pk] = node
        parent = nodes.get(d.induk_id) if d.induk_id else None
        if parent is None:
            akar.append(node)
        else:
            node.level = parent.level + 1
            parent.anak.append(node)
    _lengkapi(nodes, surat.pk)
    semua = list(nodes.values())
    pemberi = nama_bertindak_semua([(n.d.dari_pegawai, n.d.dari_jabatan, n.d.dibuat) for n in semua])
    for node, nama in zip(semua, pemberi, strict=True):
        node.pemberi = nama
    hidup = [n for n in semua if n.d.status != S.DIBATALKAN]
    daun = [n for n in hidup if not any(a.d.status != S.DIBATALKAN for a in n.anak)]
    return Pohon(
        akar=akar,
        selesai=sum(1 for n in daun if n.d.status == S.SELESAI),
        total=len(daun),
        terlambat=sum(1 for n in hidup if n.d.terlambat),
        belum_dibaca=sum(1 for n in hidup if n.d.status == S.TERKIRIM),
    )


def entries_for_lembar(surat: Surat, pegawai: Pegawai | None = None) -> list[dict[str, Any]]:
    """The rows of the lembar disposisi as `pegawai` may see them, top-down (cancelled dispositions left
    out): kepada, instruksi
    (names), catatan, batas_waktu, prioritas, dari, tanggal, paraf (who disposed), level."""
    return [
        {
            "kepada": n.d.kepada_jabatan.nama,
            "instruksi": n.instruksi,
            "catatan": n.d.catatan,
            "batas_waktu": n.d.batas_waktu,
            "prioritas": n.d.get_prioritas_display(),
            "dari": n.pemberi,
            "tanggal": timezone.localdate(n.d.dibuat),
            "paraf": n.d.dari_pegawai.nama_lengkap,
            "level": n.level,
        }
        for n in tree(surat, pegawai)
        if n.d.status != S.DIBATALKAN
    ]


def lembar_args(surat: Surat, pegawai: Pegawai | None = None) -> dict[str, Any]:
    """Keyword arguments for `surat.pdf.render_lembar_disposisi`: `entries` (BarisDisposisi, top-down) and
    `instruksi` (the Pemda's active instruction list plus any retired one still used)."""
    from surat.pdf import BarisDisposisi

    entries = entries_for_lembar(surat, pegawai)
    names = list(InstruksiDisposisi.objects.aktif().values_list("nama", flat=True))
    names += [n for n in dict.fromkeys(n for e in entries for n in e["instruksi"]) if n not in names]
    return {
        "entries": [
            BarisDisposisi(
                kepada=e["kepada"],
                instruksi=tuple(e["instruksi"]),
                catatan=e["catatan"],
                batas_waktu=e["batas_waktu"],
                dari=f"{e['dari']} — {e['paraf']}",
                tanggal=e["tanggal"],
            )
            for e in entries
        ],
        "instruksi": names,
    }
