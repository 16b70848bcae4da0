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
