"""Reads of TTE data: the active CA, a signer's usable certificate and the trust roots for verification."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from organisasi.models import Pegawai
from tte import crypto
from tte.models import OtoritasSertifikat, OtoritasTimestamp, PermohonanSertifikat, SertifikatTte


def ca_aktif() -> OtoritasSertifikat | None:
    """The CA that issues new certificates (services and commands)."""
    return OtoritasSertifikat.objects.filter(aktif=True).first()


def sertifikat_berlaku(pegawai: Pegawai) -> SertifikatTte | None:
    """The certificate `pegawai` can sign with now, or None (the lokal backend and status pages)."""
    return SertifikatTte.objects.berlaku().filter(pegawai=pegawai).select_related("penerbit").first()


def sertifikat_by_serial(serial: str) -> SertifikatTte | None:
    """A certificate issued here by its hexadecimal serial (verification looks up revocations)."""
    return SertifikatTte.objects.filter(serial=serial.lower()).select_related("pegawai").first()


def trust_roots() -> list[x509.Certificate]:
    """Every CA this installation has had (replaced ones too, so old letters still verify), plus the
    certificates in the TTE_TRUST_ROOTS_PEM file (BSrE's chain) when it is set."""
    roots = [crypto.load_pem(pem) for pem in OtoritasSertifikat.objects.values_list("sertifikat_pem", flat=True)]
    path = settings.TTE_TRUST_ROOTS_PEM
    if path:
        try:
            roots.extend(x509.load_pem_x509_certificates(Path(path).read_bytes()))
        except (OSError, ValueError) as exc:
            raise ImproperlyConfigured(f"TTE_TRUST_ROOTS_PEM={path!r}: berkas sertifikat tidak dapat dibaca.") from exc
    return roots


def sertifikat_tsa() -> list[x509.Certificate]:
    """The certificates of every TSA this installation has had (validators need them in the DSS)."""
    return [crypto.load_pem(pem) for pem in OtoritasTimestamp.objects.values_list("sertifikat_pem", flat=True)]


def status_sertifikat(sertifikat: SertifikatTte, now=None) -> str:
    """'dicabut', 'kedaluwarsa' or 'berlaku' today (shown on the certificate pages)."""
    now = now or timezone.now()
    if sertifikat.dicabut_pada is not None:
        return "dicabut"
    return "berlaku" if sertifikat.berlaku_mulai <= now < sertifikat.berlaku_sampai else "kedaluwarsa"


def sertifikat_milik(pegawai: Pegawai) -> list[SertifikatTte]:
    """The signer's own certificates, newest first (their page)."""
    return list(SertifikatTte.objects.filter(pegawai=pegawai).select_related("penerbit").order_by("-dibuat"))


def permohonan_terakhir(pegawai: Pegawai) -> PermohonanSertifikat | None:
    return PermohonanSertifikat.objects.filter(pegawai=pegawai).order_by("-diajukan", "-id").first()


def permohonan_terbuka() -> list[PermohonanSertifikat]:
    """Requests waiting for the Admin TTE, oldest first."""
    return list(
        PermohonanSertifikat.objects.filter(status=PermohonanSertifikat.Status.DIAJUKAN)
        .select_related("pegawai__jabatan__unit__opd")
        .order_by("diajukan", "id")
    )


def daftar_sertifikat(opd_id: int | None = None):
    """Every certificate of the Pemda for the Admin TTE, optionally of one OPD (the holder's post)."""
    qs = SertifikatTte.objects.select_related("pegawai__jabatan__unit__opd").order_by("pegawai__nama", "-dibuat")
    if opd_id:
        qs = qs.filter(pegawai__jabatan__unit__opd_id=opd_id)
    return qs
