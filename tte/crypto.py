"""Key material and certificates, with no database: keys sealed under a passphrase, the Pemda's root CA,
signer certificates, the timestamp authority's certificate and certificate revocation lists (CRL).

A private key is never stored in the clear. `seal_key` derives a 256-bit key from the passphrase with
scrypt and encrypts the PKCS#8 DER with AES-256-GCM; the scrypt parameters travel with the sealed text
(like Django's password hashes), so they can be raised later without breaking old keys. The GCM tag
makes a wrong passphrase fail cleanly (`PassphraseSalah`) instead of yielding a garbage key.
"""

from __future__ import annotations

import base64
import datetime
import functools
import os
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.views.decorators.debug import sensitive_variables

from tte.errors import PassphraseSalah

SEAL_SCHEME = "scrypt-aesgcm"
# n=2**14, r=8 (16 MiB per guess): the "interactive" parameters; about 0.1 s on a small server, which
# keeps a signature within the time a user waits for a click while making offline guessing costly.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
PASSPHRASE_MIN = 8

CA_YEARS = 20
TSA_YEARS = 10
# pyHanko's in-process timestamper signs with RSA only; 3072 bits keeps timestamps sound for decades.
TSA_RSA_BITS = 3072
CLOCK_SKEW = datetime.timedelta(minutes=5)

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@sensitive_variables("passphrase")
def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode())


@sensitive_variables("passphrase")
def seal_key(key: PrivateKey, passphrase: str) -> str:
    """The private key encrypted under `passphrase`, as one line of text safe to store."""
    salt, nonce = os.urandom(16), os.urandom(12)
    header = f"{SEAL_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(nonce)}"
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    ciphertext = AESGCM(_derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, der, header.encode())
    return f"{header}${_b64(ciphertext)}"


@sensitive_variables("passphrase")
def open_key(sealed: str, passphrase: str) -> PrivateKey:
    """The private key sealed by `seal_key`; raises PassphraseSalah when the passphrase does not open it."""
    try:
        scheme, n, r, p, salt, nonce, ciphertext = sealed.split("$")
    except ValueError as exc:
        raise ValueError("Format kunci tersimpan tidak dikenal.") from exc
    if scheme != SEAL_SCHEME:
        raise ValueError("Format kunci tersimpan tidak dikenal.")
    header = sealed.rsplit("$", 1)[0]
    derived = _derive(passphrase, _unb64(salt), int(n), int(r), int(p))
    try:
        der = AESGCM(derived).decrypt(_unb64(nonce), _unb64(ciphertext), header.encode())
    except InvalidTag:
        raise PassphraseSalah() from None
    key = serialization.load_der_private_key(der, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise ValueError("Kunci tersimpan bukan kunci EC atau RSA.")
    return key


@functools.lru_cache(maxsize=16)
@sensitive_variables("passphrase")
def open_system_key(sealed: str, passphrase: str) -> PrivateKey:
    """`open_key` for the keys sealed under the server's own TTE_CA_PASSPHRASE (the CA's, the TSA's),
    kept open for the life of the process: the process holds that passphrase anyway, so this adds no
    exposure and spares a scrypt run on every timestamp and CRL. Never for signers' keys."""
    return open_key(sealed, passphrase)


def new_key() -> ec.EllipticCurvePrivateKey:
    """EC P-256: signs in well under a millisecond and gives small signatures (RSA 3072 is ~30x slower)."""
    return ec.generate_private_key(ec.SECP256R1())


def new_tsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=TSA_RSA_BITS)


def pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def load_pem(text: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(text.encode())


def subject_text(cert: x509.Certificate) -> str:
    """'serialNumber=1986...,CN=Dr. Budi Santoso,OU=...,O=Pemerintah Kota Surakarta,C=ID'."""
    return cert.subject.rfc4514_string({NameOID.SERIAL_NUMBER: "serialNumber"})


def der(obj: x509.Certificate | x509.CertificateRevocationList) -> bytes:
    return obj.public_bytes(serialization.Encoding.DER)


def serial_hex(cert: x509.Certificate) -> str:
    return format(cert.serial_number, "x")


def _key_usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signer,
        content_commitment=signer,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signer,
        crl_sign=not signer,
        encipher_only=False,
        decipher_only=False,
    )


