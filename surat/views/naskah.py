"""Pages for writing a letter and acting on one letter: the draft form, the detail page (a letter
preview with status, paraf chain, timeline, read receipts and replies), versions, the actions
(submit, paraf, return, sign, reply, follow-up, external delivery) and attachment downloads.

Every letter is looked up with `selectors.get_surat_for`, so a letter the user may not see is a 404;
an action the user may not take is a 404 too. State changes are POST only and go through the services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arsip.models import KlasifikasiArsip  # layer: the KKA code table (arsip) is reference data under the letters
from disposisi.akses import saring_log  # layer: the timeline shows disposition notes only to the receiving chain
from organisasi.acting import Actor
from organisasi.decorators import pegawai_required
from organisasi.models import Jabatan
from surat import pindaian, rincian, selectors, services, signing, tampilan, utas, verifikasi
from surat.forms.naskah import CatatanForm, KirimEksternalForm, KonsepForm, TandatanganiForm, jabatan_label
from surat.models import Penerima, Surat, SuratLog
from surat.versi import versi_diff
from surat.views import koreksi
from tte.errors import PassphraseSalah, TteError

S = Surat.Status
KLASIFIKASI_MAKS = 20
JABATAN_MAKS = 20


# ---------------------------------------------------------------- the draft form


@pegawai_required
@require_http_methods(["GET", "POST"])
def konsep_baru(request: HttpRequest) -> HttpResponse:
    """Write a new draft; "Simpan dan ajukan" also submits it."""
    pegawai = request.pegawai
    if not selectors.jabatan_konseptor_pilihan(request.actor).exists():
        messages.error(request, "Anda belum memangku jabatan, sehingga belum dapat menulis surat. Hubungi Admin OPD.")
        return redirect("beranda")
    form = KonsepForm(request.POST or None, request.FILES or None, pegawai=pegawai)
    if request.method == "POST":
        if request.POST.get("aksi") == "usulkan":
            return _form_page(request, form.with_usulan())
        if form.is_valid():
            try:
                surat = services.surat_create(
                    actor=pegawai, jabatan_konseptor=form.konseptor_terpilih(), **form.service_data()
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or "Anda tidak dapat menulis konsep sebagai jabatan tersebut.")
            else:
                return _after_save(request, surat, form)
    return _form_page(request, form)


@pegawai_required
@require_http_methods(["GET", "POST"])
def konsep_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft (its drafter, while it is a KONSEP)."""
    pegawai = request.pegawai
    surat = selectors.get_surat_for(request.actor, pk)
    tertutup = _hanya_konseptor(
        request,
        surat,
        "ubah",
        messages.INFO,
        "Surat ini sudah diajukan; konsep hanya dapat diubah setelah dikembalikan.",
    )
    if tertutup:
        return tertutup
    form = KonsepForm(request.POST or None, request.FILES or None, pegawai=pegawai, surat=surat)
    if request.method == "POST":
        if request.POST.get("aksi") == "usulkan":
            return _form_page(request, form.with_usulan())
        if form.is_valid():
            try:
                services.surat_update(actor=pegawai, surat=surat, **form.service_data())
            except ValidationError as exc:
                form.add_service_errors(exc)
            except PermissionDenied as exc:
                raise Http404 from exc
            else:
                return _after_save(request, surat, form)
    return _form_page(request, form)


def _hanya_konseptor(request: HttpRequest, surat: Surat, aksi: str, level: int, pesan: str) -> HttpResponse | None:
    """None while the drafter may still `aksi` the draft. Once it moved on, its drafter is sent back to the
    letter with `pesan`; for anyone else the page does not exist (404)."""
    if aksi in selectors.aksi_tersedia(request.actor, surat):
        return None
    if surat.sumber == Surat.Sumber.NASKAH and request.actor.acts_in(surat.jabatan_konseptor_id):
        messages.add_message(request, level, pesan)
        return redirect("surat:detail", pk=surat.pk)
    raise Http404


