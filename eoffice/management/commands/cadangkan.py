"""manage.py cadangkan DIR: back up the database and the files together (eoffice/cadangan.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eoffice import cadangan


class Command(BaseCommand):
    help = "Mencadangkan basis data dan berkas (MEDIA_ROOT) bersama manifest SHA-256 ke folder baru."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="folder baru atau kosong untuk cadangan ini")

    def handle(self, *args, folder: Path, **options):
        try:
            manifest = cadangan.buat(folder)
        except cadangan.CadanganError as exc:
            raise CommandError(str(exc)) from exc
        r = manifest["ringkasan"]
        self.stdout.write(
            f"Cadangan tersimpan di {folder}: {r['surat']} surat, {r['pdf_surat']} PDF surat, "
            f"{r['lampiran']} lampiran, {r['peristiwa_audit']} peristiwa audit. Berkas: {manifest['media']}."
        )
