"""A known set of letters and dispositions for the Rekap, written as rows (test set-up, like the
factories) at moments relative to a frozen "now" (tests/waktu.py): two OPDs of the cast, the pimpinan
daerah, a vacant Kepala Bidang of Dishub held by a Plt, and a Rahasia letter.

Diskominfo (A) and Dishub (B), period = the 20 days up to now (T):
- S1 A->B Surat Dinas: submitted T-10d 09.00, signed 19.00 (10 h); to Kepala Dishub (read), copy to the
  Kabid of A, and by email to a ministry. Kepala Dishub disposes it at T-9d 10.00 (15 h after arrival)
  to the vacant Kabid Lalu Lintas (Plt. Joko), deadline T-2d: overdue.
- S2 A->B Nota Dinas, RAHASIA, Amat Segera: submitted T-5d 08.00, signed 12.00 (4 h); not yet opened.
- S3 B->A Surat Dinas: submitted T-3d 08.00, signed 10.00 (2 h); Kepala A disposes it at 12.00 (2 h) to
  the Kabid, deadline T+2d, who reports at T-2d 12.00 (24 h, on time).
- S4 A draft waiting for the Kabid's paraf (created T-2d).
- P1 paper letter to A received T-4d 09.00; Kepala A disposes it at 13.00 (4 h) to the Kabid, deadline
  T-1d: overdue.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
import time_machine
from django.utils import timezone

from disposisi.models import Disposisi
from organisasi.models import Jabatan, Pegawai, Penugasan
from rekap import fakta, periode
from surat.models import AksesSurat, JenisSurat, Penerima, Surat, SuratLog
from tests.disposisi.conftest import pimpinan  # noqa: F401 (the Wali Kota and the Sekda, a fixture)
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory
from tests.waktu import pada

HAL_RAHASIA = "Rencana mutasi pejabat eselon tiga"


@dataclass
class Dunia:
    cast: object
    sekarang: datetime.datetime
    hari_ini: datetime.date
    periode: periode.Periode
    s1: Surat
    s2: Surat
    s3: Surat
    s4: Surat
    p1: Surat
    j_kabid_lalin: Jabatan
    plt: Pegawai
    d_s1: Disposisi
    d_p1: Disposisi
    d_s3: Disposisi


def _akses(surat: Surat, jabatan: Jabatan, peran: str) -> None:
    AksesSurat.objects.get_or_create(surat=surat, jabatan=jabatan, peran=peran)


def _surat(*, opd, konseptor, jenis, hal, dibuat, diajukan=None, ditandatangani=None, **kw) -> Surat:
    status = Surat.Status.TERKIRIM if ditandatangani else kw.pop("status", Surat.Status.KONSEP)
    s = Surat.objects.create(
        jenis=JenisSurat.objects.get(kode=jenis),
        opd=opd,
        konseptor=konseptor,
        jabatan_konseptor=konseptor.jabatan,
        hal=hal,
        status=status,
        ditandatangani_pada=ditandatangani,
        tanggal=timezone.localtime(ditandatangani).date() if ditandatangani else None,
        **kw,
    )
    Surat.objects.filter(pk=s.pk).update(dibuat=dibuat)
    _akses(s, konseptor.jabatan, AksesSurat.Peran.KONSEPTOR)
    if diajukan:
        SuratLog.objects.create(surat=s, waktu=diajukan, aksi=SuratLog.Aksi.DIAJUKAN, actor=konseptor)
        # A later resubmission must not move the start of the clock.
        SuratLog.objects.create(surat=s, waktu=diajukan + datetime.timedelta(minutes=30), aksi=SuratLog.Aksi.DIAJUKAN)
    return s


def _kepada(surat: Surat, jabatan: Jabatan, diterima, *, jenis=Penerima.Jenis.TUJUAN, dibaca=None) -> Penerima:
    _akses(surat, jabatan, AksesSurat.Peran.TUJUAN if jenis == Penerima.Jenis.TUJUAN else AksesSurat.Peran.TEMBUSAN)
    return Penerima.objects.create(
        surat=surat, jenis=jenis, jabatan=jabatan, opd=jabatan.unit.opd, diterima_pada=diterima, dibaca_pada=dibaca
    )


def _disposisi(surat, dari: Pegawai, kepada: Jabatan, dibuat, batas, **kw) -> Disposisi:
    _akses(surat, kepada, AksesSurat.Peran.DISPOSISI)
    return Disposisi.objects.create(
        surat=surat,
        dari_jabatan=dari.jabatan,
        dari_pegawai=dari,
        kepada_jabatan=kepada,
        dibuat=dibuat,
        batas_waktu=batas,
        status=kw.pop("status", Disposisi.Status.DIBACA),
        **kw,
    )


@pytest.fixture
def jam_beku():
    """Freeze the clock at today 10.00 WIB (today of the real, possibly --jam-maju-moved, clock)."""
    sekarang = pada(timezone.localdate(), 10)
    with time_machine.travel(sekarang, tick=False):
        yield sekarang


@pytest.fixture
def dunia(cast, jam_beku) -> Dunia:
    c = cast
    T = jam_beku
    hari = T.date()

    def tgl(days: int) -> datetime.date:
        return hari + datetime.timedelta(days=days)

    def jam(days: int, hour: int) -> datetime.datetime:
        return pada(tgl(days), hour)

    j_sekretaris_lain = JabatanFactory(
        nama="Sekretaris Dinas Perhubungan", unit=c.opd_lain, atasan=c.kepala_lain.jabatan
    )
    plt = PegawaiFactory(user__username="plt_lalin", nama="Joko Susilo", jabatan=j_sekretaris_lain)
    j_kabid_lalin = JabatanFactory(
        nama="Kepala Bidang Lalu Lintas", unit=c.opd_lain, atasan=c.kepala_lain.jabatan, is_kepala_unit=False
    )
    PenugasanFactory(
        pegawai=plt,
        jabatan=j_kabid_lalin,
        jenis=Penugasan.Jenis.PLT,
        mulai=tgl(-30),
        selesai=tgl(60),
    )

    def keluar(konseptor: Pegawai, jenis: str, hal: str, hari: int, diajukan: int, ditandatangani: int, **kw) -> Surat:
        """A letter of the drafter's OPD: drafted the day before at 09.00, submitted and signed on `hari`."""
        return _surat(
            opd=konseptor.jabatan.unit.opd, konseptor=konseptor, jenis=jenis, hal=hal, dibuat=jam(hari - 1, 9),
            diajukan=jam(hari, diajukan), ditandatangani=jam(hari, ditandatangani), **kw,
        )  # fmt: skip

    s1 = keluar(c.staf, "surat-dinas", "Undangan rapat SPBE", -10, 9, 19)
    _kepada(s1, c.kepala_lain.jabatan, jam(-10, 19), dibaca=jam(-10, 20))
    _kepada(s1, c.kabid.jabatan, jam(-10, 19), jenis=Penerima.Jenis.TEMBUSAN)
    Penerima.objects.create(
        surat=s1, jenis=Penerima.Jenis.TUJUAN, eksternal_nama="Kementerian Dalam Negeri", kirim_cara=Penerima.KirimCara.EMAIL,
        kirim_status=Penerima.KirimStatus.TERKIRIM, dikirim_pada=jam(-10, 20),
    )  # fmt: skip
    s2 = keluar(
        c.staf, "nota-dinas", HAL_RAHASIA, -5, 8, 12, keamanan=Surat.Keamanan.RAHASIA, urgensi=Surat.Urgensi.AMAT_SEGERA
    )
    _kepada(s2, c.kepala_lain.jabatan, jam(-5, 12))
    s3 = keluar(c.staf_lain, "surat-dinas", "Data lalu lintas", -3, 8, 10)
    _kepada(s3, c.kepala.jabatan, jam(-3, 10), dibaca=jam(-3, 11))
    s4 = _surat(
        opd=c.opd,
        konseptor=c.staf,
        jenis="nota-dinas",
        hal="Konsep laporan",
        dibuat=jam(-2, 9),
        status=Surat.Status.PARAF,
        giliran=c.kabid.jabatan,
    )
    _akses(s4, c.kabid.jabatan, AksesSurat.Peran.VERIFIKATOR)
    p1 = Surat.objects.create(
        jenis=JenisSurat.objects.get(kode="surat-dinas"), sumber=Surat.Sumber.MASUK_LUAR, status=Surat.Status.TERCATAT,
        opd=c.opd, hal="Permintaan data SPBE", asal_instansi="Kementerian Kominfo", tanggal_terima=tgl(-4),
    )  # fmt: skip
    _kepada(p1, c.kepala.jabatan, jam(-4, 9), dibaca=jam(-4, 10))

    d_s1 = _disposisi(s1, c.kepala_lain, j_kabid_lalin, jam(-9, 10), tgl(-2))
    d_p1 = _disposisi(p1, c.kepala, c.kabid.jabatan, jam(-4, 13), tgl(-1))
    d_s3 = _disposisi(
        s3, c.kepala, c.kabid.jabatan, jam(-3, 12), tgl(2),
        status=Disposisi.Status.SELESAI, selesai_pada=jam(-2, 12),
    )  # fmt: skip
    # The rows above were written directly, not by the services: the summary is built from them.
    fakta.bangun_ulang()
    return Dunia(
        cast=c,
        sekarang=T,
        hari_ini=hari,
        periode=periode.khusus(tgl(-20), hari),
        s1=s1, s2=s2, s3=s3, s4=s4, p1=p1,
        j_kabid_lalin=j_kabid_lalin,
        plt=plt,
        d_s1=d_s1, d_p1=d_p1, d_s3=d_s3,
    )  # fmt: skip
