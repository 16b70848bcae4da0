"""Security notices: the audit chain found broken, and changes to accounts, posts and roles that could
hand one person another's authority. Admin Pemda always hears of them; so does the person affected."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse

from notifikasi.models import Event
from notifikasi.services import notify
from organisasi.models import Pegawai, Peran


def admin_pemda() -> list[Pegawai]:
    return list(
        Pegawai.objects.filter(
            Q(peran__jenis=Peran.Jenis.ADMIN_PEMDA) | Q(user__is_superuser=True), user__is_active=True
        ).distinct()
    )


def _kirim(penerima: Iterable[Pegawai], *, judul: str, pesan: str, url: str, kunci: str | None = None) -> None:
    unik = {p.pk: (p, None) for p in penerima}
    notify(event=Event.KEAMANAN, penerima=unik.values(), judul=judul, pesan=pesan, url=url, kunci=kunci)


def rantai_audit_rusak(*, alasan: str, **signal: object) -> None:
    """The scheduled audit check failed: every admin Pemda, once per finding."""
    _kirim(
        admin_pemda(),
        judul="Catatan audit terdeteksi diubah atau dihapus",
        pesan=f"Pemeriksaan terjadwal menemukan: {alasan}. Jalankan `manage.py verifikasi_audit` dan periksa server.",
        url=reverse("beranda"),
        kunci=f"audit-rusak:{alasan}",
    )


def perubahan_kewenangan(
    *,
    pegawai_id: int,
    judul: str,
    pesan: str,
    actor_id: int | None = None,
    url: str = "",
    url_admin: str = "",
    **signal: object,
) -> None:
    """A post, role or account e-mail of `pegawai_id` changed or was proposed: the pegawai and every admin
    Pemda (not the actor, unless the actor is that pegawai). A link (e.g. to confirm) goes only to the
    pegawai; `url_admin` (e.g. the pending requests) only to the admins."""
    pegawai = Pegawai.objects.filter(pk=pegawai_id).first()
    if pegawai is not None:
        _kirim([pegawai], judul=judul, pesan=pesan, url=url or reverse("akun:profil"))
    _kirim(
        [a for a in admin_pemda() if a.pk not in (actor_id, pegawai_id)],
        judul=judul,
        pesan=pesan,
        url=url_admin or reverse("organisasi:pegawai_list"),
    )
