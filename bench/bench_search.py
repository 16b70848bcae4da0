"""Benchmark: the search box over 200,000 letters on PostgreSQL, and the KKA picker with the full list.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eoffice_bench .venv/bin/python bench/bench_search.py \
        [--surat 200000] [--queries 50] [--reuse]

The database named in DATABASE_URL is a throw-away one: it is dropped and created again (unless --reuse
finds it already filled). Letters, recipients, access rows and index rows are written with COPY; the
index texts come from arsip.indeks.build_row and the tsvectors from one UPDATE, as the app does.

Targets (issue 6): search p95 < 200 ms over 200,000 letters; picker p95 < 50 ms with 2,981 codes.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eoffice_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import dj_database_url  # noqa: E402
import psycopg2  # noqa: E402

KATA = (
    "rapat koordinasi laporan anggaran pengadaan barang jasa pembangunan jalan jembatan drainase sekolah "
    "puskesmas kesehatan pendidikan beasiswa bantuan sosial pelatihan pegawai kenaikan pangkat mutasi cuti "
    "perjalanan dinas undangan sosialisasi evaluasi monitoring kinerja inspeksi pengawasan audit keuangan "
    "pajak retribusi perizinan investasi pasar tradisional perdagangan koperasi usaha mikro pertanian "
    "perikanan peternakan lingkungan sampah taman kebersihan banjir bencana kebakaran ketertiban keamanan "
    "lalu lintas parkir terminal angkutan kependudukan catatan sipil kelurahan kecamatan musrenbang data "
    "statistik aplikasi jaringan internet server website persandian informasi publik hubungan masyarakat "
    "kearsipan perpustakaan kebudayaan pariwisata olahraga pemuda perempuan anak keluarga berencana"
).split()
SUKU = ("ba", "ri", "to", "ka", "ma", "na", "sa", "lu", "pe", "ng", "di", "ko", "ta", "ra", "wi", "ju", "se", "mo")


def kosakata(rng: random.Random, n: int = 4000) -> list[str]:
    """KATA (common office words) followed by n made-up words: with Zipf sampling this gives letters a
    realistic spread, from words in half the letters to words in a handful."""
    extra = {"".join(rng.choices(SUKU, k=rng.randint(2, 4))) for _ in range(n * 2)} - set(KATA)
    return list(KATA) + sorted(extra)[:n]


INSTANSI = [
    "Kementerian Dalam Negeri",
    "Badan Pusat Statistik",
    "Pemerintah Provinsi Jawa Tengah",
    "Kejaksaan Negeri",
    "Universitas Sebelas Maret",
    "Forum Warga",
    "PT Telkom Indonesia",
    "Bank Jateng",
    "Polresta",
    "BPJS Kesehatan",
]


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


def _cell(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n").replace("\r", " ")


def copy_rows(model, rows: list[dict]) -> None:
    """COPY plain dicts (column -> value; every NOT NULL column present) into the model's table."""
    from django.db import connection

    if not rows:
        return
    cols = list(rows[0])
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(_cell(row[c]) for c in cols) + "\n")
    buf.seek(0)
    with connection.cursor() as cur:
        cur.cursor.copy_expert(f"COPY {model._meta.db_table} ({', '.join(cols)}) FROM STDIN", buf)


def _reset_sequences(*models) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        for m in models:
            t = m._meta.db_table
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), COALESCE((SELECT MAX(id) FROM {t}), 1))")


