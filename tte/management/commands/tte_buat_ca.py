"""manage.py tte_buat_ca [--ganti]: create the Pemda's root CA for the lokal TTE backend."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tte import services


class Command(BaseCommand):
    help = "Membuat CA (otoritas sertifikat) Pemda untuk tanda tangan elektronik lokal. Aman dijalankan berulang."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ganti",
            action="store_true",
            help="Ganti CA yang aktif dengan CA baru (CA lama tetap dipercaya untuk dokumen lama).",
        )

    def handle(self, *args, ganti: bool = False, **options):
        try:
            ca, created = services.buat_ca(actor=None, ganti=ganti)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if created:
            self.stdout.write(self.style.SUCCESS(f"CA dibuat: {ca.nama} (nomor seri {ca.serial})."))
        else:
            self.stdout.write(f"CA sudah ada: {ca.nama}. Tidak ada yang diubah (pakai --ganti untuk menggantinya).")
