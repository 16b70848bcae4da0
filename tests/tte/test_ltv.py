"""Signatures that outlive their certificates: every signature is PAdES B-LTA (timestamp from the
Pemda's TSA, the CA's CRL in the DSS, a document timestamp), proven with pyHanko's own AdES validator
(ETSI EN 319 102-1 long-term validation, revocation data required), today and three years on."""

import asyncio
import datetime
import io

import pytest
import time_machine
from asn1crypto import crl as asn1_crl
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.policy_decl import LocalKnowledge, PdfSignatureValidationSpec, SignatureValidationSpec
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.revinfo.archival import CRLContainer

from tte import crypto, pades, services
from tte.models import OtoritasTimestamp
from tte.signing import sign_pdf
from tte.verification import verify_pdf

from .conftest import PASSPHRASE


def ades_lta(pdf: bytes, ca, *, crls: list[bytes] = ()):
    """pyHanko's AdES long-term validation of the first signature now, trusting only the Pemda's root
    and requiring revocation data for every certificate. `crls`: what a validator fetched now from the
    CRL addresses in the certificates."""
    required = RevocationCheckingPolicy(
        RevocationCheckingRule.CRL_OR_OCSP_REQUIRED, RevocationCheckingRule.CRL_OR_OCSP_REQUIRED
    )
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build([pades.to_asn1(crypto.load_pem(ca.sertifikat_pem))]),
        revinfo_policy=CertRevTrustPolicy(required),
    )
    knowledge = LocalKnowledge(known_crls=[CRLContainer(asn1_crl.CertificateList.load(c)) for c in crls])
    spec = PdfSignatureValidationSpec(SignatureValidationSpec(cert_validation_policy=policy, local_knowledge=knowledge))
    sig = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_regular_signatures[0]
    return asyncio.run(ades_lta_validation(sig, spec, timing_info=ValidationTimingInfo.now()))


def _sign(cast, pdf_bytes):
    return sign_pdf(pegawai=cast.kepala, passphrase=PASSPHRASE, pdf_bytes=pdf_bytes, reason="Uji", location="Surakarta")


def test_signature_is_b_lta_with_timestamp_crl_and_document_timestamp(cast, ca, sertifikat, pdf_bytes):
    signed = _sign(cast, pdf_bytes).pdf_bytes
    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    signature = reader.embedded_regular_signatures[0]

    assert pades.level(reader, signature) == pades.B_LTA
    assert pades.token_cap_waktu(signature) is not None  # B-T: RFC 3161 token on the signature
    assert reader.root["/DSS"]["/CRLs"]  # B-LT: the CA's CRL embedded
    (stamp,) = reader.embedded_timestamp_signatures  # B-LTA: a document timestamp over it all
    tsa = OtoritasTimestamp.objects.get(aktif=True)
    assert format(stamp.signer_cert.serial_number, "x") == tsa.serial
    assert stamp.signer_cert.issuer == pades.to_asn1(crypto.load_pem(ca.sertifikat_pem)).subject


def test_pyhanko_ades_validator_passes_it_as_long_term_with_revocation_data(cast, ca, sertifikat, pdf_bytes):
    result = ades_lta(_sign(cast, pdf_bytes).pdf_bytes, ca)

    assert result.ades_subindic.name == "OK", result.api_status.summary()
    assert result.api_status.bottom_line
    assert "TIMESTAMP_TOKEN<INTACT:TRUSTED>" in result.api_status.summary()
    assert "EXTENDED_WITH_LTA_UPDATES" in result.api_status.summary()


def test_three_years_on_past_the_certificate_expiry_it_still_validates(client, cast, ca, sertifikat, pdf_bytes):
    signed = _sign(cast, pdf_bytes).pdf_bytes
    later = timezone.now() + datetime.timedelta(days=365 * 3)
    assert sertifikat.berlaku_sampai < later

    with time_machine.travel(later, tick=False):
        services.perbarui_semua_crl()  # the daily beat job of that day
        # What a validator fetches then for the newest timestamp: the TSA list at its published address.
        published = client.get(reverse("tte:crl", kwargs={"nama": f"{ca.serial}-tsa"})).content
        result = ades_lta(signed, ca, crls=[published])
        ours = verify_pdf(signed)

    assert result.ades_subindic.name == "OK", result.api_status.summary()
    assert result.api_status.bottom_line
    assert ours.valid and ours.level == "B-LTA"
    assert ours.waktu_dari_cap_waktu
    assert ours.status_sertifikat == "berlaku"  # when it was signed
    assert ours.status_sertifikat_kini == "kedaluwarsa"  # today


def test_without_any_long_term_data_the_old_signature_would_not_validate(cast, ca, sertifikat, pdf_bytes, monkeypatch):
    """The control: a plain B-B signature (what letters had before) fails pyHanko's long-term
    validation once the certificate has expired."""
    monkeypatch.setattr("tte.backends.lokal.ltv.bukti", lambda: None)
    signed = _sign(cast, pdf_bytes).pdf_bytes
    later = timezone.now() + datetime.timedelta(days=365 * 3)

    with time_machine.travel(later, tick=False):
        services.perbarui_semua_crl()
        result = ades_lta(signed, ca, crls=[bytes(services.crl_terkini(ca, "tsa").der)])

    assert not result.api_status.bottom_line


def test_verification_reports_level_timestamp_time_and_certificate_state(cast, ca, sertifikat, pdf_bytes):
    before = timezone.now()
    result = _sign(cast, pdf_bytes)
    check = verify_pdf(result.pdf_bytes)

    assert check.valid
    assert check.level == "B-LTA"
    assert check.waktu_dari_cap_waktu and before <= check.signed_at <= timezone.now()
    assert check.signed_at == result.signed_at
    assert check.status_sertifikat == check.status_sertifikat_kini == "berlaku"
    assert check.jumlah_tanda_tangan == 1 and check.jumlah_cap_waktu_dokumen == 1
    assert check.cap_waktu_sampai == result.cap_waktu_sampai


def test_signature_made_after_revocation_is_reported_revoked_at_its_timestamp(cast, ca, sertifikat, pdf_bytes):
    signed = _sign(cast, pdf_bytes).pdf_bytes
    services.cabut_sertifikat(actor=None, sertifikat=sertifikat, kode_alasan="kunci_bocor")
    # The revocation is dated after the timestamp: the letter stays valid, the certificate is revoked now.
    check = verify_pdf(signed)
    assert check.valid and check.status_sertifikat == "berlaku" and check.status_sertifikat_kini == "dicabut"


@pytest.mark.parametrize("days", [1, 6])
def test_signing_embeds_a_fresh_crl_even_without_beat(cast, ca, sertifikat, pdf_bytes, days, settings):
    settings.TTE_CRL_MASA_HARI = 7
    first = services.crl_terkini(ca)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days)):
        _sign(cast, pdf_bytes)
        now = services.crl_terkini(ca)
    # Past half its life (3.5 days) the CRL is reissued before it is embedded.
    assert (now.nomor > first.nomor) == (days > 3)
