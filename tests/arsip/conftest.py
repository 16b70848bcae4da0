"""Archive test helpers: the letters fixtures of tests/surat (kka, konsep, terkirim, ...), a Unit
Kearsipan member who sits in the other OPD (the role is Pemda-wide), JRA on the test codes, paper
letters registered by the pencatat, and files kept in a temporary MEDIA_ROOT."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from arsip import services as arsip_services
from organisasi.models import Peran
from surat import services
from tests.factories import JabatanFactory, PegawaiFactory, PeranFactory
from tests.surat.conftest import kka, konsep, nota_dinas, surat_dinas, terkirim  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def arsiparis(cast):
    jabatan = JabatanFactory(nama="Arsiparis Ahli Muda", unit=cast.opd_lain)
    pegawai = PegawaiFactory(user__username="arsiparis", nama="Siti Aminah", jabatan=jabatan)
    PeranFactory(pegawai=pegawai, jenis=Peran.Jenis.ARSIPARIS, opd=cast.opd_lain)
    return pegawai


@pytest.fixture
def jra(cast, kka, arsiparis):  # noqa: F811 (kka is the imported fixture)
    """JRA on '000' (2 years aktif, 3 inaktif, musnah); '000.1' (the letters' code) inherits it."""
    induk = kka.induk
    arsip_services.klasifikasi_set_jra(
        actor=arsiparis, klasifikasi=induk, retensi_aktif=2, retensi_inaktif=3, nasib_akhir="musnah"
    )
    return induk


def png_bytes(teks: str = "", size=(400, 120)) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", size, 255)
    if teks:
        font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", 44)
        ImageDraw.Draw(img).text((40, 60), teks, font=font, fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(200, 200))
    return buf.getvalue()


@pytest.fixture
def catat(cast, kka):  # noqa: F811
    """catat(**overrides) -> a paper letter registered by the pencatat, addressed to the kepala."""

    def _make(scans=(), **kw):
        data = {
            "actor": cast.pencatat,
            "opd": cast.opd,
            "jenis": None,
            "asal_instansi": "Kementerian Dalam Negeri",
            "nomor_asal": "B-100/OTDA/2026",
            "tanggal_asal": timezone.localdate() - datetime.timedelta(days=2),
            "tanggal_terima": timezone.localdate(),
            "hal": "Permintaan data kepegawaian",
            "tujuan": cast.kepala.jabatan,
            "klasifikasi": kka,
            "ringkasan": "Mohon data pegawai dikirim",
        }
        data.update(kw)
        files = [SimpleUploadedFile(name, content, mime) for name, content, mime in scans]
        return services.register_paper_letter(scans=files, **data)

    return _make
