"""Helpers for disposition tests: a paper letter in the kepala's Surat Masuk, the seeded instructions,
`dispose(...)` as the cast would, and pimpinan daerah (Wali Kota, Sekda) with their own letters."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from disposisi import services
from disposisi.models import Disposisi, InstruksiDisposisi
from organisasi.models import Jabatan, Pegawai, Peran, UnitKerja
from surat import services as surat_services
from surat.models import Surat
from tests.factories import JabatanFactory, OpdFactory, PegawaiFactory, PeranFactory

NAMA_INSTRUKSI = ("Untuk diketahui", "Untuk ditindaklanjuti", "Koordinasikan", "Siapkan bahan/jawaban")


@pytest.fixture
def instruksi(db) -> dict[str, InstruksiDisposisi]:
    """The seeded instructions (get_or_create: a transactional test elsewhere may have flushed them)."""
    return {
        nama: InstruksiDisposisi.objects.get_or_create(nama=nama, defaults={"urutan": i})[0]
        for i, nama in enumerate(NAMA_INSTRUKSI)
    }


@pytest.fixture
def surat_masuk(cast):
    """surat_masuk(**overrides) -> a paper letter registered by the pencatat, addressed to the kepala."""

    def _make(tujuan: Jabatan | None = None, actor: Pegawai | None = None, opd: UnitKerja | None = None, **kw):
        today = timezone.localdate()
        defaults = {
            "asal_instansi": "Kementerian Komunikasi dan Digital",
            "nomor_asal": "100.1/25/KOMDIGI",
            "tanggal_asal": today - datetime.timedelta(days=3),
            "tanggal_terima": today,
            "hal": "Permintaan data layanan SPBE",
        }
        defaults.update(kw)
        return surat_services.register_paper_letter(
            actor=actor or cast.pencatat,
            opd=opd or cast.opd,
            jenis=None,
            tujuan=tujuan or cast.kepala.jabatan,
            **defaults,
        )

    return _make


@pytest.fixture
def dispose(instruksi):
    """dispose(actor, surat, kepada=[...], induk=None, **kw) -> list[Disposisi] with sensible defaults."""

    def _dispose(actor: Pegawai, surat: Surat, kepada, induk: Disposisi | None = None, **kw) -> list[Disposisi]:
        kw.setdefault("instruksi", [instruksi["Untuk ditindaklanjuti"]])
        kw.setdefault("catatan", "Mohon segera diproses.")
        dari = kw.pop("dari_jabatan", None) or (induk.kepada_jabatan if induk else actor.jabatan)
        return services.disposisi_create(
            actor=actor, surat=surat, dari_jabatan=dari, kepada=list(kepada), induk=induk, **kw
        )

    return _dispose


@dataclass
class Pimpinan:
    pemkot: UnitKerja
    setda: UnitKerja
    walikota: Pegawai
    sekda: Pegawai
    pencatat: Pegawai


@pytest.fixture
def pimpinan(cast) -> Pimpinan:
    """The Wali Kota (PEMDA unit, eselon KD) and the Sekda (head of SETDA, II.a, below the Wali Kota),
    with a pencatat keeping the Pemkot's mail."""
    pemkot = OpdFactory(nama="Pimpinan Daerah Kota Surakarta", kode="PEMKOT", jenis=UnitKerja.Jenis.PEMDA)
    setda = OpdFactory(nama="Sekretariat Daerah", kode="SETDA", jenis=UnitKerja.Jenis.SETDA)
    j_wk = JabatanFactory(
        nama="Wali Kota Surakarta", unit=pemkot, eselon=Jabatan.Eselon.KEPALA_DAERAH, is_kepala_unit=True
    )
    j_sekda = JabatanFactory(
        nama="Sekretaris Daerah", unit=setda, eselon=Jabatan.Eselon.II_A, is_kepala_unit=True, atasan=j_wk
    )
    j_tu = JabatanFactory(nama="Pengelola Naskah Dinas", unit=setda, atasan=j_sekda)
    p = Pimpinan(
        pemkot=pemkot,
        setda=setda,
        walikota=PegawaiFactory(user__username="walikota", nama="Gunawan Wicaksono", jabatan=j_wk),
        sekda=PegawaiFactory(user__username="sekda", nama="Budi Sekda", jabatan=j_sekda),
        pencatat=PegawaiFactory(user__username="tu_pemkot", nama="Sri TU", jabatan=j_tu),
    )
    PeranFactory(pegawai=p.pencatat, jenis=Peran.Jenis.PENCATAT, opd=pemkot)
    PeranFactory(pegawai=p.pencatat, jenis=Peran.Jenis.PENCATAT, opd=setda)
    return p
