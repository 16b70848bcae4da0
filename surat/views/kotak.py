"""The letter lists (Surat Masuk, Tembusan, Surat Keluar, Konsep, Perlu Paraf, Perlu Tanda Tangan), the
pencatat's pages (Buku Agenda with its exports, external sending, registering paper letters).

Every list goes through one helper and one template: the selector gives the scoped, ordered queryset,
lib.paging.page_of cuts one page (no COUNT query: one row more than the page tells whether a next page exists),
and surat.tabel prints the columns each list names."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from lib.forms import saringan
from lib.kueri_siap import Siap, Tetap, pasang_prefetch
from lib.paging import DaftarSiap, Halaman, page_of
from lib.tautan import alamat, alamat_atau_none
from organisasi import acting
from organisasi.acting import Actor
from organisasi.decorators import pegawai_required
from organisasi.models import UnitKerja
from surat import export, selectors, services, tabel, tiba
from surat.forms.kotak import AgendaFilterForm, CatatMasukForm, FilterForm
from surat.models import Agenda, Penerima, Surat
from surat.tabel import Baris

PER_HALAMAN = 25
STATUS_MASUK = [
    ("", "Semua surat"),
    ("belum_dibaca", "Belum dibaca"),
    ("belum_ditindaklanjuti", "Belum ditindaklanjuti"),
]
STATUS_TEMBUSAN = STATUS_MASUK[:2]


@dataclass(frozen=True)
class Daftar:
    judul: str
    keterangan: str
    kolom: tuple[str, ...]
    kosong: str
    tanpa_saringan: tuple[str, ...] = field(default=())
    # The path from a row to its letter: "" for lists of letters, "surat__" for receipts and agenda lines.
    awalan: str = ""


DAFTAR: dict[str, Daftar] = {
    "masuk": Daftar(
        "Surat Masuk",
        "Surat yang ditujukan kepada jabatan Anda. Surat yang belum dibaca tercetak tebal.",
        ("baca", "agenda", "asal", "nomor", "hal", "sifat", "diterima"),
        "Belum ada surat masuk. Surat yang dikirim ke jabatan Anda akan muncul di sini.",
        awalan="surat__",
    ),
    "tembusan": Daftar(
        "Tembusan",
        "Salinan surat untuk diketahui jabatan Anda.",
        ("baca", "asal", "nomor", "hal", "sifat", "diterima"),
        "Belum ada tembusan. Surat yang ditembuskan ke jabatan Anda akan muncul di sini.",
        awalan="surat__",
    ),
    "keluar": Daftar(
        "Surat Keluar",
        "Surat yang sudah ditandatangani, yang Anda konsep atau tanda tangani.",
        ("nomor", "hal", "sifat", "tujuan_surat", "tanggal"),
        "Belum ada surat keluar. Surat yang Anda tulis akan muncul di sini setelah ditandatangani.",
        ("opd_pengirim",),
    ),
    "konsep": Daftar(
        "Konsep Surat",
        "Konsep yang Anda tulis dan belum diajukan, atau yang dikembalikan untuk diperbaiki.",
        ("hal", "sifat", "jenis", "diubah"),
        "Belum ada konsep surat. Tekan tombol “Tulis surat baru” untuk mulai menulis.",
        ("opd_pengirim",),
    ),
    "konsep_proses": Daftar(
        "Konsep Surat",
        "Konsep Anda yang sedang menunggu paraf atau tanda tangan.",
        ("hal", "sifat", "status", "diubah"),
        "Tidak ada konsep Anda yang sedang menunggu paraf atau tanda tangan.",
        ("opd_pengirim",),
    ),
    "perlu_paraf": Daftar(
        "Perlu Diparaf",
        "Konsep yang menunggu paraf Anda. Periksa, lalu paraf atau kembalikan dengan catatan.",
        ("hal", "sifat", "jenis", "konseptor", "diubah"),
        "Tidak ada konsep yang menunggu paraf Anda. Konsep yang perlu Anda periksa akan muncul di sini.",
        ("opd_pengirim",),
    ),
    "perlu_ttd": Daftar(
        "Perlu Ditandatangani",
        "Konsep yang sudah diparaf dan menunggu tanda tangan Anda.",
        ("hal", "sifat", "jenis", "konseptor", "diubah"),
        "Tidak ada surat yang menunggu tanda tangan Anda. Surat yang siap ditandatangani akan muncul di sini.",
        ("opd_pengirim",),
    ),
    "agenda": Daftar(
        "Buku Agenda",
        "Daftar surat masuk OPD, bernomor agenda urut per tahun.",
        ("agenda", "tanggal_terima", "asal", "nomor", "hal", "sifat", "tujuan"),
        "Belum ada surat di buku agenda ini. Surat masuk tercatat di sini dengan sendirinya; "
        "surat kertas dicatat dengan tombol “Catat surat masuk (kertas)”.",
        awalan="surat__",
    ),
    "eksternal": Daftar(
        "Kirim ke Penerima Luar",
        "Surat yang sudah ditandatangani untuk penerima di luar Pemda. Kirim lewat surel atau kertas, "
        "lalu catat pengirimannya di halaman surat.",
        ("penerima_luar", "nomor", "hal", "sifat", "tanggal", "kirim"),
        "Tidak ada surat yang menunggu dikirim. Semua surat untuk penerima luar sudah dikirim.",
        awalan="surat__",
    ),
}


# (list name, menu label, icon, pencatat only)
MENU = (
    ("masuk", "Surat Masuk", "inbox", False),
    ("tembusan", "Tembusan", "files", False),
    ("keluar", "Surat Keluar", "send", False),
    ("konsep", "Konsep", "pencil", False),
    ("perlu_paraf", "Perlu Diparaf", "check2-square", False),
    ("perlu_ttd", "Perlu Ditandatangani", "vector-pen", False),
    ("agenda", "Buku Agenda", "journal-text", True),
    ("eksternal", "Kirim ke Penerima Luar", "envelope-arrow-up", True),
)


# ---------------------------------------------------------------- helpers


def _menu(aktif: str, is_pencatat: bool) -> list[dict[str, Any]]:
    aktif = "konsep" if aktif == "konsep_proses" else aktif
    return [
        {"label": label, "ikon": ikon, "url": alamat(f"surat:{nama}"), "aktif": nama == aktif}
        for nama, label, ikon, khusus_pencatat in MENU
        if is_pencatat or not khusus_pencatat
    ]


def _dari_penerima(p: Penerima) -> Baris:
    return Baris(
        surat=p.surat,
        penerima=p,
        agenda_nomor=getattr(p, "agenda_nomor", None),
        diterima=p.diterima_pada,
        belum_dibaca=p.dibaca_pada is None,
    )


def _dari_surat(s: Surat) -> Baris:
    return Baris(surat=s)


def _dari_agenda(a: Agenda) -> Baris:
    return Baris(
        surat=a.surat,
        agenda_nomor=a.nomor,
        diterima=a.tanggal_terima,
        tujuan=a.penerima.nama if a.penerima else "",
        sembunyikan_hal=not a.boleh_lihat_isi,
    )


def _dari_eksternal(p: Penerima) -> Baris:
    return Baris(surat=p.surat, penerima=p, tujuan=p.nama, sembunyikan_hal=not p.boleh_lihat_isi)


def _render_daftar(
    request: HttpRequest,
    nama: str,
    qs: QuerySet | Callable[[], QuerySet],
    to_baris: Callable[[Any], Baris],
    *,
    saringan: SafeString | None = None,
    ada_saringan: bool = False,
    template: str = "surat/kotak/daftar.html",
    cabang: list[QuerySet] | None = None,
    pilih: tuple[Callable[..., QuerySet], dict[str, Any]] | None = None,
    **extra: Any,
) -> HttpResponse:
    """One letter list. `qs`: its queryset, or a function that builds it (only for a page the compiled
    reads do not serve). `pilih`: the selector that builds `qs` and its arguments (bools), for a page
    without typed filters: then its reads are compiled once (`_daftar_siap`)."""
    daftar = DAFTAR[nama]
    if cabang is None:
        cabang = selectors.cabang(request.actor, nama)
    # The joins the table's columns print, and no other (see surat.tabel.RELASI).
    awalan = daftar.awalan
    relasi = tabel.relasi(daftar.kolom, awalan)

    def bangun() -> QuerySet:
        return tabel.tanpa_isi((qs() if callable(qs) else qs).select_related(*relasi), awalan)

    cabang = [tabel.tanpa_isi(c.select_related(*relasi), awalan) if isinstance(c, QuerySet) else c for c in cabang]
    siap = None
    if pilih is not None:
        selector, nilai = pilih
        daftar_siap = _daftar_siap(nama, selector, tuple(relasi), awalan, bercabang=len(cabang) > 1)
        siap = (daftar_siap, {"jabatan_ids": request.actor.jabatan_ids, **nilai})
    is_pencatat = bool(request.actor.pencatat_opd_ids)
    ctx = {
        "nama": nama,
        "daftar": daftar,
        "judul": extra.pop("judul", daftar.judul),
        "kolom": daftar.kolom,
        "halaman": page_of(request, bangun, PER_HALAMAN, to_baris, cabang=cabang, join_tertulis=True, siap=siap),
        "saringan": saringan,
        "ada_saringan": ada_saringan,
        "is_pencatat": is_pencatat,
        "menu": _menu(nama, is_pencatat),
        **extra,
    }
    return render(request, template, ctx)


# The lists' pages without typed filters (nearly every visit), their reads compiled once per shape. Their
# selectors read the actor's jabatan only (the user's own work, see surat.selectors' module docstring).
_SIAP: dict[tuple, DaftarSiap] = {}


def _daftar_siap(
    nama: str, pilih: Callable[..., QuerySet], relasi: tuple[str, ...], awalan: str, *, bercabang: bool = False
) -> DaftarSiap:
    """`bercabang`: the list of an actor with several branches (a Plt/Plh post; Surat Keluar always), a
    list of its own (its reads take one branch each)."""
    kunci = (nama, pilih, relasi, bercabang)
    if kunci not in _SIAP:
        _SIAP[kunci] = DaftarSiap(
            lambda jabatan_ids, **nilai: tabel.tanpa_isi(
                pilih(acting.bentuk(jabatan_ids), **nilai).select_related(*relasi), awalan
            ),
            sesudah=_pasang_penerima_keluar if nama == "keluar" else None,
            nilai_cabang=functools.partial(_nilai_cabang, nama) if bercabang else None,
        )
    return _SIAP[kunci]


def _nilai_cabang(nama: str, nilai: dict[str, Any], i: int) -> dict[str, Any]:
    """Branch `i` of list `nama` read with its own jabatan only. These selectors read the jabatan for the
    branch's field alone, so one jabatan is the branch; built as `field IN (all) AND field = one`,
    PostgreSQL multiplied the two conditions' estimates, expected a handful of rows and sorted every row
    of the jabatan instead of walking its index. Surat Keluar's selector also takes the side (`cabang`)."""
    kolom, jabatan = selectors.cabang_ke(nilai["jabatan_ids"], i)
    arg = {**nilai, "jabatan_ids": (jabatan,)}
    return (arg | {"cabang": Tetap(kolom)}) if nama == "keluar" else arg


