"""The pages of the project as a whole: the Beranda."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from disposisi import selectors as disposisi_selectors
from lib.tautan import alamat
from organisasi.decorators import get_pegawai
from surat.beranda import Tugas
from surat.views.beranda import beranda_context

TUGAS_MAKS = 6


def _tugas(pegawai, tugas_surat: list[Tugas]) -> list[Tugas]:
    """ "Yang perlu Anda kerjakan hari ini": the letters' to-dos and the dispositions waiting for the user,
    one list ordered by urgency (then deadline, then waiting longest)."""
    tugas = list(tugas_surat)
    for t in tugas:
        # An incoming letter its addressee may dispose: one tap from here to the disposition form. These
        # lines are the user's own received TUJUAN receipts (surat.beranda.tugas_hari_ini), so the
        # letter's state decides; no query per line.
        if t.aksi in ("Baca", "Tindak lanjuti") and disposisi_selectors.dapat_didisposisikan(t.surat):
            t.langkah, t.langkah_url = "Disposisikan", alamat("disposisi:buat", t.surat.pk)
    for d in disposisi_selectors.menunggu(pegawai, batas=TUGAS_MAKS):
        tugas.append(
            Tugas(
                d.surat,
                f"Disposisi dari {d.dari_jabatan.nama}",
                d.dibuat,
                url=alamat("disposisi:detail", d.pk),
                batas_waktu=d.batas_waktu,
                peringkat=disposisi_selectors.peringkat(d),
            )
        )
    tugas.sort(key=lambda t: t.urutan)
    return tugas[:TUGAS_MAKS]


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Home page: greeting, the jabatan acted in today and the work counters of the other apps.

    Also for a user without a Pegawai (e.g. a bare superuser): the page then says so instead of failing.
    The acting pegawai and jabatan come from the context processor.
    """
    pegawai = get_pegawai(request)
    ctx = beranda_context(pegawai) if pegawai is not None else {}
    if pegawai is not None:
        ctx["tugas"] = _tugas(pegawai, ctx.get("tugas", []))
    return render(request, "beranda.html", ctx)
