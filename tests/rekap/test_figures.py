"""Every figure of the Rekap on the known set of tests/rekap/conftest.py, per OPD and for the Pemda."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rekap import layanan, ringkasan
from rekap.jangkauan import lingkup_for
from rekap.models import BiayaSatuan

from .conftest import HAL_RAHASIA

pytestmark = pytest.mark.django_db


@pytest.fixture
def rekap_pemda(dunia):
    return ringkasan.susun(lingkup_for(dunia.cast.admin_pemda), dunia.periode)


def _baris(r, opd):
    return next(b for b in r.baris if b.opd_id == opd.pk)


def test_volumes_per_opd_and_for_the_pemda(dunia, rekap_pemda):
    a, b = _baris(rekap_pemda, dunia.cast.opd), _baris(rekap_pemda, dunia.cast.opd_lain)
    assert a.volume == {"dibuat": 3, "ditandatangani": 2, "dikirim": 2, "diterima": 1, "kertas": 1}
    assert b.volume == {"dibuat": 1, "ditandatangani": 1, "dikirim": 1, "diterima": 2, "kertas": 0}
    assert rekap_pemda.total.nama == "Pemda"
    assert rekap_pemda.total.volume == {"dibuat": 4, "ditandatangani": 3, "dikirim": 3, "diterima": 3, "kertas": 1}
    assert (a.persen_elektronik, b.persen_elektronik, rekap_pemda.total.persen_elektronik) == (50.0, 100.0, 75.0)
    assert rekap_pemda.per_jenis == [{"jenis": "Surat Dinas", "n": 2}, {"jenis": "Nota Dinas", "n": 1}]


def test_electronic_share_month_by_month_adds_up(dunia, rekap_pemda):
    bulan = rekap_pemda.elektronik
    assert [e["bulan"] for e in bulan] == dunia.periode.bulan
    assert sum(e["elektronik"] for e in bulan) == 3
    assert sum(e["kertas"] for e in bulan) == 1


def test_savings_per_opd_and_for_the_pemda_at_the_default_unit_costs(dunia, rekap_pemda):
    a, b = _baris(rekap_pemda, dunia.cast.opd).hemat, _baris(rekap_pemda, dunia.cast.opd_lain).hemat
    # S1: file copy + Kepala Dishub + Kabid copy + ministry by email = 4 x 2 pages; S2: 2 x 2 pages.
    assert (a.surat, a.lembar, a.kurir, a.rupiah) == (2, 12, 2, 12 * 250 + 2 * 25_000)
    assert (b.surat, b.lembar, b.kurir, b.rupiah) == (1, 4, 1, 4 * 250 + 25_000)
    t = rekap_pemda.total.hemat
    assert (t.surat, t.lembar, t.kurir, t.rupiah) == (3, 16, 3, 79_000)
    assert sum(h.rupiah for _, h in rekap_pemda.penghematan.per_bulan) == 79_000


def test_savings_follow_the_unit_costs_admin_pemda_set(dunia):
    BiayaSatuan.objects.create(harga_kertas=200, harga_toner=300, biaya_kurir=50_000, halaman_per_surat=1)
    r = ringkasan.susun(lingkup_for(dunia.cast.admin_pemda), dunia.periode)
    assert (r.total.hemat.lembar, r.total.hemat.rupiah) == (8, 8 * 500 + 3 * 50_000)


def test_service_times_median_and_p90_per_opd_and_for_the_pemda(dunia, rekap_pemda):
    a, b, t = _baris(rekap_pemda, dunia.cast.opd), _baris(rekap_pemda, dunia.cast.opd_lain), rekap_pemda.total
    assert a.layanan["ttd"] == {"n": 2, "p50": 7.0, "p90": 9.4}
    assert b.layanan["ttd"] == {"n": 1, "p50": 2.0, "p90": 2.0}
    assert t.layanan["ttd"] == {"n": 3, "p50": 4.0, "p90": 8.8}
    assert a.layanan["disposisi"] == {"n": 2, "p50": 3.0, "p90": 3.8}
    assert b.layanan["disposisi"] == {"n": 1, "p50": 15.0, "p90": 15.0}
    assert t.layanan["disposisi"] == {"n": 3, "p50": 4.0, "p90": 12.8}
    assert a.layanan["laporan"] == {"n": 1, "p50": 24.0, "p90": 24.0}
    assert b.layanan["laporan"] == {"n": 0, "p50": None, "p90": None}
    assert a.tepat_waktu == {"n": 1, "tepat": 1, "persen": 100.0}
    assert t.tepat_waktu == {"n": 1, "tepat": 1, "persen": 100.0}


def test_overdue_and_unread_urgent_per_opd(dunia, rekap_pemda):
    a, b = _baris(rekap_pemda, dunia.cast.opd), _baris(rekap_pemda, dunia.cast.opd_lain)
    assert (a.terlambat, a.belum_dibaca) == (1, 0)
    assert (b.terlambat, b.belum_dibaca) == (1, 1)
    assert (rekap_pemda.total.terlambat, rekap_pemda.total.belum_dibaca) == (2, 1)


def test_backlog_per_jabatan_shows_the_plt_holding_a_vacant_post(dunia):
    c = dunia.cast
    rows = {t.jabatan.pk: t for t in layanan.tunggakan_per_jabatan(lingkup_for(c.admin_pemda))}
    kabid = rows[c.kabid.jabatan.pk]
    assert (kabid.disposisi, kabid.terlambat, kabid.paraf, kabid.ttd, kabid.jumlah) == (1, 1, 1, 0, 2)
    assert kabid.pemegang == "Sri Wahyuni"
    lalin = rows[dunia.j_kabid_lalin.pk]
    assert (lalin.disposisi, lalin.terlambat, lalin.jumlah) == (1, 1, 1)
    assert lalin.pemegang == "Plt. Joko Susilo"
    assert lalin.umur_hari == 9
    assert list(rows)[0] == c.kabid.jabatan.pk  # most waiting first


def test_rahasia_letter_is_counted_but_its_subject_never_shown(dunia):
    c = dunia.cast
    # Kepala Dishub is the addressee of the Rahasia letter and may open it, yet the Rekap names no subject.
    lingkup = lingkup_for(c.kepala_lain)
    rows = layanan.baris_untuk(c.kepala_lain, list(layanan.daftar_belum_dibaca(lingkup)))
    assert [(r["hal"], r["rahasia"], r["surat_id"]) for r in rows] == [("(Rahasia)", True, dunia.s2.pk)]
    assert all(HAL_RAHASIA not in str(r) for r in rows)


def test_overdue_items_link_only_for_viewers_who_may_open_the_letter(dunia, pimpinan):
    c = dunia.cast
    mine = layanan.baris_untuk(c.kepala, list(layanan.daftar_terlambat(lingkup_for(c.kepala))))
    assert [(r["hal"], r["surat_id"], r["jabatan"]) for r in mine] == [
        ("Permintaan data SPBE", dunia.p1.pk, "Kepala Bidang Aplikasi Informatika")
    ]
    # The Sekda sees both overdue dispositions (every OPD) but may open neither letter.
    semua = layanan.baris_untuk(pimpinan.sekda, list(layanan.daftar_terlambat(lingkup_for(pimpinan.sekda))))
    assert [(r["surat_id"], r["hal"], r["batas_waktu"]) for r in semua] == [
        (None, layanan.HAL_TERTUTUP, dunia.hari_ini - datetime.timedelta(days=2)),
        (None, layanan.HAL_TERTUTUP, dunia.hari_ini - datetime.timedelta(days=1)),
    ]
    assert {r["opd"] for r in semua} == {c.opd.nama, c.opd_lain.nama}


def test_overdue_items_cost_the_same_queries_for_one_row_or_many(dunia, pimpinan):
    """A page's rows read only what `layanan.baris` prints: a field left out would cost a query per row."""
    kunci = list(layanan.daftar_terlambat(lingkup_for(pimpinan.sekda)))
    assert len(kunci) == 2
    with CaptureQueriesContext(connection) as satu:
        layanan.baris_untuk(pimpinan.sekda, kunci[:1])
    with CaptureQueriesContext(connection) as dua:
        rows = layanan.baris_untuk(pimpinan.sekda, kunci)
    assert len(dua) == len(satu) and all(r["jabatan"] and r["opd"] and r["diterima"] for r in rows)


def test_one_opd_or_one_unit_narrows_every_figure(dunia):
    c = dunia.cast
    r = ringkasan.susun(lingkup_for(c.admin_pemda, c.opd.pk), dunia.periode)
    assert [b.opd_id for b in r.baris] == [c.opd.pk]
    assert r.total.nama == "Jumlah"
    assert r.total.volume["ditandatangani"] == 2
    # The Bidang: letters drafted there (S1, S2, S4) and the Kabid's dispositions; paper mail is the OPD's.
    r = ringkasan.susun(lingkup_for(c.kepala, c.opd.pk, c.bidang.pk), dunia.periode)
    assert r.lingkup.unit == c.bidang
    assert r.total.volume == {"dibuat": 3, "ditandatangani": 2, "dikirim": 2, "diterima": 0, "kertas": 0}
    assert r.total.terlambat == 1
    assert r.total.layanan["laporan"]["n"] == 1
