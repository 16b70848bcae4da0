"""Writes of the lokal TTE backend: the Pemda's root CA, its timestamp authority (TSA), its CRL and the
signers' certificates. The signers' own flows (request, passphrase, renewal) are in tte.mandiri.

Passphrases pass through as arguments only: they are never stored, logged, put in an audit event or
sent to a Celery task.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import record
from organisasi import permissions
from organisasi.models import Pegawai, Pemda
from tte import crypto, selectors
from tte.errors import PassphraseSalah
from tte.models import (
    AlasanPencabutan,
    DaftarPencabutan,
    LingkupCrl,
    OtoritasSertifikat,
    OtoritasTimestamp,
    SertifikatTte,
)

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
    for lingkup in LingkupCrl.values:
        terbitkan_crl(penerbit=ca, lingkup=lingkup)
    return ca, True


def _validate_issue(pegawai: Pegawai, passphrase: str, tahun: int) -> None:
    errors: dict[str, str] = {}
    if len(passphrase) < crypto.PASSPHRASE_MIN:
        errors["passphrase"] = f"Frasa sandi TTE minimal {crypto.PASSPHRASE_MIN} karakter."
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


def crl_url(ca: OtoritasSertifikat, lingkup: str = LingkupCrl.PENANDATANGAN) -> str:
    """Where a CRL partition of `ca` is published; written into every certificate it issues."""
    nama = ca.serial if lingkup == LingkupCrl.PENANDATANGAN else f"{ca.serial}-{lingkup}"
    return settings.SITE_URL + reverse("tte:crl", kwargs={"nama": nama})


def _open_ca_key(ca: OtoritasSertifikat):
    try:
        return crypto.open_system_key(ca.kunci_terenkripsi, settings.TTE_CA_PASSPHRASE)
    except PassphraseSalah:
        raise ImproperlyConfigured(
            "TTE_CA_PASSPHRASE tidak cocok dengan kunci CA yang tersimpan; pakai nilai yang sama dengan saat CA dibuat."
        ) from None


@transaction.atomic
def terbitkan_sertifikat(
    *, actor: Pegawai | None, pegawai: Pegawai, passphrase: str, masa_berlaku_tahun: int = 2
) -> SertifikatTte:
    """Admin Pemda or system (the demo, a server shell): issue `pegawai` a signing certificate from the
    active CA, its key sealed under `passphrase`. Signers normally do this themselves (tte.mandiri)."""
    _require_admin(actor)
    _validate_issue(pegawai, passphrase, masa_berlaku_tahun)
    return issue(actor=actor, pegawai=pegawai, passphrase=passphrase, masa_berlaku_tahun=masa_berlaku_tahun)


def issue(*, actor: Pegawai | None, pegawai: Pegawai, passphrase: str, masa_berlaku_tahun: int = 2) -> SertifikatTte:
    """Inside a caller's transaction that checked the right and the passphrase: issue the certificate.
    Any certificate the pegawai still had is revoked as superseded (what it signed keeps verifying)."""
    ca, pemda = selectors.ca_aktif(), Pemda.current()
    if ca is None or pemda is None:
        raise ValidationError("Belum ada CA Pemda; jalankan dulu: manage.py tte_buat_ca.")
    ca_cert, ca_key = crypto.load_pem(ca.sertifikat_pem), _open_ca_key(ca)
    now = timezone.now()
    diganti = SertifikatTte.objects.select_for_update().filter(pegawai=pegawai, dicabut_pada__isnull=True)
    penerbit_lama = set(diganti.values_list("penerbit_id", flat=True))
    diganti.update(
        dicabut_pada=now, alasan_dicabut="Diganti dengan sertifikat baru.", kode_alasan=AlasanPencabutan.DIGANTI
    )
    key = crypto.new_key()
    cert = crypto.build_signer_cert(
        subject=_subject(pegawai, pemda),
        public_key=key.public_key(),
        ca_cert=ca_cert,
        ca_key=ca_key,
        now=now,
        years=masa_berlaku_tahun,
        crl_url=crl_url(ca),
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
    for penerbit in OtoritasSertifikat.objects.filter(pk__in=penerbit_lama):
        terbitkan_crl(penerbit=penerbit)
    return sertifikat


@transaction.atomic
def cabut_sertifikat(
    *,
    actor: Pegawai | None,
    sertifikat: SertifikatTte,
    alasan: str = "",
    kode_alasan: str = AlasanPencabutan.LAINNYA,
) -> SertifikatTte:
    """The holder (lost device, leaked passphrase), the Admin TTE, the Admin Pemda or the system:
    revoke a certificate. The CRL is reissued at once, in the same transaction. Documents it signed
    before now stay valid; it cannot sign again."""
    if (
        actor is not None
        and actor.pk != sertifikat.pegawai_id
        and not permissions.is_admin_pemda(actor)
        and not permissions.is_admin_tte(actor)
    ):
        raise PermissionDenied("Hanya Admin TTE, Admin Pemda atau pemilik sertifikat yang boleh mencabutnya.")
    if kode_alasan not in AlasanPencabutan.values:
        raise ValidationError({"kode_alasan": "Pilih alasan pencabutan."})
    now = timezone.now()
    alasan = alasan.strip()[:200] or AlasanPencabutan(kode_alasan).label
    if not SertifikatTte.objects.filter(pk=sertifikat.pk, dicabut_pada__isnull=True).update(
        dicabut_pada=now, alasan_dicabut=alasan, kode_alasan=kode_alasan
    ):
        raise ValidationError("Sertifikat ini sudah dicabut.")
    sertifikat.dicabut_pada, sertifikat.alasan_dicabut, sertifikat.kode_alasan = now, alasan, kode_alasan
    record(
        actor=actor,
        aksi="tte.sertifikat_cabut",
        objek=sertifikat,
        serial=sertifikat.serial,
        alasan=alasan,
        kode_alasan=kode_alasan,
    )
    terbitkan_crl(penerbit=sertifikat.penerbit)
    return sertifikat


@transaction.atomic
def terbitkan_crl(*, penerbit: OtoritasSertifikat, lingkup: str = LingkupCrl.PENANDATANGAN) -> DaftarPencabutan:
    """System (revocations, the daily schedule, a stale CRL asked for): issue a new CRL partition of
    `penerbit` with the next CRL number. The row lock keeps numbers increasing under concurrency."""
    now = timezone.now()
    crl, _ = DaftarPencabutan.objects.get_or_create(
        penerbit=penerbit, lingkup=lingkup, defaults={"der": b"", "terbit": now, "berikutnya": now}
    )
    crl = DaftarPencabutan.objects.select_for_update().get(pk=crl.pk)
    if lingkup == LingkupCrl.TSA:
        rows = OtoritasTimestamp.objects.filter(penerbit=penerbit, dicabut_pada__isnull=False).values_list(
            "serial", "dicabut_pada"
        )
        dicabut = [crypto.Dicabut(serial=serial, pada=pada, alasan="kunci_bocor") for serial, pada in rows]
    else:
        rows = SertifikatTte.objects.filter(penerbit=penerbit, dicabut_pada__isnull=False).values_list(
            "serial", "dicabut_pada", "kode_alasan"
        )
        dicabut = [crypto.Dicabut(serial=serial, pada=pada, alasan=kode or "lainnya") for serial, pada, kode in rows]
    masa = datetime.timedelta(days=settings.TTE_CRL_MASA_HARI)
    daftar = crypto.build_crl(
        ca_cert=crypto.load_pem(penerbit.sertifikat_pem),
        ca_key=_open_ca_key(penerbit),
        dicabut=sorted(dicabut, key=lambda d: d.pada),
        nomor=crl.nomor + 1,
        now=now,
        berlaku=masa,
        url=crl_url(penerbit, lingkup),
    )
    crl.nomor += 1
    crl.der = crypto.der(daftar)
    crl.terbit, crl.berikutnya = now, now + masa
    crl.save()
    return crl


def crl_terkini(penerbit: OtoritasSertifikat, lingkup: str = LingkupCrl.PENANDATANGAN) -> DaftarPencabutan:
    """System: the current CRL partition of `penerbit`, reissued first when it is missing or past half
    its life (so what is published and embedded is never stale, even where beat does not run)."""
    crl = DaftarPencabutan.objects.filter(penerbit=penerbit, lingkup=lingkup).first()
    masa = datetime.timedelta(days=settings.TTE_CRL_MASA_HARI)
    if crl is None or not crl.der or crl.berikutnya - timezone.now() < masa / 2:
        crl = terbitkan_crl(penerbit=penerbit, lingkup=lingkup)
    return crl


def crl_semua_terkini() -> list[bytes]:
    """System (signing, verification): every current CRL (DER) of every CA still valid, reissued
    first where stale; the same the public CRL addresses serve."""
    cas = OtoritasSertifikat.objects.filter(berlaku_sampai__gt=timezone.now())
    return [bytes(crl_terkini(ca, lingkup).der) for ca in cas for lingkup in LingkupCrl.values]


def perbarui_semua_crl() -> int:
    """System (daily, Celery beat): reissue every CRL of every CA still valid; returns how many."""
    cas = OtoritasSertifikat.objects.filter(berlaku_sampai__gt=timezone.now())
    for ca in cas:
        for lingkup in LingkupCrl.values:
            terbitkan_crl(penerbit=ca, lingkup=lingkup)
    return len(cas) * len(LingkupCrl.values)


@transaction.atomic
def pastikan_tsa() -> OtoritasTimestamp:
    """System: the active TSA, replaced by a new one under the active CA when it would expire within
    twice the archive margin, so every new timestamp outlives the margin (see surat's archive task).
    Every signing calls this: the usual answer is read without a lock, so signings of different OPD
    never queue on the CA row; only a replacement locks it (and checks again)."""
    batas = timezone.now() + datetime.timedelta(days=2 * settings.TTE_ARSIP_MARGIN_HARI)
    tsa = _tsa_berlaku(batas, OtoritasSertifikat.objects.filter(aktif=True).first())
    if tsa is not None:
        return tsa
    ca = OtoritasSertifikat.objects.select_for_update().filter(aktif=True).first()
    if ca is None:
        ca, _ = buat_ca(actor=None)
    if (tsa := _tsa_berlaku(batas, ca)) is not None:
        return tsa
    tsa = OtoritasTimestamp.objects.filter(aktif=True).first()
    OtoritasTimestamp.objects.filter(aktif=True).update(aktif=False)
    key, pemda = crypto.new_tsa_key(), Pemda.current()
    cert = crypto.build_tsa_cert(
        nama_pemda=pemda.nama if pemda else ca.nama,
        public_key=key.public_key(),
        ca_cert=crypto.load_pem(ca.sertifikat_pem),
        ca_key=_open_ca_key(ca),
        now=timezone.now(),
        crl_url=crl_url(ca, LingkupCrl.TSA),
    )
    baru = OtoritasTimestamp.objects.create(
        penerbit=ca,
        serial=crypto.serial_hex(cert),
        sertifikat_pem=crypto.pem(cert),
        kunci_terenkripsi=crypto.seal_key(key, settings.TTE_CA_PASSPHRASE),
        berlaku_mulai=cert.not_valid_before_utc,
        berlaku_sampai=cert.not_valid_after_utc,
    )
    record(actor=None, aksi="tte.tsa_buat", objek=baru, serial=baru.serial, menggantikan=tsa.serial if tsa else "")
    return baru


def _tsa_berlaku(batas: datetime.datetime, ca: OtoritasSertifikat | None) -> OtoritasTimestamp | None:
    if ca is None:
        return None
    tsa = OtoritasTimestamp.objects.filter(aktif=True).select_related("penerbit").first()
    return tsa if tsa is not None and tsa.penerbit_id == ca.pk and tsa.berlaku_sampai > batas else None


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