def _after_save(request: HttpRequest, surat: Surat, form: KonsepForm) -> HttpResponse:
    """Attachments, then (for "Simpan dan ajukan") the submission. If the submission is refused the draft
    stays saved and the form is shown again with the reasons next to the fields."""
    pegawai = request.pegawai
    for berkas in form.cleaned_data.get("lampiran") or []:
        try:
            services.lampiran_add(actor=pegawai, surat=surat, berkas=berkas)
        except ValidationError as exc:
            messages.error(request, f"{berkas.name}: {' '.join(exc.messages)}")
    hapus = request.POST.get("hapus_lampiran")
    if hapus:
        lampiran = surat.lampiran.filter(pk=_int(hapus)).first()
        if lampiran is not None:
            services.lampiran_remove(actor=pegawai, lampiran=lampiran)
            messages.success(request, f"Lampiran “{lampiran.nama_asli}” dihapus. Perubahan lain juga tersimpan.")
        return redirect("surat:konsep_ubah", pk=surat.pk)
    if request.POST.get("aksi") == "ajukan":
        try:
            services.surat_submit(actor=pegawai, surat=surat)
        except ValidationError as exc:
            messages.warning(
                request, "Konsep sudah disimpan, tetapi belum dapat diajukan. Lengkapi isian yang ditandai merah."
            )
            ulang = KonsepForm(request.POST, pegawai=pegawai, surat=surat)
            ulang.is_valid()
            ulang.add_service_errors(exc)
            return _form_page(request, ulang)
        messages.success(request, f"Konsep diajukan. {status_teks(surat)}.")
        return redirect("surat:detail", pk=surat.pk)
    messages.success(request, "Konsep surat tersimpan. Anda dapat mengubahnya lagi atau mengajukannya.")
    return redirect("surat:detail", pk=surat.pk)


def _form_page(request: HttpRequest, form: KonsepForm) -> HttpResponse:
    surat = form.surat
    return render(
        request,
        "surat/konsep_form.html",
        {
            "form": form,
            "surat": surat,
            "lampiran": list(surat.lampiran.all()) if surat else [],
            "action": reverse("surat:konsep_ubah", args=[surat.pk]) if surat else reverse("surat:konsep_baru"),
            "berkas_hilang": bool(request.FILES) and form.is_bound and bool(form.errors),
        },
    )


@pegawai_required
@require_GET
def klasifikasi_cari(request: HttpRequest) -> JsonResponse:
    """Codes for the picker: by code prefix ('000.8') or by word in the name ('rapat')."""
    q = request.GET.get("q", "").strip()[:100]
    qs = KlasifikasiArsip.objects.aktif().search(q)[:KLASIFIKASI_MAKS] if q else []
    return JsonResponse({"hasil": [{"kode": k.kode, "nama": k.nama, "label": f"{k.kode} {k.nama}"} for k in qs]})


@pegawai_required
@require_GET
def jabatan_cari(request: HttpRequest) -> JsonResponse:
    """Jabatan for the tujuan/tembusan pickers: by jabatan, unit or OPD name or code, or holder's name."""
    q = request.GET.get("q", "").strip()[:100]
    hasil = [
        {
            "id": j.pk,
            "label": jabatan_label(j),
            "nama": j.nama,
            "opd": (j.unit.opd or j.unit).nama,
        }
        for j in selectors.jabatan_cari(q, limit=JABATAN_MAKS)
    ]
    return JsonResponse({"hasil": hasil})


@pegawai_required
@require_GET
def usulan_verifikator(request: HttpRequest) -> JsonResponse:
    """The default paraf chain for a signer, for the draft form's script."""
    pegawai = request.pegawai
    pilihan = {j.pk: j for j in selectors.jabatan_konseptor_pilihan(request.actor)}
    konseptor = pilihan.get(_int(request.GET.get("konseptor"))) or pilihan.get(pegawai.jabatan_id)
    if konseptor is None and pilihan:
        konseptor = next(iter(pilihan.values()))
    signer = selectors.penandatangan_pilihan().filter(pk=_int(request.GET.get("penandatangan"))).first()
    chain = selectors.usulan_verifikator(konseptor, signer) if konseptor and signer else []
    return JsonResponse({"verifikator": [{"id": j.pk, "nama": j.nama} for j in chain]})


# ---------------------------------------------------------------- the detail page


