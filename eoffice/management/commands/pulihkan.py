"""manage.py pulihkan DIR --ya-saya-yakin: restore a backup made by `cadangkan` and prove it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eoffice import cadangan


class Command(BaseCommand):
    help = (
        "Memulihkan cadangan buatan `cadangkan` (MENIMPA basis data dan berkas), lalu memeriksa jumlah surat, "
        "rantai audit dan SHA-256 setiap PDF bertanda tangan."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--ya-saya-yakin", action="store_true", help="wajib: isi basis data saat ini ditimpa")

    def handle(self, *args, folder: Path, ya_saya_yakin: bool, **options):
        if not ya_saya_yakin:
            raise CommandError("Pemulihan menimpa basis data dan berkas saat ini. Ulangi dengan --ya-saya-yakin.")
        try:
            hasil = cadangan.pulihkan(folder)
        except cadangan.CadanganError as exc:
            raise CommandError(str(exc)) from exc
        r = hasil.ringkasan
        self.stdout.write(
            f"Pulih dari {folder}: {r['surat']} surat, {r['peristiwa_audit']} peristiwa audit (rantai utuh), "
            f"{hasil.pdf_diperiksa} PDF bertanda tangan sesuai SHA-256-nya."
        )
