"""The summary rows kept by the services (rekap.fakta) equal a rebuild from scratch, after a mixed run of
actions over several days and two months."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from disposisi import services as disposisi_services
from rekap import fakta, ringkasan
from rekap.jangkauan import lingkup_for
from rekap.models import Angka
from rekap.periode import khusus
from surat import services as surat_services
from surat.models import Surat
from tests.disposisi.conftest import dispose, instruksi, surat_masuk  # noqa: F401 (fixtures)
from tests.surat.conftest import kka, konsep, nota_dinas, terkirim  # noqa: F401 (fixtures)
from tests.waktu import pada

pytestmark = pytest.mark.django_db


def _isi() -> dict[tuple, tuple[int, int]]:
    """The summary as it stands, rows of zero left out."""
    return {r[:7]: r[7:] for r in Angka.objects.values_list(*fakta.KOLOM) if r[7] or r[8]}


def test_incremental_rows_equal_a_rebuild_after_mixed_actions(cast, konsep, terkirim, surat_masuk, dispose):  # noqa: F811
    awal = timezone.localdate() - datetime.timedelta(days=45)
    with time_machine.travel(pada(awal, 9), tick=False):
        keluar = terkirim(hal="Undangan rapat", urgensi=Surat.Urgensi.SEGERA)  # Diskominfo -> Kepala Dishub
        hapus = konsep(hal="Konsep yang dibatalkan")
        surat_services.surat_delete(actor=cast.staf, surat=hapus)
    with time_machine.travel(pada(awal, 14), tick=False):
        [d_lain] = dispose(
            cast.kepala_lain, keluar, [cast.staf_lain.jabatan], batas_waktu=awal + datetime.timedelta(days=3)
        )
    with time_machine.travel(pada(awal + datetime.timedelta(days=1), 10), tick=False):
        disposisi_services.laporan_create(actor=cast.staf_lain, disposisi=d_lain, isi="Sudah dihadiri.")
        kertas = surat_masuk(tanggal_terima=awal + datetime.timedelta(days=1), urgensi=Surat.Urgensi.AMAT_SEGERA)
        surat_services.mark_read(actor=cast.kepala, surat=kertas)
        [batal] = dispose(cast.kepala, kertas, [cast.staf.jabatan])
        disposisi_services.disposisi_cancel(actor=cast.kepala, disposisi=batal)
        [d_kabid] = dispose(cast.kepala, kertas, [cast.kabid.jabatan], batas_waktu=awal + datetime.timedelta(days=2))
    with time_machine.travel(pada(awal + datetime.timedelta(days=35), 11), tick=False):
        disposisi_services.laporan_create(actor=cast.kabid, disposisi=d_kabid, isi="Data sudah dikirim.")
        terkirim(hal="Laporan bulanan", urgensi=Surat.Urgensi.AMAT_SEGERA)  # not opened yet
        konsep(hal="Masih konsep")

    bertahap = _isi()
    assert fakta.bangun_ulang()
    assert bertahap == _isi()

    periode = khusus(awal, timezone.localdate())
    r = ringkasan.hitung(lingkup_for(cast.admin_pemda), periode)
    assert r.total.volume == {"dibuat": 3, "ditandatangani": 2, "dikirim": 2, "diterima": 2, "kertas": 1}
    assert r.total.tepat_waktu == {"n": 2, "tepat": 1, "persen": 50.0}
    assert r.total.layanan["laporan"]["n"] == 2
    assert r.total.layanan["disposisi"]["n"] == 2
    assert (r.total.belum_dibaca, r.total.terlambat) == (1, 0)


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "postgresql", reason="forked workers read committed rows"
)
def test_a_parallel_rebuild_equals_a_rebuild_in_one_transaction(
    transactional_db,
    cast,
    konsep,  # noqa: F811
    terkirim,  # noqa: F811
    surat_masuk,  # noqa: F811
    dispose,  # noqa: F811
):
    keluar = terkirim(hal="Undangan rapat", urgensi=Surat.Urgensi.SEGERA)
    dispose(cast.kepala_lain, keluar, [cast.staf_lain.jabatan], batas_waktu=timezone.localdate())
    surat_masuk(tanggal_terima=timezone.localdate(), urgensi=Surat.Urgensi.AMAT_SEGERA)
    konsep(hal="Masih konsep")
    terkirim(hal="Laporan bulanan")

    fakta.bangun_ulang()
    satu = _isi()
    assert satu
    # One letter per batch, three processes: every range adds to the rows the others add to.
    assert fakta.bangun_ulang(batch=1, workers=3) == len(satu)
    assert _isi() == satu


def test_compiled_reads_of_a_few_letters_count_as_built_ones(cast, terkirim, surat_masuk, dispose, monkeypatch):  # noqa: F811
    """Services pass one letter or a few (read through lib.kueri_siap), a rebuild whole batches (built as
    usual): the same letters count the same either way."""
    keluar = terkirim(hal="Undangan rapat", urgensi=Surat.Urgensi.SEGERA)
    dispose(cast.kepala_lain, keluar, [cast.staf_lain.jabatan], batas_waktu=timezone.localdate())
    kertas = surat_masuk(tanggal_terima=timezone.localdate(), urgensi=Surat.Urgensi.AMAT_SEGERA)
    ids = [keluar.pk, kertas.pk]

    tersusun = fakta.kontribusi(ids)
    monkeypatch.setattr(fakta, "SIAP_MAKS", 0)
    dibangun = fakta.kontribusi(ids)

    assert tersusun and tersusun == dibangun
    assert {k[1] for k in tersusun} >= {"ttd", "dikirim", "diterima", "kertas"}
