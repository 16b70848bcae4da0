"""Who may open the Rekap and which OPDs they see (rekap.jangkauan)."""

from __future__ import annotations

import pytest

from organisasi.models import Jabatan, UnitKerja
from rekap.jangkauan import boleh_rekap, lingkup_for
from tests.factories import JabatanFactory, OpdFactory, PegawaiFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_camat_sees_the_kecamatan_and_the_kelurahan_below_but_not_a_bidang_as_an_opd(cast):
    kec = OpdFactory(nama="Kecamatan Laweyan", jenis=UnitKerja.Jenis.KECAMATAN)
    kel = OpdFactory(nama="Kelurahan Sondakan", jenis=UnitKerja.Jenis.KELURAHAN, induk=kec)
    seksi = UnitFactory(nama="Seksi Pemerintahan", induk=kec, jenis=UnitKerja.Jenis.SEKSI)
    camat = PegawaiFactory(
        jabatan=JabatanFactory(nama="Camat Laweyan", unit=kec, is_kepala_unit=True, eselon=Jabatan.Eselon.III_A)
    )
    lingkup = lingkup_for(camat)
    assert lingkup.opd_ids == {kec.pk, kel.pk}
    assert [o.nama for o in lingkup.semua_opd] == ["Kecamatan Laweyan", "Kelurahan Sondakan"]
    assert not lingkup.pemda_wide and lingkup.judul == "Kecamatan Laweyan, Kelurahan Sondakan"
    narrowed = lingkup_for(camat, kec.pk, seksi.pk)
    assert narrowed.unit == seksi and narrowed.unit_ids == {seksi.pk}


def test_kabid_is_a_head_of_a_unit_not_of_an_opd(cast):
    assert not boleh_rekap(cast.kabid)
    assert lingkup_for(cast.kabid) is None
    assert boleh_rekap(cast.kepala)


def test_single_opd_head_is_narrowed_to_it_and_may_pick_its_units(cast):
    lingkup = lingkup_for(cast.kepala)
    assert lingkup.opd == cast.opd and lingkup.opd.nama == cast.opd.nama
    assert lingkup.opd.kode == cast.opd.kode  # a field the walk does not read loads when asked for
    assert lingkup.unit_pilihan == [cast.bidang]
    # A unit of another OPD is ignored.
    other = UnitFactory(induk=cast.opd_lain)
    assert lingkup_for(cast.kepala, cast.opd.pk, other.pk).unit is None
