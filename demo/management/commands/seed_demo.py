"""manage.py seed_demo: build the demo city (Pemerintah Kota Surakarta). Safe to run again.

It creates hundreds of accounts with a published password and a superuser, so it refuses to run on a
production instance (DEBUG off) unless it is a training instance (MODE_LATIHAN) or --ya-saya-yakin."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import seed
from demo.akun import DEMO_PASSWORD
from organisasi.models import Jabatan, Pegawai, Penugasan, UnitKerja


class Command(BaseCommand):
    help = "Isi data contoh Pemerintah Kota Surakarta (OPD, jabatan, pegawai, Plt/Plh, peran). Aman dijalankan ulang."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--ya-saya-yakin",
            action="store_true",
            help="Jalankan juga bila DEBUG mati (misalnya server uji coba); JANGAN di server produksi.",
        )

    def handle(self, *args, **options) -> None:
        if not (settings.DEBUG or settings.MODE_LATIHAN or options["ya_saya_yakin"]):
            raise CommandError(
                "seed_demo dihentikan: DEBUG mati, jadi ini tampaknya server produksi. Data contoh membuat ratusan "
                f"akun dengan kata sandi umum ({DEMO_PASSWORD}) dan seorang superuser. Bila ini memang "
                "server uji coba atau latihan, jalankan: manage.py seed_demo --ya-saya-yakin (atau pakai MODE_LATIHAN=1)."
            )
        started = time.monotonic()
        seeder = seed.seed()
        if seeder.dibuat:
            dibuat = ", ".join(f"{jumlah} {nama}" for nama, jumlah in seeder.dibuat.items())
            self.stdout.write(f"Dibuat: {dibuat}.")
        else:
            self.stdout.write("Data contoh sudah lengkap; tidak ada yang diubah.")
        self.stdout.write(
            f"{seeder.pemda}: {UnitKerja.objects.opd().count()} OPD, {UnitKerja.objects.count()} unit kerja, "
            f"{Jabatan.objects.count()} jabatan, {Pegawai.objects.count()} pegawai, "
            f"{Penugasan.objects.berlaku_pada().count()} Plt/Plh berlaku hari ini "
            f"({time.monotonic() - started:.1f} detik)."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Masuk sebagai kominfo.staf / {DEMO_PASSWORD}")
            + " (akun contoh lain: lihat README; pegawai lain masuk dengan NIP, kata sandi sama)."
        )
