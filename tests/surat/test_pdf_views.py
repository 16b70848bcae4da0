"""PDF pages: draft preview, signed PDF download, waiting page, lembar disposisi, buku agenda job."""

import datetime

from surat.models import Cetakan, DokumenSurat
from tests.surat.pdfutil import pdf_text


def test_drafter_previews_the_draft_inline_marked_konsep(cast, konsep, login):
    surat = konsep(hal="Pratinjau konsep")

    response = login(cast.staf).get(f"/surat/{surat.pk}/pdf/konsep/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    text = pdf_text(response.content)
    assert "KONSEP" in text and "Pratinjau konsep" in text and "(diisi saat ditandatangani)" in text


def test_outsider_gets_404_for_every_pdf_page(cast, konsep, terkirim, login, media):
    draft, sent = konsep(), terkirim()
    client = login(cast.staf_lain)

    for url in (
        f"/surat/{draft.pk}/pdf/konsep/",
        f"/surat/{sent.pk}/pdf/",
        f"/surat/{sent.pk}/pdf/status/",
        f"/surat/{sent.pk}/lembar-disposisi/",
    ):
        assert client.get(url).status_code == 404, url


def test_signed_pdf_is_served_byte_for_byte(cast, ditandatangani, login):
    surat = ditandatangani()

    response = login(cast.kepala_lain).get(f"/surat/{surat.pk}/pdf/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == surat.dokumen.berkas.read()
    assert "private" in response["Cache-Control"]


def test_letter_without_pdf_shows_sedang_diproses_then_the_download(
    cast, terkirim, login, media, django_capture_on_commit_callbacks
):
    surat = terkirim()
    client = login(cast.kepala_lain)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        page = client.get(f"/surat/{surat.pk}/pdf/")
    assert "sedang diproses" in page.content.decode()
    assert client.get(f"/surat/{surat.pk}/pdf/status/").json()["status"] == "diproses"

    for callback in queued:  # what the worker does after the request's commit
        callback()

    status = client.get(f"/surat/{surat.pk}/pdf/status/").json()
    assert status["siap"] is True and status["unduh"] == f"/surat/{surat.pk}/pdf/"
    response = client.get(f"/surat/{surat.pk}/pdf/")
    assert surat.nomor in pdf_text(b"".join(response.streaming_content))
    assert DokumenSurat.objects.filter(surat=surat).count() == 1


def test_recipient_prints_the_lembar_disposisi_with_agenda_number(cast, terkirim, login):
    surat = terkirim()

    response = login(cast.kepala_lain).get(f"/surat/{surat.pk}/lembar-disposisi/")

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "LEMBAR DISPOSISI" in text and "DINAS PERHUBUNGAN" in text and f"1/{surat.tahun}" in text


def test_pencatat_asks_for_the_buku_agenda_and_downloads_it(cast, login, media, django_capture_on_commit_callbacks):
    client = login(cast.pencatat)
    today = datetime.date.today()

    assert client.get("/surat/agenda/pdf/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/surat/agenda/pdf/", {"opd": cast.opd.pk, "dari": today.replace(month=1, day=1), "sampai": today}
        )
    job = Cetakan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/surat/cetakan/{job.pk}/"
    assert client.get(f"/surat/cetakan/{job.pk}/status/").json()["siap"] is True
    download = client.get(f"/surat/cetakan/{job.pk}/unduh/")
    assert "BUKU AGENDA SURAT MASUK" in pdf_text(b"".join(download.streaming_content))
    assert login(cast.kepala).get(f"/surat/cetakan/{job.pk}/").status_code == 404


def test_agenda_period_must_be_in_order(cast, login):
    response = login(cast.pencatat).post(
        "/surat/agenda/pdf/", {"opd": cast.opd.pk, "dari": "2026-05-02", "sampai": "2026-05-01"}
    )

    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()
    assert not Cetakan.objects.exists()


def test_non_pencatat_cannot_print_the_agenda(cast, login):
    assert login(cast.staf).get("/surat/agenda/pdf/").status_code == 404
    assert (
        login(cast.pencatat)
        .post("/surat/agenda/pdf/", {"opd": cast.opd_lain.pk, "dari": "2026-01-01", "sampai": "2026-02-01"})
        .status_code
        == 200
    )
    assert not Cetakan.objects.exists()
