"""The demo's believable inbox (issue 15): after seeding, a notification of a letter the jabatan already
opened, of a draft no longer waiting for it, or of a role handed out while building the city is read;
what still waits stays unread."""

from django.test import TestCase
from django.utils import timezone

from demo import kotak_masuk
from notifikasi.models import Event, Notifikasi
from surat.models import Penerima
from tests.surat.conftest import kka, konsep, nota_dinas, terkirim  # noqa: F401 (fixtures)


def test_history_is_read_and_what_waits_stays_unread(cast, terkirim):  # noqa: F811
    with TestCase.captureOnCommitCallbacks(execute=True):
        dibuka = terkirim(hal="Sudah dibuka kepala Dishub", verifikator=[])
        menunggu = terkirim(hal="Belum dibuka kepala Dishub", verifikator=[])
    Penerima.objects.filter(surat=dibuka, jabatan=cast.kepala_lain.jabatan).update(dibaca_pada=timezone.now())
    Notifikasi.objects.create(
        penerima=cast.pencatat, event=Event.KEAMANAN, judul="Anda mendapat peran baru", url="/akun/"
    )

    assert kotak_masuk.rapikan() >= 2

    belum = Notifikasi.objects.filter(penerima=cast.kepala_lain, dibaca_pada=None, event=Event.SURAT_MASUK)
    assert list(belum.values_list("surat_id", flat=True)) == [menunggu.pk]
    assert not Notifikasi.objects.filter(penerima=cast.pencatat, dibaca_pada=None, event=Event.KEAMANAN).exists()
    # Paraf/signature notices of letters that went on are read too.
    assert not Notifikasi.objects.filter(event__in=(Event.PERLU_PARAF, Event.PERLU_TTD), dibaca_pada=None).exists()
