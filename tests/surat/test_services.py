"""The letter flow through the services: drafting, paraf, signing, delivery, returns and refusals."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from organisasi.models import Penugasan
from surat import beranda, rincian, selectors, services, utas, versi
from surat.models import Agenda, AksesSurat, JenisSurat, Penerima, Surat, SuratLog, SuratVersi, Verifikator
from tests.factories import PegawaiFactory, PenugasanFactory
from tests.signals import received

S = Surat.Status


def aksi(surat):
    return list(surat.log.order_by("id").values_list("aksi", flat=True))


# ---------------------------------------------------------------- drafting


def test_create_makes_konsep_with_default_paraf_chain(cast, konsep):
    surat = konsep()
    assert surat.status == S.KONSEP
    assert surat.opd == cast.opd
    assert [v.jabatan for v in surat.verifikator.all()] == [cast.kabid.jabatan]
    assert surat.penerima.get().jabatan == cast.kepala_lain.jabatan
    assert aksi(surat) == [SuratLog.Aksi.DIBUAT]
    assert AuditEvent.objects.filter(aksi="surat.dibuat", objek_id=str(surat.pk)).exists()


def test_create_refused_for_jabatan_not_held(cast, konsep):
    with pytest.raises(PermissionDenied):
        konsep(actor=cast.staf, jabatan_konseptor=cast.kabid.jabatan)
    assert not Surat.objects.exists()


def test_create_sanitizes_body(konsep):
    surat = konsep(isi='<p onclick="steal()">Halo<script>alert(1)</script></p>')
    assert surat.isi == "<p>Halo</p>"


def test_signer_must_be_allowed_to_sign(cast, konsep):
    with pytest.raises(ValidationError) as exc:
        konsep(penandatangan=cast.pencatat.jabatan)
    assert "penandatangan" in exc.value.message_dict


def test_update_only_by_drafter_and_only_in_konsep(cast, konsep):
    surat = konsep()
    services.surat_update(actor=cast.staf, surat=surat, hal="Rapat evaluasi")
    assert Surat.objects.get(pk=surat.pk).hal == "Rapat evaluasi"
    with pytest.raises(PermissionDenied):
        services.surat_update(actor=cast.kabid, surat=surat, hal="Diubah atasan")
    services.surat_submit(actor=cast.staf, surat=surat)
    with pytest.raises(services.InvalidTransition):
        services.surat_update(actor=cast.staf, surat=surat, hal="Terlambat")
    assert Surat.objects.get(pk=surat.pk).hal == "Rapat evaluasi"


def test_update_replaces_recipients_with_internal_and_external(cast, konsep):
    surat = konsep()
    services.surat_set_penerima(
        actor=cast.staf,
        surat=surat,
        tujuan=[cast.kepala_lain.jabatan, {"nama": "PT Telkom Indonesia", "email": "info@telkom.co.id"}],
        tembusan=[cast.kepala.jabatan],
    )
    names = [(p.jenis, p.nama) for p in surat.penerima.order_by("jenis", "urutan")]
    assert names == [
        ("tembusan", cast.kepala.jabatan.nama),
        ("tujuan", cast.kepala_lain.jabatan.nama),
        ("tujuan", "PT Telkom Indonesia"),
    ]


def test_same_jabatan_cannot_be_tujuan_and_tembusan(cast, konsep):
    with pytest.raises(ValidationError) as exc:
        konsep(tujuan=[cast.kepala_lain.jabatan], tembusan=[cast.kepala_lain.jabatan])
    assert "tembusan" in exc.value.message_dict


def test_verifikator_chain_limited_to_three_and_excludes_signer(cast, konsep):
    with pytest.raises(ValidationError):
        konsep(verifikator=[cast.kabid.jabatan, cast.kepala.jabatan])
    with pytest.raises(ValidationError):
        konsep(
            verifikator=[cast.kabid.jabatan, cast.pencatat.jabatan, cast.admin_opd.jabatan, cast.kepala_lain.jabatan]
        )


def test_data_tambahan_validated_against_kind(cast, konsep):
    undangan = JenisSurat.objects.get(kode="surat-undangan")
    surat = konsep(jenis=undangan, data_tambahan={"hari_tanggal": "2026-08-17", "waktu": "09.00 WIB", "bogus": 1})
    assert surat.data_tambahan == {"hari_tanggal": "2026-08-17", "waktu": "09.00 WIB"}
    with pytest.raises(ValidationError) as exc:
        konsep(jenis=undangan, data_tambahan={"hari_tanggal": "17 Agustus"})
    assert "data_tambahan.hari_tanggal" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.surat_submit(actor=cast.staf, surat=surat)
    assert "data_tambahan.tempat" in exc.value.message_dict


def test_surat_tugas_lists_pegawai_and_needs_no_addressee(cast, konsep):
    tugas = JenisSurat.objects.get(kode="surat-tugas")
    surat = konsep(
        jenis=tugas,
        tujuan=[],
        data_tambahan={"dasar": "DPA 2026\nUndangan Kominfo", "ditugaskan": [cast.staf.pk], "untuk": "Hadir"},
    )
    assert surat.data_tambahan["dasar"] == ["DPA 2026", "Undangan Kominfo"]
    services.surat_submit(actor=cast.staf, surat=surat)
    assert surat.status == S.PARAF


# ---------------------------------------------------------------- submit and paraf


def test_submit_refuses_incomplete_draft_with_field_errors(cast, konsep):
    surat = konsep(hal="", klasifikasi=None, tujuan=[])
    with pytest.raises(ValidationError) as exc:
        services.surat_submit(actor=cast.staf, surat=surat)
    assert {"hal", "klasifikasi", "tujuan"} <= set(exc.value.message_dict)
    assert Surat.objects.get(pk=surat.pk).status == S.KONSEP


def test_submit_only_by_drafter(cast, konsep):
    surat = konsep()
    with pytest.raises(PermissionDenied):
        services.surat_submit(actor=cast.kabid, surat=surat)


def test_full_flow_paraf_then_sign_delivers(cast, konsep):
    surat = konsep(tembusan=[cast.kabid.jabatan])
    services.surat_submit(actor=cast.staf, surat=surat)
    assert surat.status == S.PARAF and surat.giliran == cast.kabid.jabatan
    services.paraf_approve(actor=cast.kabid, surat=surat, catatan="Sudah benar")
    assert surat.status == S.TTD and surat.giliran is None
    services.sign(actor=cast.kepala, surat=surat)
    surat.refresh_from_db()
    assert surat.status == S.TERKIRIM
    assert surat.nomor == f"000.1/1/DISKOMINFOSP/{timezone.localdate().year}"
    assert surat.tanggal == timezone.localdate()
    assert surat.ttd_nama == cast.kepala.nama_lengkap and surat.ttd_sebutan == ""
    tujuan = surat.penerima.get(jabatan=cast.kepala_lain.jabatan)
    assert tujuan.diterima_pada is not None
    assert Agenda.objects.get(surat=surat).opd == cast.opd_lain
    # tembusan gets access and a log line but no agenda number
    assert AksesSurat.objects.filter(surat=surat, jabatan=cast.kabid.jabatan, peran="tembusan").exists()
    assert Agenda.objects.filter(surat=surat).count() == 1
    assert aksi(surat)[-4:] == ["ditandatangani", "diterima", "diterima", "dikirim"]


def test_paraf_only_by_verifikator_whose_turn_it_is(cast, konsep):
    surat = konsep(verifikator=[cast.kabid.jabatan, cast.pencatat.jabatan])
    services.surat_submit(actor=cast.staf, surat=surat)
    with pytest.raises(PermissionDenied):
        services.paraf_approve(actor=cast.pencatat, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    assert surat.status == S.PARAF and surat.giliran == cast.pencatat.jabatan
    with pytest.raises(PermissionDenied):
        services.paraf_approve(actor=cast.kabid, surat=surat)
    services.paraf_approve(actor=cast.pencatat, surat=surat)
    assert surat.status == S.TTD


def test_paraf_refused_on_draft_not_submitted(cast, konsep):
    surat = konsep()
    with pytest.raises(services.InvalidTransition):
        services.paraf_approve(actor=cast.kabid, surat=surat)


def test_stale_instance_cannot_approve_twice(cast, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    stale = Surat.objects.get(pk=surat.pk)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    with pytest.raises((services.InvalidTransition, PermissionDenied)):
        services.paraf_approve(actor=cast.kabid, surat=stale)
    assert surat.log.filter(aksi="diparaf").count() == 1


def test_return_needs_note_and_resubmit_keeps_versions(cast, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    with pytest.raises(ValidationError) as exc:
        services.paraf_return(actor=cast.kabid, surat=surat, catatan="  ")
    assert "catatan" in exc.value.message_dict
    services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki tanggal rapat")
    assert surat.status == S.KONSEP
    assert surat.verifikator.get().status == Verifikator.Status.DIKEMBALIKAN
    services.surat_update(actor=cast.staf, surat=surat, isi="<p>Rapat pada hari Senin.</p>")
    services.surat_submit(actor=cast.staf, surat=surat)
    assert surat.versi == 2
    assert surat.verifikator.get().status == Verifikator.Status.MENUNGGU
    v1, v2 = SuratVersi.objects.filter(surat=surat).order_by("versi")
    diff = versi.versi_diff(v1, v2)
    assert [d["kunci"] for d in diff] == ["isi"]
    assert ("+", "Rapat pada hari Senin.") in diff[0]["baris"]
    assert ("-", "Dengan hormat, kami mengundang Bapak/Ibu.") in diff[0]["baris"]


def test_drafter_who_is_signer_goes_straight_to_ttd(cast, konsep):
    surat = konsep(actor=cast.kepala, jabatan_konseptor=cast.kepala.jabatan)
    assert not surat.verifikator.exists()
    services.surat_submit(actor=cast.kepala, surat=surat)
    assert surat.status == S.TTD


# ---------------------------------------------------------------- signing


def test_sign_refused_for_wrong_actor_and_wrong_status(cast, konsep):
    surat = konsep()
    with pytest.raises(services.InvalidTransition):
        services.sign(actor=cast.kepala, surat=surat)
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    with pytest.raises(PermissionDenied):
        services.sign(actor=cast.kabid, surat=surat)
    services.sign(actor=cast.kepala, surat=surat)
    nomor = surat.nomor
    with pytest.raises(services.InvalidTransition):
        services.sign(actor=cast.kepala, surat=surat)
    assert Surat.objects.get(pk=surat.pk).nomor == nomor
    assert surat.log.filter(aksi="ditandatangani").count() == 1


def test_failed_signature_hook_rolls_back_number_and_delivery(cast, konsep, terkirim):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)

    def tte_gagal(s):
        assert s.nomor
        raise RuntimeError("BSrE tidak menjawab")

    with pytest.raises(RuntimeError):
        services.sign(actor=cast.kepala, surat=surat, before_commit=tte_gagal)
    surat.refresh_from_db()
    assert surat.status == S.TTD and surat.nomor is None
    assert not Agenda.objects.exists()
    assert not Penerima.objects.filter(diterima_pada__isnull=False).exists()
    # the number was not burnt: the next signed letter gets number 1
    services.sign(actor=cast.kepala, surat=surat)
    assert surat.nomor_urut == 1


def test_signer_return_sends_back_to_konsep(cast, konsep):
    surat = konsep(verifikator=[])
    services.surat_submit(actor=cast.staf, surat=surat)
    with pytest.raises(PermissionDenied):
        services.signer_return(actor=cast.kabid, surat=surat, catatan="x")
    services.signer_return(actor=cast.kepala, surat=surat, catatan="Ganti hal")
    assert surat.status == S.KONSEP
    assert surat.log.filter(aksi="dikembalikan", catatan="Ganti hal").exists()


@pytest.mark.parametrize("jenis,sebutan", [(Penugasan.Jenis.PLT, "Plt."), (Penugasan.Jenis.PLH, "Plh.")])
def test_plt_plh_signing_fills_sebutan(cast, konsep, jenis, sebutan):
    today = timezone.localdate()
    pengganti = PegawaiFactory(nama="Joko Widodo", jabatan=None)
    PenugasanFactory(
        pegawai=pengganti,
        jabatan=cast.kepala.jabatan,
        jenis=jenis,
        mulai=today - datetime.timedelta(days=1),
        selesai=today + datetime.timedelta(days=30),
    )
    surat = konsep(verifikator=[])
    services.surat_submit(actor=cast.staf, surat=surat)
    assert selectors.perlu_ttd(pengganti).get() == surat
    services.sign(actor=pengganti, surat=surat)
    surat.refresh_from_db()
    assert surat.ttd_sebutan == sebutan
    assert surat.ttd_nama == "Joko Widodo"
    assert surat.ttd_jabatan == cast.kepala.jabatan.nama
    assert surat.penandatangan_pegawai == pengganti


def test_signature_block_is_frozen_when_people_move(cast, terkirim):
    surat = terkirim()
    j = cast.kepala.jabatan
    j.nama = "Kepala Dinas (nama baru)"
    j.save()
    cast.kepala.nama = "Orang Lain"
    cast.kepala.save()
    surat.refresh_from_db()
    assert surat.ttd_jabatan.startswith("Kepala Dinas Komunikasi")
    assert surat.ttd_nama == "Arif Budiman"
    assert surat.penerima.get().nama == "Kepala Dinas Perhubungan"


def test_atas_nama_and_untuk_beliau_lines(cast, konsep):
    # kabid signs a.n. the kepala
    surat = konsep(penandatangan=cast.kabid.jabatan, atas_nama=cast.kepala.jabatan, verifikator=[])
    services.surat_submit(actor=cast.staf, surat=surat)
    services.sign(actor=cast.kabid, surat=surat)
    assert surat.ttd_atas_nama == cast.kepala.jabatan.nama and surat.ttd_untuk_beliau == ""
    with pytest.raises(ValidationError) as exc:
        konsep(penandatangan=cast.kabid.jabatan, atas_nama=cast.kepala_lain.jabatan)
    assert "atas_nama" in exc.value.message_dict
    with pytest.raises(ValidationError):
        konsep(penandatangan=cast.kabid.jabatan, atas_nama=cast.kepala.jabatan, untuk_beliau=True)


# ---------------------------------------------------------------- after delivery


def test_mark_read_records_first_reader_once(cast, terkirim):
    surat = terkirim()
    assert services.mark_read(actor=cast.kepala_lain, surat=surat) == 1
    assert services.mark_read(actor=cast.kepala_lain, surat=surat) == 0
    p = rincian.pembaca(surat).get()
    assert p.dibaca_oleh == cast.kepala_lain and p.dibaca_pada is not None
    assert surat.log.filter(aksi="dibaca").count() == 1
    assert services.mark_read(actor=cast.staf_lain, surat=surat) == 0


def test_mark_ditindaklanjuti_only_for_addressee(cast, terkirim):
    surat = terkirim()
    with pytest.raises(PermissionDenied):
        services.mark_ditindaklanjuti(actor=cast.staf_lain, surat=surat)
    services.mark_ditindaklanjuti(actor=cast.kepala_lain, surat=surat)
    assert beranda.beranda_counters(cast.kepala_lain)["masuk_belum_ditindaklanjuti"] == 0


def test_external_recipient_waits_for_pencatat_then_sent(cast, terkirim):
    surat = terkirim(tujuan=[{"nama": "Universitas Sebelas Maret", "alamat": "Jl. Ir. Sutami 36A"}])
    p = surat.penerima.get()
    assert p.kirim_status == Penerima.KirimStatus.BELUM
    assert beranda.beranda_counters(cast.pencatat)["ditandatangani_belum_dikirim"] == 1
    with pytest.raises(PermissionDenied):
        services.eksternal_sent(actor=cast.staf, penerima=p, cara="pos")
    services.eksternal_sent(actor=cast.pencatat, penerima=p, cara="kurir", catatan="Diterima satpam")
    p.refresh_from_db()
    assert p.kirim_status == Penerima.KirimStatus.TERKIRIM and p.dikirim_oleh == cast.pencatat
    assert beranda.beranda_counters(cast.pencatat)["ditandatangani_belum_dikirim"] == 0
    with pytest.raises(services.InvalidTransition):
        services.eksternal_sent(actor=cast.pencatat, penerima=p, cara="kurir")


def test_register_paper_letter(cast, kka):
    surat = services.register_paper_letter(
        actor=cast.pencatat,
        opd=cast.opd,
        jenis=None,
        asal_instansi="Kementerian Komunikasi dan Digital",
        nomor_asal="B-123/DJAI/2026",
        tanggal_asal=timezone.localdate() - datetime.timedelta(days=3),
        tanggal_terima=timezone.localdate(),
        hal="Permintaan data",
        tujuan=cast.kepala.jabatan,
        klasifikasi=kka,
    )
    assert surat.status == S.TERCATAT and surat.sumber == Surat.Sumber.MASUK_LUAR
    assert Agenda.objects.get(surat=surat).nomor == 1
    masuk = selectors.surat_masuk(cast.kepala).get()
    assert masuk.surat == surat and masuk.agenda_nomor == 1
    assert selectors.get_surat_for(cast.pencatat, surat.pk) == surat
    with pytest.raises(PermissionDenied):
        services.register_paper_letter(
            actor=cast.staf,
            opd=cast.opd,
            jenis=None,
            asal_instansi="X",
            nomor_asal="1",
            tanggal_asal=None,
            tanggal_terima=timezone.localdate(),
            hal="Y",
            tujuan=cast.kepala.jabatan,
        )


def test_register_paper_letter_refuses_addressee_of_other_opd(cast):
    with pytest.raises(ValidationError) as exc:
        services.register_paper_letter(
            actor=cast.pencatat,
            opd=cast.opd,
            jenis=None,
            asal_instansi="X",
            nomor_asal="1",
            tanggal_asal=None,
            tanggal_terima=timezone.localdate(),
            hal="Y",
            tujuan=cast.kepala_lain.jabatan,
        )
    assert "tujuan" in exc.value.message_dict
    assert not Surat.objects.exists()


def test_balas_prefills_reply_to_sender(cast, terkirim):
    surat = terkirim()
    balasan = services.balas(actor=cast.kepala_lain, surat=surat, jabatan_konseptor=cast.kepala_lain.jabatan)
    assert balasan.status == S.KONSEP and balasan.balasan_untuk == surat
    assert balasan.penerima.get().jabatan == cast.kepala.jabatan
    assert [s.pk for s in utas.thread(cast.kepala_lain, balasan)] == [surat.pk, balasan.pk]
    with pytest.raises(PermissionDenied):
        services.balas(actor=cast.staf_lain, surat=surat, jabatan_konseptor=cast.staf_lain.jabatan)


def test_delete_konsep_only_before_first_submit(cast, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki")
    with pytest.raises(services.InvalidTransition):
        services.surat_delete(actor=cast.staf, surat=surat)
    lain = konsep()
    services.surat_delete(actor=cast.staf, surat=lain)
    assert not Surat.objects.filter(pk=lain.pk).exists()


def test_signals_are_sent_after_commit_and_a_failing_receiver_is_swallowed(
    cast, konsep, django_capture_on_commit_callbacks, caplog
):
    from surat import signals

    surat = konsep()
    with received(signals.surat_diajukan, failing=True) as seen:
        with django_capture_on_commit_callbacks(execute=True):
            services.surat_submit(actor=cast.staf, surat=surat)
            assert seen == []  # not before the commit
    assert seen == [{"surat_id": surat.pk}]
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF  # the failing receiver undid nothing
    assert "penerima rusak" in caplog.text


def test_signing_announces_signed_then_received(cast, konsep, django_capture_on_commit_callbacks):
    from surat import signals

    seen = []

    def record(sender, signal, surat_id, **ids):
        seen.append((signal, surat_id))

    for signal in (signals.surat_ditandatangani, signals.surat_diterima):
        signal.connect(record)
    try:
        surat = konsep(verifikator=[])
        services.surat_submit(actor=cast.staf, surat=surat)
        with django_capture_on_commit_callbacks(execute=True):
            services.sign(actor=cast.kepala, surat=surat)
    finally:
        for signal in (signals.surat_ditandatangani, signals.surat_diterima):
            signal.disconnect(record)
    assert seen == [(signals.surat_ditandatangani, surat.pk), (signals.surat_diterima, surat.pk)]


def test_surat_update_with_verifikator_none_proposes_the_default_chain(cast, konsep):
    surat = konsep(verifikator=[])
    assert not surat.verifikator.exists()

    services.surat_update(actor=cast.staf, surat=surat, verifikator=None)

    assert [v.jabatan for v in surat.verifikator.order_by("urutan")] == [cast.kabid.jabatan]
    services.surat_update(actor=cast.staf, surat=surat, penandatangan=cast.kabid.jabatan, verifikator=None)
    assert not surat.verifikator.exists()  # the kabid signs: nobody left to initial in between
