"""Query budget of disposing a letter (issue 12), over the view as a browser posts it: the announcements
sent after commit run in the same request (outbox) and are counted too. The dispositions, their
instructions and the access rows go in one statement per table, so the service itself costs the same
for one recipient or several."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disposisi import services
from disposisi.models import Disposisi

# What the request cost on 6 December 2026 (68 on SQLite), with a little room.
ANGGARAN_DISPOSISIKAN = 70


def test_disposing_stays_within_its_query_budget(
    cast, login, surat_masuk, instruksi, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    surat = surat_masuk()
    client = login(cast.kepala)
    data = {
        "kepada": [cast.kabid.jabatan_id],
        "instruksi": [instruksi["Koordinasikan"].pk],
        "catatan": "Mohon ditindaklanjuti.",
        "prioritas": "biasa",
    }
    with django_assert_max_num_queries(ANGGARAN_DISPOSISIKAN), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("disposisi:buat", args=[surat.pk]), data)
    assert response.status_code == 302
    assert Disposisi.objects.get(surat=surat).kepada_jabatan_id == cast.kabid.jabatan_id


def _kueri_layanan(cast, surat, kepada, instruksi) -> int:
    with CaptureQueriesContext(connection) as ctx:
        dibuat = services.disposisi_create(
            actor=cast.kepala,
            surat=surat,
            dari_jabatan=cast.kepala.jabatan,
            kepada=kepada,
            instruksi=list(instruksi.values())[:2],
            catatan="Mohon ditindaklanjuti.",
        )
    assert len(dibuat) == len(kepada)
    assert all(len(d.instruksi.all()) == 2 for d in dibuat)
    return len(ctx)


def test_disposing_to_more_recipients_costs_the_service_no_more_queries(cast, surat_masuk, instruksi):
    satu = _kueri_layanan(cast, surat_masuk(), [cast.kabid.jabatan], instruksi)
    tiga = _kueri_layanan(
        cast, surat_masuk(), [cast.kabid.jabatan, cast.pencatat.jabatan, cast.admin_opd.jabatan], instruksi
    )
    assert tiga == satu
