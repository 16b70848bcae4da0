import datetime
import logging
import shutil
import subprocess
from io import BytesIO

import pytest
import time_machine
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from audit.models import AuditEvent
from tests.waktu import jam_nyata_tertinggal
from tte import services, verification
from tte.errors import PassphraseSalah, SertifikatTidakAda, TteError
from tte.models import SertifikatTte
from tte.signing import sign_pdf
from tte.verification import verify_pdf

from .conftest import PASSPHRASE


def _sign(pegawai, pdf_bytes, passphrase=PASSPHRASE, **kwargs):
    return sign_pdf(
        pegawai=pegawai,
        passphrase=passphrase,
        pdf_bytes=pdf_bytes,
        reason="Surat dinas",
        location="Surakarta",
        **kwargs,
    )


def test_signed_pdf_verifies_as_valid_with_the_signer(cast, sertifikat, pdf_bytes):
    result = _sign(cast.kepala, pdf_bytes)

    assert result.pdf_bytes.startswith(pdf_bytes)  # an incremental update: the original is untouched
    assert result.sertifikat_serial == sertifikat.serial
    check = verify_pdf(result.pdf_bytes)
    assert check.valid and check.intact
    assert check.reason_if_invalid == ""
    assert check.signer_name == "Arif Budiman"
    assert check.signer_serial == sertifikat.serial
    assert abs(check.signed_at - result.signed_at) <= datetime.timedelta(seconds=2)
    assert check.sha256 == result.sha256
    assert check.jumlah_tanda_tangan == 1


def test_signing_is_recorded_in_the_audit_log(cast, sertifikat, pdf_bytes):
    result = _sign(cast.kepala, pdf_bytes)

    event = AuditEvent.objects.get(aksi="tte.tandatangan")
    assert event.actor == cast.kepala
    assert event.data["sha256"] == result.sha256 and event.data["serial"] == sertifikat.serial
    assert PASSPHRASE not in str(event.data)


def test_visible_signature_on_the_last_page_verifies(cast, sertifikat, pdf_bytes):
    result = _sign(cast.kepala, pdf_bytes, visible=True, box=(300, 60, 540, 120), field_name="TTE_Kepala")

    sig = PdfFileReader(BytesIO(result.pdf_bytes)).embedded_signatures[0]
    assert sig.field_name == "TTE_Kepala"
    assert [int(v) for v in sig.sig_field["/Rect"]] == [300, 60, 540, 120]
    assert verify_pdf(result.pdf_bytes).valid


def test_invisible_signature_has_an_empty_widget(cast, sertifikat, pdf_bytes):
    sig = PdfFileReader(BytesIO(_sign(cast.kepala, pdf_bytes).pdf_bytes)).embedded_signatures[0]

    assert sig.field_name == "TTE"
    assert [int(v) for v in sig.sig_field["/Rect"]] == [0, 0, 0, 0]


def test_two_signers_on_one_document_both_verify(cast, sertifikat, pdf_bytes):
    services.terbitkan_sertifikat(actor=None, pegawai=cast.kabid, passphrase=PASSPHRASE)
    first = _sign(cast.kabid, pdf_bytes, field_name="TTE_1")
    second = _sign(cast.kepala, first.pdf_bytes, field_name="TTE_2")

    check = verify_pdf(second.pdf_bytes)
    assert check.valid and check.jumlah_tanda_tangan == 2
    assert check.signer_name == "Arif Budiman"


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig (poppler-utils) tidak terpasang")
def _nss_trusting(ca, tmp_path) -> list[str]:
    """pdfsig options for an NSS database that trusts the Pemda's CA (certutil from libnss3-tools)."""
    if shutil.which("certutil") is None:
        pytest.skip("certutil (libnss3-tools) tidak terpasang; jalankan bin/setup")
    nss, root = tmp_path / "nss", tmp_path / "ca.pem"
    nss.mkdir()
    root.write_text(ca.sertifikat_pem)
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, timeout=30)
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{nss}", "-n", "pemda", "-t", "CT,C,C", "-i", str(root)], check=True, timeout=30
    )
    return ["-nssdir", f"sql:{nss}"]


def test_pdfsig_says_valid_and_trusted_with_the_pemda_root(cast, ca, sertifikat, pdf_bytes, tmp_path):
    path = tmp_path / "surat.pdf"
    path.write_bytes(_sign(cast.kepala, pdf_bytes).pdf_bytes)

    out = subprocess.run(
        ["pdfsig", *_nss_trusting(ca, tmp_path), str(path)], capture_output=True, text=True, timeout=30
    ).stdout
    signature, timestamp = out.split("Signature #2")
    assert "Arif Budiman" in signature
    assert "Signature is Valid" in signature
    if jam_nyata_tertinggal() < datetime.timedelta(hours=1):  # pdfsig judges certificates by the machine's clock
        assert "Certificate is Trusted" in signature
    assert "ETSI.CAdES.detached" in signature
    # The document timestamp (B-LTA) is listed; poppler 22 cannot check RFC 3161 timestamps itself.
    assert "Time Stamping Authority" in timestamp