def status_teks(surat: Surat, log: list[SuratLog] | None = None) -> str:
    """The status in plain words: 'Menunggu paraf Kepala Bidang Aplikasi Informatika'."""
    if surat.status == S.KONSEP:
        kembali = _pengembalian_terakhir(log) if log is not None else None
        if kembali is not None:
            oleh = kembali.jabatan.nama if kembali.jabatan_id else "verifikator"
            return f"Dikembalikan oleh {oleh} untuk diperbaiki"
        return "Konsep, belum diajukan"
    if surat.status == S.PARAF:
        return f"Menunggu paraf {surat.giliran.nama}" if surat.giliran_id else "Menunggu paraf"
    if surat.status == S.TTD:
        return f"Menunggu tanda tangan {surat.penandatangan.nama}"
    if surat.status == S.TERKIRIM:
        return f"Sudah ditandatangani dan dikirim pada {format_date(surat.tanggal, 'j F Y')}"
    return f"Surat dari luar, dicatat pada {format_date(surat.tanggal_terima, 'j F Y')}"


def _pengembalian_terakhir(log: list[SuratLog]) -> SuratLog | None:
    """The last return, if nothing was submitted after it."""
    for row in reversed(log):
        if row.aksi == SuratLog.Aksi.DIAJUKAN:
            return None
        if row.aksi == SuratLog.Aksi.DIKEMBALIKAN:
            return row
    return None


def _surat_context(surat: Surat) -> dict[str, Any]:
    """What the letter preview (templates/surat/_pratinjau.html) needs: the letter's face rendered from the
    one look (surat.tampilan, the same as its PDF), its attachments, recipients and paraf chain."""
    penerima = rincian.muat_penerima(surat)
    lampiran = rincian.lampiran_surat(surat)
    naskah = None
    if surat.sumber == Surat.Sumber.NASKAH:
        naskah = tampilan.render_html(
            surat, konsep=not surat.is_final, penerima=penerima, jumlah_lampiran=len(lampiran)
        )
    return {
        "surat": surat,
        "naskah": naskah,
        "penerima": penerima,
        "tujuan": [p for p in penerima if p.jenis == Penerima.Jenis.TUJUAN],
        "tembusan": [p for p in penerima if p.jenis == Penerima.Jenis.TEMBUSAN],
        "lampiran": lampiran,
        "verifikator": rincian.verifikator_surat(surat),
        "pindaian_tampil": pindaian.BISA_TAMPIL,
    }


def _paraf_berikut(surat: Surat, chain: list) -> str:
    """Who gets the draft after the current paraf: the next verifikator, or the signer."""
    ids = [v.jabatan_id for v in chain]
    if surat.giliran_id in ids and ids.index(surat.giliran_id) + 1 < len(ids):
        return chain[ids.index(surat.giliran_id) + 1].jabatan.nama
    return f"penandatangan, {surat.penandatangan.nama}" if surat.penandatangan_id else "penandatangan"


def _is_pengirim(actor: Actor, surat: Surat) -> bool:
    """The sending side (drafter, signer, the sending OPD's pencatat) sees who read the letter."""
    return (
        actor.acts_in(surat.jabatan_konseptor_id)
        or actor.acts_in(surat.penandatangan_id)
        or (surat.sumber == Surat.Sumber.NASKAH and surat.opd_id in actor.pencatat_opd_ids)
    )


