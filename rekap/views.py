"""The Rekap pages under /rekap/: overview, service times, overdue and unread, savings, the unit costs
(admin Pemda), the Excel export and the monthly PDF (rendered by a worker). Who may open them and what
they see is rekap.jangkauan's rule; anybody else gets 404, as for every page that is not theirs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.forms import saringan
from lib.paging import page_of
from organisasi import permissions
from organisasi.decorators import pegawai_required
from rekap import grafik, layanan, ringkasan, services, tasks
from rekap.export import rekap_xlsx_response
from rekap.forms import BiayaForm, LaporanForm, SaringForm
from rekap.jangkauan import Lingkup, lingkup_for
from rekap.models import BiayaSatuan, LaporanBulanan
from rekap.periode import Periode

PER_HALAMAN = 25
TAB = (
    ("rekap:index", "Ringkasan"),
    ("rekap:layanan", "Waktu layanan"),
    ("rekap:terlambat", "Terlambat dan belum dibaca"),
    ("rekap:penghematan", "Penghematan"),
)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _saring(request: HttpRequest, daftar: str = "", *, cetak: bool = True) -> tuple[SafeString, Lingkup, Periode]:
    """The filter form as HTML (`cetak=False`, the Excel export: none), the viewer's scope narrowed by
    ?opd=&unit=, and the period of ?periode=&dari=&sampai=; 404 for those outside the rule. Nothing typed
    (nearly every visit): the form is printed once per set of choices (lib.forms.saringan) and the period
    is this month."""
    lingkup = lingkup_for(request.actor, _int(request.GET.get("opd")), _int(request.GET.get("unit")))
    if lingkup is None:
        raise Http404
    kunci = (
        "rekap",
        tuple((o.pk, o.nama) for o in lingkup.semua_opd),
        tuple((u.pk, u.nama) for u in lingkup.unit_pilihan or ()),
        lingkup.pemda_wide,
        daftar,
    )
    html, form = saringan(
        request.GET, SaringForm, "rekap/_saring.html", kunci, {"daftar": daftar}, cetak=cetak, lingkup=lingkup
    )
    return html, lingkup, form.hasil() if form else SaringForm.bawaan()


def _page(
    request: HttpRequest, template: str, saring: SafeString, lingkup: Lingkup, periode: Periode, **ctx
) -> HttpResponse:
    query = request.GET.copy()
    query.pop("halaman", None)
    ctx.update(
        saring=saring,
        lingkup=lingkup,
        periode=periode,
        tab=TAB,
        query=query.urlencode(),
        laporan_form=LaporanForm(
            initial={"opd": lingkup.opd.pk if lingkup.opd else None, "unit": lingkup.unit.pk if lingkup.unit else None}
        ),
        boleh_biaya=permissions.is_admin_pemda(request.actor),
    )
    return render(request, template, ctx)


@pegawai_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Heads of OPD, Sekda, Wali Kota/Wakil, admin Pemda: volumes, electronic share, savings, overdue."""
    saring, lingkup, periode = _saring(request)
    r = ringkasan.susun(lingkup, periode, ringkasan.SEMUA - {"layanan_opd"})
    return _page(
        request,
        "rekap/index.html",
        saring,
        lingkup,
        periode,
        r=r,
        grafik_volume=grafik.volume_opd(r),
        grafik_elektronik=grafik.elektronik_bulanan(r),
        grafik_hemat=grafik.hemat_bulanan(r),
    )


@pegawai_required
@require_GET
def layanan_view(request: HttpRequest) -> HttpResponse:
    saring, lingkup, periode = _saring(request)
    r = ringkasan.susun(lingkup, periode, {"tepat", "layanan", "layanan_opd", ringkasan.TUNGGAKAN})
    return _page(
        request,
        "rekap/layanan.html",
        saring,
        lingkup,
        periode,
        r=r,
        langkah=layanan.LANGKAH,
        tunggakan=r.tunggakan,
        grafik_layanan=grafik.waktu_layanan([*r.baris, r.total]),
    )


