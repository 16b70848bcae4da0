import datetime

import pytest
from django.utils import timezone

from arsip.models import KlasifikasiArsip
from surat import services
from surat.models import JenisSurat, Surat


@pytest.fixture
def latihan_mode(settings):
    settings.MODE_LATIHAN = True


@pytest.fixture
def catat_surat(cast):
    """catat_surat(asal=...) -> a paper letter registered by the cast's pencatat for the kepala."""
    jenis = JenisSurat.objects.get_or_create(
        kode="surat-dinas", defaults={"nama": "Surat Dinas", "keluarga": JenisSurat.Keluarga.KORESPONDENSI_EKSTERN}
    )[0]
    kka = KlasifikasiArsip.objects.get_or_create(kode="000.1", defaults={"nama": "Ketatausahaan"})[0]

    def _catat(asal: str = "Kementerian Dalam Negeri") -> Surat:
        return services.register_paper_letter(
            actor=cast.pencatat,
            opd=cast.opd,
            jenis=jenis,
            asal_instansi=asal,
            nomor_asal="005/123/2026",
            tanggal_asal=timezone.localdate() - datetime.timedelta(days=2),
            tanggal_terima=timezone.localdate() - datetime.timedelta(days=1),
            hal="Undangan rapat koordinasi",
            tujuan=cast.kepala.jabatan,
            klasifikasi=kka,
        )

    return _catat
