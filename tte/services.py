"""Writes of the lokal TTE backend: the Pemda's root CA and the signers' certificates.

Passphrases pass through as arguments only: they are never stored, logged, put in an audit event or
sent to a Celery task.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import record
from organisasi import permissions
from organisasi.models import Pegawai, Pemda
from tte import crypto, selectors
from tte.errors import PassphraseSalah
from tte.models import OtoritasSertifikat, SertifikatTte

MASA_BERLAKU_TAHUN = (2, 5)


def _require_admin(actor: Pegawai | None) -> None:
    """System jobs (actor None) are trusted; people must be Admin Pemda."""
    if actor is not None:
        permissions.require_admin_pemda(actor)


@transaction.atomic
def buat_ca(*, actor: Pegawai | None, ganti: bool = False) -> tuple[OtoritasSertifikat, bool]:
    """Admin Pemda or system: create the Pemda's root CA. With an active CA, return it unchanged
    (created False) unless `ganti`, which retires it (it stays a trust root) and makes a new one."""
    _require_admin(actor)
    lama = OtoritasSertifikat.objects.select_for_update().filter(aktif=True).first()
    if lama is not None and not ganti:
        return lama, False
    pemda = Pemda.current()
    if pemda is None:
        raise ValidationError("Data Pemerintah Daerah belum diisi; isi dulu sebelum membuat CA.")
    if lama is not None:
        OtoritasSertifikat.objects.filter(pk=lama.pk).update(aktif=False)
    cert, key = crypto.build_ca(nama_pemda=pemda.nama, now=timezone.now())
    ca = OtoritasSertifikat.objects.create(
        nama=f"{pemda.nama} Root CA",
        serial=crypto.serial_hex(cert),
        sertifikat_pem=crypto.pem(cert),
        kunci_terenkripsi=crypto.seal_key(key, settings.TTE_CA_PASSPHRASE),
        berlaku_mulai=cert.not_valid_before_utc,
        berlaku_sampai=cert.not_valid_after_utc,
    )
    record(actor=actor, aksi="tte.ca_buat", objek=ca, serial=ca.serial, menggantikan=lama.serial if lama else "")
    return ca, True


def _validate_issue(pegawai: Pegawai, passphrase: str, tahun: int) -> None:
    errors: dict[str, str] = {}
    if len(passphrase) < crypto.PASSPHRASE_MIN:
        errors["passphrase"] = f"Passphrase minimal {crypto.PASSPHRASE_MIN} karakter."
    if not MASA_BERLAKU_TAHUN[0] <= tahun <= MASA_BERLAKU_TAHUN[1]:
        errors["masa_berlaku_tahun"] = "Masa berlaku sertifikat 2 sampai 5 tahun."
    if not (pegawai.nip or pegawai.nik):
        errors["pegawai"] = "Pegawai ini belum memiliki NIP atau NIK; lengkapi datanya dulu."
    if errors:
        raise ValidationError(errors)


def _subject(pegawai: Pegawai, pemda: Pemda) -> crypto.SubjectSigner:
    """NIP first: it is printed on every letter anyway, while the NIK is personal data."""
    opd = pegawai.jabatan.unit.opd if pegawai.jabatan_id and pegawai.jabatan.unit.opd_id else None
    return crypto.SubjectSigner(
        nama=pegawai.nama_lengkap,
        nomor_identitas=pegawai.nip or pegawai.nik,
        organisasi=pemda.nama,
        unit=opd.nama if opd else "",
    )


def _open_ca_key(ca: OtoritasSertifikat):
    try:
        return crypto.open_key(ca.kunci_terenkripsi, settings.TTE_CA_PASSPHRASE)
    except PassphraseSalah:
        raise ImproperlyConfigured(
            "TTE_CA_PASSPHRASE tidak cocok dengan kunci CA yang tersimpan; pakai nilai yang sama dengan saat CA dibuat."
        ) from None


@transaction.atomic
def terbitkan_sertifikat(
    *, actor: Pegawai | None, pegawai: Pegawai, passphrase: str, masa_berlaku_tahun: int = 2
) -> SertifikatTte:
    """Admin Pemda or system: issue `pegawai` a signing certificate from the active CA, its key sealed
    under `passphrase`. Any certificate the pegawai still had is revoked (documents signed with it
    keep verifying)."""
    _require_admin(actor)
    _validate_issue(pegawai, passphrase, masa_berlaku_tahun)
    ca, pemda = selectors.ca_aktif(), Pemda.current()
    if ca is None or pemda is None:
        raise ValidationError("Belum ada CA Pemda; jalankan dulu: manage.py tte_buat_ca.")
    ca_cert, ca_key = crypto.load_pem(ca.sertifikat_pem), _open_ca_key(ca)
    now = timezone.now()
    SertifikatTte.objects.select_for_update().filter(pegawai=pegawai, dicabut_pada__isnull=True).update(
        dicabut_pada=now, alasan_dicabut="Diganti dengan sertifikat baru."
    )
    key = crypto.new_key()
    cert = crypto.build_signer_cert(
        subject=_subject(pegawai, pemda),
        public_key=key.public_key(),
        ca_cert=ca_cert,
        ca_key=ca_key,
        now=now,
        years=masa_berlaku_tahun,
    )
    sertifikat = SertifikatTte.objects.create(
        pegawai=pegawai,
        penerbit=ca,
        serial=crypto.serial_hex(cert),
        subject=crypto.subject_text(cert),
        sertifikat_pem=crypto.pem(cert),
        kunci_terenkripsi=crypto.seal_key(key, passphrase),
        berlaku_mulai=cert.not_valid_before_utc,
        berlaku_sampai=cert.not_valid_after_utc,
    )
    record(
        actor=actor,
        aksi="tte.sertifikat_terbit",
        objek=sertifikat,
        pegawai=pegawai.pk,
        serial=sertifikat.serial,
        berlaku_sampai=sertifikat.berlaku_sampai,
    )
    return sertifikat


@transaction.atomic
def cabut_sertifikat(*, actor: Pegawai | None, sertifikat: SertifikatTte, alasan: str = "") -> SertifikatTte:
    """Admin Pemda, system, or the holder (a leaked passphrase): revoke a certificate. Documents it
    signed before now stay valid; it cannot sign again."""
    if actor is not None and actor.pk != sertifikat.pegawai_id and not permissions.is_admin_pemda(actor):
        raise PermissionDenied("Hanya Admin Pemda atau pemilik sertifikat yang boleh mencabutnya.")
    now = timezone.now()
    alasan = alasan.strip()[:200] or "Dicabut."
    if not SertifikatTte.objects.filter(pk=sertifikat.pk, dicabut_pada__isnull=True).update(
        dicabut_pada=now, alasan_dicabut=alasan
    ):
        raise ValidationError("Sertifikat ini sudah dicabut.")
    sertifikat.dicabut_pada, sertifikat.alasan_dicabut = now, alasan
    record(actor=actor, aksi="tte.sertifikat_cabut", objek=sertifikat, serial=sertifikat.serial, alasan=alasan)
    return sertifikat


def pastikan_sertifikat_demo(*, pegawai: Pegawai, passphrase: str) -> SertifikatTte:
    """System (seed_demo): make sure a CA exists and `pegawai` has a usable certificate that opens with
    `passphrase`. Idempotent: a second call returns the same certificate."""
    buat_ca(actor=None)
    sertifikat = selectors.sertifikat_berlaku(pegawai)
    if sertifikat is not None:
        try:
            crypto.open_key(sertifikat.kunci_terenkripsi, passphrase)
            return sertifikat
        except PassphraseSalah:
            pass
    return terbitkan_sertifikat(actor=None, pegawai=pegawai, passphrase=passphrase)
