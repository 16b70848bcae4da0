"""lib.paging: pages without COUNT for busy lists, counted pages for short ones, one markup for both."""

import base64

import pytest
from django.contrib.auth.models import User as Pemakai
from django.template import RequestContext, Template
from django.test import RequestFactory

from lib.paging import (
    MAKS_HALAMAN,
    MAKS_HALAMAN_SIAP,
    DaftarSiap,
    _encode,
    _sort_keys,
    counted_page_of,
    page_number,
    page_of,
)
from organisasi.models import UnitKerja
from tests.factories import OpdFactory

rf = RequestFactory()


@pytest.mark.parametrize(
    ("query", "nomor"),
    [
        ({}, 1),
        ({"halaman": "3"}, 3),
        ({"halaman": "x"}, 1),
        ({"halaman": "-2"}, 1),
        ({"halaman": "99999"}, MAKS_HALAMAN),
    ],
)
def test_page_number_is_read_from_the_query_and_kept_in_range(query, nomor):
    assert page_number(rf.get("/", query)) == nomor


@pytest.fixture
def tujuh_opd(db):
    for i in range(7):
        OpdFactory(nama=f"Dinas {i}", kode=f"D{i}")
    return UnitKerja.objects.order_by("kode")


def test_page_of_reads_one_row_more_and_never_counts(tujuh_opd, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = page_of(rf.get("/"), tujuh_opd, 3, to_row=lambda u: u.kode)
    assert first.baris == ["D0", "D1", "D2"] and first.nomor == 1
    assert first.ada_berikutnya and not first.ada_sebelumnya and first.jumlah_halaman is None
    last = page_of(rf.get("/", {"halaman": 3}), tujuh_opd, 3)
    assert [u.kode for u in last] == ["D6"] and not last.ada_berikutnya and last.sebelumnya == 2


def test_counted_page_knows_how_many_pages_and_shows_the_last_for_a_number_past_the_end(tujuh_opd):
    page = counted_page_of(rf.get("/", {"halaman": 9}), tujuh_opd, 3)
    assert page.nomor == 3 and page.jumlah_halaman == 3 and [u.kode for u in page] == ["D6"]


def _markup(halaman, query=None):
    template = Template('{% include "includes/halaman.html" with label="Halaman uji" %}')
    return template.render(RequestContext(rf.get("/", {"q": "kota", **(query or {})}), {"halaman": halaman}))


def test_one_markup_links_keep_the_filters_and_name_the_total_only_when_counted(tujuh_opd):
    middle = _markup(page_of(rf.get("/", {"halaman": 2}), tujuh_opd, 3), {"halaman": 2})
    assert 'aria-label="Halaman uji"' in middle and "Halaman 2</span>" in middle
    assert "?q=kota&amp;halaman=1" in middle and "?q=kota&amp;halaman=3" in middle
    counted = _markup(counted_page_of(rf.get("/", {"halaman": 2}), tujuh_opd, 3), {"halaman": 2})
    assert "Halaman 2 dari 3" in counted


def test_a_single_page_shows_no_pagination(tujuh_opd):
    assert "pagination" not in _markup(page_of(rf.get("/"), tujuh_opd, 10))


@pytest.fixture
def tujuh_opd_by_pk(tujuh_opd):
    return UnitKerja.objects.filter(kode__startswith="D").order_by("-id")


def test_a_list_ordered_to_its_primary_key_pages_by_keyset(tujuh_opd_by_pk, django_assert_num_queries):
    first = page_of(rf.get("/"), tujuh_opd_by_pk, 3, to_row=lambda u: u.kode)
    assert first.baris == ["D6", "D5", "D4"] and first.kunci_setelah and first.kunci_sebelum is None
    with django_assert_num_queries(1):
        second = page_of(rf.get("/", {"halaman": 2, "setelah": first.kunci_setelah}), tujuh_opd_by_pk, 3)
    assert [u.kode for u in second] == ["D3", "D2", "D1"] and second.nomor == 2 and second.ada_berikutnya
    third = page_of(rf.get("/", {"halaman": 3, "setelah": second.kunci_setelah}), tujuh_opd_by_pk, 3)
    assert [u.kode for u in third] == ["D0"] and not third.ada_berikutnya and third.kunci_sebelum
    back = page_of(rf.get("/", {"halaman": 2, "sebelum": third.kunci_sebelum}), tujuh_opd_by_pk, 3)
    assert [u.kode for u in back] == ["D3", "D2", "D1"] and back.ada_sebelumnya and back.ada_berikutnya


def test_a_bad_key_or_an_ordering_without_the_primary_key_pages_by_offset(tujuh_opd, tujuh_opd_by_pk):
    forged = page_of(rf.get("/", {"halaman": 2, "setelah": "eyJ4IjoxfQ"}), tujuh_opd_by_pk, 3)
    assert [u.kode for u in forged] == ["D3", "D2", "D1"]
    by_kode = page_of(rf.get("/"), tujuh_opd, 3)
    assert by_kode.kunci_setelah is None and by_kode.ada_berikutnya


def test_a_list_of_branches_is_merged_page_by_page_in_one_query_per_branch(tujuh_opd_by_pk, django_assert_num_queries):
    from django.db.models import Q

    ids = sorted(tujuh_opd_by_pk.values_list("pk", flat=True))
    branches = [Q(pk__in=ids[0::2]), Q(pk__in=ids[1::2]), Q(pk__in=ids[:2])]  # overlapping on purpose
    with django_assert_num_queries(3):
        first = page_of(rf.get("/"), tujuh_opd_by_pk, 3, cabang=branches)
    assert [u.kode for u in first] == ["D6", "D5", "D4"] and first.ada_berikutnya
    second = page_of(rf.get("/", {"halaman": 2, "setelah": first.kunci_setelah}), tujuh_opd_by_pk, 3, cabang=branches)
    assert [u.kode for u in second] == ["D3", "D2", "D1"]
    third = page_of(rf.get("/", {"halaman": 3, "setelah": second.kunci_setelah}), tujuh_opd_by_pk, 3, cabang=branches)
    assert [u.kode for u in third] == ["D0"] and not third.ada_berikutnya
    back = page_of(rf.get("/", {"halaman": 2, "sebelum": third.kunci_sebelum}), tujuh_opd_by_pk, 3, cabang=branches)
    assert [u.kode for u in back] == ["D3", "D2", "D1"]
    typed = page_of(rf.get("/", {"halaman": 2}), tujuh_opd_by_pk, 3, cabang=branches)
    assert [u.kode for u in typed] == ["D3", "D2", "D1"] and typed.ada_berikutnya
    last = page_of(rf.get("/", {"halaman": 3}), tujuh_opd_by_pk, 3, cabang=branches)
    assert [u.kode for u in last] == ["D0"] and not last.ada_berikutnya and last.nomor == 3
    past = page_of(rf.get("/", {"halaman": 4}), tujuh_opd_by_pk, 3, cabang=branches)
    assert past.baris == [] and past.nomor == 4 and not past.ada_berikutnya


def test_a_typed_page_of_branches_reads_the_keys_before_it_and_only_its_own_rows(tujuh_opd_by_pk):
    """A Plt's `?halaman=5`: the pages before it as sort keys, then a page and one row per branch after the
    last of them (not every branch's full rows up to the page)."""
    from django.db import connection
    from django.db.models import Q
    from django.test.utils import CaptureQueriesContext

    ids = sorted(tujuh_opd_by_pk.values_list("pk", flat=True))
    branches = [Q(pk__in=ids[0::2]), Q(pk__in=ids[1::2])]
    with CaptureQueriesContext(connection) as kueri:
        typed = page_of(rf.get("/", {"halaman": 3}), tujuh_opd_by_pk, 2, cabang=branches)
    assert [u.kode for u in typed] == ["D2", "D1"] and typed.ada_berikutnya
    sql = [q["sql"] for q in kueri.captured_queries]
    kunci = [q for q in sql if '"nama"' not in q]  # the keys: the primary key only
    baris = [q for q in sql if '"nama"' in q]
    assert len(kunci) == 2 and all("LIMIT 4" in q for q in kunci)
    assert len(baris) == 2 and all("LIMIT 3" in q for q in baris)


def test_a_prepared_list_reads_the_same_pages_as_its_queryset(tujuh_opd_by_pk, django_assert_num_queries):
    """DaftarSiap: the same walk forward, back and by number, each read compiled once (lib.kueri_siap)."""
    daftar = DaftarSiap(lambda jenis: UnitKerja.objects.filter(jenis=jenis, kode__startswith="D").order_by("-id"))
    siap = (daftar, {"jenis": UnitKerja.Jenis.DINAS.value})

    def dua_kali(query, kueri=1):
        biasa = page_of(rf.get("/", query), tujuh_opd_by_pk, 3)
        with django_assert_num_queries(kueri):
            disiapkan = page_of(rf.get("/", query), tujuh_opd_by_pk, 3, siap=siap)
        assert [u.kode for u in biasa] == [u.kode for u in disiapkan]
        sama = ("nomor", "ada_berikutnya", "kunci_setelah", "kunci_sebelum")
        assert [getattr(biasa, k) for k in sama] == [getattr(disiapkan, k) for k in sama]
        return disiapkan

    first = dua_kali({})
    second = dua_kali({"halaman": 2, "setelah": first.kunci_setelah})
    third = dua_kali({"halaman": 3, "setelah": second.kunci_setelah})
    assert [u.kode for u in third] == ["D0"]
    assert [u.kode for u in dua_kali({"halaman": 2, "sebelum": third.kunci_sebelum})] == ["D3", "D2", "D1"]
    assert [u.kode for u in dua_kali({"halaman": 3, "sebelum": second.kunci_setelah})] == ["D4", "D3", "D2"]
    d4 = tujuh_opd_by_pk.get(kode="D4")
    kembali = dua_kali({"halaman": 2, "sebelum": _encode(d4, _sort_keys(tujuh_opd_by_pk))}, kueri=2)
    assert [u.kode for u in kembali] == ["D6", "D5", "D4"] and kembali.nomor == 1  # back at the beginning
    assert [u.kode for u in dua_kali({"halaman": 3})] == ["D0"]  # by number, without a key
    assert [u.kode for u in dua_kali({"halaman": 2, "setelah": "eyJ4IjoxfQ"})] == ["D3", "D2", "D1"]  # forged
    tanpa_zona = base64.urlsafe_b64encode(b'["2026-01-01T00:00:00",5]').decode()  # a time without its zone
    pemakai = DaftarSiap(lambda aktif: Pemakai.objects.filter(is_active=aktif).order_by("-last_login", "-id"))
    halaman = page_of(
        rf.get("/", {"halaman": 2, "setelah": tanpa_zona}),
        Pemakai.objects.filter(is_active=True).order_by("-last_login", "-id"),
        3,
        siap=(pemakai, {"aktif": True}),
    )
    assert halaman.nomor == 2 and halaman.baris == []  # read as page 2 by number, not refused
    # another value of the same shape reads its own rows
    assert page_of(rf.get("/"), tujuh_opd_by_pk, 3, siap=(daftar, {"jenis": "badan"})).baris == []


def test_a_list_given_as_its_builder_is_built_only_for_a_page_the_prepared_reads_do_not_serve(tujuh_opd_by_pk):
    """page_of(qs=<function>): the queryset is built only when `siap` cannot read the page (its sort keys
    come from the DaftarSiap, once per shape): building it cost up to ~1 ms of a list page."""
    daftar = DaftarSiap(lambda jenis: UnitKerja.objects.filter(jenis=jenis, kode__startswith="D").order_by("-id"))
    siap = (daftar, {"jenis": UnitKerja.Jenis.DINAS.value})
    assert daftar.urutan(siap[1]) == _sort_keys(tujuh_opd_by_pk)
    dibangun = []

    def bangun():
        dibangun.append(1)
        return tujuh_opd_by_pk

    first = page_of(rf.get("/"), bangun, 3, siap=siap)
    second = page_of(rf.get("/", {"halaman": 2, "setelah": first.kunci_setelah}), bangun, 3, siap=siap)
    assert [u.kode for u in first] == ["D6", "D5", "D4"] and [u.kode for u in second] == ["D3", "D2", "D1"]
    assert dibangun == []
    # A page typed by number past the prepared ones, or a list without `siap`: built, and read as before.
    jauh = page_of(rf.get("/", {"halaman": MAKS_HALAMAN_SIAP + 1}), bangun, 1, siap=siap)
    assert jauh.baris == [] and jauh.nomor == MAKS_HALAMAN_SIAP + 1 and dibangun == [1]
    assert [u.kode for u in page_of(rf.get("/"), bangun, 3)] == ["D6", "D5", "D4"] and dibangun == [1, 1]


def test_a_prepared_list_of_branches_reads_the_same_merged_pages(tujuh_opd_by_pk, django_assert_num_queries):
    """DaftarSiap(bercabang=True): each branch's reads compiled once, merged as page_of merges querysets."""
    from django.db.models import Q

    kode = [["D0", "D2", "D4", "D6"], ["D1", "D3", "D5"], ["D0", "D1"]]  # overlapping on purpose
    branches = [Q(kode__in=k) for k in kode]

    def bangun(awalan_id, cabang):  # a branch is fixed by its index; the value reaches every branch
        return UnitKerja.objects.filter(kode__in=kode[cabang], id__gt=awalan_id).order_by("-id")

    daftar = DaftarSiap(bangun, bercabang=True)
    siap = (daftar, {"awalan_id": 0})
    halaman = {}
    for nama, query in (
        ("first", {}),
        ("second", {"halaman": 2, "setelah": "first"}),
        ("third", {"halaman": 3, "setelah": "second"}),
        ("back", {"halaman": 2, "sebelum": "third"}),
        ("typed", {"halaman": 2}),
    ):
        query = {k: (getattr(halaman[v], "kunci_" + k) if v in halaman else v) for k, v in query.items()}
        biasa = page_of(rf.get("/", query), tujuh_opd_by_pk, 3, cabang=branches)
        with django_assert_num_queries(6 if nama == "typed" else 3):  # typed: the keys, then the page
            disiapkan = page_of(rf.get("/", query), tujuh_opd_by_pk, 3, cabang=branches, siap=siap)
        assert [u.kode for u in disiapkan] == [u.kode for u in biasa], nama
        assert (disiapkan.nomor, disiapkan.ada_berikutnya) == (biasa.nomor, biasa.ada_berikutnya), nama
        halaman[nama] = disiapkan
    assert [u.kode for u in halaman["back"]] == ["D3", "D2", "D1"]
