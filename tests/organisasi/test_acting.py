"""The acting actor: own post plus Plt/Plh posts on a day, role scopes, one resolution per Pegawai
instance (a request) and a fresh one for services."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from organisasi import acting
from organisasi.models import Penugasan, Peran
from tests.factories import PenugasanFactory
from tests.waktu import pada


def _hari() -> datetime.date:
    """A day next week (relative to the clock, never a calendar date)."""
    return timezone.localdate() + datetime.timedelta(days=7)


def _plh(cast, mulai=None, selesai=None, jenis=Penugasan.Jenis.PLH):
    mulai = mulai or _hari()
    selesai = selesai or mulai + datetime.timedelta(days=4)
    return PenugasanFactory(pegawai=cast.kabid, jabatan=cast.kepala.jabatan, jenis=jenis, mulai=mulai, selesai=selesai)


def _ids(pegawai, on):
    return acting.fresh(pegawai, on).jabatan_ids


def test_plh_counts_only_within_its_dates(cast):
    _plh(cast)
    hari = _hari()
    own, kepala = cast.kabid.jabatan_id, cast.kepala.jabatan_id
    assert _ids(cast.kabid, hari - datetime.timedelta(days=1)) == {own}
    assert _ids(cast.kabid, hari) == {own, kepala}
    assert _ids(cast.kabid, hari + datetime.timedelta(days=4)) == {own, kepala}
    assert _ids(cast.kabid, hari + datetime.timedelta(days=5)) == {own}


def test_default_day_is_today(cast):
    _plh(cast)
    with time_machine.travel(pada(_hari() + datetime.timedelta(days=2)), tick=False):
        assert acting.fresh(cast.kabid).acts_in(cast.kepala.jabatan_id)
    with time_machine.travel(pada(_hari() + datetime.timedelta(days=10)), tick=False):
        assert not acting.fresh(cast.kabid).acts_in(cast.kepala.jabatan_id)


def test_own_post_first_then_assignments_with_their_abbreviation(cast):
    today = timezone.localdate()
    _plh(cast, mulai=today, selesai=today, jenis=Penugasan.Jenis.PLT)
    actor = acting.fresh(cast.kabid)
    assert [a.jabatan.pk for a in actor.jabatan] == [cast.kabid.jabatan_id, cast.kepala.jabatan_id]
    assert [a.sebutan for a in actor.jabatan] == [cast.kabid.jabatan.nama, f"Plt. {cast.kepala.jabatan.nama}"]
    assert actor.singkatan(cast.kepala.jabatan_id) == "Plt."
    assert actor.singkatan(cast.kabid.jabatan_id) == ""
    assert [t.jabatan_id for t in actor.penugasan] == [cast.kepala.jabatan_id]


def test_role_scopes(cast):
    pencatat = acting.fresh(cast.pencatat)
    assert pencatat.pencatat_opd_ids == {cast.opd.pk}
    assert not pencatat.is_admin_pemda
    assert pencatat.managed_opd_ids == frozenset()
    Peran.objects.create(pegawai=cast.staf, jenis=Peran.Jenis.ADMIN_PEMDA)
    assert acting.fresh(cast.staf).managed_opd_ids is None


def test_of_resolves_once_per_instance(cast, django_assert_num_queries):
    actor = acting.of(cast.kabid)
    with django_assert_num_queries(2):  # the Plt/Plh posts, the roles
        assert actor.jabatan_ids
        assert actor.pencatat_opd_ids == frozenset()
    with django_assert_num_queries(0):
        assert acting.of(cast.kabid) is actor
        assert acting.of(actor) is actor
        assert acting.of(cast.kabid).jabatan_ids == actor.jabatan_ids


def test_fresh_sees_an_assignment_that_ended(cast):
    today = timezone.localdate()
    tugas = _plh(cast, mulai=today - datetime.timedelta(days=3), selesai=today)
    cached = acting.of(cast.kabid)
    assert cached.acts_in(cast.kepala.jabatan_id)
    Penugasan.objects.filter(pk=tugas.pk).update(selesai=today - datetime.timedelta(days=1))
    assert not acting.fresh(cast.kabid).acts_in(cast.kepala.jabatan_id)
    assert not acting.fresh(cached).acts_in(cast.kepala.jabatan_id)


def test_the_header_pemda_comes_from_the_cache_until_it_is_saved(db, django_assert_num_queries):
    from organisasi.models import Pemda

    pemda = Pemda.current() or Pemda.objects.create(nama_daerah="Surakarta", tingkat=Pemda.Tingkat.KOTA)
    Pemda.untuk_tampilan()
    with django_assert_num_queries(0):
        assert Pemda.untuk_tampilan().pk == pemda.pk
    pemda.nama_daerah = "Sukoharjo"
    pemda.save()
    assert Pemda.untuk_tampilan().nama_daerah == "Sukoharjo"


@pytest.mark.django_db
def test_bentuk_is_made_of_ids_and_answers_nothing_else():
    """The actor a read compiled once is built with (lib.kueri_siap): the access rules read its ids; any
    question about a person or a day fails instead of compiling one user's answer into everyone's SQL."""
    actor = acting.bentuk([3, 1], (7,))
    assert actor.jabatan_ids == frozenset({1, 3}) and actor.pencatat_opd_ids == frozenset({7})
    assert acting.of(actor) is actor
    for pertanyaan in ("is_admin_pemda", "arsiparis_opd_ids", "jabatan", "on"):
        with pytest.raises(AttributeError):
            getattr(actor, pertanyaan)
    with pytest.raises(AttributeError):  # made without pencatat OPDs: no roles to answer with
        _ = acting.bentuk([1]).pencatat_opd_ids
