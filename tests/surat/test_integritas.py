"""Issue 13 item 8: stored files are checked against their SHA-256 on every download and every verdict,
and the signed letter carries its attachments' hashes."""

from __future__ import annotations

import hashlib

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from disposisi import services as disposisi_services
from disposisi.models import InstruksiDisposisi, LampiranLaporan
from surat import services, signing, verifikasi
from surat.integritas import sha256_stream
from surat.models import JenisSurat
from tests.surat.pdfutil import PASSPHRASE, pdf_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF_LAIN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% ditukar diam-diam\n"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _swap(name: str, data: bytes) -> None:
    """What an attacker with access to the storage does: new bytes under the stored name."""
    default_storage.delete(name)
    assert default_storage.save(name, ContentFile(data)) == name


@pytest.fixture
def bertanda(cast, konsep, sertifikat_kepala, media):
    """A letter with one attachment, paraf by the kabid, signed with TTE by the kepala."""
    surat = konsep(verifikator=[cast.kabid.jabatan])
    services.lampiran_add(
        actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("anggaran.pdf", PDF, content_type="application/pdf")
    )
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)
    surat.refresh_from_db()
    return surat


def test_sha256_stream_matches_hashlib():
    import io

    data = b"x" * (3 * 1024 * 1024 + 7)
    assert sha256_stream(io.BytesIO(data)) == hashlib.sha256(data).hexdigest()


def test_swapped_attachment_is_refused_and_audited(cast, bertanda, login):
    lampiran = bertanda.lampiran.get()
    client = login(cast.kepala_lain)
    url = reverse("surat:lampiran", args=[lampiran.pk])
    ok = client.get(url)
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == PDF
    assert ok["Cache-Control"] == "private, no-store"

    _swap(lampiran.berkas.name, PDF_LAIN)
    refused = client.get(url)

    assert refused.status_code == 409
    assert "tidak sama dengan berkas yang tersimpan semula" in refused.content.decode()
    event = AuditEvent.objects.get(aksi="berkas.tidak_utuh")
    assert event.objek_id == str(lampiran.pk) and event.data["sha256"] == hashlib.sha256(PDF_LAIN).hexdigest()


def test_signed_letter_lists_its_attachments_hashes(bertanda):
    lampiran = bertanda.lampiran.get()
    text = pdf_text(bertanda.dokumen.berkas.read())
    assert "Daftar lampiran" in text
    assert lampiran.sha256 in text.replace(" ", "") and lampiran.sha256 == hashlib.sha256(PDF).hexdigest()


def test_signed_letter_binds_its_attachments_hashes_in_the_signed_metadata(bertanda):
    lampiran = bertanda.lampiran.get()
    assert verifikasi.lampiran_terikat(bertanda.dokumen.berkas.read()) == [lampiran.sha256]


def test_attachment_swapped_together_with_its_recorded_hash_is_caught_by_the_signed_pdf(bertanda, client, login):
    """An attacker with the storage and the database: new bytes and their hash in the row. The download
    check passes (the row agrees with the file), but the signed PDF names the original hash."""
    dokumen, lampiran = bertanda.dokumen, bertanda.lampiran.get()
    halaman = f"/verifikasi/{dokumen.token_verifikasi}/"
    assert "ASLI." in client.get(halaman).content.decode()

    _swap(lampiran.berkas.name, PDF_LAIN)
    type(lampiran).objects.filter(pk=lampiran.pk).update(sha256=hashlib.sha256(PDF_LAIN).hexdigest())

    page = client.get(halaman).content.decode()
    assert "ASLI." not in page and "Lampiran yang tersimpan untuk surat ini tidak sama" in page
    detail = login(bertanda.konseptor).get(reverse("surat:detail", args=[bertanda.pk])).content.decode()
    assert "Tanda tangan elektronik: tidak sah" in detail