def build(n_surat: int, rng: random.Random) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from arsip import impor, indeks
    from arsip.models import KlasifikasiArsip, SuratIndeks
    from organisasi.models import Jabatan, Pegawai, Pemda, Peran, UnitKerja
    from surat.models import AksesSurat, JenisSurat, Penerima, Surat

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    kka_csv = BASE_DIR.parent / "shared" / "data" / "kka_permendagri_83_2022.csv"
    if kka_csv.exists():
        rows, _ = impor.baca_csv(kka_csv, lewati_salah=True)
        impor.simpan(actor=None, rows=rows)
    Pemda.objects.create(nama_daerah="Surakarta")
    from django.contrib.auth import get_user_model

    User = get_user_model()
    opds, kepala, staf, pencatat = [], [], [], []
    for i in range(40):
        opd = UnitKerja.objects.create(nama=f"Dinas Uji {i}", kode=f"DU{i}", jenis="dinas", is_opd=True)
        opd.opd = opd
        opd.save()
        opds.append(opd)
        jk = Jabatan.objects.create(nama=f"Kepala Dinas Uji {i}", unit=opd, eselon="II.b", is_kepala_unit=True)
        js = Jabatan.objects.create(nama=f"Analis Dinas Uji {i}", unit=opd, eselon="JP", atasan=jk)
        jt = Jabatan.objects.create(nama=f"Pengadministrasi Umum Dinas Uji {i}", unit=opd, eselon="JP", atasan=jk)
        for j, lst, nama in ((jk, kepala, "kepala"), (js, staf, "staf"), (jt, pencatat, "tu")):
            u = User.objects.create(username=f"{nama}{i}")
            lst.append(Pegawai.objects.create(user=u, nama=f"Pegawai {nama} {i}", jabatan=j))
        Peran.objects.create(pegawai=pencatat[-1], jenis=Peran.Jenis.PENCATAT, opd=opd)
    jenis = list(JenisSurat.objects.all())
    kka = list(KlasifikasiArsip.objects.values_list("pk", "kode"))
    start_id = (Surat.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    now = timezone.now()
    today = timezone.localdate()
    vocab = kosakata(rng)
    bobot = [1 / (r + 1) for r in range(len(vocab))]
    surat_rows, penerima_rows, akses_rows, indeks_rows = [], [], [], []
    pid = aid = 0
    for k in range(n_surat):
        sid = start_id + k
        a = rng.randrange(40)
        b = (a + 1 + rng.randrange(39)) % 40
        luar = rng.random() < 0.3
        kka_id, kode = rng.choice(kka)
        hal = " ".join(rng.choices(vocab, weights=bobot, k=5)).capitalize()
        isi = " ".join(rng.choices(vocab, weights=bobot, k=80))
        tanggal = today - timezone.timedelta(days=rng.randrange(3 * 365))
        rahasia = rng.random() < 0.03
        row = {
            "id": sid,
            "jenis_id": rng.choice(jenis).pk,
            "status": "tercatat" if luar else "terkirim",
            "sumber": "masuk_luar" if luar else "naskah",
            "opd_id": opds[b if luar else a].pk,
            "klasifikasi_id": kka_id,
            "keamanan": "rahasia" if rahasia else "biasa",
            "urgensi": "biasa",
            "hal": hal,
            "isi": "" if luar else f"<p>{isi}</p>",
            "data_tambahan": {},
            "untuk_beliau": False,
            "ttd_nama": "" if luar else kepala[a].nama,
            "ttd_nip": "",
            "ttd_pangkat": "",
            "ttd_jabatan": "" if luar else kepala[a].jabatan.nama,
            "ttd_sebutan": "",
            "ttd_atas_nama": "",
            "ttd_untuk_beliau": "",
            "nomor": None if luar else f"{kode}/{sid}/DU{a}/{tanggal.year}",
            "tanggal": tanggal,
            "asal_instansi": rng.choice(INSTANSI) if luar else "",
            "nomor_asal": f"B-{sid}/{rng.randrange(99)}/{tanggal.year}" if luar else "",
            "ringkasan": isi[:200] if luar else "",
            "versi": 1,
            "dibuat": now,
            "diubah": now,
            "jabatan_konseptor_id": None if luar else staf[a].jabatan_id,
            "penandatangan_id": None if luar else kepala[a].jabatan_id,
        }
        surat_rows.append(row)
        tujuan = kepala[b]
        pid += 1
        penerima_rows.append(
            {
                "id": pid,
                "surat_id": sid,
                "jenis": "tujuan",
                "urutan": 1,
                "jabatan_id": tujuan.jabatan_id,
                "opd_id": opds[b].pk,
                "nama_tampil": tujuan.jabatan.nama,
                "eksternal_nama": "",
                "eksternal_alamat": "",
                "eksternal_email": "",
                "diterima_pada": now,
                "kirim_status": "",
                "kirim_cara": "",
                "kirim_catatan": "",
            }
        )
        grants = [("tujuan", tujuan.jabatan_id, None), ("pencatat", None, opds[b].pk)]
        if not luar:
            grants += [
                ("konseptor", staf[a].jabatan_id, None),
                ("penandatangan", kepala[a].jabatan_id, None),
                ("pencatat", None, opds[a].pk),
            ]
        for peran, jab, opd_id in grants:
            aid += 1
            akses_rows.append(
                {"id": aid, "surat_id": sid, "jabatan_id": jab, "opd_id": opd_id, "peran": peran, "dibuat": now}
            )
        teks = ("hal", "isi", "nomor", "nomor_asal", "asal_instansi", "ringkasan", "ttd_jabatan", "ttd_nama", "sumber")
        s = Surat(id=sid, opd=opds[b if luar else a], **{f: row[f] for f in teks})
        s.tanggal, s.keamanan, s.jenis_id = tanggal, row["keamanan"], row["jenis_id"]
        p = Penerima(surat_id=sid, nama_tampil=tujuan.jabatan.nama, jabatan_id=tujuan.jabatan_id)
        r = indeks.build_row(s, [p], [])
        indeks_rows.append(
            {"surat_id": sid, "register": r.register, "judul": r.judul, "isi": r.isi, "lampiran": "", "diperbarui": now}
        )
    t1 = time.monotonic()
    with transaction.atomic():
        for model, rows in (
            (Surat, surat_rows),
            (Penerima, penerima_rows),
            (AksesSurat, akses_rows),
            (SuratIndeks, indeks_rows),
        ):
            for i in range(0, len(rows), 20000):
                copy_rows(model, rows[i : i + 20000])
        _reset_sequences(Surat, Penerima, AksesSurat)
    t2 = time.monotonic()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE arsip_suratindeks SET dokumen = setweight(to_tsvector('simple', judul), 'A') || "
            "setweight(to_tsvector('simple', register), 'B') || setweight(to_tsvector('simple', isi), 'C') || "
            "setweight(to_tsvector('simple', lampiran), 'D'), dokumen_register = to_tsvector('simple', register)"
        )
    with connection.cursor() as cur:  # outside the transaction: VACUUM sets the visibility map
        cur.execute("VACUUM FULL arsip_suratindeks")  # the tsvector UPDATE left every row twice
        cur.execute("VACUUM ANALYZE")
    print(
        f"dibangun: {n_surat} surat, {len(akses_rows)} akses, {len(penerima_rows)} penerima; "
        f"siapkan {t1 - t0:.0f} s, COPY {t2 - t1:.0f} s, tsvector+ANALYZE {time.monotonic() - t2:.0f} s"
    )


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def run_search(n_queries: int, rng: random.Random) -> list[float]:
    vocab = kosakata(random.Random(20260702))
    from arsip.pencarian import Saringan, cari
    from organisasi.models import Pegawai
    from surat.models import Surat

    orang = list(Pegawai.objects.filter(user__username__in=["kepala3", "tu7", "staf11", "kepala20", "tu31"]))
    contoh_nomor = list(Surat.objects.exclude(nomor=None).values_list("nomor", flat=True)[:5])
    queries = []
    for i in range(n_queries):
        pilih = i % 5
        if pilih == 0:
            q = rng.choice(KATA)
        elif pilih == 1:
            q = " ".join(rng.sample(KATA, 2))
        elif pilih == 2:
            q = rng.choice(vocab[len(KATA) :])  # a rarer word
        elif pilih == 3:
            q = rng.choice(contoh_nomor).rsplit("/", 1)[0]
        else:
            q = rng.choice(KATA)[:5] + " " + rng.choice(vocab[len(KATA) : len(KATA) + 500])  # prefix + word
        saringan = Saringan(q=q)
        if i % 7 == 0:
            saringan.keamanan = "biasa"
        if i % 9 == 0:
            saringan.klasifikasi = "000"
        queries.append((orang[i % len(orang)], saringan))
    for p, s in queries[:5]:  # warm-up
        cari(p, s)
    samples = []
    for p, s in queries:
        t = time.perf_counter()
        cari(p, s)
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def run_picker(n_queries: int, rng: random.Random) -> tuple[list[float], int]:
    from arsip.models import KlasifikasiArsip

    kode = list(KlasifikasiArsip.objects.values_list("kode", flat=True))
    nama_kata = ["rapat", "perjalanan", "pegawai", "keuangan", "pajak", "sekolah", "jalan", "arsip", "data", "izin"]
    queries = [
        rng.choice(kode)[: rng.choice([1, 3, 5, 7])] if i % 2 else rng.choice(nama_kata) for i in range(n_queries)
    ]
    qs = KlasifikasiArsip.objects.aktif()
    list(qs.search("rapat")[:20])
    samples = []
    for q in queries:
        t = time.perf_counter()
        list(qs.search(q)[:20])
        samples.append((time.perf_counter() - t) * 1000)
    return samples, len(kode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surat", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Benchmark ini butuh PostgreSQL: DATABASE_URL=postgres://...")
    if not args.reuse:
        reset_database(url)
    import django

    django.setup()
    from surat.models import Surat

    rng = random.Random(20260702)
    if not args.reuse or not Surat.objects.exists():
        build(args.surat, rng)
    total = Surat.objects.count()
    samples = run_search(args.queries, rng)
    print(
        f"pencarian: {total} surat, {len(samples)} kueri: median {statistics.median(samples):.1f} ms, "
        f"p95 {p95(samples):.1f} ms, maks {max(samples):.1f} ms (target p95 < 200 ms)"
    )
    try:
        beban = Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        beban = "?"
    hasil = "PASS" if p95(samples) < 200 else "FAIL"
    print(f"{hasil}: pencarian p95 {p95(samples):.1f} ms (target < 200 ms), beban mesin (loadavg 1 menit) {beban}")
    picker, n_kode = run_picker(args.queries, rng)
    print(
        f"pemilih kode klasifikasi: {n_kode} kode, {len(picker)} kueri: median {statistics.median(picker):.1f} ms, "
        f"p95 {p95(picker):.1f} ms (target p95 < 50 ms)"
    )


if __name__ == "__main__":
    main()