def _penerima_keluar() -> Prefetch:
    """Surat Keluar's addressees (Penerima.nama falls back to the jabatan's): one query for the page, not
    one per name."""
    return Prefetch("penerima", queryset=Penerima.objects.select_related("jabatan"))


# The same addressees for a page read compiled once (`_daftar_siap`): Django's prefetch built and compiled
# its query on every Surat Keluar (1.3 ms); this read is compiled and prepared once per page size.
_PENERIMA_KELUAR = Siap(
    lambda surat_ids: Penerima.objects.filter(surat_id__in=surat_ids).select_related("jabatan"), di_server=True
)


def _pasang_penerima_keluar(rows: list[Surat]) -> None:
    per_surat: dict[int, list[Penerima]] = {s.pk: [] for s in rows}
    for p in _PENERIMA_KELUAR(surat_ids=sorted(per_surat)):
        per_surat[p.surat_id].append(p)
    for s in rows:
        pasang_prefetch(s, "penerima", per_surat[s.pk])


def _saringan(request: HttpRequest, nama: str, **kwargs: Any) -> tuple[SafeString, dict[str, Any]]:
    """List `nama`'s filter form as HTML, and the filters typed in it (the valid ones: errors are shown
    next to their field); the empty form is printed once per list and set of options (lib.forms.saringan)."""
    opsi = FilterForm.opsi()
    proses = nama == "konsep_proses"  # its form keeps ?proses=1
    kunci = ("surat", nama, tuple(kwargs.get("status_pilihan") or ()), opsi)
    html, form = saringan(
        request.GET,
        FilterForm,
        SARINGAN,
        kunci,
        {"proses": proses},
        tanpa=DAFTAR[nama].tanpa_saringan,
        opsi=opsi,
        **kwargs,
    )
    return html, form.filters() if form else {}


