"""Months of history for the demo city, so the Rekap's charts have something to show: for the last
BULAN months up to yesterday, on working days, every OPD sends letters to other OPDs and registers
paper mail (about 2,300 letters in all); each head disposes what arrives to a member of their OPD, who reports a few days later.

Written as rows (bulk_create, a few thousand letters in a few queries), not through the services: the
signed PDFs the services would render are what makes the demo's own letters slow; an old letter of the
history gets its PDF copy rendered when someone first asks for it (surat.dokumen.request_salinan). Everything is already read, followed up
and finished, so no inbox, backlog or overdue list fills with it. Their contribution to the Rekap's
summary rows is added afterwards (rekap.fakta; the demo's own letters were counted by the services). Times are relative to today; runs once (HAL_RIWAYAT[0]'s letters mark it)."""

from __future__ import annotations

import datetime
import random

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from demo.seeder import Seeder
from disposisi.models import Disposisi
from organisasi.models import Jabatan, Pegawai, UnitKerja
from rekap import fakta
from surat.models import AksesSurat, JenisSurat, Penerima, Surat, SuratLog

BULAN = 6
SURAT_PER_HARI = (0, 0, 0, 1, 1, 2)  # app letters one OPD signs on a working day (drawn from these)
KERTAS_PER_MINGGU = 1
HAL_RIWAYAT = (
    "Undangan rapat koordinasi bulanan",
    "Penyampaian laporan kinerja",
    "Permohonan data pendukung",
    "Pemberitahuan jadwal kegiatan",
    "Usulan kebutuhan pelatihan pegawai",
    "Penyampaian hasil monitoring",
)
ASAL_KERTAS = ("Kementerian Dalam Negeri", "Pemerintah Provinsi Jawa Tengah", "BPS Kota Surakarta")


def _jam(hari: datetime.date, jam: float) -> datetime.datetime:
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(hari, datetime.time(9), tzinfo=tz) + datetime.timedelta(hours=jam - 9)


def _opd_people() -> list[tuple[UnitKerja, Jabatan, Pegawai, Jabatan, Pegawai]]:
    """Per OPD: its head (jabatan, holder) and one member below it with a holder."""
    found = []
    for opd in UnitKerja.objects.opd().filter(aktif=True).order_by("pk"):
        kepala = Jabatan.objects.filter(unit=opd, is_kepala_unit=True).first()
        holder = Pegawai.objects.filter(jabatan=kepala, user__is_active=True).first() if kepala else None
        anggota = (
            Pegawai.objects.filter(jabatan__atasan=kepala, user__is_active=True).select_related("jabatan").first()
            if kepala
            else None
        )
        if holder and anggota:
            found.append((opd, kepala, holder, anggota.jabatan, anggota))
    return found


def step_riwayat(s: Seeder) -> None:
    """The history letters and dispositions, then the Rekap's summary rows."""
    if Surat.objects.filter(hal=HAL_RIWAYAT[0]).exists():
        return
    rng = random.Random(16)
    opds = _opd_people()
    jenis = list(JenisSurat.objects.filter(kode__in=("surat-dinas", "nota-dinas", "undangan")))
    if len(opds) < 2 or not jenis:
        return
    awal = s.today - datetime.timedelta(days=BULAN * 30)
    hari_kerja = [awal + datetime.timedelta(days=i) for i in range((s.today - awal).days)]
    hari_kerja = [d for d in hari_kerja if d.weekday() < 5]

    surat: list[Surat] = []
    diajukan_pada: dict[int, datetime.datetime] = {}
    tujuan: list[tuple[int, Jabatan, Pegawai, UnitKerja, datetime.datetime]] = []
    for d in hari_kerja:
        for i, (opd, kepala, holder, jab_anggota, anggota) in enumerate(opds):
            for _ in range(rng.choice(SURAT_PER_HARI)):
                ke = opds[(i + rng.randrange(1, len(opds))) % len(opds)]
                diajukan = _jam(d, 8 + rng.random() * 3)
                ttd = diajukan + datetime.timedelta(hours=rng.choice((1, 2, 3, 5, 8, 20, 26)) * (0.5 + rng.random()))
                surat.append(
                    Surat(
                        jenis=rng.choice(jenis), sumber=Surat.Sumber.NASKAH, status=Surat.Status.TERKIRIM,
                        konseptor=anggota, jabatan_konseptor=jab_anggota, opd=opd, hal=rng.choice(HAL_RIWAYAT),
                        isi="<p>Surat riwayat contoh.</p>", penandatangan=kepala, penandatangan_pegawai=holder,
                        ttd_nama=holder.nama_lengkap, ttd_jabatan=kepala.nama, tahun=ttd.year,
                        tanggal=timezone.localtime(ttd).date(), ditandatangani_pada=ttd,
                    )
                )  # fmt: skip
                tujuan.append((len(surat) - 1, ke[1], ke[2], ke[0], ttd))
                diajukan_pada[len(surat) - 1] = diajukan
            if rng.random() < KERTAS_PER_MINGGU / 5:
                tiba = _jam(d, 9 + rng.random() * 5)
                surat.append(
                    Surat(
                        jenis=jenis[0], sumber=Surat.Sumber.MASUK_LUAR, status=Surat.Status.TERCATAT, opd=opd,
                        hal=rng.choice(HAL_RIWAYAT), asal_instansi=rng.choice(ASAL_KERTAS), tanggal_terima=d,
                    )
                )  # fmt: skip
                tujuan.append((len(surat) - 1, kepala, holder, opd, tiba))
    surat = Surat.objects.bulk_create(surat, batch_size=500)
    if surat and surat[0].pk is None:  # a backend that returns no ids: read them back in order
        ids = Surat.objects.filter(hal__in=HAL_RIWAYAT).order_by("pk").values_list("pk", flat=True)
        for obj, pk in zip(surat, ids, strict=True):
            obj.pk = pk
    _penerima_dan_disposisi(rng, surat, tujuan, diajukan_pada, opds, s.today)
    _waktu_dibuat([obj.pk for obj in surat])
    s.dibuat["surat riwayat"] += len(surat)
    ids = [obj.pk for obj in surat]
    for i in range(0, len(ids), fakta.BATCH):  # the letters before them were counted by the services
        fakta.tambahkan(fakta.kontribusi(ids[i : i + fakta.BATCH]))


