"""Key material and certificates, with no database: keys sealed under a passphrase, the Pemda's root CA
and signer certificates.

A private key is never stored in the clear. `seal_key` derives a 256-bit key from the passphrase with
scrypt and encrypts the PKCS#8 DER with AES-256-GCM; the scrypt parameters travel with the sealed text
(like Django's password hashes), so they can be raised later without breaking old keys. The GCM tag
makes a wrong passphrase fail cleanly (`PassphraseSalah`) instead of yielding a garbage key.
"""

from __future__ import annotations

import base64
import datetime
import os
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID
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
CLOCK_SKEW = datetime.timedelta(minutes=5)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@sensitive_variables("passphrase")
def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode())


@sensitive_variables("passphrase")
def seal_key(key: ec.EllipticCurvePrivateKey, passphrase: str) -> str:
    """The private key encrypted under `passphrase`, as one line of text safe to store."""
    salt, nonce = os.urandom(16), os.urandom(12)
    header = f"{SEAL_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(nonce)}"
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    ciphertext = AESGCM(_derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, der, header.encode())
    return f"{header}${_b64(ciphertext)}"


@sensitive_variables("passphrase")
def open_key(sealed: str, passphrase: str) -> ec.EllipticCurvePrivateKey:
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
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("Kunci tersimpan bukan kunci EC.")
    return key


def new_key() -> ec.EllipticCurvePrivateKey:
    """EC P-256: signs in well under a millisecond and gives small signatures (RSA 3072 is ~30x slower)."""
    return ec.generate_private_key(ec.SECP256R1())


def pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def load_pem(text: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(text.encode())


def subject_text(cert: x509.Certificate) -> str:
    """'serialNumber=1986...,CN=Dr. Budi Santoso,OU=...,O=Pemerintah Kota Surakarta,C=ID'."""
    return cert.subject.rfc4514_string({NameOID.SERIAL_NUMBER: "serialNumber"})


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


def build_signer_cert(
    *,
    subject: SubjectSigner,
    public_key: ec.EllipticCurvePublicKey,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    now: datetime.datetime,
    years: int,
) -> x509.Certificate:
    """An end-entity certificate for signing documents (digitalSignature + nonRepudiation)."""
    not_after = min(now + datetime.timedelta(days=365 * years), ca_cert.not_valid_after_utc)
    return (
        x509.CertificateBuilder()
        .subject_name(subject.name())
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signer=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