@pegawai_required
@require_GET
def terlambat(request: HttpRequest) -> HttpResponse:
    daftar = "belum_dibaca" if request.GET.get("daftar") == "belum_dibaca" else "terlambat"
    saring, lingkup, periode = _saring(request, daftar)
    r = ringkasan.susun(lingkup, periode, {"jumlah"})
    qs = (layanan.daftar_belum_dibaca if daftar == "belum_dibaca" else layanan.daftar_terlambat)(lingkup)
    halaman = page_of(request, qs, PER_HALAMAN)
    halaman.baris = layanan.baris_untuk(request.actor, halaman.baris)
    return _page(
        request,
        "rekap/terlambat.html",
        saring,
        lingkup,
        periode,
        r=r,
        daftar=daftar,
        halaman=halaman,
        grafik_jumlah=grafik.jumlah_opd(r.baris),
    )


@pegawai_required
@require_GET
def penghematan(request: HttpRequest) -> HttpResponse:
    saring, lingkup, periode = _saring(request)
    r = ringkasan.susun(lingkup, periode, {"hemat"})
    return _page(request, "rekap/penghematan.html", saring, lingkup, periode, r=r, grafik_hemat=grafik.hemat_bulanan(r))


@pegawai_required
@require_GET
def unduh_xlsx(request: HttpRequest) -> FileResponse:
    """The numbers of every chart and table of the current filter, as Excel."""
    _, lingkup, periode = _saring(request, cetak=False)
    r = ringkasan.susun(lingkup, periode)
    return rekap_xlsx_response(r, f"rekap-{periode.dari:%Y%m%d}-{periode.sampai:%Y%m%d}")


@pegawai_required
@require_http_methods(["GET", "POST"])
def biaya(request: HttpRequest) -> HttpResponse:
    """Admin Pemda: the unit costs of the savings estimate."""
    if not permissions.is_admin_pemda(request.actor):
        raise Http404
    form = BiayaForm(request.POST or None, instance=BiayaSatuan.current())
    if request.method == "POST" and form.is_valid():
        services.simpan_biaya(actor=request.pegawai, **{f: form.cleaned_data[f] for f in services.BIAYA_FIELDS})
        messages.success(request, "Biaya satuan tersimpan. Penghematan dihitung ulang dengan angka baru.")
        return redirect("rekap:penghematan")
    return render(request, "rekap/biaya.html", {"form": form, "tab": TAB})


# ---------------------------------------------------------------- the monthly PDF


@pegawai_required
@require_POST
def laporan(request: HttpRequest) -> HttpResponse:
    """A viewer of the Rekap: queue the one-page monthly report of a month for the current filter."""
    form = LaporanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih bulan laporan dari daftar.")
        return redirect("rekap:index")
    try:
        job = services.minta_laporan_bulanan(
            actor=request.pegawai,
            bulan=form.cleaned_data["bulan"],
            opd_id=form.cleaned_data["opd"],
            unit_id=form.cleaned_data["unit"],
            enqueue=tasks.enqueue_laporan,
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except (ValueError, ValidationError):
        messages.error(request, "Bulan yang dilaporkan belum dimulai.")
        return redirect("rekap:index")
    return redirect("rekap:laporan_detail", pk=job.pk)


def _laporan_for(request: HttpRequest, pk: int) -> LaporanBulanan:
    return get_object_or_404(LaporanBulanan, pk=pk, pemohon=request.pegawai)


@pegawai_required
@require_GET
def laporan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _laporan_for(request, pk)
    return render(
        request,
        "pdf/proses.html",
        {
            "judul": f"Laporan bulanan {job.bulan:%m/%Y}",
            "objek": job,
            "status_url": reverse("rekap:laporan_status", args=[job.pk]),
            "kembali_url": reverse("rekap:index"),
            "unduh_url": reverse("rekap:laporan_unduh", args=[job.pk]),
        },
    )


@pegawai_required
@require_GET
def laporan_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _laporan_for(request, pk)
    unduh = reverse("rekap:laporan_unduh", args=[job.pk]) if job.siap else ""
    return JsonResponse(
        {"status": job.status, "label": job.get_status_display(), "siap": job.siap, "unduh": unduh, "error": job.error}
    )


@pegawai_required
@require_GET
def laporan_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    job = _laporan_for(request, pk)
    if not job.siap:
        messages.info(request, "Berkas belum siap.")
        return redirect("rekap:laporan_detail", pk=job.pk)
    response = FileResponse(job.berkas.open("rb"), content_type="application/pdf", filename=job.nama_berkas)
    response["Cache-Control"] = "private, no-store"
    return response
