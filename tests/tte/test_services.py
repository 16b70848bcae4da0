import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management import call_command

from audit.models import AuditEvent
from tte import crypto, services
from tte.errors import PassphraseSalah
from tte.models import OtoritasSertifikat, SertifikatTte

from .conftest import PASSPHRASE


def test_ca_is_named_after_the_pemda_and_created_once(cast):
    ca, created = services.buat_ca(actor=None)
    again, created_again = services.buat_ca(actor=None)

    assert created and not created_again
    assert again.pk == ca.pk
    assert OtoritasSertifikat.objects.count() == 1
    cert = crypto.load_pem(ca.sertifikat_pem)
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Pemerintah Kota Surakarta Root CA"
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_replacing_the_ca_keeps_the_old_one_as_inactive(cast, ca):
    baru, created = services.buat_ca(actor=None, ganti=True)

    assert created and baru.pk != ca.pk
    assert list(OtoritasSertifikat.objects.filter(aktif=True)) == [baru]
    assert OtoritasSertifikat.objects.count() == 2


def test_only_admin_pemda_creates_the_ca(cast):
    with pytest.raises(PermissionDenied):
        services.buat_ca(actor=cast.admin_opd)
    ca, created = services.buat_ca(actor=cast.admin_pemda)
    assert created


def test_ca_key_is_sealed_under_the_configured_passphrase(cast, ca, settings):
    assert "PRIVATE KEY" not in ca.kunci_terenkripsi
    crypto.open_key(ca.kunci_terenkripsi, settings.TTE_CA_PASSPHRASE)
    settings.TTE_CA_PASSPHRASE = "passphrase-lain-di-server-lain"
    with pytest.raises(ImproperlyConfigured, match="TTE_CA_PASSPHRASE"):
        services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala, passphrase=PASSPHRASE)


def test_certificate_names_the_signer_pemda_and_opd(cast, ca):
    cast.kepala.gelar_depan, cast.kepala.gelar_belakang = "Dr.", "S.Kom., M.Eng."
    cast.kepala.save()

    sertifikat = services.terbitkan_sertifikat(actor=cast.admin_pemda, pegawai=cast.kepala, passphrase=PASSPHRASE)

    cert = crypto.load_pem(sertifikat.sertifikat_pem)
    attr = lambda oid: cert.subject.get_attributes_for_oid(oid)[0].value  # noqa: E731
    assert attr(NameOID.COMMON_NAME) == "Dr. Arif Budiman, S.Kom., M.Eng."
    assert attr(NameOID.SERIAL_NUMBER) == cast.kepala.nip
    assert attr(NameOID.ORGANIZATION_NAME) == "Pemerintah Kota Surakarta"
    assert attr(NameOID.ORGANIZATIONAL_UNIT_NAME) == cast.opd.nama
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert 729 <= (sertifikat.berlaku_sampai - sertifikat.berlaku_mulai).days <= 731
    assert cert.issuer == crypto.load_pem(ca.sertifikat_pem).subject
    assert sertifikat.serial == crypto.serial_hex(cert)


def test_private_key_is_stored_encrypted_and_opens_only_with_the_passphrase(sertifikat):
    stored = SertifikatTte.objects.get(pk=sertifikat.pk).kunci_terenkripsi

    assert "BEGIN PRIVATE KEY" not in stored and "BEGIN EC PRIVATE KEY" not in stored
    with pytest.raises(ValueError):
        serialization.load_pem_private_key(stored.encode(), password=None)
    with pytest.raises(PassphraseSalah):
        crypto.open_key(stored, "bukan-passphrase-nya")
    key = crypto.open_key(stored, PASSPHRASE)
    assert key.public_key() == crypto.load_pem(sertifikat.sertifikat_pem).public_key()


def test_production_scrypt_cost_is_recorded_with_the_key(monkeypatch):
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**14)
    sealed = crypto.seal_key(crypto.new_key(), PASSPHRASE)

    assert sealed.startswith("scrypt-aesgcm$16384$8$1$")
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)  # opening reads the cost from the sealed text
    crypto.open_key(sealed, PASSPHRASE)


def test_issuing_needs_a_long_enough_passphrase_and_an_admin(cast, ca):
    with pytest.raises(ValidationError) as exc:
        services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala, passphrase="pendek")
    assert exc.value.message_dict["passphrase"] == ["Frasa sandi TTE minimal 8 karakter."]
    with pytest.raises(PermissionDenied):
        services.terbitkan_sertifikat(actor=cast.admin_opd, pegawai=cast.kepala, passphrase=PASSPHRASE)
    assert not SertifikatTte.objects.exists()


def test_issuing_without_a_ca_says_how_to_create_one(cast):
    with pytest.raises(ValidationError, match="tte_buat_ca"):
        services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala, passphrase=PASSPHRASE)


def test_a_new_certificate_revokes_the_previous_one(cast, sertifikat):
    baru = services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala, passphrase="passphrase-baru-123")

    sertifikat.refresh_from_db()
    assert sertifikat.dicabut_pada is not None
    assert list(SertifikatTte.objects.berlaku().filter(pegawai=cast.kepala)) == [baru]


def test_holder_may_revoke_own_certificate_but_not_others(cast, sertifikat):
    with pytest.raises(PermissionDenied):
        services.cabut_sertifikat(actor=cast.staf, sertifikat=sertifikat)
    services.cabut_sertifikat(actor=cast.kepala, sertifikat=sertifikat, alasan="Passphrase bocor")

    sertifikat.refresh_from_db()
    assert sertifikat.alasan_dicabut == "Passphrase bocor"
    with pytest.raises(ValidationError, match="sudah dicabut"):
        services.cabut_sertifikat(actor=None, sertifikat=sertifikat)


def test_demo_certificate_is_idempotent(cast):
    pertama = services.pastikan_sertifikat_demo(pegawai=cast.kepala, passphrase=PASSPHRASE)
    kedua = services.pastikan_sertifikat_demo(pegawai=cast.kepala, passphrase=PASSPHRASE)
    lain = services.pastikan_sertifikat_demo(pegawai=cast.kepala, passphrase="passphrase-lain-123")

    assert pertama.pk == kedua.pk
    assert lain.pk != pertama.pk
    assert OtoritasSertifikat.objects.count() == 1


def test_audit_records_issuance_without_the_passphrase(sertifikat):
    events = AuditEvent.objects.filter(aksi__startswith="tte.").order_by("id")

    assert list(events.values_list("aksi", flat=True)) == ["tte.ca_buat", "tte.sertifikat_terbit"]
    assert all(PASSPHRASE not in str(e.data) for e in events)


def test_commands_create_ca_once_and_issue_with_passphrase_from_stdin(cast, capsys, monkeypatch):
    call_command("tte_buat_ca")
    call_command("tte_buat_ca")
    out = capsys.readouterr().out
    assert "CA dibuat" in out and "CA sudah ada" in out

    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(PASSPHRASE + "\n"))
    call_command("tte_terbitkan_sertifikat", "--nip", cast.kabid.nip_tampil, "--passphrase-stdin")
    out = capsys.readouterr().out
    assert "Sertifikat diterbitkan untuk Sri Wahyuni" in out and PASSPHRASE not in out
    crypto.open_key(SertifikatTte.objects.get(pegawai=cast.kabid).kunci_terenkripsi, PASSPHRASE)


def test_command_reports_unknown_nip(cast, ca):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("tte_terbitkan_sertifikat", "--nip", "199001012015011999", "--passphrase", PASSPHRASE)
