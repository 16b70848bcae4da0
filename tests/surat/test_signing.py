"""Signing a letter with TTE through surat.signing.tandatangani (lokal CA backend)."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from surat import signing
from surat.models import DokumenSurat, Surat
from tests.surat.pdfutil import PASSPHRASE, pdf_text
from tte.errors import PassphraseSalah, SertifikatTidakAda
from tte.verification import verify_pdf


def test_signed_pdf_validates_and_shows_number_hal_signer_and_nip(cast, siap_ttd, sertifikat_kepala, media):
    surat = siap_ttd(hal="Rapat koordinasi TTE")

    signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)

    surat.refresh_from_db()
    dokumen = surat.dokumen
    data = dokumen.berkas.read()
    assert surat.status == Surat.Status.TERKIRIM
    assert dokumen.status == DokumenSurat.Status.SIAP and dokumen.is_tte
    assert hashlib.sha256(data).hexdigest() == dokumen.sha256
    assert dokumen.sertifikat_serial == sertifikat_kepala.serial
    result = verify_pdf(data)
    assert result.valid, result.reason_if_invalid
    assert result.signer_serial == sertifikat_kepala.serial
    text = pdf_text(data)
    for expected in (surat.nomor, "Rapat koordinasi TTE", cast.kepala.nama_lengkap, f"NIP. {cast.kepala.nip_tampil}"):
        assert expected in text
    assert len(dokumen.token_verifikasi) >= 40


def test_wrong_passphrase_leaves_letter_unsigned_and_consumes_no_number(cast, siap_ttd, sertifikat_kepala, media):
    surat = siap_ttd()

    with pytest.raises(PassphraseSalah) as excinfo:
        signing.tandatangani(actor=cast.kepala, surat=surat, passphrase="bukan-passphrase-ini")

    assert excinfo.value.message == "Frasa sandi TTE salah."
    surat = Surat.objects.get(pk=surat.pk)
    assert surat.status == Surat.Status.TTD
    assert surat.nomor is None
    assert not DokumenSurat.objects.filter(surat=surat).exists()
    assert not surat.penerima.filter(diterima_pada__isnull=False).exists()

    signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)
    surat.refresh_from_db()
    assert surat.nomor_urut == 1


def test_a_letter_over_the_page_cap_is_refused_after_the_key_opened_and_nothing_changes(
    cast, siap_ttd, sertifikat_kepala, media, settings
):
    # The render runs in its child while the key is opened; its refusal still reaches the signer and
    # rolls the signing back.
    settings.PDF_MAKS_HALAMAN = 1
    surat = siap_ttd(isi="".join(f"<p>Paragraf panjang nomor {i}</p>" for i in range(300)))

    with pytest.raises(ValidationError, match="paling banyak 1 halaman"):
        signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)

    surat = Surat.objects.get(pk=surat.pk)
    assert surat.status == Surat.Status.TTD and surat.nomor is None
    assert not DokumenSurat.objects.filter(surat=surat).exists()


def test_signer_without_certificate_gets_a_clear_message(cast, siap_ttd, media):
    surat = siap_ttd()

    with pytest.raises(SertifikatTidakAda):
        signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)

    assert Surat.objects.get(pk=surat.pk).status == Surat.Status.TTD


def test_sign_view_shows_the_tte_error_and_keeps_the_letter(cast, siap_ttd, sertifikat_kepala, media, login):
    surat = siap_ttd()
    client = login(cast.kepala)

    response = client.post(f"/surat/{surat.pk}/tandatangani/", {"passphrase": "salah-ketik-123"}, follow=True)

    assert "Frasa sandi TTE salah." in response.content.decode()
    assert Surat.objects.get(pk=surat.pk).status == Surat.Status.TTD


def test_passphrase_is_not_in_logs_or_audit(cast, siap_ttd, sertifikat_kepala, media, caplog):
    from audit.models import AuditEvent

    surat = siap_ttd()
    with caplog.at_level("DEBUG"):
        signing.tandatangani(actor=cast.kepala, surat=surat, passphrase=PASSPHRASE)

    assert PASSPHRASE not in caplog.text
    assert not any(PASSPHRASE in str(e.data) for e in AuditEvent.objects.all())