SARINGAN = "surat/kotak/_saringan.html"


def _require_pencatat(actor: Actor) -> frozenset[int]:
    opd_ids = actor.pencatat_opd_ids
    if not opd_ids:
        raise Http404
    return opd_ids


# ---------------------------------------------------------------- lists


# The pencatat's part of Surat Masuk: (anchor, heading, explanation, empty text, belum_dibuka).
OPD_MASUK = (
    ("tiba-hari-ini", "Tiba untuk OPD hari ini", "Surat yang tercatat di buku agenda hari ini.", False),
    (
        "belum-dibuka",
        "Belum dibuka penerimanya",
        "Teruskan aslinya (surat kertas) atau ingatkan penerimanya.",
        True,
    ),
)
OPD_MASUK_MAKS = 10
KOLOM_OPD_MASUK = ("agenda", "tanggal_terima", "asal", "hal", "sifat", "tujuan")


def _opd_masuk(actor: Actor) -> list[dict[str, Any]]:
    """What arrived for the pencatat's OPDs today and what its addressees have not opened yet."""
    bagian = []
    for kunci, judul, keterangan, belum_dibuka in OPD_MASUK:
        if belum_dibuka:
            rows = tiba.belum_dibuka_terbaru(actor, OPD_MASUK_MAKS + 1)
        else:
            rows = tiba.tiba_hari_ini_terbaru(actor, OPD_MASUK_MAKS + 1)
        bagian.append(
            {
                "kunci": kunci,
                "judul": judul,
                "keterangan": keterangan,
                "halaman": Halaman([_dari_agenda(a) for a in rows[:OPD_MASUK_MAKS]]),
                "lagi": len(rows) > OPD_MASUK_MAKS,
            }
        )
    return bagian