@pegawai_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter as a preview, its status, paraf chain, timeline, read receipts, thread and actions.
    Opening it counts as reading it."""
    pegawai = request.pegawai
    surat = selectors.get_surat_for(request.actor, pk)
    if not selectors.can_see_content(request.actor, surat):
        return render(request, "surat/detail_terbatas.html", {"surat": surat, "status": status_teks(surat)})
    # The recipients once for the whole page: marking it read, the receipts, the buttons (muat_penerima).
    rincian.muat_penerima(surat)
    services.mark_read(actor=pegawai, surat=surat)
    alur = selectors.can_see_workflow(request.actor, surat)
    log = saring_log(request.actor, surat, list(rincian.timeline(surat, alur=alur)))
    ctx = _surat_context(surat)
    punya_utas = surat.balasan_untuk_id or selectors.punya_balasan(surat)
    thread = utas.thread(request.actor, surat) if punya_utas else []
    pengirim = _is_pengirim(request.actor, surat)
    ctx.update(
        {
            "status": status_teks(surat, log),
            "pengembalian": _pengembalian_terakhir(log) if surat.status == S.KONSEP else None,
            "aksi": selectors.aksi_tersedia(request.actor, surat),
            "log": log,
            "pembaca": ctx["tujuan"] + ctx["tembusan"] if surat.is_final and pengirim else None,
            # A disposition sheet belongs to the receiving side; the sender's own copy has none.
            "lembar_disposisi": surat.is_final and not pengirim,
            "thread": thread if len(thread) > 1 else [],
            "ada_versi": alur and selectors.punya_versi(surat),
            "paraf_berikut": _paraf_berikut(surat, ctx["verifikator"]),
            # The paraf chain with its notes is the drafting OPD's own work.
            "verifikator": ctx["verifikator"] if alur else [],
            "catatan_form": CatatanForm(auto_id="id_kembali_%s"),
            "kirim_form": _kirim_form(request.actor, surat, ctx["penerima"]) if surat.status == S.TERKIRIM else None,
            "paraf_form": CatatanForm(wajib=False, auto_id="id_paraf_%s"),
            "tte": verifikasi.tte_surat(surat) if surat.is_final else None,
            **koreksi.konteks(request.actor, surat),
        }
    )
    return render(request, "surat/detail.html", ctx)


@pegawai_required
@require_GET
def versi(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafting OPD's workflow only: the saved versions of a draft and what changed between two of them
    (or a version and now)."""
    surat = selectors.get_surat_for(request.actor, pk)
    if not selectors.can_see_content(request.actor, surat) or not selectors.can_see_workflow(request.actor, surat):
        raise Http404
    versi_list = list(selectors.versi_list(surat))
    nomor = {v.versi: v for v in versi_list}
    baru: Any = None
    lama = None
    if versi_list:
        kini = surat.status == S.KONSEP
        baru_no = _int(request.GET.get("baru"))
        baru = nomor.get(baru_no) if baru_no in nomor else (surat if kini else versi_list[-1])
        sebelum = [v for v in versi_list if baru is surat or v.versi < baru.versi]
        lama_no = _int(request.GET.get("lama"))
        lama = nomor.get(lama_no) if lama_no in nomor else (sebelum[-1] if sebelum else None)
    perbedaan = versi_diff(lama, baru) if lama is not None and baru is not None else []
    return render(
        request,
        "surat/versi.html",
        {
            "surat": surat,
            "versi_list": versi_list,
            "lama": lama,
            "baru": baru,
            "baru_kini": baru is surat,
            "perbedaan": perbedaan,
        },
    )


# ---------------------------------------------------------------- actions


