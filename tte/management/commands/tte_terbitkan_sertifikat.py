"""manage.py tte_terbitkan_sertifikat --nip NIP [--passphrase-stdin | --passphrase P]: issue a signer
certificate from the Pemda's CA. Without a passphrase option it asks twice without echoing it."""

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from organisasi.models import Pegawai
from organisasi.nip import format_nip, normalize_nip
from tte import services


class Command(BaseCommand):
    help = "Menerbitkan sertifikat tanda tangan elektronik untuk seorang pegawai (sertifikat lama dicabut)."

    def add_arguments(self, parser):
        parser.add_argument("--nip", required=True, help="NIP pegawai (18 angka, boleh dengan spasi).")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--passphrase-stdin", action="store_true", help="Baca frasa sandi TTE dari baris pertama masukan standar."
        )
        source.add_argument(
            "--passphrase", help="Frasa sandi TTE langsung (hanya untuk demo/uji: terlihat di riwayat shell)."
        )
        parser.add_argument("--tahun", type=int, default=2, help="Masa berlaku dalam tahun (2-5, bawaan 2).")

    def _passphrase(self, options) -> str:
        if options["passphrase"] is not None:
            return options["passphrase"]
        if options["passphrase_stdin"]:
            return sys.stdin.readline().rstrip("\r\n")
        pertama = getpass.getpass("Frasa sandi TTE pegawai: ")
        if getpass.getpass("Ulangi frasa sandi TTE: ") != pertama:
            raise CommandError("Kedua frasa sandi tidak sama.")
        return pertama

    def handle(self, *args, **options):
        nip = normalize_nip(options["nip"])
        pegawai = Pegawai.objects.select_related("jabatan__unit__opd").filter(nip=nip).first()
        if pegawai is None:
            raise CommandError(f"Pegawai dengan NIP {format_nip(nip)} tidak ditemukan.")
        try:
            sertifikat = services.terbitkan_sertifikat(
                actor=None, pegawai=pegawai, passphrase=self._passphrase(options), masa_berlaku_tahun=options["tahun"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        sampai = sertifikat.berlaku_sampai.strftime("%d-%m-%Y")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sertifikat diterbitkan untuk {pegawai.nama_lengkap}: nomor seri {sertifikat.serial}, berlaku sampai {sampai}."
            )
        )