def test_one_changed_byte_in_the_signed_content_is_detected(cast, sertifikat, pdf_bytes):
    signed = bytearray(_sign(cast.kepala, pdf_bytes).pdf_bytes)
    at = signed.index(b"%", 1) + 1  # inside the binary comment of the header: parses the same, digest differs
    signed[at] ^= 0x01

    check = verify_pdf(bytes(signed))
    assert not check.valid and not check.intact
    assert check.reason_if_invalid == "Isi dokumen berubah setelah ditandatangani."


def test_content_appended_after_signing_is_detected(cast, sertifikat, pdf_bytes):
    writer = IncrementalPdfFileWriter(BytesIO(_sign(cast.kepala, pdf_bytes).pdf_bytes))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)

    check = verify_pdf(out.getvalue())
    assert not check.valid
    assert check.reason_if_invalid == "Isi dokumen berubah setelah ditandatangani."


def test_wrong_passphrase_raises_and_stores_nothing(cast, sertifikat, pdf_bytes):
    events_before = AuditEvent.objects.count()

    with pytest.raises(PassphraseSalah) as exc:
        _sign(cast.kepala, pdf_bytes, passphrase="tebakan-yang-salah")

    assert str(exc.value) == "Frasa sandi TTE salah."
    assert AuditEvent.objects.count() == events_before
    assert SertifikatTte.objects.get(pk=sertifikat.pk).dicabut_pada is None


def test_a_pending_render_is_awaited_only_after_the_key_is_open(cast, sertifikat, pdf_bytes, monkeypatch):
    # surat.signing passes the running render's hasil: the key's scrypt must come first to overlap it.
    from tte import crypto

    urutan = []
    buka_asli = crypto.open_key

    def buka(sealed, passphrase):
        if sealed == sertifikat.kunci_terenkripsi:  # the signer's key, not the TSA's
            urutan.append("kunci")
        return buka_asli(sealed, passphrase)

    monkeypatch.setattr(crypto, "open_key", buka)

    def render():
        urutan.append("render")
        return pdf_bytes

    result = _sign(cast.kepala, render)

    assert urutan == ["kunci", "render"]
    assert verify_pdf(result.pdf_bytes).valid


def test_a_wrong_passphrase_never_waits_for_the_render(cast, sertifikat, pdf_bytes):
    def render():
        raise AssertionError("the render was awaited although the key did not open")

    with pytest.raises(PassphraseSalah):
        _sign(cast.kepala, render, passphrase="tebakan-yang-salah")


def test_passphrase_never_reaches_the_logs(cast, sertifikat, pdf_bytes, caplog):
    caplog.set_level(logging.DEBUG)
    _sign(cast.kepala, pdf_bytes)
    with pytest.raises(PassphraseSalah) as exc:
        _sign(cast.kepala, pdf_bytes, passphrase="Salah-" + PASSPHRASE)

    assert "Passphrase salah" in caplog.text  # the failure is logged ...
    assert PASSPHRASE not in caplog.text  # ... without the passphrase
    assert PASSPHRASE not in repr(exc.value.args)


def test_signer_without_certificate_is_told_to_ask_the_admin(cast, ca, pdf_bytes):
    with pytest.raises(SertifikatTidakAda, match="Ajukan aktivasi di menu Sertifikat TTE saya"):
        _sign(cast.staf, pdf_bytes)


def test_revoked_certificate_cannot_sign_but_its_earlier_letters_stay_valid(cast, sertifikat, pdf_bytes):
    before = _sign(cast.kepala, pdf_bytes)
    services.cabut_sertifikat(actor=None, sertifikat=sertifikat, alasan="Pindah tugas")

    with pytest.raises(SertifikatTidakAda):
        _sign(cast.kepala, pdf_bytes)
    check = verify_pdf(before.pdf_bytes)
    assert check.valid, check.reason_if_invalid


def test_document_signed_after_revocation_is_invalid(cast, sertifikat, pdf_bytes):
    # A copy of the key used after the certificate was revoked (e.g. a leaked passphrase).
    signed = _sign(cast.kepala, pdf_bytes)
    SertifikatTte.objects.filter(pk=sertifikat.pk).update(dicabut_pada=timezone.now() - datetime.timedelta(hours=1))

    check = verify_pdf(signed.pdf_bytes)
    assert not check.valid and check.intact
    assert check.reason_if_invalid == verification.DICABUT


def test_letter_stays_valid_after_the_certificate_expires(cast, sertifikat, pdf_bytes):
    signed = _sign(cast.kepala, pdf_bytes)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=365 * 3)):
        assert verify_pdf(signed.pdf_bytes).valid
        with pytest.raises(SertifikatTidakAda):
            _sign(cast.kepala, pdf_bytes)


def test_corrupt_pdf_cannot_be_signed(cast, sertifikat):
    with pytest.raises(TteError, match="tidak dapat ditandatangani"):
        _sign(cast.kepala, b"%PDF-1.7\nbukan pdf sungguhan")
