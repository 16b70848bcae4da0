"""Signing holds only what it must while the PDF is rendered and signed (issue 13, item 3): another
OPD's draft save and paper-letter registration go through during a signature in progress, and two
signings to overlapping recipients never deadlock. PostgreSQL only (SQLite locks the whole file)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone

from organisasi.models import Jabatan, Peran
from surat import numbering, services, signing
from surat.models import Agenda, Penomoran, Surat
from tests.factories import JabatanFactory, OpdFactory, PegawaiFactory, PeranFactory
from tests.surat.pdfutil import PASSPHRASE

pytestmark = pytest.mark.postgres

BATAS_DETIK = 5  # a write that waits longer than this was blocked by the signature


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Uji kunci butuh PostgreSQL (SQLite mengunci seluruh berkas); set DATABASE_URL.")


def _siap_ttd(surat: Surat, cast) -> Surat:
    services.surat_submit(actor=surat.konseptor, surat=surat)
    return surat


def _run(target, errors: list) -> threading.Thread:
    def wrapped():
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=wrapped)
    thread.start()
    return thread


def test_other_opd_writes_are_not_blocked_by_a_signature_in_progress(
    transactional_db, cast, konsep, sertifikat_kepala, media
):
    PeranFactory(pegawai=cast.staf_lain, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    # The letter goes to Dishub: its agenda counter was held for the whole signature before.
    surat = _siap_ttd(konsep(verifikator=[], tujuan=[cast.kepala_lain.jabatan]), cast)
    draft_lain = konsep(
        actor=cast.staf_lain, penandatangan=cast.kepala_lain.jabatan, tujuan=[cast.kepala.jabatan], verifikator=[]
    )
    signed, release, errors = threading.Event(), threading.Event(), []

    def slow_render_and_sign(s: Surat) -> None:
        signing._render_and_sign(s, PASSPHRASE)  # the real PDF and TTE signature, audit events included
        signed.set()
        release.wait(30)  # a slow BSrE answer: the transaction stays open

    signer = _run(lambda: services.sign(actor=cast.kepala, surat=surat, before_commit=slow_render_and_sign), errors)
    try:
        assert signed.wait(60), errors
        mulai = time.monotonic()
        services.surat_update(actor=cast.staf_lain, surat=draft_lain, hal="Perubahan jadwal rapat")
        paper = services.register_paper_letter(
            actor=cast.staf_lain,
            opd=cast.opd_lain,
            jenis=None,
            asal_instansi="Kementerian Perhubungan",
            nomor_asal="UM.001/1/2026",
            tanggal_asal=None,
            tanggal_terima=timezone.localdate(),
            hal="Undangan sosialisasi",
            tujuan=cast.kepala_lain.jabatan,
        )
        lama = time.monotonic() - mulai
        masih_menandatangani = signer.is_alive()
    finally:
        release.set()
        signer.join(60)
    assert not errors, errors
    assert masih_menandatangani
    assert lama < BATAS_DETIK, f"penyimpanan OPD lain menunggu {lama:.1f} s selama penandatanganan"
    draft_lain.refresh_from_db()
    assert draft_lain.hal == "Perubahan jadwal rapat"
    # The paper letter took Dishub's agenda number 1 while the signature was running; the signed letter
    # took the next one after it.
    assert Agenda.objects.get(surat=paper).nomor == 1
    assert Agenda.objects.get(surat=surat).nomor == 2
    surat.refresh_from_db()
    assert surat.status == Surat.Status.TERKIRIM and surat.dokumen.is_tte


def _kepala_of(opd) -> Jabatan:
    jabatan = JabatanFactory(
        nama=f"Kepala {opd.nama}",
        unit=opd,
        eselon=Jabatan.Eselon.II_B,
        is_kepala_unit=True,
        dapat_menandatangani=True,
    )
    PegawaiFactory(jabatan=jabatan)
    return jabatan


def test_two_signings_to_overlapping_recipients_do_not_deadlock(transactional_db, cast, konsep, monkeypatch):
    bappeda, inspektorat = OpdFactory(kode="BAPPEDA"), OpdFactory(kode="INSPEKTORAT")
    kepala_bappeda, kepala_inspektorat = _kepala_of(bappeda), _kepala_of(inspektorat)
    # Recipients listed in opposite orders: taken in list order, the counters would be locked crosswise.
    satu = _siap_ttd(konsep(verifikator=[], tujuan=[kepala_bappeda, kepala_inspektorat]), cast)
    dua = _siap_ttd(
        konsep(
            actor=cast.staf_lain,
            penandatangan=cast.kepala_lain.jabatan,
            tujuan=[kepala_inspektorat, kepala_bappeda],
            verifikator=[],
        ),
        cast,
    )
    ambil = numbering.next_value

    def lambat(**kw):
        value = ambil(**kw)
        if kw["seri"] == Penomoran.Seri.AGENDA:
            time.sleep(0.5)  # widen the window in which the other signing takes its counters
        return value

    monkeypatch.setattr(numbering, "next_value", lambat)
    barrier, errors = threading.Barrier(2), []

    def sign(actor, surat):
        def go():
            services.sign(actor=actor, surat=surat, before_commit=lambda s: barrier.wait(10))

        return go

    threads = [_run(sign(cast.kepala, satu), errors), _run(sign(cast.kepala_lain, dua), errors)]
    for t in threads:
        t.join(60)
    assert not errors, errors
    for opd in (bappeda, inspektorat):
        assert sorted(Agenda.objects.filter(opd=opd).values_list("nomor", flat=True)) == [1, 2]
    assert set(Surat.objects.filter(pk__in=[satu.pk, dua.pk]).values_list("status", flat=True)) == {
        Surat.Status.TERKIRIM
    }
