"""lib.sql.AdaPerBaris: the same flag as Exists, in a subquery PostgreSQL will not turn into a hash of
every candidate row (the plan that made a page of 26 disposisi cost 6 ms at a million letters)."""

from __future__ import annotations

import pytest
from django.db.models import Exists, OuterRef

from lib.sql import AdaPerBaris
from organisasi.models import Jabatan
from tests.factories import JabatanFactory, OpdFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_flags_each_row_as_exists_does():
    unit = UnitFactory(induk=OpdFactory())
    kepala = JabatanFactory(unit=unit)
    staf = JabatanFactory(unit=unit, atasan=kepala)
    pelaksana = JabatanFactory(unit=unit, atasan=staf)
    sendiri = JabatanFactory(unit=unit)

    def flags(cls):
        bawahan = Jabatan.objects.filter(atasan=OuterRef("pk"))
        qs = Jabatan.objects.filter(unit=unit).annotate(punya=cls(bawahan)).order_by("pk")
        return [(j.pk, j.punya) for j in qs[:10]]

    assert flags(AdaPerBaris) == flags(Exists)
    assert dict(flags(AdaPerBaris)) == {kepala.pk: True, staf.pk: True, pelaksana.pk: False, sendiri.pk: False}
    negasi = Jabatan.objects.filter(unit=unit).filter(~AdaPerBaris(Jabatan.objects.filter(atasan=OuterRef("pk"))))
    assert set(negasi.values_list("pk", flat=True)) == {pelaksana.pk, sendiri.pk}


def test_the_subquery_carries_offset_zero():
    qs = Jabatan.objects.annotate(punya=AdaPerBaris(Jabatan.objects.filter(atasan=OuterRef("pk"))))
    assert "LIMIT 1 OFFSET 0)" in str(qs.query)
