"""Destruction under the retention schedule (arsip.retensi): each OPD's copy of a letter follows its own
retention, the files go only when no OPD holds the letter any more, and then nothing of its content can
be found: not by search, on the letter's page, in the Django admin, in the exports, nor in the media
folder. Only the register line, the hashes and the berita acara stay."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from arsip import services
from arsip.models import BeritaAcara, Berkas, SuratIndeks, TeksLampiran
from audit.models import AuditEvent
from disposisi import services as disposisi_services
from disposisi.models import Disposisi, LampiranLaporan, LaporanTindakLanjut
from organisasi.models import Peran
from surat import services as surat_services
from surat.models import Lampiran, Surat, SuratVersi
from surat.models_dokumen import DokumenSurat
from surat.pdf import html_to_pdf
from tests.factories import PeranFactory

B = Berkas.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Words that appear only in the letter's content (body, attachment, notes, report): none may survive.
KATA = ["ZEBRAISI", "KOALALAMPIRAN", "CAMARCATATAN", "PENYUDISPOSISI", "RUSALAPORAN", "BERANGBERKAS", "TAPIRDATA"]


def _musnahkan(berkas: Berkas, arsiparis, admin_pemda) -> BeritaAcara:
    """Transfer, then propose and approve destruction, each when its period is over."""
    berkas.refresh_from_db()
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        services.berkas_pindahkan(actor=arsiparis, berkas=berkas)
    berkas.refresh_from_db()
    with time_machine.travel(berkas.inaktif_sampai + datetime.timedelta(days=1)):
        services.berkas_usul_musnah(actor=arsiparis, berkas=berkas)
        with TestCase.captureOnCommitCallbacks(execute=True):
            return services.berkas_setujui_musnah(actor=admin_pemda, berkas=berkas)


def _berkaskan(opd, arsiparis) -> Berkas:
    services.berkas_file_usulan(actor=arsiparis, opd=opd)
    return Berkas.objects.get(opd=opd)


def _signed_with_files(cast, konsep, **kw) -> Surat:
    """A letter to Dishub's kepala with an attachment, signed, its PDF copy stored."""
    surat = konsep(**kw)
    surat_services.lampiran_add(
        actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("daftar.pdf", PDF, "application/pdf")
    )
    surat_services.surat_submit(actor=cast.staf, surat=surat)
    surat_services.paraf_approve(actor=cast.kabid, surat=surat)
    with TestCase.captureOnCommitCallbacks(execute=True):
        surat_services.sign(actor=cast.kepala, surat=surat)
    return surat


def _pdf_copy(client, surat: Surat) -> bytes:
    """The signed letter's PDF through the page (rendered by the in-process worker on first request)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.get(reverse("surat:pdf", args=[surat.pk]))
    response = client.get(reverse("surat:pdf", args=[surat.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _dispose(cast, surat: Surat, catatan: str = "Segera pelajari") -> Disposisi:
    with TestCase.captureOnCommitCallbacks(execute=True):
        (d,) = disposisi_services.disposisi_create(
            actor=cast.kepala_lain,
            surat=surat,
            dari_jabatan=cast.kepala_lain.jabatan,
            kepada=[cast.staf_lain.jabatan],
            catatan=catatan,
        )
    return d


def _teks_ekspor(response) -> str:
    """The text of a CSV, Excel or PDF download (unzipped / extracted, so a search in it means something)."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"%PDF"):
        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(data))
    if data.startswith(b"PK"):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    return data.decode("utf-8-sig")


# ---------------------------------------------------------------- each OPD's copy (issue 13, item 4)


