"""lib.kueri_siap: a read compiled once per shape gives what the ORM gives, for every call's values, and
refuses a builder whose SQL would carry one call's values into the next."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from lib.kueri_siap import Siap, Tetap
from organisasi.models import Jabatan
from tests.factories import JabatanFactory, OpdFactory, PenugasanFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _jabatan(ids, nama=None, dengan_bawahan=None):
    qs = Jabatan.objects.select_related("unit__opd").filter(pk__in=ids).order_by("pk")
    if nama is not None:
        qs = qs.filter(nama=nama)
    if dengan_bawahan:
        qs = qs.annotate(n_bawahan=Count("bawahan"))
    return qs


@pytest.fixture
def pohon():
    unit = UnitFactory(induk=OpdFactory())
    kepala = JabatanFactory(unit=unit, nama="Kepala")
    staf = [JabatanFactory(unit=unit, nama=f"Staf {i}", atasan=kepala) for i in range(3)]
    return kepala, staf


def _sama(a: list[Jabatan], b: list[Jabatan]) -> None:
    assert [x.pk for x in a] == [x.pk for x in b]
    for x, y in zip(a, b, strict=True):
        assert {f.attname: getattr(x, f.attname) for f in Jabatan._meta.concrete_fields} == {
            f.attname: getattr(y, f.attname) for f in Jabatan._meta.concrete_fields
        }
        assert x.unit.opd.pk == y.unit.opd.pk
        assert getattr(x, "n_bawahan", None) == getattr(y, "n_bawahan", None)


def test_rows_are_the_orms_for_each_calls_values(pohon, django_assert_num_queries):
    kepala, staf = pohon
    baca = Siap(_jabatan)
    for ids in ([kepala.pk, staf[0].pk], [staf[1].pk, staf[2].pk], [staf[2].pk, 10**9]):
        with django_assert_num_queries(1):
            rows = baca(ids=ids, nama=None, dengan_bawahan=True)
            _ = [j.unit.opd for j in rows]  # select_related came with the row
        _sama(rows, list(_jabatan(ids, dengan_bawahan=True)))
    # a value argument and a frozenset (sorted into its stand-ins' order)
    rows = baca(ids=frozenset({staf[2].pk, kepala.pk}), nama="Kepala", dengan_bawahan=False)
    _sama(rows, list(_jabatan([kepala.pk, staf[2].pk], nama="Kepala")))
    assert rows[0].nama == "Kepala"


def test_each_shape_is_built_twice_then_never_again(pohon):
    kepala, staf = pohon
    dibangun = []

    def bangun(ids):
        dibangun.append(len(ids))
        return Jabatan.objects.filter(pk__in=ids).order_by("pk")

    baca = Siap(bangun)
    for _ in range(3):
        assert [j.pk for j in baca(ids=[kepala.pk])] == [kepala.pk]
        assert [j.pk for j in baca(ids=[s.pk for s in staf])] == [s.pk for s in staf]
    assert dibangun == [1, 1, 3, 3]


def test_an_empty_list_matches_nothing_without_a_query(pohon, django_assert_num_queries):
    baca = Siap(lambda ids: Jabatan.objects.filter(pk__in=ids))
    with django_assert_num_queries(0):
        assert baca(ids=[]) == []


def test_values_list_and_the_sql_for_a_larger_statement(pohon):
    kepala, staf = pohon
    baca = Siap(lambda atasan: Jabatan.objects.filter(atasan_id=atasan).order_by("pk").values_list("pk", flat=True))
    assert baca(atasan=kepala.pk) == [s.pk for s in staf]
    assert baca(atasan=staf[0].pk) == []
    sql, params = baca.sql(atasan=kepala.pk)
    assert params == [kepala.pk] and "%s" in sql


def test_a_bool_argument_is_part_of_the_shape(pohon):
    kepala, staf = pohon

    def bangun(pk, bawahan):
        return Jabatan.objects.filter(Q(atasan_id=pk) if bawahan else Q(pk=pk)).order_by("pk")

    baca = Siap(bangun)
    assert [j.pk for j in baca(pk=kepala.pk, bawahan=True)] == [s.pk for s in staf]
    assert [j.pk for j in baca(pk=kepala.pk, bawahan=False)] == [kepala.pk]


@pytest.mark.parametrize(
    "bangun, pesan",
    [
        # the value reaches the SQL changed (%…%): it could not be replaced
        (lambda nama: Jabatan.objects.filter(nama__contains=nama), "bukan nilai argumen yang utuh"),
        # the builder ignores an argument: a call's value would not reach the SQL
        (lambda nama: Jabatan.objects.filter(nama="Kepala"), "tidak sampai ke SQL"),
        # the builder reads the clock: its value would be frozen into every later call
        (lambda pk: Jabatan.objects.filter(pk=pk, penugasan__dibuat__lte=timezone.now()), "berubah antara"),
    ],
)
def test_refuses_a_builder_that_would_carry_stale_values(pohon, bangun, pesan):
    kepala, _ = pohon
    baca = Siap(bangun)
    nilai = {"nama": "Kepala"} if "nama" in bangun.__code__.co_varnames else {"pk": kepala.pk}
    with pytest.raises(ValueError, match=pesan):
        baca(**nilai)


def test_refuses_what_it_cannot_stand_in_for():
    baca = Siap(lambda jumlah: Jabatan.objects.filter(pk=jumlah))
    with pytest.raises(TypeError):
        baca(jumlah=1.5)
    baca = Siap(lambda ids: Jabatan.objects.filter(pk__in=ids).prefetch_related("bawahan"))
    with pytest.raises(ValueError, match="prefetch_related"):
        baca(ids=[1])


def test_a_tetap_argument_is_part_of_the_shape(pohon):
    kepala, staf = pohon
    baca = Siap(lambda atasan, batas: Jabatan.objects.filter(atasan_id=atasan).order_by("pk")[:batas])
    assert [j.pk for j in baca(atasan=kepala.pk, batas=Tetap(2))] == [s.pk for s in staf[:2]]
    assert [j.pk for j in baca(atasan=kepala.pk, batas=Tetap(5))] == [s.pk for s in staf]
    with pytest.raises(ValueError):  # a bare int bound is a value: refused (Django refuses a negative stand-in)
        baca(atasan=kepala.pk, batas=2)


def test_dates_and_aware_datetimes_are_values_in_the_backends_form(pohon):
    """SQLite turns a date into a string on its way to the parameters: the call's date goes the same way."""
    kepala, staf = pohon
    hari_ini = timezone.localdate()
    PenugasanFactory(jabatan=staf[0], mulai=hari_ini - datetime.timedelta(days=3), selesai=hari_ini)
    PenugasanFactory(
        jabatan=staf[1], mulai=hari_ini + datetime.timedelta(days=1), selesai=hari_ini + datetime.timedelta(days=2)
    )

    def bangun(hari, sejak):
        return Jabatan.objects.filter(penugasan__mulai__lte=hari, penugasan__dibuat__gte=sejak).order_by("pk")

    baca = Siap(bangun)
    sejak = timezone.now() - datetime.timedelta(hours=1)
    assert [j.pk for j in baca(hari=hari_ini, sejak=sejak)] == [staf[0].pk]
    assert [j.pk for j in baca(hari=hari_ini + datetime.timedelta(days=1), sejak=sejak)] == [staf[0].pk, staf[1].pk]
    assert baca(hari=hari_ini, sejak=timezone.now() + datetime.timedelta(hours=1)) == []
    with pytest.raises(TypeError, match="tanpa zona waktu"):
        baca(hari=hari_ini, sejak=datetime.datetime(2026, 1, 1))


