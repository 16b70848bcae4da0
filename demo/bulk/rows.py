"""One chunk of bulk letters as COPY lines, table by table, following what the services write for each
move (surat/services, disposisi/services): a draft has its konseptor's access and a DIBUAT line; a
signed letter has a number from its OPD's counter, access for the chain, the signer, every recipient and
the pencatat of the sending and receiving OPDs, an agenda line per receiving OPD, its timeline; a paper
letter is registered in the receiving OPD's agenda; received letters are read, followed up and disposed
down the receiving head's tree (BESAR_TIAP letters get a 50-node tree). Every letter gets its search
index row (written through a staging table so PostgreSQL computes the tsvectors, as arsip.indeks does).

Ids come from `Ids` (blocks reserved from the tables' sequences), so rows can point at each other
before they are written."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from demo.bulk.plan import OpdPlan, Orang, Plan
from demo.bulk.teks import INSTANSI, PENERIMA_LUAR, Penulis
from surat.numbering import format_nomor

UTC = datetime.UTC
WIB = datetime.timezone(datetime.timedelta(hours=7))
N = r"\N"
BESAR_TIAP = 5000  # one letter in this many gets a 50-node disposition tree
POHON_BESAR = 50
HARI_BACKLOG_RAPI = 730  # the well-run OPD left some letters unopened in its first years only

COLS = {
    "surat": (
        "id jenis_id sumber status konseptor_id jabatan_konseptor_id opd_id klasifikasi_id keamanan urgensi hal isi "
        "data_tambahan penandatangan_id atas_nama_id untuk_beliau giliran_id penandatangan_pegawai_id ttd_nama "
        "ttd_nip ttd_pangkat ttd_jabatan ttd_sebutan ttd_atas_nama ttd_untuk_beliau nomor nomor_urut tahun tanggal "
        "ditandatangani_pada balasan_untuk_id asal_instansi nomor_asal tanggal_asal tanggal_terima ringkasan versi "
        "dibuat diubah jenis_koreksi dikoreksi"
    ),
    "penerima": (
        "id surat_id jenis urutan jabatan_id opd_id nama_tampil eksternal_nama eksternal_alamat eksternal_email "
        "diterima_pada dibaca_pada dibaca_oleh_id ditindaklanjuti_pada kirim_status kirim_cara dikirim_pada "
        "dikirim_oleh_id kirim_catatan"
    ),
    "akses": "surat_id jabatan_id opd_id peran dibuat",
    "log": "surat_id waktu actor_id jabatan_id aksi dari_status ke_status catatan penerima_id",
    "verifikator": "surat_id urutan jabatan_id status pegawai_id waktu catatan",
    "agenda": "opd_id tahun nomor surat_id penerima_id tanggal_terima dicatat_oleh_id dibuat",
    "lampiran": "surat_id nama_asli ukuran mime sha256 berkas diunggah_oleh_id dibuat",
    "disposisi": (
        "id surat_id induk_id dari_jabatan_id dari_pegawai_id kepada_jabatan_id catatan batas_waktu prioritas status "
        "dibuat dibaca_pada dibaca_oleh_id selesai_pada dibatalkan_pada token_kirim"
    ),
    "instruksi": "disposisi_id instruksidisposisi_id",
    "laporan": "disposisi_id isi pegawai_id jabatan_id dibuat",
    "indeks": "surat_id tanggal keamanan jenis_id opd_id kode_klasifikasi register judul isi lampiran akses",
}


def kunci_akses(akses: set[tuple[int | None, int | None, str]]) -> str:
    """The access keys of the index row (arsip.indeks.kunci_akses, from the same access rows)."""
    keys = {f"j{j}" for j, _, _ in akses if j} | {f"p{o}" for j, o, peran in akses if not j and peran == "pencatat"}
    return " ".join(sorted(keys))


TABLES_WITH_IDS = ("surat", "penerima", "disposisi")


def _dt(x: datetime.datetime) -> str:
    return x.isoformat(" ")


# COPY text per Python type (the generated texts hold no tab, newline or backslash).
_FMT: dict[type, Callable[[Any], str]] = {
    str: str,
    int: str,
    type(None): lambda x: N,
    bool: lambda x: "t" if x else "f",
    datetime.datetime: _dt,
    datetime.date: datetime.date.isoformat,
}


class Chunk:
    """COPY lines per table for one chunk of letters."""

    def __init__(self) -> None:
        self.lines: dict[str, list[str]] = {t: [] for t in COLS}
        self.surat = 0

    def add(self, table: str, *values: object) -> None:
        self.lines[table].append("\t".join([_FMT[x.__class__](x) for x in values]) + "\n")


class Counters:
    """Letter and agenda numbers of one year, per OPD, continuing from the app's counters (Penomoran)."""

    def __init__(self, surat: dict[int, int], agenda: dict[int, int]) -> None:
        self.surat = defaultdict(int, surat)
        self.agenda = defaultdict(int, agenda)


