"""manage.py impor_pegawai FILE.csv [--dry-run]: create many pegawai from a CSV file, all or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisasi.csv_import import impor_pegawai


class Command(BaseCommand):
    help = "Impor pegawai dari berkas CSV (lihat docs/impor-pegawai.md). Semua baris atau tidak sama sekali."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", help="Berkas CSV, pemisah ; atau , (UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Hanya periksa isi berkas; tidak ada yang disimpan.")

    def handle(self, *args, berkas: str, dry_run: bool, **options) -> None:
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        hasil = impor_pegawai(path.read_bytes(), dry_run=dry_run)
        if not hasil.berhasil:
            for masalah in hasil.masalah:
                self.stdout.write(str(masalah))
            jumlah_baris = len({m.baris for m in hasil.masalah})
            raise CommandError(
                f"Impor dibatalkan: {len(hasil.masalah)} masalah pada {jumlah_baris} baris. "
                "Tidak ada pegawai yang disimpan. Perbaiki berkas lalu jalankan lagi."
            )
        if dry_run:
            self.stdout.write(f"Uji coba: {hasil.jumlah} pegawai siap diimpor. Tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{hasil.jumlah} pegawai diimpor."))