def _run(
    request: HttpRequest,
    surat: Surat,
    fn: Callable[[], Any],
    sukses: str | Callable[[], str],
    ke: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """Run a service for one of the letter's actions: on success the message `sukses` and on to `ke(result)`
    (default: the letter); a refusal is the service's reason as an error message, back on the letter; a
    permission refused is a 404."""
    try:
        hasil = fn()
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("surat:detail", pk=surat.pk)
    messages.success(request, sukses() if callable(sukses) else sukses)
    return redirect(ke(hasil) if ke else reverse("surat:detail", args=[surat.pk]))


@pegawai_required
@require_POST
def ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    surat = selectors.get_surat_for(request.actor, pk)
    if "ajukan" not in selectors.aksi_tersedia(request.actor, surat):
        return _sudah_berubah(request, surat)
    try:
        services.surat_submit(actor=request.pegawai, surat=surat)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        pesan = " ".join(exc.messages)
        messages.error(request, f"Konsep belum dapat diajukan: {pesan} Klik “Ubah” untuk melengkapinya.")
        return redirect("surat:detail", pk=surat.pk)
    messages.success(request, f"Konsep diajukan. {status_teks(surat)}.")
    return redirect("surat:detail", pk=surat.pk)


def _sudah_berubah(request: HttpRequest, surat: Surat) -> HttpResponse:
    """A visible letter whose state moved on (double click, another official was faster)."""
    messages.error(request, f"Tindakan tidak dapat dilakukan. Status surat sekarang: {status_teks(surat)}.")
    return redirect("surat:detail", pk=surat.pk)


@pegawai_required
@require_POST
def hapus(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafter deletes a draft that was never submitted (confirmed on the detail page)."""
    pegawai = request.pegawai
    surat = selectors.get_surat_for(request.actor, pk)
    tertutup = _hanya_konseptor(
        request, surat, "hapus", messages.ERROR, "Konsep yang sudah pernah diajukan tidak dapat dihapus."
    )
    if tertutup:
        return tertutup
    hal = surat.hal or "(tanpa hal)"
    return _run(
        request,
        surat,
        lambda: services.surat_delete(actor=pegawai, surat=surat),
        f"Konsep “{hal}” sudah dihapus.",
        ke=lambda _: reverse("surat:konsep"),
    )


@pegawai_required
@require_POST
def paraf(request: HttpRequest, pk: int) -> HttpResponse:
    """The verifikator whose turn it is approves (paraf), with an optional note."""
    surat = selectors.get_surat_for(request.actor, pk)
    if "paraf" not in selectors.aksi_tersedia(request.actor, surat):
        return _sudah_berubah(request, surat)
    form = CatatanForm(request.POST, wajib=False)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    return _run(
        request,
        surat,
        lambda: services.paraf_approve(actor=request.pegawai, surat=surat, catatan=catatan),
        lambda: f"Paraf tersimpan. {status_teks(surat)}.",
    )


@pegawai_required
@require_http_methods(["GET", "POST"])
def kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    """Return a draft to its drafter with a required note: the verifikator whose turn it is, or the signer."""
    pegawai = request.pegawai
    surat = selectors.get_surat_for(request.actor, pk)
    aksi = selectors.aksi_tersedia(request.actor, surat)
    if not {"kembalikan_paraf", "kembalikan_ttd"} & aksi:
        return _sudah_berubah(request, surat)
    form = CatatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.paraf_return if "kembalikan_paraf" in aksi else services.signer_return
        try:
            service(actor=pegawai, surat=surat, catatan=form.cleaned_data["catatan"])
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            if "catatan" in getattr(exc, "error_dict", {}):
                form.add_error("catatan", exc.error_dict["catatan"])
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect("surat:detail", pk=surat.pk)
        else:
            messages.success(request, "Konsep dikembalikan kepada konseptor beserta catatan Anda.")
            return redirect("surat:detail", pk=surat.pk)
    return render(request, "surat/kembalikan.html", {"surat": surat, "form": form})


@sensitive_post_parameters("passphrase")
@pegawai_required
@require_http_methods(["GET", "POST"])
def tandatangani(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm and sign: the letter gets its number and today's date and is delivered at once. A failed
    electronic signature (wrong passphrase, no certificate, service down) changes nothing and is shown
    on the form."""
    pegawai = request.pegawai
    surat = selectors.get_surat_for(request.actor, pk)
    if "tandatangani" not in selectors.aksi_tersedia(request.actor, surat):
        if surat.status == S.TERKIRIM and request.method == "POST":
            messages.info(request, f"Surat ini sudah ditandatangani dengan nomor {surat.nomor}.")
            return redirect("surat:detail", pk=surat.pk)
        if surat.status in (S.PARAF, S.TTD, S.TERKIRIM) and request.actor.acts_in(surat.penandatangan_id):
            return _sudah_berubah(request, surat)
        raise Http404
    form = TandatanganiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signing.tandatangani(actor=pegawai, surat=surat, passphrase=form.cleaned_data["passphrase"])
        except PermissionDenied as exc:
            raise Http404 from exc
        except TteError as exc:
            # Rolled back: nothing was numbered or sent; the signer may try again.
            surat.refresh_from_db()
            form.add_error("passphrase" if isinstance(exc, PassphraseSalah) else None, exc.message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("surat:detail", pk=surat.pk)
        else:
            messages.success(request, f"Surat ditandatangani dengan nomor {surat.nomor} dan sudah dikirim.")
            return redirect("surat:detail", pk=surat.pk)
    ctx = _surat_context(surat)
    ctx.update({"form": form, "ada_eksternal": any(p.is_eksternal for p in ctx["penerima"])})
    return render(request, "surat/tandatangani.html", ctx)


@pegawai_required
@require_POST
def balas(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a reply as the jabatan that received the letter; opens the new draft."""
    pegawai = request.pegawai
    surat = selectors.get_surat_for(request.actor, pk)
    if "balas" not in selectors.aksi_tersedia(request.actor, surat):
        return _sudah_berubah(request, surat)
    ids = request.actor.jabatan_ids
    # pembaca lists addressees before copies: reply as the jabatan the letter was addressed to.
    diterima = [p for p in rincian.pembaca(surat) if p.jabatan_id in ids]
    jabatan = diterima[0].jabatan if diterima else Jabatan.objects.get(pk=pegawai.jabatan_id)
    return _run(
        request,
        surat,
        lambda: services.balas(actor=pegawai, surat=surat, jabatan_konseptor=jabatan),
        "Konsep balasan dibuat. Lengkapi isinya, lalu simpan atau ajukan.",
        ke=lambda baru: reverse("surat:konsep_ubah", args=[baru.pk]),
    )


@pegawai_required
@require_POST
def tindaklanjut(request: HttpRequest, pk: int) -> HttpResponse:
    surat = selectors.get_surat_for(request.actor, pk)
    if "tindaklanjut" not in selectors.aksi_tersedia(request.actor, surat):
        return _sudah_berubah(request, surat)
    return _run(
        request,
        surat,
        lambda: services.mark_ditindaklanjuti(actor=request.pegawai, surat=surat),
        "Surat ditandai sudah ditindaklanjuti.",
    )


def _kirim_form(actor: Actor, surat: Surat, penerima: list[Penerima]) -> KirimEksternalForm | None:
    """The external-delivery form for the detail page, for the sending OPD's pencatat while some wait."""
    belum = [p for p in penerima if p.is_eksternal and p.kirim_status == Penerima.KirimStatus.BELUM]
    if not belum or surat.opd_id not in actor.pencatat_opd_ids:
        return None
    return KirimEksternalForm(penerima=belum, auto_id="id_kirim_%s")


@pegawai_required
@require_http_methods(["GET", "POST"])
def kirim_eksternal(request: HttpRequest, pk: int) -> HttpResponse:
    """The sending OPD's pencatat records that the letter went out to an external addressee."""
    pegawai = request.pegawai
    surat = selectors.get_surat_for(request.actor, pk)
    if "kirim_eksternal" not in selectors.aksi_tersedia(request.actor, surat):
        if surat.status == S.TERKIRIM and surat.opd_id in request.actor.pencatat_opd_ids:
            messages.info(request, "Semua penerima di luar instansi sudah tercatat dikirim.")
            return redirect("surat:detail", pk=surat.pk)
        raise Http404
    belum = [p for p in rincian.pembaca(surat) if p.is_eksternal and p.kirim_status == Penerima.KirimStatus.BELUM]
    form = KirimEksternalForm(request.POST or None, penerima=belum)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            penerima = services.eksternal_sent(
                actor=pegawai,
                penerima=form.penerima_list[cd["penerima"]],
                cara=cd["cara"],
                dikirim_pada=cd["dikirim_pada"],
                catatan=cd["catatan"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and set(exc.error_dict) <= {"cara", "dikirim_pada"}:
                for key, errors in exc.error_dict.items():
                    form.add_error(key, errors)
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect("surat:detail", pk=surat.pk)
        else:
            messages.success(request, f"Pengiriman kepada {penerima.eksternal_nama} tercatat.")
            if len(belum) > 1:
                return redirect("surat:kirim_eksternal", pk=surat.pk)
            return redirect("surat:detail", pk=surat.pk)
    ctx = {
        "surat": surat,
        "form": form,
        "belum": belum,
        "boleh_lihat_isi": selectors.can_see_content(request.actor, surat),
    }
    return render(request, "surat/kirim_eksternal.html", ctx)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