def test_swapped_signed_pdf_is_never_asli(cast, bertanda, konsep, client, login):
    """Another genuine signed letter's PDF put in place of this one's: the page says TIDAK UTUH, the download
    is refused, and the letter page does not call the signature valid."""
    dokumen = bertanda.dokumen
    halaman = f"/verifikasi/{dokumen.token_verifikasi}/"
    assert "ASLI." in client.get(halaman).content.decode()  # the verdict is cached now

    lain = konsep(hal="Surat lain yang juga sah", verifikator=[])
    services.surat_submit(actor=cast.staf, surat=lain)
    signing.tandatangani(actor=cast.kepala, surat=lain, passphrase=PASSPHRASE)
    lain.refresh_from_db()
    _swap(dokumen.berkas.name, lain.dokumen.berkas.read())

    page = client.get(halaman).content.decode()
    assert "ASLI." not in page and "TIDAK UTUH." in page
    assert AuditEvent.objects.filter(aksi="berkas.tidak_utuh", objek_id=str(dokumen.pk)).exists()
    unduh = login(cast.kepala).get(reverse("surat:pdf", args=[bertanda.pk]))
    assert unduh.status_code == 409
    detail = login(cast.kepala).get(reverse("surat:detail", args=[bertanda.pk])).content.decode()
    assert "Tanda tangan elektronik: tidak sah" in detail


def test_signed_pdf_gone_from_storage_is_judged_not_genuine_not_a_server_error(cast, bertanda, client, login):
    """A lost disk or a server started with the wrong MEDIA_ROOT: the letter page and the public page
    still open, say why the signature cannot be judged, and the event is audited; the download is 404."""
    dokumen = bertanda.dokumen
    default_storage.delete(dokumen.berkas.name)

    detail = login(cast.kepala).get(reverse("surat:detail", args=[bertanda.pk]))
    publik = client.get(f"/verifikasi/{dokumen.token_verifikasi}/")

    assert detail.status_code == 200 and publik.status_code == 200
    assert "Tanda tangan elektronik: tidak sah" in detail.content.decode()
    page = publik.content.decode()
    assert "ASLI." not in page and "tidak ditemukan di penyimpanan" in page
    assert AuditEvent.objects.filter(aksi="berkas.tidak_utuh", objek_id=str(dokumen.pk)).exists()
    assert login(cast.kepala).get(reverse("surat:pdf", args=[bertanda.pk])).status_code == 404


def test_swapped_report_file_is_refused(cast, surat_masuk_biasa, login, media):
    surat = surat_masuk_biasa
    instruksi = InstruksiDisposisi.objects.get_or_create(nama="Untuk ditindaklanjuti")[0]
    [d] = disposisi_services.disposisi_create(
        actor=cast.kepala,
        surat=surat,
        dari_jabatan=cast.kepala.jabatan,
        kepada=[cast.kabid.jabatan],
        instruksi=[instruksi],
    )
    berkas = SimpleUploadedFile("hasil.pdf", PDF, content_type="application/pdf")
    laporan = disposisi_services.laporan_create(actor=cast.kabid, disposisi=d, isi="Selesai.", berkas=[berkas])
    item = LampiranLaporan.objects.get(laporan=laporan)
    client = login(cast.kepala)
    url = reverse("disposisi:lampiran", args=[item.pk])
    assert client.get(url).status_code == 200
    _swap(item.berkas.name, PDF_LAIN)
    assert client.get(url).status_code == 409


@pytest.fixture
def surat_masuk_biasa(cast):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    return services.register_paper_letter(
        actor=cast.pencatat,
        opd=cast.opd,
        jenis=JenisSurat.objects.get_or_create(
            kode="surat-dinas", defaults={"nama": "Surat Dinas", "keluarga": "korespondensi_ekstern"}
        )[0],
        tujuan=cast.kepala.jabatan,
        asal_instansi="Kementerian Dalam Negeri",
        nomor_asal="100/1/2026",
        tanggal_asal=today - datetime.timedelta(days=2),
        tanggal_terima=today,
        hal="Undangan sosialisasi",
    )
