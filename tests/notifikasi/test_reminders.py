"""The beat task: dispositions due tomorrow, overdue ones, and Amat Segera letters unread for two hours.
Each rule reminds each person once, however often the task runs."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from disposisi import services as disposisi_services
from notifikasi.models import Event, Notifikasi
from notifikasi.tasks import periksa_pengingat
from surat import services as surat_services
from surat.models import Surat
from tests.notifikasi.conftest import notices
from tests.waktu import senin_depan, tanggal_id

E = Event


@pytest.fixture
def senin() -> datetime.datetime:
    return senin_depan(jam=8)


def hari(senin: datetime.datetime, n: int) -> datetime.date:
    return (senin + datetime.timedelta(days=n)).date()


def at(moment: datetime.datetime):
    return time_machine.travel(moment, tick=False)


def test_due_tomorrow_reminds_recipient_once(senin, cast, disposisi, mailoutbox, run_hooks):
    with at(senin):
        d = disposisi(batas_waktu=hari(senin, 3))
    with at(senin + datetime.timedelta(days=1)):
        assert periksa_pengingat.delay().get()["besok"] == 0
    with at(senin + datetime.timedelta(days=2)):
        mailoutbox.clear()
        with run_hooks():
            assert periksa_pengingat.delay().get()["besok"] == 1
            assert periksa_pengingat.delay().get()["besok"] == 0
    with at(senin + datetime.timedelta(days=2, hours=5)):
        periksa_pengingat.delay().get()
    [n] = notices(cast.kabid, E.BATAS_WAKTU_BESOK)
    assert n.disposisi_id == d.pk
    assert tanggal_id(hari(senin, 3)) in n.pesan
    assert n.kunci_unik == f"besok:disposisi:{d.pk}:pegawai:{cast.kabid.pk}"
    assert [m.subject for m in mailoutbox] == [
        "[eoffice] Batas waktu disposisi besok: Permintaan data statistik sektoral"
    ]


def test_overdue_reminds_once_and_not_after_the_report(senin, cast, disposisi, run_hooks):
    with at(senin):
        d = disposisi(batas_waktu=hari(senin, 1))
        selesai = disposisi(kepada=[cast.admin_opd.jabatan], batas_waktu=hari(senin, 1))
        with run_hooks():
            disposisi_services.laporan_create(actor=cast.admin_opd, disposisi=selesai, isi="Sudah selesai.")
    for n in (2, 2, 3):
        with at(senin + datetime.timedelta(days=n)):
            periksa_pengingat.delay().get()
    [n] = notices(cast.kabid, E.BATAS_WAKTU_LEWAT)
    assert n.disposisi_id == d.pk
    assert tanggal_id(hari(senin, 1)) in n.pesan
    assert notices(cast.admin_opd, E.BATAS_WAKTU_LEWAT) == []


def test_a_new_plt_is_reminded_too_but_the_holder_not_again(senin, cast, disposisi):
    from tests.factories import PenugasanFactory

    with at(senin):
        disposisi(batas_waktu=hari(senin, 1))
    with at(senin + datetime.timedelta(days=2)):
        periksa_pengingat.delay().get()
        PenugasanFactory(
            pegawai=cast.admin_opd,
            jabatan=cast.kabid.jabatan,
            mulai=hari(senin, 2),
            selesai=hari(senin, 30),
        )
        periksa_pengingat.delay().get()
    assert len(notices(cast.kabid, E.BATAS_WAKTU_LEWAT)) == 1
    assert len(notices(cast.admin_opd, E.BATAS_WAKTU_LEWAT)) == 1


def test_unread_amat_segera_letter_reminded_after_two_hours_once(senin, cast, surat_luar):
    with at(senin):
        surat = surat_luar(urgensi=Surat.Urgensi.AMAT_SEGERA)
        dibaca = surat_luar(urgensi=Surat.Urgensi.AMAT_SEGERA, hal="Sudah dibaca")
        biasa = surat_luar(hal="Tidak mendesak")
    with at(senin + datetime.timedelta(minutes=30)):
        surat_services.mark_read(actor=cast.kepala, surat=dibaca)
    with at(senin + datetime.timedelta(hours=1, minutes=59)):
        assert periksa_pengingat.delay().get()["segera"] == 0
    with at(senin + datetime.timedelta(hours=2, minutes=1)):
        assert periksa_pengingat.delay().get()["segera"] == 1
    with at(senin + datetime.timedelta(hours=2, minutes=16)):
        assert periksa_pengingat.delay().get()["segera"] == 0
    [n] = notices(cast.kepala, E.SURAT_SEGERA_BELUM_DIBACA)
    assert n.surat == surat
    assert "08.00 WIB" in n.pesan
    assert not Notifikasi.objects.filter(surat__in=[dibaca, biasa], event=E.SURAT_SEGERA_BELUM_DIBACA).exists()


def test_old_unread_letters_are_not_reminded_on_first_run(senin, cast, surat_luar):
    with at(senin):
        surat_luar(urgensi=Surat.Urgensi.AMAT_SEGERA)
    with at(senin + datetime.timedelta(days=10)):
        assert periksa_pengingat.delay().get()["segera"] == 0


def test_two_runs_racing_make_one_notice(senin, cast, disposisi):
    """The unique key holds even when the cheap pre-check is bypassed (two beat runs at once)."""
    from notifikasi import services

    with at(senin):
        d = disposisi(batas_waktu=hari(senin, 1))
    kwargs = {
        "event": E.BATAS_WAKTU_LEWAT,
        "penerima": [(cast.kabid, cast.kabid.jabatan_id)],
        "judul": "x",
        "pesan": "",
        "url": "/",
        "disposisi_id": d.pk,
        "kunci": f"lewat:disposisi:{d.pk}",
    }
    assert len(services.notify(**kwargs)) == 1
    assert services.notify(**kwargs) == []
    assert Notifikasi.objects.filter(event=E.BATAS_WAKTU_LEWAT).count() == 1


def test_beat_schedule_runs_every_15_minutes(senin, settings):
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "notifikasi.tasks.periksa_pengingat"]
    assert entry["schedule"] == 15 * 60
    assert timezone.is_aware(senin)