def peluang_dibuka(opd_id: int | None, tanggal: datetime.date, today: datetime.date, rapi: int | None) -> float:
    """How likely a letter an OPD received on `tanggal` has been opened: 95% after two weeks, half before;
    in the well-run OPD `rapi` (plan.OPD_RAPI) every letter, but for 30% of those from its first years."""
    hari = (today - tanggal).days
    if opd_id is not None and opd_id == rapi:
        return 0.7 if hari > HARI_BACKLOG_RAPI else 1.0
    return 0.95 if hari > 14 else 0.5


class Maker:
    """Writes letters of one year into chunks. `ids(table)` gives the next id of a table."""

    def __init__(
        self,
        plan: Plan,
        *,
        tahun: int,
        today: datetime.date,
        rng: random.Random,
        counters: Counters,
        ids: Callable[[str], int],
        pola_nomor: str,
    ) -> None:
        self.p, self.tahun, self.today, self.rng, self.c, self.ids = plan, tahun, today, rng, counters, ids
        self.pola = pola_nomor
        self.tulis = Penulis(rng)
        self.opd_bobot = [o.bobot for o in plan.opd]
        self.jenis_naskah = [j for j in plan.jenis if j[2] != "penetapan"] or plan.jenis
        self.jenis_surat_dinas = next((j for j in plan.jenis if j[1] == "surat-dinas"), plan.jenis[0])
        self.terakhir_diterima: dict[int, int] = {}  # OPD -> a letter it received lately (for replies)
        self.n = 0
        self.besar_berikut = False  # the next disposition that can be a 50-node tree becomes one
        self._bawah: dict[int, set[int]] = {}

    # ------------------------------------------------------------ helpers

    def _opd(self) -> OpdPlan:
        return self.rng.choices(self.p.opd, weights=self.opd_bobot)[0]

    def _chain(self, konseptor: Orang, signer: Orang) -> list[int]:
        """The konseptor's superiors below the signer (at most 3 initials), bottom up."""
        chain, j = [], self.p.atasan.get(konseptor.jabatan_id)
        while j is not None and j != signer.jabatan_id and len(chain) < 10:
            chain.append(j)
            j = self.p.atasan.get(j)
        chain = [j for j in chain if j in self.p.pemangku]
        return chain[-3:] if j == signer.jabatan_id else []

    # ------------------------------------------------------------ letters

    def letter(self, ch: Chunk, when: datetime.datetime) -> None:
        """One letter dated `when` (UTC): a paper letter (30%) or one written in the app."""
        self.n += 1
        ch.surat += 1
        if self.n % BESAR_TIAP == 1:
            self.besar_berikut = True
        self._pasangan: set[tuple[int, int]] = set()  # (from, to) of this letter's dispositions
        if self.rng.random() < 0.3:
            self._paper(ch, when)
        else:
            self._naskah(ch, when)

    def _status(self, when: datetime.datetime) -> str:
        age = (self.today - when.astimezone(WIB).date()).days
        if age > 30:
            return "terkirim"
        r = self.rng.random()
        return "konsep" if r < 0.07 else "paraf" if r < 0.11 else "ttd" if r < 0.15 else "terkirim"

    def _naskah(self, ch: Chunk, signed: datetime.datetime) -> None:
        rng, p = self.rng, self.p
        opd = self._opd()
        konseptor = rng.choice(opd.konseptor)
        signer = opd.penandatangan[0] if rng.random() < 0.8 else rng.choice(opd.penandatangan)
        chain = self._chain(konseptor, signer)
        status = self._status(signed)
        final = status == "terkirim"
        sid = self.ids("surat")
        jenis = self.jenis_surat_dinas if rng.random() < 0.5 else rng.choice(self.jenis_naskah)
        kka_id, kka = rng.choice(p.kka)
        keamanan = "rahasia" if rng.random() < 0.02 else "terbatas" if rng.random() < 0.05 else "biasa"
        urgensi = "amat_segera" if rng.random() < 0.03 else "segera" if rng.random() < 0.12 else "biasa"
        dibuat = signed - datetime.timedelta(hours=rng.randint(2, 120))
        hal, isi = self.tulis.hal(), self.tulis.isi()

        # Recipients: internal heads of other OPDs (and the Wali Kota now and then), externals, copies.
        tujuan: list[int] = []
        eksternal = rng.random() < 0.25
        if not eksternal:
            for _ in range(1 if rng.random() < 0.8 else rng.randint(2, 3)):
                if p.walikota and rng.random() < 0.04:
                    j = p.walikota.jabatan_id
                else:
                    other = self._opd()
                    j = other.penerima[0] if rng.random() < 0.8 else rng.choice(other.penerima)
                if j not in tujuan and j != signer.jabatan_id:
                    tujuan.append(j)
            if not tujuan:
                tujuan.append(p.sekda.jabatan_id if p.sekda else opd.penerima[0])
        tembusan = []
        if rng.random() < 0.3 and p.sekda and p.sekda.jabatan_id not in tujuan:
            tembusan.append(p.sekda.jabatan_id)
        if rng.random() < 0.1 and p.walikota and p.walikota.jabatan_id not in tujuan + tembusan:
            tembusan.append(p.walikota.jabatan_id)
        tembusan = [j for j in tembusan if j != signer.jabatan_id]
        luar = [rng.choice(PENERIMA_LUAR)] if eksternal else []

        nomor = urut = tahun = tanggal = None
        if final:
            self.c.surat[opd.id] += 1
            urut, tahun, tanggal = self.c.surat[opd.id], self.tahun, signed.astimezone(WIB).date()
            nomor = format_nomor(self.pola, kka=kka, urut=urut, kode_opd=opd.kode, tanggal=tanggal)
        giliran = None
        n_paraf = len(chain) if status in ("terkirim", "ttd") else rng.randrange(len(chain)) if chain else 0
        if status == "paraf":
            if chain:
                giliran = chain[n_paraf]
            else:
                status = "ttd"
        balasan = None
        if final and rng.random() < 0.05:
            balasan = self.terakhir_diterima.get(opd.id)
        ch.add(
            "surat",
            sid, jenis[0], "naskah", status, konseptor.pegawai_id, konseptor.jabatan_id, opd.id, kka_id, keamanan,
            urgensi, hal, f"<p>{isi}</p>", "{}", signer.jabatan_id, None, False, giliran,
            signer.pegawai_id if final else None,
            signer.nama if final else "", signer.nip if final else "", signer.pangkat if final else "",
            signer.jabatan_nama if final else "", signer.sebutan if final else "", "", "",
            nomor, urut, tahun, tanggal, signed if final else None, balasan, "", "", None, None, "", 1,
            dibuat, signed if final else dibuat, "", "",
        )  # fmt: skip
        akses: set[tuple[int | None, int | None, str]] = {(konseptor.jabatan_id, None, "konseptor")}
        ch.add("log", sid, dibuat, konseptor.pegawai_id, konseptor.jabatan_id, "dibuat", "", "konsep", "", None)
        for i, j in enumerate(chain, start=1):
            done = i <= n_paraf
            ch.add("verifikator", sid, i, j, "disetujui" if done else "menunggu",
                   p.pemangku[j] if done else None, dibuat if done else None, "")  # fmt: skip
        if status != "konsep":
            akses |= {(j, None, "verifikator") for j in chain} | {(signer.jabatan_id, None, "penandatangan")}
            to = "paraf" if chain else "ttd"
            ch.add("log", sid, dibuat, konseptor.pegawai_id, konseptor.jabatan_id, "diajukan", "konsep", to, "", None)
            for j in chain[:n_paraf]:
                ch.add("log", sid, dibuat, p.pemangku[j], j, "diparaf", "paraf", "paraf", "", None)
        if final:
            ch.add(
                "log", sid, signed, signer.pegawai_id, signer.jabatan_id, "ditandatangani", "ttd", "terkirim", "", None
            )
            akses.add((None, opd.id, "pencatat"))

        urutan = 0
        agenda_opd: set[int] = set()
        for jenis_p, daftar in (("tujuan", tujuan), ("tembusan", tembusan)):
            for j in daftar:
                urutan += 1
                pid, rcv_opd = self.ids("penerima"), p.opd_of.get(j)
                dibuka = final and rng.random() < peluang_dibuka(rcv_opd, tanggal, self.today, p.rapi)
                pembaca = p.pemangku.get(j) if dibuka else None
                dibaca = signed + datetime.timedelta(minutes=rng.randint(5, 2000)) if pembaca else None
                lanjut = jenis_p == "tujuan" and pembaca and self._disposisi(ch, sid, j, dibaca, akses)
                ch.add("penerima", pid, sid, jenis_p, urutan, j, rcv_opd, p.nama[j] if final else "", "", "", "",
                       signed if final else None, dibaca, pembaca, dibaca if lanjut else None, "", "", None, None,
                       "")  # fmt: skip
                if not final:
                    continue
                akses.add((j, None, jenis_p))
                ch.add("log", sid, signed, signer.pegawai_id, j, "diterima", "", "", "", pid)
                if pembaca:
                    ch.add("log", sid, dibaca, pembaca, j, "dibaca", "", "", "", pid)
                if jenis_p == "tujuan" and rcv_opd is not None and rcv_opd not in agenda_opd:
                    agenda_opd.add(rcv_opd)
                    akses.add((None, rcv_opd, "pencatat"))
                    self.c.agenda[rcv_opd] += 1
                    ch.add("agenda", rcv_opd, self.tahun, self.c.agenda[rcv_opd], sid, pid, tanggal, None, signed)
                    self.terakhir_diterima[rcv_opd] = sid
        for nama, alamat, email in luar:
            urutan += 1
            sent = final and (self.today - tanggal).days > 3
            ch.add("penerima", self.ids("penerima"), sid, "tujuan", urutan, None, None, nama if final else "", nama,
                   alamat, email, None, None, None, None, "terkirim" if sent else ("belum" if final else ""),
                   ("email" if email else "pos") if sent else "", signed if sent else None,
                   (p.pemangku.get(opd.penerima[0]) and opd.pencatat_id) if sent else None, "")  # fmt: skip
        if final:
            ch.add("log", sid, signed, signer.pegawai_id, None, "dikirim", "", "terkirim", "", None)
        for jab, o, peran in akses:
            ch.add("akses", sid, jab, o, peran, dibuat if peran == "konseptor" else signed)
        if rng.random() < 0.25:
            self._lampiran(ch, sid, konseptor.pegawai_id, dibuat, rng.randint(1, 2))
        names = [p.nama[j] for j in tembusan] + [p.nama[j] for j in tujuan] + [x[0] for x in luar]
        pengirim = [signer.jabatan_nama, signer.nama, opd.nama] if final else [opd.nama]
        register = " ".join(x for x in [nomor or "", *pengirim, *names] if x)
        ch.add("indeks", sid, tanggal, keamanan, jenis[0], opd.id, kka, register, hal, isi, "", kunci_akses(akses))

    def _paper(self, ch: Chunk, when: datetime.datetime) -> None:
        """A paper letter registered by the receiving OPD's pencatat (surat.services.paper)."""
        rng, p = self.rng, self.p
        opd = self._opd()
        sid, pid = self.ids("surat"), self.ids("penerima")
        tanggal = when.astimezone(WIB).date()
        tujuan = opd.penerima[0] if rng.random() < 0.8 else rng.choice(opd.penerima)
        kka_id, kka = rng.choice(p.kka)
        asal = rng.choice(INSTANSI)
        nomor_asal = f"{kka}/{rng.randint(1, 9999)}/{asal.split()[0].upper()}/{tanggal.year}"
        hal, ringkasan = self.tulis.hal(), self.tulis.isi()
        keamanan = "rahasia" if rng.random() < 0.02 else "biasa"
        tanggal_asal = tanggal - datetime.timedelta(days=rng.randint(1, 10))
        ch.add(
            "surat",
            sid, self.jenis_surat_dinas[0], "masuk_luar", "tercatat", None, None, opd.id, kka_id, keamanan, "biasa",
            hal, "", "{}", None, None, False, None, None, "", "", "", "", "", "", "", None, None, None, tanggal,
            None, None, asal, nomor_asal, tanggal_asal, tanggal, ringkasan, 1, when, when, "", "",
        )  # fmt: skip
        baca = rng.random() < peluang_dibuka(opd.id, tanggal, self.today, p.rapi)
        pembaca = p.pemangku.get(tujuan) if baca else None
        dibaca = when + datetime.timedelta(minutes=rng.randint(5, 2000)) if pembaca else None
        akses = {(tujuan, None, "tujuan"), (None, opd.id, "pencatat")}
        lanjut = bool(pembaca) and self._disposisi(ch, sid, tujuan, dibaca, akses)
        ch.add("penerima", pid, sid, "tujuan", 1, tujuan, opd.id, p.nama[tujuan], "", "", "", when, dibaca, pembaca,
               dibaca if lanjut else None, "", "", None, None, "")  # fmt: skip
        self.c.agenda[opd.id] += 1
        nomor_agenda = self.c.agenda[opd.id]
        ch.add("agenda", opd.id, self.tahun, nomor_agenda, sid, pid, tanggal, opd.pencatat_id, when)
        for jab, o, peran in akses:
            ch.add("akses", sid, jab, o, peran, when)
        catat = f"Nomor agenda {nomor_agenda}/{self.tahun}"
        ch.add("log", sid, when, opd.pencatat_id, None, "dicatat", "", "tercatat", catat, None)
        ch.add("log", sid, when, opd.pencatat_id, tujuan, "diterima", "", "", "", pid)
        if pembaca:
            ch.add("log", sid, dibaca, pembaca, tujuan, "dibaca", "", "", "", pid)
        self._lampiran(ch, sid, opd.pencatat_id, when, 1)
        self.terakhir_diterima[opd.id] = sid
        ch.add("indeks", sid, tanggal, keamanan, self.jenis_surat_dinas[0], opd.id, kka,
               f"{nomor_asal} {asal} {p.nama[tujuan]}", hal, ringkasan, "", kunci_akses(akses))  # fmt: skip

    def _lampiran(self, ch: Chunk, sid: int, oleh: int | None, when: datetime.datetime, n: int) -> None:
        for i in range(n):
            ch.add("lampiran", sid, f"lampiran-{sid}-{i + 1}.pdf", self.rng.randint(40_000, 4_000_000),
                   "application/pdf", f"{sid:032x}{i:032x}", f"private/surat/bulk/{sid}-{i + 1}.pdf", oleh, when)  # fmt: skip

    # ------------------------------------------------------------ dispositions

    def _disposisi(self, ch: Chunk, sid: int, root: int, when: datetime.datetime, akses: set) -> bool:
        """The addressee disposes the letter down their tree (35% of read letters; one in BESAR_TIAP
        gets a 50-node tree, breadth first over everyone below). Adds the access rows to `akses`."""
        rng, p = self.rng, self.p
        besar = self.besar_berikut and len(self._subtree(root)) >= POHON_BESAR
        if not besar and rng.random() > 0.35:
            return False
        old = (self.today - when.astimezone(WIB).date()).days > 45
        nodes: list[tuple[int, int | None, int, int]] = []  # id, induk, dari, kepada
        frontier: list[tuple[int | None, int]] = [(None, root)]
        limit = POHON_BESAR if besar else rng.randint(1, 6)
        while frontier and len(nodes) < limit:
            induk, dari = frontier.pop(0)
            anak = [j for j in p.bawahan.get(dari, ()) if j in p.pemangku]
            if not besar:
                anak = rng.sample(anak, min(len(anak), rng.randint(1, 2)))
            for j in [j for j in anak if (dari, j) not in self._pasangan][: limit - len(nodes)]:
                self._pasangan.add((dari, j))
                did = self.ids("disposisi")
                nodes.append((did, induk, dari, j))
                frontier.append((did, j))
        if not nodes:
            return False
        if besar:
            self.besar_berikut = False
        parents = {n[1] for n in nodes}
        kepada_by_dari: dict[int, list[int]] = defaultdict(list)
        for did, induk, dari, kepada in nodes:
            t = when + datetime.timedelta(minutes=10 * (len(kepada_by_dari) + 1))
            leaf = did not in parents
            rapi = p.opd_of.get(kepada) == p.rapi  # the well-run OPD finishes what it is given, at once
            status = "selesai" if old or rapi else ("terkirim" if leaf else "diteruskan")
            dibaca = t + datetime.timedelta(hours=2) if status != "terkirim" else None
            selesai = (
                t + (datetime.timedelta(days=3) if old else datetime.timedelta(hours=4))
                if status == "selesai"
                else None
            )
            batas = (t + datetime.timedelta(days=7)).date() if rng.random() < 0.5 else None
            ch.add("disposisi", did, sid, induk, dari, p.pemangku[dari], kepada, "Mohon ditindaklanjuti.", batas,
                   "biasa", status, t, dibaca, p.pemangku[kepada] if dibaca else None, selesai, None, "")  # fmt: skip
            for ins in rng.sample(p.instruksi, min(len(p.instruksi), rng.randint(1, 2))):
                ch.add("instruksi", did, ins)
            if leaf and selesai:
                ch.add("laporan", did, "Sudah ditindaklanjuti sesuai arahan.", p.pemangku[kepada], kepada, selesai)
            kepada_by_dari[dari].append(kepada)
        for dari, kepada in kepada_by_dari.items():
            catatan = "Kepada: " + ", ".join(p.nama[j] for j in kepada)
            ch.add("log", sid, when, p.pemangku[dari], dari, "didisposisikan", "", "", catatan[:2000], None)
        akses |= {(n[3], None, "disposisi") for n in nodes}
        return True

    def _subtree(self, root: int) -> set[int]:
        """Everyone below `root` who has a holder today (cached: the structure does not change)."""
        if root not in self._bawah:
            found, frontier = set(), [root]
            while frontier and len(found) < 1000:
                frontier = [j for f in frontier for j in self.p.bawahan.get(f, ()) if j not in found]
                found |= {j for j in frontier if j in self.p.pemangku}
            self._bawah[root] = found
        return self._bawah[root]