def _waktu_dibuat(ids: list[int]) -> None:
    """dibuat and diubah are set by Django to now on insert: two UPDATEs give the history's own times (an
    app letter drafted the day before it was signed; a paper letter entered when it arrived)."""
    qs = Surat.objects.filter(pk__in=ids)
    ttd = F("ditandatangani_pada")
    qs.filter(sumber=Surat.Sumber.NASKAH).update(dibuat=ttd - datetime.timedelta(days=1), diubah=ttd)
    tiba = Subquery(Penerima.objects.filter(surat=OuterRef("pk")).order_by().values("diterima_pada")[:1])
    qs.filter(sumber=Surat.Sumber.MASUK_LUAR).update(dibuat=tiba, diubah=tiba)


def _penerima_dan_disposisi(rng, surat, tujuan, diajukan_pada, opds, today) -> None:
    anggota_opd = {opd.pk: (jab, orang) for opd, _, _, jab, orang in opds}
    penerima, akses, logs, disposisi = [], [], [], []
    for idx, kepala, holder, opd, tiba in tujuan:
        s = surat[idx]
        dibaca = tiba + datetime.timedelta(hours=rng.choice((0.5, 1, 2, 4, 20)))
        penerima.append(
            Penerima(
                surat=s, jenis=Penerima.Jenis.TUJUAN, jabatan=kepala, opd=opd, diterima_pada=tiba, dibaca_pada=dibaca,
                dibaca_oleh=holder, ditindaklanjuti_pada=dibaca,
            )
        )  # fmt: skip
        akses.append(AksesSurat(surat=s, jabatan=kepala, peran=AksesSurat.Peran.TUJUAN))
        if s.sumber == Surat.Sumber.NASKAH:
            akses.append(AksesSurat(surat=s, jabatan=s.jabatan_konseptor, peran=AksesSurat.Peran.KONSEPTOR))
            akses.append(AksesSurat(surat=s, jabatan=s.penandatangan, peran=AksesSurat.Peran.PENANDATANGAN))
            logs.append(SuratLog(surat=s, waktu=diajukan_pada[idx], aksi=SuratLog.Aksi.DIAJUKAN))
        jab, orang = anggota_opd[opd.pk]
        if rng.random() < 0.7:
            selesai = dibaca + datetime.timedelta(days=rng.choice((1, 2, 3, 5, 8)), hours=rng.random() * 6)
            batas = timezone.localtime(dibaca).date() + datetime.timedelta(days=rng.choice((3, 5, 7)))
            if timezone.localtime(selesai).date() >= today:
                continue
            disposisi.append(
                Disposisi(
                    surat=s, dari_jabatan=kepala, dari_pegawai=holder, kepada_jabatan=jab, dibuat=dibaca,
                    batas_waktu=batas, status=Disposisi.Status.SELESAI, dibaca_pada=dibaca, dibaca_oleh=orang,
                    selesai_pada=selesai,
                )
            )  # fmt: skip
            akses.append(AksesSurat(surat=s, jabatan=jab, peran=AksesSurat.Peran.DISPOSISI))
    Penerima.objects.bulk_create(penerima, batch_size=500)
    AksesSurat.objects.bulk_create(akses, batch_size=500, ignore_conflicts=True)
    SuratLog.objects.bulk_create(logs, batch_size=500)
    Disposisi.objects.bulk_create(disposisi, batch_size=500)
