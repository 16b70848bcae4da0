"""Benchmark of the lokal TTE backend: `.venv/bin/python bench/bench_sign.py [--n 30]`.

Sets up Django on a throw-away SQLite database, creates the CA and one signer certificate with the
production key-protection parameters, then signs a one-page letter N times warm through the public API
(`tte.signing.sign_pdf`: certificate lookup, key unsealing with scrypt, the PAdES B-LTA signature with
pyHanko: timestamp from the Pemda's in-process TSA, the CA's CRL in the DSS, a document timestamp; and
the audit row) and prints mean/p95 in milliseconds, with the parts measured on their own.
Target (issue 14): p95 <= 500 ms warm.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.TemporaryDirectory(prefix="bench-tte-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from organisasi.models import Pegawai, Pemda  # noqa: E402
from tte import crypto, ltv, pades, services  # noqa: E402
from tte.signing import sign_pdf  # noqa: E402
from tte.verification import verify_pdf  # noqa: E402

PASSPHRASE = "Passphrase-Bench-2026"
LETTER = """
<style>@page { size: A4; margin: 2.5cm } body { font-family: 'Liberation Sans', Arial; font-size: 12pt }</style>
<h3 style="text-align:center">PEMERINTAH KOTA SURAKARTA<br>DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN</h3>
<hr><p style="text-align:right">Surakarta, 28 November 2026</p>
<p>Nomor: 000.8.3.3/15/DISKOMINFOSP/2026<br>Sifat: Biasa<br>Lampiran: -<br>Hal: Undangan Rapat Koordinasi</p>
<p>Yth. Kepala Dinas Perhubungan<br>di Surakarta</p>
<p>Dalam rangka koordinasi pelaksanaan e-Office, kami mengundang Saudara untuk hadir pada rapat
koordinasi hari Senin, 30 November 2026 pukul 09.00 WIB di Ruang Rapat Diskominfosp.</p>
<p>Demikian atas perhatian dan kehadirannya kami sampaikan terima kasih.</p>
<p style="margin-left:55%">Kepala Dinas,<br><br><br><b>Dr. ARIF BUDIMAN, S.Kom., M.Eng.</b><br>NIP 19860926 201505 1 001</p>
"""


def measure(label: str, fn: Callable[[], object], n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(f"{label:<46} mean {statistics.mean(times):7.1f} ms   p95 {p95:7.1f} ms   (n={n})")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    n = parser.parse_args().n

    call_command("migrate", verbosity=0)
    Pemda.objects.create(nama_daerah="Surakarta")
    user = get_user_model().objects.create_user("bench", password="x")
    pegawai = Pegawai.objects.create(user=user, nip="198609262015051001", nama="Arif Budiman", gelar_depan="Dr.")
    services.buat_ca(actor=None)
    sertifikat = services.terbitkan_sertifikat(actor=None, pegawai=pegawai, passphrase=PASSPHRASE)
    pdf = weasyprint.HTML(string=LETTER).write_pdf()
    print(f"scrypt n={crypto.SCRYPT_N} r={crypto.SCRYPT_R} p={crypto.SCRYPT_P}; PDF {len(pdf)} bytes, 1 page")

    def sign() -> bytes:
        return sign_pdf(
            pegawai=pegawai, passphrase=PASSPHRASE, pdf_bytes=pdf, reason="Surat dinas", location="Surakarta"
        ).pdf_bytes

    for _ in range(3):  # warm-up: imports, first pyHanko and SQLite use
        signed = sign()
    total = measure("sign_pdf (whole API, warm)", sign, n)
    key = crypto.open_key(sertifikat.kunci_terenkripsi, PASSPHRASE)
    cert, chain = crypto.load_pem(sertifikat.sertifikat_pem), [crypto.load_pem(sertifikat.penerbit.sertifikat_pem)]
    measure(
        "  part: unseal key (scrypt + AES-GCM)", lambda: crypto.open_key(sertifikat.kunci_terenkripsi, PASSPHRASE), n
    )
    measure("  part: TSA, CRL and trust roots (ltv.bukti)", ltv.bukti, n)
    measure(
        "  part: pyHanko PAdES B-LTA signature",
        lambda: pades.sign_with_key(
            pdf_bytes=pdf,
            cert=cert,
            key=key,
            chain=chain,
            reason="Surat dinas",
            location="Surakarta",
            field_name="TTE",
            bukti=ltv.bukti(),
        ),
        n,
    )
    measure("verify_pdf (for comparison)", lambda: verify_pdf(signed), n)
    p95 = total[max(0, round(0.95 * len(total)) - 1)]
    print(f"target p95 <= 500 ms warm: {'MET' if p95 <= 500 else 'MISSED'} (p95 {p95:.1f} ms)")


if __name__ == "__main__":
    main()
