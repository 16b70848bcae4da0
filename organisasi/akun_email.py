"""Changing the e-mail address of an account. The address receives the password-reset links, so
whoever sets it can take the account over ("lupa kata sandi"). Hence:

- an admin Pemda (or a system job) changes it at once; the old address is told;
- anyone else (an admin OPD, the holder) only requests it: the old address gets a signed link, valid
  for three days, that the holder opens signed in to confirm. Without an old address the holder
  confirms from the in-app notice (a holder changing their own empty address needs nothing more);
- the holder and every admin Pemda get an in-app notice of the request and of the change, and both
  are audited with the old and the new address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from audit.services import record
from organisasi import kabar, permissions
from organisasi.models import Pegawai

SALT = "eoffice.organisasi.ganti-email"
MASA_BERLAKU_HARI = 3
TAUTAN_KEDALUWARSA = "Tautan konfirmasi ini tidak berlaku lagi (kedaluwarsa atau rusak). Minta perubahan email lagi."
SUDAH_BERUBAH = "Tautan ini sudah dipakai, atau alamat email akun sudah berubah sejak tautan dibuat."


def perlu_konfirmasi(actor: Pegawai | None, pegawai: Pegawai) -> bool:
    if actor is None or permissions.is_admin_pemda(actor):
        return False
    return bool(pegawai.email) or actor.pk != pegawai.pk


def konfirmasi_url(pegawai: Pegawai, baru: str) -> str:
    token = signing.dumps({"p": pegawai.pk, "lama": pegawai.email or "", "baru": baru}, salt=SALT, compress=True)
    return reverse("akun:konfirmasi_email", args=[token])


def baca_token(token: str) -> dict:
    try:
        return signing.loads(token, salt=SALT, max_age=MASA_BERLAKU_HARI * 24 * 3600)
    except signing.BadSignature as exc:
        raise ValidationError(TAUTAN_KEDALUWARSA) from exc


def _kirim_email(alamat: str, subjek: str, isi: str) -> None:
    if alamat:
        transaction.on_commit(lambda: send_mail(subjek, isi, None, [alamat], fail_silently=True))


def minta(*, actor: Pegawai, pegawai: Pegawai, baru: str) -> None:
    """Inside pegawai_update: record the request and send the confirmation link to the old address."""
    url = konfirmasi_url(pegawai, baru)
    record(actor=actor, aksi="pegawai.email_diminta", objek=pegawai, sebelum=pegawai.email, sesudah=baru)
    _kirim_email(
        pegawai.email,
        "Konfirmasi perubahan alamat email akun eoffice",
        f"{actor} meminta alamat email akun eoffice Anda ({pegawai.user.get_username()}) diganti dari "
        f"{pegawai.email} menjadi {baru or '(kosong)'}.\n\n"
        f"Bila Anda menyetujuinya, buka tautan berikut dalam {MASA_BERLAKU_HARI} hari dan masuk dengan akun Anda:\n"
        f"{settings.SITE_URL}{url}\n\n"
        "Bila Anda tidak memintanya, abaikan email ini (alamat tidak akan berubah) dan beri tahu Admin Pemda.",
    )
    kabar.kewenangan(
        pegawai,
        actor,
        "Permintaan perubahan email akun",
        f"{actor} meminta email akun {pegawai} diganti menjadi {baru or '(kosong)'}. "
        "Perubahan berlaku setelah dikonfirmasi oleh pemilik akun.",
        url=url if not pegawai.email else "",
    )


def terapkan(*, actor: Pegawai | None, pegawai: Pegawai, baru: str) -> None:
    """Set the address now (admin Pemda, a confirmed request); the old address is told."""
    lama = pegawai.email
    Pegawai.objects.filter(pk=pegawai.pk).update(email=baru)
    get_user_model().objects.filter(pk=pegawai.user_id).update(email=baru)
    pegawai.email = baru
    record(actor=actor, aksi="pegawai.email_diganti", objek=pegawai, sebelum=lama, sesudah=baru)
    waktu = date_format(timezone.localtime(), "j F Y H.i")
    _kirim_email(
        lama,
        "Alamat email akun eoffice Anda telah diganti",
        f"Alamat email akun eoffice Anda ({pegawai.user.get_username()}) diganti dari {lama} menjadi "
        f"{baru or '(kosong)'} pada {waktu} WIB oleh {actor or 'sistem'}.\n\n"
        "Bila ini bukan kehendak Anda, segera hubungi Admin Pemda.",
    )
    kabar.kewenangan(
        pegawai, actor, "Email akun diganti", f"Email akun {pegawai} diganti menjadi {baru or '(kosong)'}."
    )


@transaction.atomic
def konfirmasi(*, actor: Pegawai, token: str) -> Pegawai:
    """The account holder, signed in, confirms a requested change with the link's token."""
    data = baca_token(token)
    pegawai = Pegawai.objects.select_for_update(of=("self",)).select_related("user").get(pk=data["p"])
    if actor.pk != pegawai.pk:
        raise PermissionDenied
    if (pegawai.email or "") != data["lama"]:
        raise ValidationError(SUDAH_BERUBAH)
    terapkan(actor=actor, pegawai=pegawai, baru=data["baru"])
    return pegawai
