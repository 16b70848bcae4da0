"""Rebuild the Rekap's summary rows from the letters and dispositions (after seeding rows directly, or
to repair them): `manage.py rekap_bangun_ulang`."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from rekap import fakta


class Command(BaseCommand):
    help = "Hitung ulang seluruh angka ringkasan Rekap dari surat dan disposisi."

    def handle(self, *args, **options) -> None:
        mulai = time.monotonic()
        n = fakta.bangun_ulang()
        self.stdout.write(f"Angka rekap: {n} baris dalam {time.monotonic() - mulai:.1f} detik.")
