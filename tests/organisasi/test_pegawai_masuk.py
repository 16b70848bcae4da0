"""organisasi.pegawai_masuk reads the signed-in user's Pegawai, jabatan and unit as the ORM's
select_related("jabatan__unit") does: same values, relations cached both ways, no further query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisasi.models import Pegawai
from organisasi.pegawai_masuk import pegawai_dari_user
from tests.factories import PegawaiFactory


def _nilai(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_same_as_the_orm(cast):
    for pegawai in (cast.kepala, cast.staf, cast.pencatat):
        orm = Pegawai.objects.select_related("jabatan__unit").get(user_id=pegawai.user_id)
        with CaptureQueriesContext(connection) as ctx:
            kita = pegawai_dari_user(pegawai.user_id)
            assert kita.jabatan.unit.nama and kita.jabatan.pemangku is kita
        assert len(ctx.captured_queries) == 1
        assert _nilai(kita) == _nilai(orm) and _nilai(kita.jabatan) == _nilai(orm.jabatan)
        assert _nilai(kita.jabatan.unit) == _nilai(orm.jabatan.unit)
        assert not kita._state.adding and kita._state.db == "default"


def test_without_a_jabatan_or_a_pegawai(db, django_user_model):
    tanpa = PegawaiFactory(jabatan=None)
    with CaptureQueriesContext(connection) as ctx:
        kita = pegawai_dari_user(tanpa.user_id)
        assert kita == tanpa and kita.jabatan is None
    assert len(ctx.captured_queries) == 1
    assert pegawai_dari_user(django_user_model.objects.create_user("tanpa-pegawai").pk) is None


def test_the_read_brings_todays_acting_answers(cast, django_assert_num_queries):
    """The same read answers the acting actor's first questions for today (a Plt/Plh post in force? which
    roles?), so a page asks no more; a fresh resolution (services) and another day ask the database."""
    import datetime

    from django.utils import timezone

    from organisasi import acting
    from organisasi.models import Peran
    from tests.factories import PenugasanFactory, PeranFactory

    PeranFactory(pegawai=cast.kabid, jenis=Peran.Jenis.PENCATAT, opd=cast.opd)
    PeranFactory(pegawai=cast.kabid, jenis=Peran.Jenis.ADMIN_PEMDA, opd=None)
    hari = timezone.localdate()
    PenugasanFactory(pegawai=cast.kabid, jabatan=cast.kepala.jabatan, mulai=hari, selesai=hari)

    kabid = pegawai_dari_user(cast.kabid.user_id)
    kabid.user = cast.kabid.user  # as organisasi.decorators.get_pegawai leaves it
    with django_assert_num_queries(1):  # only the Plt/Plh posts themselves
        actor = acting.of(kabid)
        assert actor.jabatan_ids == {cast.kabid.jabatan_id, cast.kepala.jabatan_id}
        assert actor.pencatat_opd_ids == {cast.opd.pk} and actor.is_admin_pemda
    staf = pegawai_dari_user(cast.staf.user_id)
    with django_assert_num_queries(0):
        assert acting.of(staf).jabatan_ids == {cast.staf.jabatan_id} and not acting.of(staf).pencatat_opd_ids
    with django_assert_num_queries(2):
        besok = acting.Actor(kabid, hari + datetime.timedelta(days=1))
        assert besok.jabatan_ids == {cast.kabid.jabatan_id} and besok.pencatat_opd_ids == {cast.opd.pk}
    with django_assert_num_queries(4):
        assert acting.fresh(kabid).jabatan_ids == {cast.kabid.jabatan_id, cast.kepala.jabatan_id}
        assert acting.fresh(kabid).pencatat_opd_ids == {cast.opd.pk}