def test_prepared_on_the_server_once_per_connection(pohon, settings):
    """di_server: on PostgreSQL with connections kept open, a shape is PREPAREd once per connection and
    each call EXECUTEs it, giving the ORM's rows; a rolled-back transaction keeps the statement.
    Elsewhere (SQLite, CONN_MAX_AGE 0) the SQL runs as it is."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    kepala, staf = pohon
    baca = Siap(_jabatan, di_server=True)
    ids = [kepala.pk, staf[0].pk]
    dibuka = connection.settings_dict["CONN_MAX_AGE"]
    try:
        connection.settings_dict["CONN_MAX_AGE"] = 60
        for _ in range(3):
            with CaptureQueriesContext(connection) as ctx:  # the PREPARE is not a query of the request
                rows = baca(ids=ids, nama="Kepala", dengan_bawahan=True)
            _sama(rows, list(_jabatan(ids, nama="Kepala", dengan_bawahan=True)))
            _sama(
                baca(ids=[staf[1].pk, staf[2].pk], nama=None, dengan_bawahan=False),
                list(_jabatan([staf[1].pk, staf[2].pk])),
            )
        sql = [q["sql"] for q in ctx.captured_queries]
        if connection.vendor != "postgresql":
            assert len(sql) == 1 and sql[0].startswith("SELECT")
            return
        assert len(sql) == 1 and sql[0].startswith("EXECUTE eo_siap_")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'eo_siap_%%'")
            assert cursor.fetchone()[0] >= 2
        try:
            with transaction.atomic():
                assert baca(ids=ids, nama="Kepala", dengan_bawahan=True)
                raise RuntimeError("batal")
        except RuntimeError:
            pass
        assert [j.pk for j in baca(ids=ids, nama="Kepala", dengan_bawahan=True)] == [kepala.pk]
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = dibuka