@pegawai_required
def masuk(request: HttpRequest) -> HttpResponse:
    """Surat Masuk: receipts of the user's acting jabatan, unread ones first marked; a pencatat also sees
    above them what arrived for the OPD today and what its addressees have not opened yet."""
    saringan, filters = _saringan(request, "masuk", status_pilihan=STATUS_MASUK)
    status = filters.pop("status", "")
    belum = {"belum_dibaca": status == "belum_dibaca", "belum_ditindaklanjuti": status == "belum_ditindaklanjuti"}
    qs = functools.partial(selectors.surat_masuk, request.pegawai, **belum, **filters)
    opd_masuk = _opd_masuk(request.actor) if request.actor.pencatat_opd_ids else []
    return _render_daftar(
        request,
        "masuk",
        qs,
        _dari_penerima,
        saringan=saringan,
        ada_saringan=bool(filters or status),
        pilih=None if filters else (selectors.surat_masuk, belum),
        opd_masuk=opd_masuk,
        kolom_opd_masuk=KOLOM_OPD_MASUK,
    )


@pegawai_required
def tembusan(request: HttpRequest) -> HttpResponse:
    saringan, filters = _saringan(request, "tembusan", status_pilihan=STATUS_TEMBUSAN)
    status = filters.pop("status", "")
    qs = functools.partial(selectors.tembusan_list, request.actor, belum_dibaca=status == "belum_dibaca", **filters)
    return _render_daftar(
        request,
        "tembusan",
        qs,
        _dari_penerima,
        saringan=saringan,
        ada_saringan=bool(filters or status),
        pilih=None if filters else (selectors.tembusan_list, {"belum_dibaca": status == "belum_dibaca"}),
    )


