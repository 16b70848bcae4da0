"""manage.py seed_bulk --surat N [--opd KODE ...] [--tahun 2022 2023 ...]: years of mail on top of the
demo city (PostgreSQL only), for measuring pages at a real city's size (bench/, docs/performance.md).
Like seed_demo it refuses to run with DEBUG off unless told this is not production."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from arsip import impor
from demo.bulk.run import seed_bulk
from organisasi.models import Pemda


class Command(BaseCommand):
    help = "Isi PostgreSQL dengan banyak surat (semua status dan jenis, beberapa tahun) di atas data contoh."

    def add_arguments(self, parser) -> None:
        tahun_ini = datetime.date.today().year
        parser.add_argument("--surat", type=int, required=True, help="Jumlah surat yang ditambahkan.")
        parser.add_argument("--opd", nargs="*", help="Hanya surat OPD dengan kode ini (bawaan: semua OPD).")
        parser.add_argument(
            "--tahun",
            type=int,
            nargs="*",
            default=list(range(tahun_ini - 4, tahun_ini + 1)),
            help="Tahun surat (bawaan: lima tahun terakhir).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Benih acak (jalankan lagi dengan benih lain).")
        parser.add_argument(
            "--workers", type=int, help="Proses pengisi paralel (bawaan: satu per tahun, semua sekaligus)."
        )
        parser.add_argument("--kka", help="Impor dulu daftar kode klasifikasi lengkap dari CSV ini (kode,nama).")
        parser.add_argument("--ya-saya-yakin", action="store_true", help="Jalankan juga bila DEBUG mati.")

    def handle(self, *args, **options) -> None:
        if not (settings.DEBUG or settings.MODE_LATIHAN or options["ya_saya_yakin"]):
            raise CommandError("seed_bulk dihentikan: DEBUG mati (server produksi?). Tambahkan --ya-saya-yakin.")
        if connection.vendor != "postgresql":
            raise CommandError("seed_bulk butuh PostgreSQL (COPY); DATABASE_URL sekarang bukan PostgreSQL.")
        if options["surat"] < 1:
            raise CommandError("--surat harus lebih dari 0.")
        if Pemda.current() is None:
            call_command("seed_demo", ya_saya_yakin=True, stdout=self.stdout)
        if options["kka"]:
            baris, _ = impor.baca_csv(Path(options["kka"]), lewati_salah=True)
            impor.simpan(actor=None, rows=baris)
        try:
            rows = seed_bulk(
                jumlah=options["surat"],
                tahun=sorted(options["tahun"]),
                opd=options["opd"],
                seed=options["seed"],
                workers=options["workers"] or len(options["tahun"]),
                log=self.stdout.write,
            )
        except ValueError as e:
            raise CommandError(str(e)) from e
        ditulis = ", ".join(f"{n} {t}" for t, n in sorted(rows.items()) if not t.startswith("detik"))
        self.stdout.write(self.style.SUCCESS(f"Ditulis: {ditulis}."))
