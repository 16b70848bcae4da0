"""The outside channels of a notification: the email and the webhook JSON, both built from the stored
row only (so a secret letter's notice, already stripped of content by services.notify, stays so)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import urllib.request

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifikasi.models import Notifikasi

WEBHOOK_TIMEOUT = 10  # seconds
SIGNATURE_HEADER = "X-Eoffice-Signature"


def absolute_url(notifikasi: Notifikasi) -> str:
    return f"{settings.SITE_URL}{notifikasi.url}"


def build_email(notifikasi: Notifikasi) -> EmailMultiAlternatives:
    ctx = {
        "n": notifikasi,
        "tautan": absolute_url(notifikasi),
        "preferensi": f"{settings.SITE_URL}{reverse('notifikasi:preferensi')}",
    }
    subject = " ".join(render_to_string("email/notifikasi_subjek.txt", ctx).split())
    message = EmailMultiAlternatives(
        subject=subject[:200],
        body=render_to_string("email/notifikasi.txt", ctx),
        to=[notifikasi.penerima.email],
    )
    message.attach_alternative(render_to_string("email/notifikasi.html", ctx), "text/html")
    return message


# An email still waiting after this long was not taken by a worker (broker down, worker killed).
TERTUNDA_SETELAH = datetime.timedelta(minutes=10)


def email_tertunda(batas: int = 500) -> list[int]:
    """System (beat): notices whose email has waited longer than TERTUNDA_SETELAH, oldest first."""
    return list(
        Notifikasi.objects.filter(
            email_status=Notifikasi.EmailStatus.MENUNGGU, dibuat__lt=timezone.now() - TERTUNDA_SETELAH
        )
        .order_by("id")
        .values_list("pk", flat=True)[:batas]
    )


def send_email(notifikasi_id: int) -> bool:
    """Send the notice's email unless already sent or not wanted. True when sent now. SMTP errors
    propagate (the task retries them)."""
    n = Notifikasi.objects.select_related("penerima").filter(pk=notifikasi_id).first()
    if n is None or n.email_status in (Notifikasi.EmailStatus.TERKIRIM, Notifikasi.EmailStatus.TIDAK_PERLU):
        return False
    if not n.penerima.email:
        Notifikasi.objects.filter(pk=n.pk).update(email_status=Notifikasi.EmailStatus.TIDAK_PERLU)
        return False
    build_email(n).send()
    Notifikasi.objects.filter(pk=n.pk).update(
        email_status=Notifikasi.EmailStatus.TERKIRIM, email_dikirim_pada=timezone.now(), email_galat=""
    )
    return True


def mark_email_failed(notifikasi_id: int, error: BaseException) -> None:
    Notifikasi.objects.filter(pk=notifikasi_id).exclude(email_status=Notifikasi.EmailStatus.TERKIRIM).update(
        email_status=Notifikasi.EmailStatus.GAGAL, email_galat=f"{type(error).__name__}: {error}"[:1000]
    )


def webhook_payload(notifikasi: Notifikasi) -> dict:
    return {
        "event": notifikasi.event,
        "judul": notifikasi.judul,
        "pesan": notifikasi.pesan,
        "url": absolute_url(notifikasi),
        "penerima": {"nip": notifikasi.penerima.nip or "", "nama": notifikasi.penerima.nama_lengkap},
        "waktu": timezone.localtime(notifikasi.dibuat).isoformat(),
    }


def sign(body: bytes, secret: str) -> str:
    """'sha256=<hex>' HMAC of the raw body, for the receiver to check the sender."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_webhook(notifikasi_id: int) -> bool:
    """POST the notice as JSON to EOFFICE_WEBHOOK_URL (nothing when unset). Network errors and non-2xx
    answers raise OSError (urllib's URLError/HTTPError) for the task to retry."""
    url = settings.EOFFICE_WEBHOOK_URL
    n = Notifikasi.objects.select_related("penerima").filter(pk=notifikasi_id).first()
    if not url or n is None:
        return False
    body = json.dumps(webhook_payload(n), ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "eoffice-notifikasi"}
    if settings.EOFFICE_WEBHOOK_SECRET:
        headers[SIGNATURE_HEADER] = sign(body, settings.EOFFICE_WEBHOOK_SECRET)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT):  # noqa: S310 (URL set by the admin)
        pass
    return True
