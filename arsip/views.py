"""Archive pages: search, classification and JRA, berkas of an OPD, filing proposals, the daftar arsip
(with Excel and PDF), what falls due, and the actions of the Unit Kearsipan and the admin Pemda.
Thin function views: access (404 for what a user may not see), form, service, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST

from arsip import export, pencarian, selectors, services
from arsip.forms import STATUS_PILIHAN, BerkasForm, CariForm, CatatanForm, JraForm
from arsip.models import BeritaAcara, Berkas, KlasifikasiArsip
from lib.forms import saringan_kosong
from lib.paging import page_number
from organisasi.decorators import pegawai_required
from organisasi.models import UnitKerja
from organisasi.permissions import is_admin_pemda
from surat.views.unduh import kirim_berkas


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _opd(request: HttpRequest) -> UnitKerja:
    """The OPD chosen with ?opd= (or the first the user may read); 404 when none or not allowed."""
    pilihan = selectors.opd_arsip_pilihan(request.pegawai)
    raw = request.GET.get("opd") or request.POST.get("opd")
    if raw:
        opd = pilihan.filter(pk=raw if str(raw).isdigit() else 0).first()
    else:
        own = request.pegawai.jabatan.unit.opd_id if request.pegawai.jabatan_id else None
        opd = pilihan.filter(pk=own).first() or pilihan.first()
    if opd is None:
        raise Http404
    return opd


@pegawai_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    pegawai = request.pegawai
    ctx: dict[str, Any] = {
        "form": CariForm(),
        "opd_pilihan": list(selectors.opd_arsip_pilihan(pegawai)[:200]),
        "unit_kearsipan": selectors.is_unit_kearsipan(pegawai),
        "admin_pemda": is_admin_pemda(pegawai),
    }
    if ctx["unit_kearsipan"] or ctx["admin_pemda"]:
        ctx["jatuh_tempo"] = {k: v.count() for k, v in selectors.jatuh_tempo(pegawai).items()}
    return render(request, "arsip/index.html", ctx)


# ---------------------------------------------------------------- search


@pegawai_required
@require_GET
def cari(request: HttpRequest) -> HttpResponse:
    form = CariForm(request.GET or None)
    halaman = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("q"):
        d = form.cleaned_data
        saringan = pencarian.Saringan(
            q=d["q"],
            dari=d.get("dari"),
            sampai=d.get("sampai"),
            jenis=d.get("jenis"),
            opd=d.get("opd"),
            klasifikasi=d.get("klasifikasi") or "",
            keamanan=d.get("keamanan") or "",
        )
        halaman = pencarian.cari(request.pegawai, saringan, halaman=page_number(request))
    return render(request, "arsip/cari.html", {"form": form, "hasil": halaman, "lanjutan": _lanjutan(request, form)})


def _lanjutan(request: HttpRequest, form: CariForm) -> SafeString | None:
    """The filters below the search box as HTML, printed once per set of options while none of them is
    typed and the form has no error (nearly every search: only the words change); None: the template
    prints them from the form."""
    if form.errors or any(nama in request.GET for nama in CariForm.LANJUTAN):
        return None
    kunci = ("cari", tuple(form.fields["jenis"].choices), tuple(form.fields["opd"].choices))
    return saringan_kosong(kunci, "arsip/_cari_lanjutan.html", lambda: form)


# ---------------------------------------------------------------- classification and JRA


@pegawai_required
@require_GET
def klasifikasi(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    rows = list(selectors.klasifikasi_list(q, level=2)[:300])
    jra = selectors.jra_map(rows)
    return render(
        request,
        "arsip/klasifikasi.html",
        {
            "rows": [(k, jra[k.pk]) for k in rows],
            "q": q,
            "boleh_ubah": selectors.can_edit_jra(request.pegawai),
            "jumlah": KlasifikasiArsip.objects.count(),
        },
    )


@pegawai_required
def klasifikasi_jra(request: HttpRequest, pk: int) -> HttpResponse:
    if not selectors.can_edit_jra(request.pegawai):
        raise Http404
    obj = get_object_or_404(KlasifikasiArsip, pk=pk)
    awal = {"retensi_aktif": obj.retensi_aktif, "retensi_inaktif": obj.retensi_inaktif, "nasib_akhir": obj.nasib_akhir}
    form = JraForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.klasifikasi_set_jra(actor=request.pegawai, klasifikasi=obj, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Jadwal retensi kode {obj.kode} tersimpan.")
            return redirect(f"{_url('arsip:klasifikasi')}?q={obj.kode}")
    induk = obj.induk.jra() if obj.induk_id else None
    return render(request, "arsip/jra_form.html", {"form": form, "obj": obj, "efektif": obj.jra(), "induk": induk})


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


# ---------------------------------------------------------------- berkas


@pegawai_required
@require_GET
def berkas_list(request: HttpRequest) -> HttpResponse:
    opd = _opd(request)
    status = request.GET.get("status", "")
    status = status if status in Berkas.Status.values else ""
    q = request.GET.get("q", "").strip()[:100]
    rows = selectors.berkas_list(request.pegawai, opd=opd, status=status or None, q=q)[:500]
    kelola = selectors.can_kelola_berkas(request.pegawai, opd.pk)
    return render(
        request,
        "arsip/berkas_list.html",
        {
            "opd": opd,
            "opd_pilihan": selectors.opd_arsip_pilihan(request.pegawai),
            "rows": rows,
            "status": status,
            "status_pilihan": STATUS_PILIHAN,
            "q": q,
            "kelola": kelola,
            "jumlah_usulan": len(selectors.usulan_opd(opd.pk, limit=100)) if kelola else 0,
        },
    )


@pegawai_required
def berkas_baru(request: HttpRequest) -> HttpResponse:
    opd = _opd(request)
    if not selectors.can_kelola_berkas(request.pegawai, opd.pk):
        raise Http404
    form = BerkasForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            berkas = services.berkas_create(actor=request.pegawai, opd=opd, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Berkas nomor {berkas.nomor} dibuka.")
            return redirect("arsip:berkas_detail", pk=berkas.pk)
    return render(request, "arsip/berkas_form.html", {"form": form, "opd": opd})


@pegawai_required
@require_GET
def berkas_detail(request: HttpRequest, pk: int) -> HttpResponse:
    berkas = selectors.get_berkas_for(request.pegawai, pk)
    pegawai = request.pegawai
    return render(
        request,
        "arsip/berkas_detail.html",
        {
            "berkas": berkas,
            "items": selectors.item_list(berkas),
            "jra": berkas.klasifikasi.jra(),
            "berita_acara": berkas.berita_acara.all(),
            "kelola": selectors.can_kelola_berkas(pegawai, berkas.opd_id),
            "unit_kearsipan": selectors.is_unit_kearsipan(pegawai),
            "admin_pemda": is_admin_pemda(pegawai),
            "catatan_form": CatatanForm(),
        },
    )


AKSI = {
    "tutup": (lambda p, b, c: services.berkas_tutup(actor=p, berkas=b), "Berkas ditutup."),
    "pindahkan": (
        lambda p, b, c: services.berkas_pindahkan(actor=p, berkas=b, catatan=c),
        "Berkas diterima Unit Kearsipan; berita acara pemindahan sudah dibuat.",
    ),
    "usul_musnah": (
        lambda p, b, c: services.berkas_usul_musnah(actor=p, berkas=b, catatan=c),
        "Berkas diusulkan musnah; menunggu persetujuan Admin Pemda.",
    ),
    "setujui_musnah": (
        lambda p, b, c: services.berkas_setujui_musnah(actor=p, berkas=b),
        "Pemusnahan disetujui. Berkas digital dihapus; data pokok dan berita acara disimpan.",
    ),
    "tolak_musnah": (
        lambda p, b, c: services.berkas_tolak_musnah(actor=p, berkas=b, catatan=c),
        "Usul musnah ditolak; berkas kembali inaktif.",
    ),
    "permanen": (
        lambda p, b, c: services.berkas_permanenkan(actor=p, berkas=b, catatan=c),
        "Berkas ditetapkan sebagai arsip permanen.",
    ),
}


@pegawai_required
@require_POST
def berkas_aksi(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    berkas = selectors.get_berkas_for(request.pegawai, pk)
    if aksi not in AKSI:
        raise Http404
    fn, sukses = AKSI[aksi]
    form = CatatanForm(request.POST)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    try:
        fn(request.pegawai, berkas, catatan)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "Anda tidak berwenang melakukan ini.")
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, sukses)
    return redirect("arsip:berkas_detail", pk=berkas.pk)


@pegawai_required
def usulan(request: HttpRequest) -> HttpResponse:
    opd = _opd(request)
    rows = selectors.usulan_pemberkasan(request.pegawai, opd=opd)
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("surat") if x.isdigit()]
        if not ids:
            messages.error(request, "Pilih minimal satu surat untuk diberkaskan.")
        else:
            try:
                n = services.berkas_file_usulan(actor=request.pegawai, opd=opd, surat_ids=ids)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, _pesan(exc) if isinstance(exc, ValidationError) else str(exc))
            else:
                messages.success(request, f"{n} surat diberkaskan.")
        return redirect(f"{_url('arsip:usulan')}?opd={opd.pk}")
    return render(
        request,
        "arsip/usulan.html",
        {"opd": opd, "rows": rows, "tanpa_kode": selectors.surat_belum_berklasifikasi(opd.pk)},
    )


# ---------------------------------------------------------------- daftar arsip


JUDUL_DAFTAR = {"aktif": "Daftar Arsip Aktif", "inaktif": "Daftar Arsip Inaktif"}


@pegawai_required
@require_GET
def daftar(request: HttpRequest, jenis: str) -> HttpResponse:
    if jenis not in JUDUL_DAFTAR:
        raise Http404
    opd = _opd(request)
    rows = selectors.daftar_arsip(request.pegawai, opd=opd, jenis=jenis)
    judul = JUDUL_DAFTAR[jenis]
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return export.daftar_xlsx(opd, judul, rows)
    if fmt == "pdf":
        return export.daftar_pdf(opd, judul, rows)
    return render(
        request,
        "arsip/daftar.html",
        {
            "opd": opd,
            "rows": rows,
            "judul": judul,
            "jenis": jenis,
            "opd_pilihan": selectors.opd_arsip_pilihan(request.pegawai),
        },
    )


@pegawai_required
@require_GET
def jatuh_tempo(request: HttpRequest) -> HttpResponse:
    if not (selectors.is_unit_kearsipan(request.pegawai) or is_admin_pemda(request.pegawai)):
        raise Http404
    return render(request, "arsip/jatuh_tempo.html", {"lists": selectors.jatuh_tempo(request.pegawai)})


@pegawai_required
@require_GET
def berita_acara(request: HttpRequest, pk: int) -> HttpResponse:
    ba = get_object_or_404(BeritaAcara.objects.select_related("berkas"), pk=pk)
    pegawai = request.pegawai
    if (
        not (
            selectors.can_lihat_arsip(pegawai, ba.berkas.opd_id)
            or selectors.is_unit_kearsipan(pegawai)
            or is_admin_pemda(pegawai)
        )
        or not ba.dokumen
    ):
        raise Http404
    nama = f"berita-acara-{ba.jenis}-{ba.nomor}-{ba.tahun}.pdf"
    return kirim_berkas(request, ba.dokumen, ba.sha256, objek=ba, filename=nama, content_type="application/pdf")