def test_sender_destroying_its_berkas_leaves_the_recipients_copy_until_both_destroyed(
    cast, login, konsep, jra, arsiparis
):
    surat = _signed_with_files(cast, konsep)
    recipient = login(cast.kepala_lain)
    pdf = _pdf_copy(recipient, surat)
    lampiran = Lampiran.objects.get(surat=surat)
    dokumen = DokumenSurat.objects.get(surat=surat)
    files = [lampiran.berkas.name, dokumen.berkas.name]
    disposisi = _dispose(cast, surat)  # the recipient has not filed it: a disposition is still open

    _musnahkan(_berkaskan(cast.opd, arsiparis), arsiparis, cast.admin_pemda)

    assert all(default_storage.exists(name) for name in files)
    recipient = login(cast.kepala_lain)
    assert recipient.get(reverse("surat:lampiran", args=[lampiran.pk])).status_code == 200
    response = recipient.get(reverse("surat:pdf", args=[surat.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    assert "ZEBRA" not in recipient.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert "Dengan hormat" in recipient.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    # The sender forgot its copy: its staff, signer and pencatat no longer open the letter.
    for pegawai in (cast.staf, cast.kepala, cast.pencatat):
        assert login(pegawai).get(reverse("surat:detail", args=[surat.pk])).status_code == 404
    event = AuditEvent.objects.get(aksi="arsip.berkas_dimusnahkan")
    assert event.data["surat_ditahan"] == {str(surat.pk): [cast.opd_lain.pk]} and event.data["berkas"] == []
    surat.refresh_from_db()
    assert surat.dimusnahkan_pada is None and surat.isi

    # The recipient finishes, files and (years later) destroys its copy: now the files are gone.
    with TestCase.captureOnCommitCallbacks(execute=True):
        disposisi_services.laporan_create(actor=cast.staf_lain, disposisi=disposisi, isi="Sudah dilaksanakan.")
    _musnahkan(_berkaskan(cast.opd_lain, arsiparis), arsiparis, cast.admin_pemda)
    assert not any(default_storage.exists(name) for name in files)
    surat.refresh_from_db()
    assert surat.dimusnahkan_pada is not None and surat.isi == ""
    dokumen.refresh_from_db()
    assert not dokumen.berkas and dokumen.sha256 and dokumen.token_verifikasi  # the hash stays
    event = AuditEvent.objects.filter(aksi="arsip.berkas_dimusnahkan").order_by("-pk").first()
    assert event.data["surat_dimusnahkan"] == [surat.pk]
    assert {"surat": surat.pk, "nama": "PDF surat", "sha256": dokumen.sha256} in event.data["berkas"]
    # The public verification page still knows the letter's hash: a copy kept outside still matches.
    client = login(cast.kepala_lain)
    client.logout()
    halaman = reverse("verifikasi:detail", args=[dokumen.token_verifikasi])
    assert "sudah dimusnahkan sesuai jadwal retensi" in client.get(halaman).content.decode()
    response = client.post(halaman, {"berkas": SimpleUploadedFile("surat.pdf", pdf, "application/pdf")})
    assert "COCOK." in response.content.decode()
    response = client.post(halaman, {"berkas": SimpleUploadedFile("lain.pdf", PDF, "application/pdf")})
    assert "TIDAK COCOK." in response.content.decode()


def test_a_copy_holder_that_never_filed_keeps_the_files(cast, konsep, jra, arsiparis):
    surat = _signed_with_files(cast, konsep, tujuan=[cast.kabid.jabatan], tembusan=[cast.staf_lain.jabatan])
    name = Lampiran.objects.get(surat=surat).berkas.name
    _musnahkan(_berkaskan(cast.opd, arsiparis), arsiparis, cast.admin_pemda)
    assert default_storage.exists(name)  # Dishub got a copy (tembusan) and still holds it


# ---------------------------------------------------------------- retention that forgets


@pytest.fixture
def superuser_client(client, cast):
    cast.admin_pemda.user.is_superuser = cast.admin_pemda.user.is_staff = True
    cast.admin_pemda.user.save()
    return lambda: (client.force_login(cast.admin_pemda.user), client)[1]


def test_after_destruction_nothing_of_the_content_can_be_found(
    cast, login, konsep, jra, arsiparis, settings, superuser_client
):
    PeranFactory(pegawai=cast.staf_lain, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    lampiran_pdf = html_to_pdf("<p>Daftar peserta KOALALAMPIRAN tahun ini.</p>")
    surat = konsep(
        isi="<p>Dengan hormat, ZEBRAISI adalah pokok surat ini.</p>",
        hal="Rapat koordinasi",
        data_tambahan={},
    )
    surat_services.lampiran_add(
        actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("peserta.pdf", lampiran_pdf, "application/pdf")
    )
    surat_services.surat_submit(actor=cast.staf, surat=surat)
    surat_services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki CAMARCATATAN di alinea dua.")
    surat_services.surat_submit(actor=cast.staf, surat=surat)  # a saved version holds the old body
    surat_services.paraf_approve(actor=cast.kabid, surat=surat)
    with TestCase.captureOnCommitCallbacks(execute=True):
        surat_services.sign(actor=cast.kepala, surat=surat)
    assert TeksLampiran.objects.get(lampiran__surat=surat).teks.count("KOALALAMPIRAN") == 1
    _pdf_copy(login(cast.kepala_lain), surat)
    disposisi = _dispose(cast, surat, catatan="Pelajari PENYUDISPOSISI dan laporkan.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        disposisi_services.laporan_create(
            actor=cast.staf_lain,
            disposisi=disposisi,
            isi="Telah dipelajari: RUSALAPORAN.",
            berkas=[
                SimpleUploadedFile("hasil.pdf", PDF.replace(b"\n1 0", b"\n% BERANGBERKAS\n1 0"), "application/pdf")
            ],
        )
    assert SuratVersi.objects.filter(surat=surat).exists()
    # Before: each word is found (the test can fail).
    client = login(cast.kepala_lain)
    assert "ZEBRAISI" in client.get(reverse("arsip:cari"), {"q": "zebraisi"}).content.decode()
    assert "KOALALAMPIRAN" in client.get(reverse("arsip:cari"), {"q": "koalalampiran"}).content.decode()
    media = Path(settings.MEDIA_ROOT)
    before = {p for p in media.rglob("*") if p.is_file()}
    assert any(b"BERANGBERKAS" in p.read_bytes() for p in before)

    _musnahkan(_berkaskan(cast.opd, arsiparis), arsiparis, cast.admin_pemda)
    _musnahkan(_berkaskan(cast.opd_lain, arsiparis), arsiparis, cast.admin_pemda)

    def bersih(text: str) -> None:
        for kata in KATA:
            assert kata.lower() not in text.lower(), kata

    # Search: neither the words nor the letter's number find anything, for anyone.
    for pegawai in (cast.kepala_lain, cast.staf_lain, cast.staf, cast.kepala, cast.pencatat):
        client = login(pegawai)
        for q in ("zebraisi", "koalalampiran", "rusalaporan", surat.nomor):
            page = client.get(reverse("arsip:cari"), {"q": q}).content.decode()
            assert "<mark>" not in page  # (the page repeats the query itself)
            assert reverse("surat:detail", args=[surat.pk]) not in page
    assert not SuratIndeks.objects.filter(surat=surat).exists()
    # The letter's page: 404 for the OPD that forgot it first; the register line only for the rest.
    assert login(cast.staf).get(reverse("surat:detail", args=[surat.pk])).status_code == 404
    client = login(cast.kepala_lain)
    page = client.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert "sudah dimusnahkan sesuai jadwal retensi" in page and surat.nomor in page
    bersih(page)
    for name, args in (("versi", [surat.pk]), ("pdf", [surat.pk]), ("lembar_disposisi", [surat.pk])):
        response = client.get(reverse(f"surat:{name}", args=args))
        assert response.status_code in (404, 410)
        bersih(response.content.decode())
    lampiran = Lampiran.objects.get(surat=surat)
    assert client.get(reverse("surat:lampiran", args=[lampiran.pk])).status_code == 404
    disposisi_page = client.get(reverse("disposisi:detail", args=[disposisi.pk]))
    bersih(disposisi_page.content.decode())
    laporan_file = LampiranLaporan.objects.get(laporan__disposisi=disposisi)
    assert client.get(reverse("disposisi:lampiran", args=[laporan_file.pk])).status_code == 404
    bersih(login(cast.kepala_lain).get(reverse("notifikasi:daftar")).content.decode())
    # The Django admin.
    admin = superuser_client()
    urls = [
        reverse("admin:surat_surat_change", args=[surat.pk]),
        reverse("admin:surat_surat_changelist"),
        reverse("admin:arsip_tekslampiran_changelist"),
        reverse("admin:disposisi_disposisi_change", args=[disposisi.pk]),
        reverse("admin:disposisi_laporantindaklanjut_change", args=[LaporanTindakLanjut.objects.get().pk]),
        reverse("admin:audit_auditevent_changelist"),
    ]
    for url in urls:
        response = admin.get(url)
        assert response.status_code == 200, url
        bersih(response.content.decode())
    # Exports: the agenda book (CSV, Excel) and the daftar arsip (Excel, PDF) keep the register line.
    client = login(cast.staf_lain)
    tahun = surat.tanggal.year
    for name in ("surat:agenda_csv", "surat:agenda_xlsx"):
        response = client.get(reverse(name), {"opd": cast.opd_lain.pk, "tahun": tahun})
        assert response.status_code == 200
        teks = _teks_ekspor(response)
        assert surat.nomor in teks
        bersih(teks)
    client = login(arsiparis)
    for jenis in ("aktif", "inaktif"):
        for fmt in ("xlsx", "pdf"):
            response = client.get(reverse("arsip:daftar", args=[jenis]), {"opd": cast.opd_lain.pk, "format": fmt})
            assert response.status_code == 200
            bersih(_teks_ekspor(response))
    # The database rows: content fields empty, the register and the hashes kept.
    surat.refresh_from_db()
    assert surat.isi == "" and surat.nomor and surat.hal == "Rapat koordinasi" and surat.dimusnahkan_pada
    assert not SuratVersi.objects.filter(surat=surat).exists()
    assert not surat.log.exclude(catatan="").exclude(aksi="dimusnahkan").exists()
    assert Disposisi.objects.get().catatan == "" and LaporanTindakLanjut.objects.get().isi == ""
    assert lampiran.sha256 and not lampiran.berkas and TeksLampiran.objects.get().teks == ""
    # The media folder: only the berita acara (and what existed for other purposes) are left.
    after = {p for p in media.rglob("*") if p.is_file()}
    gone = before - after
    assert gone and not any(b"BERANGBERKAS" in p.read_bytes() or b"KOALALAMPIRAN" in p.read_bytes() for p in after)
    berita_acara = {Path(default_storage.path(ba.dokumen.name)) for ba in BeritaAcara.objects.all()}
    assert after - before <= berita_acara
    assert after & before == set()  # every file of the letter is gone


@pytest.mark.parametrize("jumlah", [2, 12])
def test_destruction_costs_the_same_queries_for_few_or_many_letters(cast, terkirim, jra, arsiparis, jumlah):
    """Bulk updates per table, not a loop per letter: 2 or 12 letters, the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(jumlah):
        terkirim(hal=f"Surat {i}", tujuan=[cast.kabid.jabatan])
    berkas = _berkaskan(cast.opd, arsiparis)
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        services.berkas_pindahkan(actor=arsiparis, berkas=berkas)
    berkas.refresh_from_db()
    with time_machine.travel(berkas.inaktif_sampai + datetime.timedelta(days=1)):
        services.berkas_usul_musnah(actor=arsiparis, berkas=berkas)
        with CaptureQueriesContext(connection) as queries:
            services.berkas_setujui_musnah(actor=cast.admin_pemda, berkas=berkas)
    assert Surat.objects.filter(dimusnahkan_pada__isnull=False).count() == jumlah
    assert len(queries) <= 45  # measured: 41 for 2 and for 12 letters (SQLite)
