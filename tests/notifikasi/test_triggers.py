"""Who is notified of what: letters (paraf, signature, return, arrival, paper letters) and dispositions
(received, report, cancelled). Positions own the work: Plt/Plh are notified too; the actor never is."""

from __future__ import annotations

import datetime

from django.utils import timezone

from disposisi import services as disposisi_services
from notifikasi.models import Event, Notifikasi
from organisasi import acting
from organisasi.models import Penugasan
from surat import services as surat_services
from surat.models import Surat
from tests.factories import PenugasanFactory
from tests.notifikasi.conftest import notices

E = Event


def plt(pegawai, jabatan, jenis=Penugasan.Jenis.PLT):
    today = timezone.localdate()
    return PenugasanFactory(
        pegawai=pegawai, jabatan=jabatan, jenis=jenis, mulai=today, selesai=today + datetime.timedelta(days=30)
    )


# ---------------------------------------------------------------- who acts in a jabatan


def test_pegawai_acting_in_includes_plt_and_plh_of_today_only(cast):
    plt(cast.staf_lain, cast.kepala.jabatan, Penugasan.Jenis.PLH)
    lalu = timezone.localdate() - datetime.timedelta(days=40)
    PenugasanFactory(
        pegawai=cast.admin_opd, jabatan=cast.kepala.jabatan, mulai=lalu, selesai=lalu + datetime.timedelta(days=5)
    )
    got = {(p.pk, j) for p, j in acting.pegawai_acting_in([cast.kepala.jabatan_id])}
    assert got == {(cast.kepala.pk, cast.kepala.jabatan_id), (cast.staf_lain.pk, cast.kepala.jabatan_id)}


def test_pegawai_acting_in_leaves_out_inactive_accounts(cast):
    cast.kabid.user.is_active = False
    cast.kabid.user.save()
    assert acting.pegawai_acting_in([cast.kabid.jabatan_id]) == []


# ---------------------------------------------------------------- letters


def test_submit_notifies_first_verifikator_not_the_drafter(cast, konsep, run_hooks):
    surat = konsep()
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
    [n] = notices(cast.kabid)
    assert n.event == E.PERLU_PARAF
    assert n.jabatan == cast.kabid.jabatan
    assert "Undangan rapat koordinasi" in n.judul
    assert n.url == f"/surat/{surat.pk}/"
    assert n.surat == surat
    assert notices(cast.staf) == []
    assert notices(cast.kepala) == []


def test_paraf_notifies_signer_and_their_plh(cast, konsep, run_hooks):
    plt(cast.admin_opd, cast.kepala.jabatan, Penugasan.Jenis.PLH)
    surat = konsep()
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
        surat_services.paraf_approve(actor=cast.kabid, surat=surat)
    assert [n.event for n in notices(cast.kepala)] == [E.PERLU_TTD]
    assert [n.event for n in notices(cast.admin_opd)] == [E.PERLU_TTD]
    assert notices(cast.kabid, E.PERLU_TTD) == []


def test_draft_without_chain_goes_straight_to_signer(cast, konsep, run_hooks):
    surat = konsep(verifikator=[])
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
    assert [n.event for n in notices(cast.kepala)] == [E.PERLU_TTD]
    assert notices(cast.kabid) == []


def test_return_notifies_drafter_with_the_note(cast, konsep, run_hooks):
    surat = konsep()
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
        surat_services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki tanggal rapat.")
    [n] = notices(cast.staf)
    assert n.event == E.KONSEP_DIKEMBALIKAN
    assert "Perbaiki tanggal rapat." in n.pesan
    assert cast.kabid.jabatan.nama in n.pesan
    assert notices(cast.kabid, E.KONSEP_DIKEMBALIKAN) == []


def test_resubmitted_draft_notifies_verifikator_again(cast, konsep, run_hooks):
    surat = konsep()
    for step in (
        lambda: surat_services.surat_submit(actor=cast.staf, surat=surat),
        lambda: surat_services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki."),
        lambda: surat_services.surat_submit(actor=cast.staf, surat=surat),
    ):
        with run_hooks():
            step()
    assert len(notices(cast.kabid, E.PERLU_PARAF)) == 2


def test_signed_letter_notifies_addressees_and_copies_once_each(cast, terkirim, run_hooks):
    plt(cast.staf_lain, cast.kepala_lain.jabatan)
    with run_hooks():
        surat = terkirim(tembusan=[cast.pencatat.jabatan])
    assert [n.event for n in notices(cast.kepala_lain)] == [E.SURAT_MASUK]
    assert [n.event for n in notices(cast.staf_lain)] == [E.SURAT_MASUK]
    [tembusan] = notices(cast.pencatat)
    assert tembusan.event == E.TEMBUSAN_MASUK
    assert surat.nomor in tembusan.pesan
    assert notices(cast.kepala, E.SURAT_MASUK) == []


