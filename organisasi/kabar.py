"""Telling a pegawai and every admin Pemda that what could hand someone another's authority changed or
was proposed (organisasi.signals.kewenangan_berubah). The announcement is stored with the change
(outbox), so it goes out even if the receiver or the broker is down at commit. Below both the writes
that apply a change (penerapan) and the e-mail address flow (akun_email)."""

from __future__ import annotations

from organisasi import signals
from organisasi.models import Pegawai
from outbox.services import send_on_commit


def kewenangan(
    pegawai: Pegawai, actor: Pegawai | None, judul: str, pesan: str, *, url: str = "", url_admin: str = ""
) -> None:
    """`url` is the pegawai's link, `url_admin` the admins'."""
    send_on_commit(
        signals.kewenangan_berubah,
        sender=Pegawai,
        pegawai_id=pegawai.pk,
        actor_id=actor.pk if actor else None,
        judul=judul,
        pesan=pesan,
        url=url,
        url_admin=url_admin,
    )