@pegawai_required
def keluar(request: HttpRequest) -> HttpResponse:
    saringan, filters = _saringan(request, "keluar")
    penerima = _penerima_keluar()

    def qs() -> QuerySet[Surat]:
        return selectors.surat_keluar(request.actor, **filters).prefetch_related(penerima)

    if filters:
        cabang = [b.prefetch_related(penerima) for b in selectors.surat_keluar_cabang(request.actor, **filters)]
    else:  # the compiled reads build their own branches: only how many there are counts here
        cabang = selectors.cabang(request.actor, "keluar")
    return _render_daftar(
        request,
        "keluar",
        qs,
        _dari_surat,
        saringan=saringan,
        ada_saringan=bool(filters),
        cabang=cabang,
        # Its builder reads one branch: without a post there is none (an empty list, read as it is).
        pilih=None if filters or len(cabang) < 2 else (selectors.surat_keluar_satu_cabang, {}),
    )


@pegawai_required
def konsep(request: HttpRequest) -> HttpResponse:
    """My drafts: not yet submitted (default) or in progress (?proses=1)."""
    proses = request.GET.get("proses") == "1"
    nama = "konsep_proses" if proses else "konsep"
    saringan, filters = _saringan(request, nama)
    qs = functools.partial(selectors.konsep_list, request.actor, proses=proses, **filters)
    return _render_daftar(
        request,
        nama,
        qs,
        _dari_surat,
        saringan=saringan,
        ada_saringan=bool(filters),
        pilih=None if filters else (selectors.konsep_list, {"proses": proses}),
        proses=proses,
    )


@pegawai_required
def perlu_paraf(request: HttpRequest) -> HttpResponse:
    saringan, filters = _saringan(request, "perlu_paraf")
    qs = functools.partial(selectors.perlu_paraf, request.actor, **filters)
    return _render_daftar(
        request,
        "perlu_paraf",
        qs,
        _dari_surat,
        saringan=saringan,
        ada_saringan=bool(filters),
        pilih=None if filters else (selectors.perlu_paraf, {}),
    )


@pegawai_required
def perlu_ttd(request: HttpRequest) -> HttpResponse:
    saringan, filters = _saringan(request, "perlu_ttd")
    qs = functools.partial(selectors.perlu_ttd, request.actor, **filters)
    return _render_daftar(
        request,
        "perlu_ttd",
        qs,
        _dari_surat,
        saringan=saringan,
        ada_saringan=bool(filters),
        pilih=None if filters else (selectors.perlu_ttd, {}),
    )


@pegawai_required
def eksternal(request: HttpRequest) -> HttpResponse:
    """External addressees still to be sent, for the pencatat of the sending OPD (404 for others)."""
    _require_pencatat(request.actor)
    saringan, filters = _saringan(request, "eksternal")
    qs = selectors.eksternal_belum_dikirim(request.actor, **filters)
    return _render_daftar(request, "eksternal", qs, _dari_eksternal, saringan=saringan, ada_saringan=bool(filters))


# ---------------------------------------------------------------- buku agenda


