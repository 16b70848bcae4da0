"""Self-service certificates (lokal backend): what signers do themselves, and what the Admin TTE decides.

1. A signer asks for activation (`ajukan_aktivasi`); every Admin TTE is notified.
2. An Admin TTE approves or refuses it (`putuskan_permohonan`); the signer is notified.
3. After approval the signer re-enters their login password and chooses their own passphrase
   (`buat_passphrase`): the key is made and sealed under it on the server and the certificate issued.
   Nobody else ever sees the passphrase; it is never stored, logged or queued.
4. Later: change the passphrase (`ganti_passphrase`: the same key re-sealed), revoke
   (`services.cabut_sertifikat`: lost device, leaving the post, death; the CRL is reissued at once),
   renew within RENEW_WINDOW days of expiry (`perpanjang`: a new key and certificate under the
   same passphrase, no new approval: the holder proves possession with the passphrase).
5. Celery beat reminds holders 30 and 7 days before expiry (`ingatkan_kedaluwarsa`).
Notices go through tte.signals (notifikasi listens), so tte never imports notifikasi.

Every step that needs the passphrase shares the signing lockout (tte.signing.BATAS_SALAH wrong
passphrases lock the pegawai for JENDELA_SALAH seconds), so these forms are no side door for guessing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from audit.services import record
from lib import ratelimit
from organisasi import permissions
from organisasi.models import Pegawai
from outbox.services import send_on_commit
from tte import crypto, selectors, services, signals, signing
from tte.errors import PassphraseSalah, TerlaluBanyakPercobaan
from tte.models import PermohonanSertifikat, SertifikatTte

PASSPHRASE_MIN = 10
RENEW_WINDOW = 60  # days before expiry from which a holder may renew
PENGINGAT_HARI = (30, 7)

S = PermohonanSertifikat.Status


def _kunci(pegawai: Pegawai) -> str:
    return f"tte-passphrase:{pegawai.pk}"


@sensitive_variables("password_login")
def _check_login_password(pegawai: Pegawai, password_login: str) -> None:
    """The signer proves it is them at the keyboard; wrong answers count toward the passphrase lock."""
    if ratelimit.locked(_kunci(pegawai)):
        raise ValidationError({"password_login": TerlaluBanyakPercobaan.default_message})
    if not pegawai.user.check_password(password_login):
        ratelimit.fail(_kunci(pegawai), limit=signing.BATAS_SALAH, window=signing.JENDELA_SALAH)
        raise ValidationError({"password_login": "Kata sandi masuk salah."})


@sensitive_variables("passphrase", "ulangi", "password_login")
def validasi_passphrase(*, pegawai: Pegawai, passphrase: str, ulangi: str, password_login: str) -> None:
    """The strength rule of a self-chosen passphrase: at least PASSPHRASE_MIN characters with letters
    and digits, not a common password, not like the name/username/NIP/NIK, not the login password."""
    errors: list[str] = []
    if passphrase != ulangi:
        raise ValidationError({"ulangi": "Kedua frasa sandi tidak sama."})
    if len(passphrase) < PASSPHRASE_MIN:
        errors.append(f"Frasa sandi TTE minimal {PASSPHRASE_MIN} karakter.")
    if not (any(c.isalpha() for c in passphrase) and any(c.isdigit() for c in passphrase)):
        errors.append("Frasa sandi TTE harus memuat huruf dan angka.")
    kecil = passphrase.lower().replace(" ", "")
    for nomor in (pegawai.nip, pegawai.nik):
        if nomor and nomor[-8:] in kecil:
            errors.append("Frasa sandi TTE tidak boleh memuat NIP atau NIK Anda.")
            break
    if password_login and passphrase == password_login:
        errors.append("Frasa sandi TTE tidak boleh sama dengan kata sandi masuk.")
    try:
        password_validation.validate_password(
            passphrase,
            user=pegawai.user,
            password_validators=password_validation.get_password_validators(
                [
                    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
                    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
                ]
            ),
        )
    except ValidationError as exc:
        errors.extend(exc.messages)
    if errors:
        raise ValidationError({"passphrase": errors})


@transaction.atomic
def ajukan_aktivasi(*, actor: Pegawai) -> PermohonanSertifikat:
    """A pegawai asks for a signing certificate. Refused while one request is open or a certificate is
    still valid (renew instead)."""
    if not (actor.nip or actor.nik):
        raise ValidationError("Data pegawai Anda belum memiliki NIP atau NIK; hubungi Admin OPD.")
    if selectors.sertifikat_berlaku(actor) is not None:
        raise ValidationError("Anda sudah memiliki sertifikat yang berlaku.")
    if PermohonanSertifikat.objects.filter(pegawai=actor, status__in=[S.DIAJUKAN, S.DISETUJUI]).exists():
        raise ValidationError("Permohonan Anda sebelumnya masih diproses.")
    permohonan = PermohonanSertifikat.objects.create(pegawai=actor)
    record(actor=actor, aksi="tte.permohonan_ajukan", objek=permohonan)
    send_on_commit(signals.permohonan_diajukan, sender=PermohonanSertifikat, permohonan_id=permohonan.pk)
    return permohonan


@transaction.atomic
def putuskan_permohonan(
    *, actor: Pegawai, permohonan: PermohonanSertifikat, setuju: bool, catatan: str = ""
) -> PermohonanSertifikat:
    """The Admin TTE approves or refuses an open request (not their own)."""
    if not permissions.is_admin_tte(actor):
        raise PermissionDenied("Hanya Admin TTE yang boleh memutuskan permohonan sertifikat.")
    if permohonan.pegawai_id == actor.pk:
        raise ValidationError("Permohonan Anda sendiri harus diputuskan oleh Admin TTE lain.")
    catatan = catatan.strip()[:300]
    if not setuju and not catatan:
        raise ValidationError({"catatan": "Tuliskan alasan penolakan untuk pemohon."})
    baru = S.DISETUJUI if setuju else S.DITOLAK
    now = timezone.now()
    if not PermohonanSertifikat.objects.filter(pk=permohonan.pk, status=S.DIAJUKAN).update(
        status=baru, diputus_oleh=actor, diputus_pada=now, catatan=catatan
    ):
        raise ValidationError("Permohonan ini sudah diputuskan.")
    permohonan.status, permohonan.diputus_oleh, permohonan.diputus_pada = baru, actor, now
    permohonan.catatan = catatan
    record(actor=actor, aksi="tte.permohonan_putus", objek=permohonan, status=baru, pegawai=permohonan.pegawai_id)
    send_on_commit(signals.permohonan_diputus, sender=PermohonanSertifikat, permohonan_id=permohonan.pk)
    return permohonan


@sensitive_variables("passphrase", "ulangi", "password_login")
@transaction.atomic
def buat_passphrase(
    *, actor: Pegawai, password_login: str, passphrase: str, ulangi: str, masa_berlaku_tahun: int = 2
) -> SertifikatTte:
    """The signer, after approval: choose their passphrase; the key is sealed under it and the
    certificate issued."""
    permohonan = PermohonanSertifikat.objects.select_for_update().filter(pegawai=actor, status=S.DISETUJUI).first()
    if permohonan is None:
        raise ValidationError("Belum ada permohonan sertifikat Anda yang disetujui Admin TTE.")
    _check_login_password(actor, password_login)
    validasi_passphrase(pegawai=actor, passphrase=passphrase, ulangi=ulangi, password_login=password_login)
    sertifikat = services.issue(
        actor=actor, pegawai=actor, passphrase=passphrase, masa_berlaku_tahun=masa_berlaku_tahun
    )
    permohonan.status, permohonan.sertifikat = S.SELESAI, sertifikat
    permohonan.save(update_fields=["status", "sertifikat"])
    ratelimit.clear(_kunci(actor))
    return sertifikat


@sensitive_variables("lama", "baru", "ulangi", "password_login")
def _open_own(actor: Pegawai, sertifikat: SertifikatTte, lama: str):
    if ratelimit.locked(_kunci(actor)):
        raise ValidationError({"lama": TerlaluBanyakPercobaan.default_message})
    try:
        return crypto.open_key(sertifikat.kunci_terenkripsi, lama)
    except PassphraseSalah:
        ratelimit.fail(_kunci(actor), limit=signing.BATAS_SALAH, window=signing.JENDELA_SALAH)
        record(actor=actor, aksi="tte.passphrase_salah", objek=sertifikat, serial=sertifikat.serial)
        raise ValidationError({"lama": "Frasa sandi TTE lama salah."}) from None


@sensitive_variables("lama", "baru", "ulangi", "password_login")
def ganti_passphrase(*, actor: Pegawai, password_login: str, lama: str, baru: str, ulangi: str) -> SertifikatTte:
    """The holder: re-seal their key under a new passphrase (the certificate stays the same)."""
    sertifikat = selectors.sertifikat_berlaku(actor)
    if sertifikat is None:
        raise ValidationError("Anda tidak memiliki sertifikat yang berlaku.")
    _check_login_password(actor, password_login)
    key = _open_own(actor, sertifikat, lama)  # outside the transaction: a wrong guess is recorded
    validasi_passphrase(pegawai=actor, passphrase=baru, ulangi=ulangi, password_login=password_login)
    with transaction.atomic():
        SertifikatTte.objects.filter(pk=sertifikat.pk).update(kunci_terenkripsi=crypto.seal_key(key, baru))
        record(actor=actor, aksi="tte.passphrase_ganti", objek=sertifikat, serial=sertifikat.serial)
    ratelimit.clear(_kunci(actor))
    return sertifikat


def boleh_perpanjang(sertifikat: SertifikatTte) -> bool:
    return sertifikat.berlaku_sampai - timezone.now() <= datetime.timedelta(days=RENEW_WINDOW)


@sensitive_variables("passphrase", "password_login")
def perpanjang(*, actor: Pegawai, password_login: str, passphrase: str, masa_berlaku_tahun: int = 2) -> SertifikatTte:
    """The holder, within RENEW_WINDOW days of expiry: a new key and certificate sealed under the same
    passphrase; the old certificate is revoked as superseded (what it signed stays valid)."""
    sertifikat = selectors.sertifikat_berlaku(actor)
    if sertifikat is None:
        raise ValidationError("Sertifikat Anda sudah tidak berlaku; ajukan aktivasi baru.")
    if not boleh_perpanjang(sertifikat):
        raise ValidationError(f"Perpanjangan baru bisa dilakukan {RENEW_WINDOW} hari sebelum sertifikat berakhir.")
    _check_login_password(actor, password_login)
    _open_own(actor, sertifikat, passphrase)
    with transaction.atomic():
        baru = services.issue(actor=actor, pegawai=actor, passphrase=passphrase, masa_berlaku_tahun=masa_berlaku_tahun)
        record(actor=actor, aksi="tte.sertifikat_perpanjang", objek=baru, lama=sertifikat.serial, serial=baru.serial)
    ratelimit.clear(_kunci(actor))
    return baru


def ingatkan_kedaluwarsa(*, now: datetime.datetime | None = None) -> int:
    """System (daily, Celery beat): announce every valid certificate ending within 30 or 7 days
    (notifikasi tells each holder once per certificate and period). Returns how many were announced."""
    now = now or timezone.now()
    count = 0
    for hari in PENGINGAT_HARI:
        batas = now + datetime.timedelta(days=hari)
        for pk in SertifikatTte.objects.berlaku(now).filter(berlaku_sampai__lte=batas).values_list("pk", flat=True):
            send_on_commit(signals.sertifikat_segera_berakhir, sender=SertifikatTte, sertifikat_id=pk, hari=hari)
            count += 1
    return count
