"""Benchmark: another OPD's write latency while signatures are in progress (issue 13, item 3).
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eoffice_bench_kunci .venv/bin/python \
        bench/bench_kunci_ttd.py [--surat 5] [--tahan 2.0] [--simpan 40]

The database named in DATABASE_URL is a throw-away one: it is dropped and created again. Diskominfo's
kepala signs --surat letters to Dishub one after another, each through the real path (number, render,
PAdES signature with the lokal CA, delivery) plus --tahan seconds inside the transaction, standing in
for BSrE's answer time. Meanwhile a Dishub drafter saves a draft and Dishub's pencatat registers a paper
letter (which takes Dishub's agenda counter, the one every signed letter to Dishub also takes) in a
loop. Prints the latency of those writes before and during the signatures.
Target: during signatures, another OPD's write p95 stays within 3x its quiet p95 and its max under 1 s
(before the fix every such write waited for the whole signature: 15-28 s with BSrE).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eoffice_bench_kunci")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import dj_database_url  # noqa: E402
import psycopg2  # noqa: E402

PASSPHRASE = "Passphrase-Bench-2026"


def reset_database(url: str) -> None:
    cfg = dj_database_url.parse(url)
    conn = psycopg2.connect(
        dbname="postgres", user=cfg["USER"], password=cfg["PASSWORD"], host=cfg["HOST"], port=cfg["PORT"] or 5432
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
        cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    conn.close()


def ringkas(label: str, times: list[float]) -> float:
    times = sorted(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(
        f"{label:<44} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {times[-1]:7.1f} ms   (n={len(times)})"
    )
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surat", type=int, default=5, help="letters signed one after another")
    parser.add_argument("--tahan", type=float, default=2.0, help="seconds each signature stays open (BSrE)")
    parser.add_argument("--simpan", type=int, default=40, help="writes of the other OPD measured while quiet")
    args = parser.parse_args()

    reset_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from arsip.models import KlasifikasiArsip
    from organisasi.models import Jabatan, Peran
    from surat import services, signing
    from surat.models import JenisSurat, Surat
    from tests.factories import JabatanFactory, OpdFactory, PegawaiFactory, PemdaFactory, PeranFactory
    from tte import services as tte_services

    call_command("migrate", verbosity=0)
    PemdaFactory()
    kominfo, dishub = OpdFactory(kode="DISKOMINFOSP"), OpdFactory(kode="DISHUB")

    def jabatan(unit, nama, atasan=None, kepala=False):
        return JabatanFactory(
            nama=nama, unit=unit, atasan=atasan, is_kepala_unit=kepala, dapat_menandatangani=kepala,
            **({"eselon": Jabatan.Eselon.II_B} if kepala else {}),
        )  # fmt: skip

    j_kepala, j_kepala_lain = jabatan(kominfo, "Kepala Dinas", kepala=True), jabatan(dishub, "Kepala", kepala=True)
    kepala = PegawaiFactory(jabatan=j_kepala)
    staf = PegawaiFactory(jabatan=jabatan(kominfo, "Pranata Komputer", atasan=j_kepala))
    staf_lain = PegawaiFactory(jabatan=jabatan(dishub, "Pengelola Lalu Lintas", atasan=j_kepala_lain))
    PegawaiFactory(jabatan=j_kepala_lain)
    PeranFactory(pegawai=staf_lain, jenis=Peran.Jenis.PENCATAT, opd=dishub)
    tte_services.buat_ca(actor=None)
    tte_services.terbitkan_sertifikat(actor=None, pegawai=kepala, passphrase=PASSPHRASE)
    nota = JenisSurat.objects.get(kode="nota-dinas")
    kka = KlasifikasiArsip.objects.filter(kode__startswith="000.").first()

    def draft(actor, signer, tujuan) -> Surat:
        return services.surat_create(
            actor=actor, jabatan_konseptor=actor.jabatan, jenis=nota, hal="Undangan rapat koordinasi",
            isi="<p>Dengan hormat, kami mengundang Bapak/Ibu.</p>", penandatangan=signer, tujuan=[tujuan],
            verifikator=[], klasifikasi=kka,
        )  # fmt: skip

    letters = []
    for _ in range(args.surat):
        surat = draft(staf, j_kepala, j_kepala_lain)
        services.surat_submit(actor=staf, surat=surat)
        letters.append(surat)
    draft_lain = draft(staf_lain, j_kepala_lain, j_kepala)

    def tulis_opd_lain(i: int) -> float:
        started = time.perf_counter()
        services.surat_update(actor=staf_lain, surat=draft_lain, hal=f"Perubahan jadwal rapat {i}")
        services.register_paper_letter(
            actor=staf_lain, opd=dishub, jenis=None, asal_instansi="Kementerian Perhubungan",
            nomor_asal=f"UM.{i}/2026", tanggal_asal=None, tanggal_terima=timezone.localdate(),
            hal="Undangan sosialisasi", tujuan=j_kepala_lain,
        )  # fmt: skip
        return (time.perf_counter() - started) * 1000

    print(f"{args.surat} signatures, each held open {args.tahan:.1f} s; PostgreSQL {connections['default'].vendor}")
    tulis_opd_lain(0)  # warm
    quiet = [tulis_opd_lain(i) for i in range(1, args.simpan + 1)]

    selesai, errors, busy = threading.Event(), [], []

    def penandatangan() -> None:
        try:
            for surat in letters:

                def render_sign_wait(s: Surat) -> None:
                    signing._render_and_sign(s, PASSPHRASE)
                    time.sleep(args.tahan)

                services.sign(actor=kepala, surat=surat, before_commit=render_sign_wait)
        except BaseException as exc:  # noqa: BLE001 - printed below
            errors.append(exc)
        finally:
            selesai.set()
            connections.close_all()

    signer = threading.Thread(target=penandatangan)
    mulai = time.perf_counter()
    signer.start()
    i = args.simpan + 1
    while not selesai.is_set():
        busy.append(tulis_opd_lain(i))
        i += 1
        time.sleep(0.05)
    signer.join()
    total = time.perf_counter() - mulai
    if errors:
        raise SystemExit(f"signing failed: {errors[0]!r}")
    p95_quiet = ringkas("Dishub draft save + paper letter, quiet", quiet)
    p95_busy = ringkas("... while Diskominfo signs", busy)
    print(f"{args.surat} signatures in {total:.1f} s ({total / args.surat:.1f} s each)")
    ok = p95_busy <= max(3 * p95_quiet, 100) and max(busy) < 1000
    print("target met" if ok else "TARGET MISSED: another OPD's writes waited for the signature")


if __name__ == "__main__":
    main()
