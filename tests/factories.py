"""factory_boy factories. Factories create rows directly (test set-up), not through services."""

import itertools

import factory
from django.contrib.auth import get_user_model

from organisasi.models import Jabatan, Pegawai, Pemda, Penugasan, Peran, UnitKerja

_nip_seq = itertools.count(1)


def make_nip(lahir: str = "19800101", tmt: str = "200501", jk: str = "1") -> str:
    return f"{lahir}{tmt}{jk}{next(_nip_seq) % 999 + 1:03d}"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda
        django_get_or_create = ("nama_daerah",)

    nama_daerah = "Surakarta"
    tingkat = Pemda.Tingkat.KOTA
    alamat = "Jalan Jenderal Sudirman Nomor 2"


class OpdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja
        skip_postgeneration_save = True

    nama = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    kode = factory.Sequence(lambda n: f"DC{n}")
    jenis = UnitKerja.Jenis.DINAS
    is_opd = True
    opd = factory.LazyAttribute(lambda o: None)

    @factory.post_generation
    def _set_opd(obj, create, extracted, **kwargs):
        if create and obj.opd_id is None:
            obj.opd = obj
            obj.save(update_fields=["opd"])


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    nama = factory.Sequence(lambda n: f"Bidang Contoh {n}")
    jenis = UnitKerja.Jenis.BIDANG
    induk = factory.SubFactory(OpdFactory)
    opd = factory.LazyAttribute(lambda o: o.induk.opd)


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    nama = factory.Sequence(lambda n: f"Jabatan Contoh {n}")
    unit = factory.SubFactory(OpdFactory)
    eselon = Jabatan.Eselon.PELAKSANA


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-demo-123")


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    user = factory.SubFactory(UserFactory)
    nip = factory.LazyFunction(make_nip)
    nama = factory.Sequence(lambda n: f"Pegawai {n}")
    jabatan = factory.SubFactory(JabatanFactory)


class PenugasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penugasan

    pegawai = factory.SubFactory(PegawaiFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    jenis = Penugasan.Jenis.PLT


class PeranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Peran

    pegawai = factory.SubFactory(PegawaiFactory)
    jenis = Peran.Jenis.PENCATAT
