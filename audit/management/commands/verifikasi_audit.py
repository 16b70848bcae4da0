"""`manage.py verifikasi_audit`: check the keyed audit chain and its checkpoints; print the first broken
link and exit with status 1 when there is one. `--checkpoint` also writes a checkpoint when intact."""

from django.core.management.base import BaseCommand, CommandError

from audit import anchor


class Command(BaseCommand):
    help = "Memeriksa rantai catatan audit dan checkpoint-nya; menyebut mata rantai pertama yang rusak."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--checkpoint", action="store_true", help="Tulis checkpoint baru bila rantai utuh.")

    def handle(self, *args, **options) -> None:
        temuan, jumlah = anchor.periksa_semua()
        if temuan is not None:
            raise CommandError(f"Rantai audit RUSAK pada {temuan}.")
        cps, _ = anchor.baca_checkpoint()
        self.stdout.write(
            self.style.SUCCESS(f"Rantai audit utuh: {jumlah} catatan, {len(cps)} checkpoint di {anchor.berkas()}.")
        )
        if options["checkpoint"]:
            baris = anchor.tulis_checkpoint()
            self.stdout.write(f"Checkpoint ditulis: catatan #{baris['event_id']}.")
