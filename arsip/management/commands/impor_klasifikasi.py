"""manage.py impor_klasifikasi FILE.csv: add or rename KKA codes from a CSV (kode,nama). Safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from arsip import impor


class Command(BaseCommand):
    help = "Impor kode klasifikasi arsip dari CSV (kolom kode,nama). Aman dijalankan ulang."

    def add_arguments(self, parser) -> None:
        parser.add_argument("berkas", help="Berkas CSV UTF-8 dengan kolom kode,nama")
        parser.add_argument(
            "--lewati-salah",
            action="store_true",
            help="Impor baris yang benar dan laporkan baris yang salah (bawaan: tidak ada yang diimpor bila ada yang salah).",
        )

    def handle(self, *args, **options) -> None:
        try:
            rows, kesalahan = impor.baca_csv(options["berkas"], lewati_salah=options["lewati_salah"])
        except impor.ImporGagal as exc:
            raise CommandError(
                f"Tidak ada yang diimpor; perbaiki {len(exc.kesalahan)} kesalahan ini:\n" + "\n".join(exc.kesalahan)
            ) from exc
        if kesalahan:
            self.stderr.write(f"{len(kesalahan)} baris dilewati:\n" + "\n".join(kesalahan))
        hasil = impor.simpan(actor=None, rows=rows, nama_berkas=str(options["berkas"]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai: {hasil.dibuat} kode baru, {hasil.diubah} nama diperbarui, {hasil.sama} tidak berubah."
            )
        )
