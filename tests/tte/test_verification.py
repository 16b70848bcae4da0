import datetime
import os
import time

import pytest
from django.utils import timezone

from tte import crypto, pades, verification
from tte.verification import verify_pdf


def _foreign_signed(pdf_bytes: bytes) -> bytes:
    """Signed by a CA this installation does not know."""
    now = timezone.now()
    ca_cert, ca_key = crypto.build_ca(nama_pemda="Pemerintah Kota Lain", now=now)
    key = crypto.new_key()
    subject = crypto.SubjectSigner(nama="Orang Luar", nomor_identitas="1", organisasi="Pemerintah Kota Lain")
    cert = crypto.build_signer_cert(
        subject=subject, public_key=key.public_key(), ca_cert=ca_cert, ca_key=ca_key, now=now, years=2
    )
    return pades.sign_with_key(
        pdf_bytes=pdf_bytes, cert=cert, key=key, chain=[ca_cert], reason="", location="", field_name="TTE"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", verification.BUKAN_PDF),
        (b"\x00\xff" * 500, verification.BUKAN_PDF),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", verification.RUSAK),
        (b"%PDF-1.4\n" + os.urandom(4096), verification.RUSAK),
    ],
)
def test_garbage_gives_a_reason_instead_of_an_error(db, data, reason):
    check = verify_pdf(data)

    assert not check.valid
    assert check.reason_if_invalid == reason
    assert check.signer_name == "" and check.signed_at is None


def test_pdf_without_signature(db, pdf_bytes):
    check = verify_pdf(pdf_bytes)

    assert not check.valid
    assert check.reason_if_invalid == "Dokumen tidak memiliki tanda tangan elektronik."
    assert check.jumlah_tanda_tangan == 0


def test_huge_garbage_is_handled_quickly(db):
    data = b"%PDF-1.7\n" + os.urandom(25 * 1024 * 1024)

    started = time.perf_counter()
    check = verify_pdf(data)

    assert not check.valid and check.reason_if_invalid == verification.RUSAK
    assert time.perf_counter() - started < 5


def test_signature_from_an_unknown_ca_is_not_trusted(cast, ca, pdf_bytes):
    check = verify_pdf(_foreign_signed(pdf_bytes))

    assert not check.valid and check.intact
    assert check.reason_if_invalid == verification.TIDAK_DIPERCAYA
    assert check.signer_name == "Orang Luar"


def test_trust_roots_file_makes_another_ca_trusted(cast, pdf_bytes, settings, tmp_path):
    now = timezone.now()
    ca_cert, ca_key = crypto.build_ca(nama_pemda="BSrE Uji", now=now)
    key = crypto.new_key()
    subject = crypto.SubjectSigner(nama="Penanda BSrE", nomor_identitas="3372", organisasi="BSrE Uji")
    cert = crypto.build_signer_cert(
        subject=subject, public_key=key.public_key(), ca_cert=ca_cert, ca_key=ca_key, now=now, years=2
    )
    signed = pades.sign_with_key(
        pdf_bytes=pdf_bytes, cert=cert, key=key, chain=[ca_cert], reason="", location="", field_name="TTE"
    )
    (tmp_path / "bsre.pem").write_text(crypto.pem(ca_cert))
    settings.TTE_TRUST_ROOTS_PEM = str(tmp_path / "bsre.pem")

    assert verify_pdf(signed).valid


def test_signature_made_before_the_certificate_was_valid_is_rejected(cast, pdf_bytes):
    from tte import services

    services.buat_ca(actor=None)
    sertifikat = services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala, passphrase="passphrase-uji-123")
    key = crypto.open_key(sertifikat.kunci_terenkripsi, "passphrase-uji-123")
    import time_machine

    with time_machine.travel(timezone.now() - datetime.timedelta(days=30)):
        signed = pades.sign_with_key(
            pdf_bytes=pdf_bytes,
            cert=crypto.load_pem(sertifikat.sertifikat_pem),
            key=key,
            chain=[crypto.load_pem(sertifikat.penerbit.sertifikat_pem)],
            reason="",
            location="",
            field_name="TTE",
        )

    check = verify_pdf(signed)
    assert not check.valid and check.intact
    assert check.reason_if_invalid == verification.TIDAK_BERLAKU
