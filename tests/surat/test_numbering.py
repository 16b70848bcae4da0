"""Letter numbers and agenda numbers: format, yearly reset, per-KKA option, no gaps under concurrency."""

from __future__ import annotations

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections
from django.utils import timezone

from arsip.models import KlasifikasiArsip
from organisasi.models import Pemda
from surat import services
from surat.models import Agenda, Surat
from surat.numbering import format_nomor

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def tahun() -> int:
    """Next year (relative to the clock): the tests travel to dates in it and across its end."""
    return timezone.localdate().year + 1


def ttd_siap(cast, konsep, **kw) -> Surat:
    surat = konsep(verifikator=[], **kw)
    services.surat_submit(actor=cast.staf, surat=surat)
    return surat


@pytest.mark.parametrize(
    "pola,expected",
    [
        ("{kka}/{urut}/{kode_opd}/{tahun}", "000.8.3.3/15/OR/2026"),
        ("{kka}/{urut}/{kode_opd}/{bulan_romawi}/{tahun}", "000.8.3.3/15/OR/XI/2026"),
        ("{urut}/{kode_opd}/{bulan}/{tahun}", "15/OR/11/2026"),
        ("{kka}/{urut}/{kode_opd}", "000.8.3.3/15/OR"),
    ],
)
def test_format_nomor(pola, expected):
    assert format_nomor(pola, kka="000.8.3.3", urut=15, kode_opd="OR", tanggal=datetime.date(2026, 11, 28)) == expected


def test_format_without_kka_leaves_no_double_slash():
    assert (
        format_nomor("{kka}/{urut}/{kode_opd}/{tahun}", kka="", urut=3, kode_opd="X", tanggal=datetime.date(2026, 1, 1))
        == "3/X/2026"
    )


def test_numbers_follow_pemda_pattern_and_count_up(tahun, cast, konsep):
    Pemda.objects.update(pola_nomor="{kka}/{urut}/{kode_opd}/{bulan_romawi}/{tahun}")
    with time_machine.travel(datetime.datetime(tahun, 3, 10, 9, tzinfo=WIB), tick=False):
        a, b = ttd_siap(cast, konsep), ttd_siap(cast, konsep)
        services.sign(actor=cast.kepala, surat=b)
        services.sign(actor=cast.kepala, surat=a)
    assert b.nomor == f"000.1/1/DISKOMINFOSP/III/{tahun}"
    assert a.nomor == f"000.1/2/DISKOMINFOSP/III/{tahun}"
    assert a.tanggal == datetime.date(tahun, 3, 10)


def test_number_sequence_resets_each_year(tahun, cast, konsep):
    with time_machine.travel(datetime.datetime(tahun, 12, 31, 23, 30, tzinfo=WIB), tick=False):
        for _ in range(2):
            services.sign(actor=cast.kepala, surat=ttd_siap(cast, konsep))
    with time_machine.travel(datetime.datetime(tahun + 1, 1, 1, 0, 30, tzinfo=WIB), tick=False):
        surat = ttd_siap(cast, konsep)
        services.sign(actor=cast.kepala, surat=surat)
    assert surat.nomor == f"000.1/1/DISKOMINFOSP/{tahun + 1}"
    assert list(Surat.objects.order_by("tahun", "nomor_urut").values_list("tahun", "nomor_urut")) == [
        (tahun, 1),
        (tahun, 2),
        (tahun + 1, 1),
    ]


def test_per_kka_option_counts_each_code_separately(cast, konsep, kka):
    Pemda.objects.update(nomor_per_kka=True)
    lain = KlasifikasiArsip.objects.get(kode="000.2")
    for k in (kka, lain, kka):
        services.sign(actor=cast.kepala, surat=ttd_siap(cast, konsep, klasifikasi=k))
    tahun = Surat.objects.first().tahun
    assert sorted(Surat.objects.values_list("nomor", flat=True)) == [
        f"000.1/1/DISKOMINFOSP/{tahun}",
        f"000.1/2/DISKOMINFOSP/{tahun}",
        f"000.2/1/DISKOMINFOSP/{tahun}",
    ]


def test_per_opd_sequence_uses_signer_opd(cast, konsep):
    """Dishub's kepala signing a letter drafted for him gets Dishub's code and Dishub's counter."""
    services.sign(actor=cast.kepala, surat=ttd_siap(cast, konsep))
    surat = konsep(
        actor=cast.staf_lain,
        jabatan_konseptor=cast.staf_lain.jabatan,
        penandatangan=cast.kepala_lain.jabatan,
        tujuan=[cast.kepala.jabatan],
        verifikator=[],
    )
    services.surat_submit(actor=cast.staf_lain, surat=surat)
    services.sign(actor=cast.kepala_lain, surat=surat)
    assert surat.nomor.startswith("000.1/1/DISHUB/")


def test_agenda_numbers_per_receiving_opd_per_year(tahun, cast, konsep):
    with time_machine.travel(datetime.datetime(tahun, 6, 1, 9, tzinfo=WIB), tick=False):
        for tujuan in (
            [cast.kepala_lain.jabatan],
            [cast.kepala_lain.jabatan, cast.staf_lain.jabatan],
            [cast.kabid.jabatan],
        ):
            services.sign(actor=cast.kepala, surat=ttd_siap(cast, konsep, tujuan=tujuan))
    with time_machine.travel(datetime.datetime(tahun + 1, 1, 2, 9, tzinfo=WIB), tick=False):
        services.sign(actor=cast.kepala, surat=ttd_siap(cast, konsep))
    rows = list(Agenda.objects.order_by("opd__kode", "tahun", "nomor").values_list("opd__kode", "tahun", "nomor"))
    # one agenda line per receiving OPD per letter, even with two addressees in Dishub
    assert rows == [
        ("DISHUB", tahun, 1),
        ("DISHUB", tahun, 2),
        ("DISHUB", tahun + 1, 1),
        ("DISKOMINFOSP", tahun, 1),
    ]


@pytest.mark.postgres
def test_concurrent_signing_gives_gapless_unique_numbers(transactional_db, cast, konsep):
    if connection.vendor != "postgresql":
        pytest.skip("Uji serentak butuh PostgreSQL (SQLite mengunci seluruh berkas); set DATABASE_URL.")
    n = 10
    letters = [ttd_siap(cast, konsep) for _ in range(n)]
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def worker(surat_id: int) -> None:
        try:
            surat = Surat.objects.get(pk=surat_id)
            barrier.wait(timeout=10)
            services.sign(actor=cast.kepala, surat=surat)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(s.pk,)) for s in letters]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert sorted(Surat.objects.values_list("nomor_urut", flat=True)) == list(range(1, n + 1))
    assert Surat.objects.values("nomor").distinct().count() == n
    assert sorted(Agenda.objects.values_list("nomor", flat=True)) == list(range(1, n + 1))
