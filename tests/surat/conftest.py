"""Helpers for letter tests: a KKA code, the seeded kinds, and `konsep(...)`/`terkirim(...)` that build
letters through the services as the cast would."""

from __future__ import annotations

import pytest

from arsip.models import KlasifikasiArsip
from surat import services
from surat.models import JenisSurat, Surat

# Rows seeded by the data migrations; get_or_create keeps the fixtures working after a transactional
# test elsewhere has flushed the database.


@pytest.fixture
def kka(db) -> KlasifikasiArsip:
    induk, _ = KlasifikasiArsip.objects.get_or_create(kode="000", defaults={"nama": "Umum"})
    KlasifikasiArsip.objects.get_or_create(kode="000.2", defaults={"nama": "Perlengkapan", "induk": induk})
    return KlasifikasiArsip.objects.get_or_create(
        kode="000.1", defaults={"nama": "Ketatausahaan dan Kerumahtanggaan", "induk": induk}
    )[0]


def _jenis(kode: str, nama: str, keluarga: str) -> JenisSurat:
    return JenisSurat.objects.get_or_create(kode=kode, defaults={"nama": nama, "keluarga": keluarga})[0]


@pytest.fixture
def nota_dinas(db) -> JenisSurat:
    _jenis("surat-dinas", "Surat Dinas", JenisSurat.Keluarga.KORESPONDENSI_EKSTERN)
    return _jenis("nota-dinas", "Nota Dinas", JenisSurat.Keluarga.KORESPONDENSI_INTERN)


@pytest.fixture
def surat_dinas(db) -> JenisSurat:
    return _jenis("surat-dinas", "Surat Dinas", JenisSurat.Keluarga.KORESPONDENSI_EKSTERN)


@pytest.fixture
def konsep(cast, kka, nota_dinas):
    """konsep(**overrides) -> a KONSEP by the staf, signed by the kepala, addressed to Dishub's kepala,
    paraf chain [kabid] by default."""

    def _make(actor=None, **kw) -> Surat:
        actor = actor or cast.staf
        defaults = {
            "jabatan_konseptor": actor.jabatan,
            "jenis": nota_dinas,
            "hal": "Undangan rapat koordinasi",
            "isi": "<p>Dengan hormat, kami mengundang Bapak/Ibu.</p>",
            "klasifikasi": kka,
            "penandatangan": cast.kepala.jabatan,
            "tujuan": [cast.kepala_lain.jabatan],
        }
        defaults.update(kw)
        return services.surat_create(actor=actor, **defaults)

    return _make


@pytest.fixture
def terkirim(cast, konsep):
    """terkirim(**overrides) -> a letter pushed through paraf and signed by the kepala."""

    def _make(**kw) -> Surat:
        surat = konsep(**kw)
        services.surat_submit(actor=surat.konseptor, surat=surat)
        while surat.status == Surat.Status.PARAF:
            who = {cast.kabid.jabatan_id: cast.kabid, cast.kepala.jabatan_id: cast.kepala}[surat.giliran_id]
            services.paraf_approve(actor=who, surat=surat)
        services.sign(actor=cast.kepala, surat=surat)
        return surat

    return _make
