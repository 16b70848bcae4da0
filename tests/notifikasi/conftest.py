"""Helpers for notification tests: the cast with email addresses, letters built through the services
(the fixtures of tests/surat), a paper letter, a disposition, and `run_hooks` that runs what the
services queue on commit (hooks, then the email and webhook tasks, eagerly)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from disposisi import services as disposisi_services
from disposisi.models import InstruksiDisposisi
from notifikasi.models import Notifikasi
from surat import services as surat_services
from surat.models import Surat
from tests.surat.conftest import kka, konsep, nota_dinas, surat_dinas, terkirim  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _no_webhook_unless_asked(settings):
    settings.EOFFICE_WEBHOOK_URL = ""
    settings.EOFFICE_WEBHOOK_SECRET = ""
    settings.SITE_URL = "https://eoffice.surakarta.go.id"


@pytest.fixture
def cast(cast):
    """The fixed cast, each with an email address (username@contoh.go.id)."""
    for pegawai in vars(cast).values():
        if hasattr(pegawai, "user"):
            pegawai.email = f"{pegawai.user.username}@contoh.go.id"
            pegawai.save(update_fields=["email"])
    return cast


@pytest.fixture
def run_hooks(django_capture_on_commit_callbacks):
    """`with run_hooks(): service(...)`: the on-commit hooks run at the end of the block."""

    def _run():
        return django_capture_on_commit_callbacks(execute=True)

    return _run


def notices(pegawai, event=None) -> list[Notifikasi]:
    qs = Notifikasi.objects.filter(penerima=pegawai)
    return list(qs.filter(event=event) if event else qs)


@pytest.fixture
def surat_luar(cast, kka, run_hooks):  # noqa: F811 (kka is the imported fixture)
    """surat_luar(**overrides) -> a paper letter registered by the pencatat for the kepala."""

    def _make(**kw) -> Surat:
        values = {
            "actor": cast.pencatat,
            "opd": cast.opd,
            "jenis": None,
            "asal_instansi": "Kementerian Komunikasi dan Digital",
            "nomor_asal": "B-123/DJAI/2026",
            "tanggal_asal": timezone.localdate() - datetime.timedelta(days=3),
            "tanggal_terima": timezone.localdate(),
            "hal": "Permintaan data statistik sektoral",
            "tujuan": cast.kepala.jabatan,
            "klasifikasi": kka,
        } | kw
        with run_hooks():
            return surat_services.register_paper_letter(**values)

    return _make


@pytest.fixture
def disposisi(cast, surat_luar, run_hooks):
    """disposisi(surat=None, **overrides) -> the kepala disposes a paper letter to the kabid."""

    def _make(surat=None, **kw):
        surat = surat or surat_luar()
        instruksi = InstruksiDisposisi.objects.get_or_create(nama="Untuk ditindaklanjuti")[0]
        values = {
            "actor": cast.kepala,
            "surat": surat,
            "dari_jabatan": cast.kepala.jabatan,
            "kepada": [cast.kabid.jabatan],
            "instruksi": [instruksi],
            "catatan": "Siapkan data sebelum hari Jumat",
            "batas_waktu": timezone.localdate() + datetime.timedelta(days=3),
        } | kw
        with run_hooks():
            return disposisi_services.disposisi_create(**values)[0]

    return _make