def test_urgent_letter_says_so_in_the_title(cast, terkirim, run_hooks):
    with run_hooks():
        terkirim(urgensi=Surat.Urgensi.AMAT_SEGERA)
    [n] = notices(cast.kepala_lain)
    assert n.judul.startswith("Surat masuk (Amat Segera):")


def test_paper_letter_notifies_addressee_not_the_pencatat(cast, surat_luar):
    surat = surat_luar(tembusan=[cast.kabid.jabatan])
    [n] = notices(cast.kepala)
    assert n.event == E.SURAT_MASUK
    assert n.judul == "Surat masuk: Permintaan data statistik sektoral"
    assert "Kementerian Komunikasi dan Digital" in n.pesan
    assert [x.event for x in notices(cast.kabid)] == [E.TEMBUSAN_MASUK]
    assert notices(cast.pencatat) == []
    assert Notifikasi.objects.filter(surat=surat).count() == 2


def test_a_failing_notification_never_breaks_the_letter(cast, konsep, run_hooks, monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError("basis data notifikasi rusak")

    monkeypatch.setattr("notifikasi.triggers.notify", boom)
    surat = konsep()
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF
    assert not Notifikasi.objects.exists()
    assert "basis data notifikasi rusak" in caplog.text


# ---------------------------------------------------------------- secret letters


def test_secret_letter_notice_carries_no_hal_or_sender(cast, terkirim, run_hooks):
    with run_hooks():
        surat = terkirim(keamanan=Surat.Keamanan.RAHASIA, hal="Hasil audit investigasi pegawai X")
    [n] = notices(cast.kepala_lain)
    assert n.judul == "Anda menerima surat rahasia"
    assert n.pesan == ""
    assert n.url == f"/surat/{surat.pk}/"
    for pegawai in (cast.kabid, cast.kepala_lain):
        for x in notices(pegawai):
            assert "audit" not in f"{x.judul} {x.pesan}"
            assert surat.ttd_jabatan not in x.pesan


def test_secret_disposition_notice_carries_no_content(cast, surat_luar, disposisi):
    surat = surat_luar(keamanan=Surat.Keamanan.SANGAT_RAHASIA, hal="Penyelidikan kasus korupsi")
    disposisi(surat=surat, catatan="Telusuri rekening bendahara")
    [n] = notices(cast.kabid, E.DISPOSISI_MASUK)
    assert n.judul == "Ada disposisi surat rahasia untuk Anda"
    assert n.pesan == ""


# ---------------------------------------------------------------- dispositions


def test_disposition_notifies_recipient_and_plh_with_instruction_and_deadline(cast, disposisi):
    plt(cast.admin_opd, cast.kabid.jabatan, Penugasan.Jenis.PLH)
    d = disposisi()
    [n] = notices(cast.kabid, E.DISPOSISI_MASUK)
    assert n.disposisi_id == d.pk and n.surat_id == d.surat_id
    assert n.judul == "Disposisi masuk: Permintaan data statistik sektoral"
    assert "Untuk ditindaklanjuti" in n.pesan
    assert "Siapkan data sebelum hari Jumat" in n.pesan
    assert f"{d.batas_waktu.day} " in n.pesan
    assert cast.kepala.jabatan.nama in n.pesan
    assert len(notices(cast.admin_opd, E.DISPOSISI_MASUK)) == 1
    assert notices(cast.kepala, E.DISPOSISI_MASUK) == []


def test_report_notifies_whoever_gave_the_disposition(cast, disposisi, run_hooks):
    d = disposisi()
    with run_hooks():
        disposisi_services.laporan_create(actor=cast.kabid, disposisi=d, isi="Data sudah dikirim lewat email.")
    [n] = notices(cast.kepala, E.LAPORAN_MASUK)
    assert "Data sudah dikirim lewat email." in n.pesan
    assert n.disposisi_id == d.pk
    assert notices(cast.kabid, E.LAPORAN_MASUK) == []


def test_cancelled_disposition_notifies_recipient_and_voids_the_first_notice(cast, disposisi, run_hooks):
    d = disposisi()
    with run_hooks():
        disposisi_services.disposisi_cancel(actor=cast.kepala, disposisi=d)
    [batal] = notices(cast.kabid, E.DISPOSISI_DIBATALKAN)
    assert batal.dibaca_pada is None
    [masuk] = notices(cast.kabid, E.DISPOSISI_MASUK)
    assert masuk.dibaca_pada is not None


def test_letter_receivers_are_connected_once_even_when_ready_runs_again(cast, konsep, run_hooks, monkeypatch):
    from django.apps import apps

    from notifikasi import triggers

    apps.get_app_config("notifikasi").ready()
    calls = []
    real = triggers.notify
    monkeypatch.setattr(triggers, "notify", lambda **kw: calls.append(kw["event"]) or real(**kw))
    surat = konsep(verifikator=[cast.kabid.jabatan])
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
    assert calls == [Event.PERLU_PARAF]
    calls.clear()
    with run_hooks():
        surat_services.paraf_approve(actor=cast.kabid, surat=surat)
    with run_hooks():
        surat_services.sign(actor=cast.kepala, surat=surat)
    assert calls == [Event.PERLU_TTD, Event.SURAT_MASUK, Event.TEMBUSAN_MASUK]


# ---------------------------------------------------------------- Plt / Plh appointments


def _appoint(cast, run_hooks, actor, **fields):
    from organisasi import services as organisasi_services

    today = timezone.localdate()
    data = {"pegawai": cast.kabid, "jabatan": cast.kepala.jabatan, "jenis": Penugasan.Jenis.PLH, "mulai": today}
    data |= {"selesai": today + datetime.timedelta(days=14)} | fields
    with run_hooks():
        return organisasi_services.penugasan_create(actor=actor, **data)


def test_plh_appointment_notifies_appointee_holder_and_admin_pemda_not_the_actor(cast, run_hooks):
    _appoint(cast, run_hooks, cast.admin_opd, nomor_sk="800/12/2026")

    [own] = notices(cast.kabid, E.PENUGASAN_PLT_PLH)
    assert own.judul == f"Anda ditunjuk sebagai Plh. {cast.kepala.jabatan}"
    assert "800/12/2026" in own.pesan
    assert own.url == "/organisasi/struktur/"
    [holder] = notices(cast.kepala, E.PENUGASAN_PLT_PLH)
    assert holder.judul == f"{cast.kabid} ditunjuk sebagai Plh. {cast.kepala.jabatan}"
    assert len(notices(cast.admin_pemda, E.PENUGASAN_PLT_PLH)) == 1
    assert notices(cast.admin_opd, E.PENUGASAN_PLT_PLH) == []
    assert notices(cast.staf, E.PENUGASAN_PLT_PLH) == []


def test_admin_appointing_itself_is_still_seen_by_holder_and_admin_pemda(cast, run_hooks):
    # A post that neither signs nor heads a unit: an admin OPD may still fill it itself (the signing and
    # heading posts need admin Pemda, tests/organisasi), and the holder and admin Pemda are told.
    _appoint(cast, run_hooks, cast.admin_opd, pegawai=cast.admin_opd, jabatan=cast.staf.jabatan)

    assert notices(cast.admin_opd, E.PENUGASAN_PLT_PLH) == []
    assert len(notices(cast.staf, E.PENUGASAN_PLT_PLH)) == 1
    assert len(notices(cast.admin_pemda, E.PENUGASAN_PLT_PLH)) == 1


def test_plt_of_vacant_post_notifies_appointee_and_admin_pemda_once(cast, run_hooks):
    jabatan = cast.kepala_lain.jabatan
    cast.kepala_lain.jabatan = None
    cast.kepala_lain.save(update_fields=["jabatan"])
    _appoint(cast, run_hooks, None, jabatan=jabatan, jenis=Penugasan.Jenis.PLT)

    assert len(notices(cast.kabid, E.PENUGASAN_PLT_PLH)) == 1
    assert len(notices(cast.admin_pemda, E.PENUGASAN_PLT_PLH)) == 1
    assert Notifikasi.objects.filter(event=E.PENUGASAN_PLT_PLH).count() == 2


def test_failing_notification_never_breaks_the_appointment(cast, run_hooks, monkeypatch, caplog):
    from notifikasi import triggers

    def broken(**kwargs):
        raise RuntimeError("database notifikasi rusak")

    monkeypatch.setattr(triggers, "notify", broken)
    penugasan = _appoint(cast, run_hooks, cast.admin_opd)

    assert Penugasan.objects.filter(pk=penugasan.pk).exists()
    assert not Notifikasi.objects.exists()
    assert "database notifikasi rusak" in caplog.text


def test_receivers_are_connected_once_even_when_ready_runs_again(cast, disposisi, run_hooks):
    from django.apps import apps

    apps.get_app_config("notifikasi").ready()
    _appoint(cast, run_hooks, cast.admin_opd)
    assert len(notices(cast.kabid, E.PENUGASAN_PLT_PLH)) == 1
    d = disposisi()
    assert len(notices(cast.kabid, E.DISPOSISI_MASUK)) == 1
    with run_hooks():
        disposisi_services.disposisi_cancel(actor=cast.kepala, disposisi=d)
    assert len(notices(cast.kabid, E.DISPOSISI_DIBATALKAN)) == 1
