"""manage.py seed_demo: build the demo city (Pemerintah Kota Surakarta). Safe to run again."""

import time

from django.core.management.base import BaseCommand

from organisasi import demo_data
from organisasi.models import Jabatan, Pegawai, Penugasan, UnitKerja


class Command(BaseCommand):
    help = "Isi data contoh Pemerintah Kota Surakarta (OPD, jabatan, pegawai, Plt/Plh, peran). Aman dijalankan ulang."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        seeder = demo_data.seed()
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
            self.style.SUCCESS(f"Masuk sebagai kominfo.staf / {demo_data.DEMO_PASSWORD}")
            + " (akun contoh lain: lihat README; pegawai lain masuk dengan NIP, kata sandi sama)."
        )
