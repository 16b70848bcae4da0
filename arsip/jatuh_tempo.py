"""The daily retention check: which berkas fall due (transfer, end of the inactive period) and which
destruction proposals wait for approval, told to the Unit Kearsipan (and the admin Pemda for approvals)
through notifikasi.services.notify. The same lists are always on the page
"Jatuh tempo retensi" (arsip:jatuh_tempo)."""

from __future__ import annotations

import logging

from django.urls import reverse
from django.utils import timezone

from arsip import selectors
from notifikasi.models import Event
from notifikasi.services import notify
from organisasi.models import Pegawai, Peran

logger = logging.getLogger(__name__)


def _notify(penerima: list[Pegawai], judul: str, pesan: str, url: str) -> int:
    """One notice per person per day (kunci)."""
    if not penerima:
        return 0
    try:
        rows = notify(
            event=Event.RETENSI_JATUH_TEMPO,
            penerima=[(p, p.jabatan_id) for p in penerima],
            judul=judul,
            pesan=pesan,
            url=url,
            kunci=f"arsip-retensi:{timezone.localdate().isoformat()}:{judul}",
        )
    except Exception:  # a notification problem must not stop the daily job
        logger.exception("notifikasi jatuh tempo retensi gagal")
        return 0
    return len(rows)


def beritahu() -> dict[str, int]:
    """System (daily beat job): count what falls due today and notify the people who act on it."""
    lists = selectors.jatuh_tempo(on=timezone.localdate())
    jumlah = {name: qs.count() for name, qs in lists.items()}
    url = reverse("arsip:jatuh_tempo")
    arsiparis = list(Pegawai.objects.filter(peran__jenis=Peran.Jenis.ARSIPARIS).distinct())
    admin = list(Pegawai.objects.filter(peran__jenis=Peran.Jenis.ADMIN_PEMDA).distinct())
    terkirim = 0
    if jumlah["pindah"] or jumlah["akhir"]:
        pesan = (
            f"{jumlah['pindah']} berkas sudah habis masa aktifnya (siap dipindahkan) dan "
            f"{jumlah['akhir']} berkas sudah habis masa inaktifnya (usul musnah atau permanen)."
        )
        terkirim += _notify(arsiparis, "Jatuh tempo retensi arsip", pesan, url)
    if jumlah["usul_musnah"]:
        pesan = f"{jumlah['usul_musnah']} berkas diusulkan musnah dan menunggu persetujuan Anda."
        terkirim += _notify(admin, "Usul musnah arsip menunggu persetujuan", pesan, url)
    logger.info("jatuh tempo retensi: %s, notifikasi terkirim %s", jumlah, terkirim)
    return {**jumlah, "notifikasi": terkirim}