def build_ca(*, nama_pemda: str, now: datetime.datetime) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A self-signed root "<nama_pemda> Root CA" that may sign end-entity certificates only."""
    key = new_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, nama_pemda),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{nama_pemda} Root CA"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + datetime.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signer=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


@dataclass(frozen=True)
class SubjectSigner:
    """Who a signer certificate names: CN with titles, serialNumber (NIP or NIK), Pemda and OPD."""

    nama: str
    nomor_identitas: str
    organisasi: str
    unit: str = ""

    def name(self) -> x509.Name:
        attrs = [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organisasi),
        ]
        if self.unit:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, self.unit[:64]))
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, self.nama[:64]))
        if self.nomor_identitas:
            attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, self.nomor_identitas))
        return x509.Name(attrs)


def _end_entity(
    *,
    name: x509.Name,
    public_key,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    now: datetime.datetime,
    years: int,
    crl_url: str,
) -> x509.CertificateBuilder:
    """What every certificate the CA issues has: validity within the CA's, digitalSignature +
    nonRepudiation, and where its CRL is published (outside validators fetch it from there)."""
    not_after = min(now + datetime.timedelta(days=365 * years), ca_cert.not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signer=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
    )
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    return builder


def build_signer_cert(
    *,
    subject: SubjectSigner,
    public_key: ec.EllipticCurvePublicKey,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    now: datetime.datetime,
    years: int,
    crl_url: str = "",
) -> x509.Certificate:
    """An end-entity certificate for signing documents (digitalSignature + nonRepudiation)."""
    return _end_entity(
        name=subject.name(),
        public_key=public_key,
        ca_cert=ca_cert,
        ca_key=ca_key,
        now=now,
        years=years,
        crl_url=crl_url,
    ).sign(ca_key, hashes.SHA256())


def build_tsa_cert(
    *,
    nama_pemda: str,
    public_key: rsa.RSAPublicKey,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    now: datetime.datetime,
    crl_url: str = "",
) -> x509.Certificate:
    """The timestamp authority's certificate: RFC 3161 requires the critical extended key usage
    timeStamping and nothing else."""
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, nama_pemda),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{nama_pemda} Time Stamping Authority"[:64]),
        ]
    )
    builder = _end_entity(
        name=name, public_key=public_key, ca_cert=ca_cert, ca_key=ca_key, now=now, years=TSA_YEARS, crl_url=crl_url
    )
    return builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True).sign(
        ca_key, hashes.SHA256()
    )


# RFC 5280 reason codes for the reasons a signer or the Admin TTE gives (tte.models.AlasanPencabutan).
ALASAN_CRL = {
    "kunci_bocor": x509.ReasonFlags.key_compromise,
    "pindah_jabatan": x509.ReasonFlags.affiliation_changed,
    "meninggal": x509.ReasonFlags.cessation_of_operation,
    "diganti": x509.ReasonFlags.superseded,
    "lainnya": x509.ReasonFlags.unspecified,
}


@dataclass(frozen=True)
class Dicabut:
    """One line of a CRL."""

    serial: str  # hexadecimal, as stored
    pada: datetime.datetime
    alasan: str = "lainnya"


def build_crl(
    *,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    dicabut: list[Dicabut],
    nomor: int,
    now: datetime.datetime,
    berlaku: datetime.timedelta,
    url: str,
) -> x509.CertificateRevocationList:
    """The CRL partition published at `url` (the certificates naming `url` as their distribution
    point): every revoked certificate in it, valid until now + berlaku."""
    partition = x509.IssuingDistributionPoint(
        full_name=[x509.UniformResourceIdentifier(url)],
        relative_name=None,
        only_contains_user_certs=True,
        only_contains_ca_certs=False,
        only_some_reasons=None,
        indirect_crl=False,
        only_contains_attribute_certs=False,
    )
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - CLOCK_SKEW)
        .next_update(now + berlaku)
        .add_extension(x509.CRLNumber(nomor), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .add_extension(partition, critical=True)
    )
    for item in dicabut:
        # A CRL holds whole seconds: round up, so a signature timestamped in the same second before
        # the revocation is not read as made after it.
        pada = item.pada.replace(microsecond=0) + datetime.timedelta(seconds=1 if item.pada.microsecond else 0)
        entry = x509.RevokedCertificateBuilder().serial_number(int(item.serial, 16)).revocation_date(pada)
        reason = ALASAN_CRL.get(item.alasan, x509.ReasonFlags.unspecified)
        if reason != x509.ReasonFlags.unspecified:
            entry = entry.add_extension(x509.CRLReason(reason), critical=False)
        builder = builder.add_revoked_certificate(entry.build())
    return builder.sign(ca_key, hashes.SHA256())
