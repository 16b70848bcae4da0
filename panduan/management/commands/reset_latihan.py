"""manage.py reset_latihan: empty a training instance for the next group (see docs/latihan.md)."""

import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from panduan import services


class Command(BaseCommand):
    help = (
        "Hapus semua surat, disposisi, notifikasi dan berkas arsip di instans latihan, lalu isi ulang data "
        "contoh (seed_demo). Hanya berjalan bila MODE_LATIHAN=1."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--tanpa-seed", action="store_true", help="Jangan jalankan seed_demo sesudahnya.")

    def handle(self, *args, **options) -> None:
        if not settings.MODE_LATIHAN:
            raise CommandError(
                "Ditolak: ini bukan instans latihan (MODE_LATIHAN mati). Perintah ini menghapus semua surat; "
                "jalankan hanya di server latihan dengan MODE_LATIHAN=1."
            )
        deleted = services.reset_latihan()
        total = sum(deleted.values())
        self.stdout.write(f"Dihapus {total} baris data latihan.")
        if not options["tanpa_seed"]:
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            self.stdout.write(out.getvalue().rstrip())
        self.stdout.write(self.style.SUCCESS("Instans latihan siap untuk angkatan berikutnya."))
