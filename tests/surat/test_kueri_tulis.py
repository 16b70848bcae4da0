"""Query budgets of the letter's write paths (issue 12): signing and saving a draft, over the view as a
browser posts them. The announcements sent after commit run in the same request (outbox), so they are
counted too; and the rows a signing writes per addressee go in one statement per table, so more
addressees cost no more queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surat.models import Surat
from tests.surat.pdfutil import PASSPHRASE
from tests.surat.test_views_naskah import form_data

# What the requests cost on 6 December 2026 (97 and 48 on SQLite, the background work run inline), with
# a little room.
ANGGARAN_TTD = 100
ANGGARAN_SIMPAN = 50


def _tandatangani(client, surat: Surat, capture) -> int:
    """POST the signing form (the announcements after commit included); the number of queries."""
    with CaptureQueriesContext(connection) as ctx, capture(execute=True):
        response = client.post(reverse("surat:tandatangani", args=[surat.pk]), {"passphrase": PASSPHRASE})
    assert response.status_code == 302 and response.url == reverse("surat:detail", args=[surat.pk])
    surat.refresh_from_db()
    assert surat.status == Surat.Status.TERKIRIM and surat.nomor
    return len(ctx)


def test_signing_stays_within_its_query_budget(
    cast, login, siap_ttd, sertifikat_kepala, media, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client = login(cast.kepala)
    _tandatangani(client, siap_ttd(), django_capture_on_commit_callbacks)  # the first makes the TSA certificate
    surat = siap_ttd()
    with django_assert_max_num_queries(ANGGARAN_TTD):
        _tandatangani(client, surat, django_capture_on_commit_callbacks)


def test_signing_to_more_addressees_costs_no_more_queries(
    cast, login, siap_ttd, sertifikat_kepala, media, django_capture_on_commit_callbacks
):
    client = login(cast.kepala)
    _tandatangani(client, siap_ttd(), django_capture_on_commit_callbacks)
    satu = _tandatangani(client, siap_ttd(), django_capture_on_commit_callbacks)
    banyak = siap_ttd(
        tujuan=[cast.kepala_lain.jabatan, cast.staf_lain.jabatan, {"nama": "Kepala BSSN", "alamat": "Jakarta"}],
        tembusan=[cast.pencatat.jabatan, cast.admin_opd.jabatan],
    )
    # Four more internal addressees and one outside, written in the same statements; only the copies'
    # notice (an event of its own: who acts in their posts, who wants email, the notices) is added.
    assert _tandatangani(client, banyak, django_capture_on_commit_callbacks) <= satu + 7
    assert banyak.penerima.filter(diterima_pada__isnull=False).count() == 4
    assert set(banyak.akses.values_list("peran", flat=True)) >= {"tujuan", "tembusan", "pencatat"}


def test_saving_a_draft_stays_within_its_query_budget(
    cast, login, konsep, kka, nota_dinas, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    surat = konsep()
    client = login(cast.staf)
    data = form_data(cast, kka, nota_dinas, hal="Undangan rapat koordinasi (diubah)")
    with django_assert_max_num_queries(ANGGARAN_SIMPAN), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("surat:konsep_ubah", args=[surat.pk]), data)
    assert response.status_code == 302
    surat.refresh_from_db()
    assert surat.hal == "Undangan rapat koordinasi (diubah)"