def _agenda_query(
    request: HttpRequest, *, cetak: bool = True
) -> tuple[SafeString, UnitKerja, int, Callable[[], QuerySet[Agenda]], bool]:
    """The filter form as HTML (`cetak=False`, the exports: none), the OPD, year and the filtered agenda
    lines (their builder) the page and both exports show (404 for non-pencatat), and whether any filter
    besides the OPD and year was typed."""
    opd_ids = _require_pencatat(request.actor)
    opds = list(AgendaFilterForm.opd_pilihan(opd_ids))
    if not opds:
        raise Http404
    opsi = FilterForm.opsi()
    kunci = ("agenda", tuple((o.pk, str(o)) for o in opds), timezone.localdate().year, opsi)
    html, form = saringan(request.GET, AgendaFilterForm, SARINGAN, kunci, cetak=cetak, opd_ids=opd_ids, opsi=opsi)
    filters = form.filters() if form else {}
    opd = filters.pop("opd", None) or opds[0]
    tahun = filters.pop("tahun", None) or timezone.localdate().year
    qs = functools.partial(selectors.buku_agenda, request.actor, opd=opd, tahun=tahun, **filters)
    return html, opd, tahun, qs, bool(filters)


@pegawai_required
def agenda(request: HttpRequest) -> HttpResponse:
    html, opd, tahun, qs, disaring = _agenda_query(request)
    saringan = {k for k, v in request.GET.items() if v} - {"opd", "tahun", "halaman"}
    return _render_daftar(
        request,
        "agenda",
        qs,
        _dari_agenda,
        saringan=html,
        ada_saringan=bool(saringan),
        pilih=None if disaring else selectors.buku_agenda_siap(request.actor, opd=opd, tahun=tahun),
        template="surat/kotak/agenda.html",
        judul=f"Buku Agenda Tahun {tahun}",
        opd=opd,
        tahun=tahun,
    )


def _nama_berkas(opd: UnitKerja, tahun: int) -> str:
    return f"buku-agenda-{(opd.kode or opd.pk)}-{tahun}".lower()


@pegawai_required
def agenda_csv(request: HttpRequest) -> HttpResponse:
    _, opd, tahun, qs, _ = _agenda_query(request, cetak=False)
    return export.agenda_csv_response(qs(), _nama_berkas(opd, tahun))


@pegawai_required
def agenda_xlsx(request: HttpRequest) -> HttpResponse:
    _, opd, tahun, qs, _ = _agenda_query(request, cetak=False)
    return export.agenda_xlsx_response(qs(), _nama_berkas(opd, tahun), f"Buku Agenda {opd.nama} Tahun {tahun}")


# ---------------------------------------------------------------- paper letters


def _service_errors(form: CatatMasukForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the matching fields (files under the scan field)."""
    alias = {"berkas": "scans", "scan": "scans"}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        key = alias.get(key, key)
        form.add_error(key if key in form.fields else None, errors)
    form.minta_pilih_ulang()


@pegawai_required
def catat_masuk(request: HttpRequest) -> HttpResponse:
    """The pencatat registers a paper letter from outside; it lands in the addressee's Surat Masuk."""
    opd_ids = _require_pencatat(request.actor)
    form = CatatMasukForm(request.POST or None, request.FILES or None, opd_ids=opd_ids)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            surat = services.register_paper_letter(
                actor=request.pegawai,
                opd=data["opd"],
                jenis=data["jenis"],
                asal_instansi=data["asal_instansi"],
                nomor_asal=data["nomor_asal"],
                tanggal_asal=data["tanggal_asal"],
                tanggal_terima=data["tanggal_terima"],
                hal=data["hal"],
                tujuan=data["tujuan"],
                keamanan=data["keamanan"],
                urgensi=data["urgensi"],
                ringkasan=data["ringkasan"],
                tembusan=list(data["tembusan"]),
                scans=data["scans"],
                token=data["token"],
            )
        except ValidationError as e:
            _service_errors(form, e)
        else:
            nomor = surat.agenda.get(opd=data["opd"])
            messages.success(
                request,
                f"Surat dari {surat.asal_instansi} tercatat dengan nomor agenda {nomor.nomor}/{nomor.tahun} "
                f"dan sudah masuk ke kotak surat {data['tujuan'].nama}.",
            )
            return redirect(alamat_atau_none("surat:detail", surat.pk) or reverse("surat:agenda"))
    return render(request, "surat/pencatat/catat_masuk.html", {"form": form})
