"""The fixed cast of the tests: one OPD (Diskominfo) with a kepala, a kabid, a staf and a pencatat;
a second OPD (Dishub) with its kepala; an admin of each kind."""

import datetime
import functools
from dataclasses import dataclass

import pytest
import time_machine
from django.conf import settings

from organisasi.models import Jabatan, Pegawai, Peran, UnitKerja
from tests.factories import JabatanFactory, OpdFactory, PegawaiFactory, PemdaFactory, PeranFactory, UnitFactory

PASSWORD = "rahasia-demo-123"

# Background work (OCR, PDFs) runs at once in the test's thread, so a test sees its result without
# waiting; tests of the in-process queue itself switch to "thread" (tests/test_background.py).
settings.BACKGROUND_TASKS = "inline"


def pytest_addoption(parser):
    parser.addoption(
        "--jam-maju",
        type=int,
        default=0,
        metavar="HARI",
        help="Run every test with the clock moved HARI days ahead (CI uses 730: tests must not depend on "
        "the calendar, e.g. a certificate issued 'now' inside a world frozen at a fixed date).",
    )


@pytest.fixture(autouse=True, scope="session")
def _jam_maju(request):
    """With --jam-maju=N the whole session runs N days in the future, the clock still ticking. Tests
    that travel themselves nest inside it; everything they create must be relative to that clock."""
    hari = request.config.getoption("--jam-maju")
    if not hari:
        yield
        return
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=hari), tick=True):
        yield


@pytest.fixture(autouse=True, scope="session")
def _private_media_root(tmp_path_factory):
    """Files written by tests (PDFs, scans) go to a temporary folder, never the developer's media/."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _private_audit_checkpoints(settings, tmp_path_factory):
    """Each test anchors the audit chain in its own folder (a checkpoint names rows of its own database)."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path_factory.mktemp("audit-checkpoint")


def verifikasi_dua_langkah(client, user) -> None:
    """Mark the client's session as past two-step verification (a confirmed TOTP device), as after
    typing the code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_two_step(monkeypatch):
    """Tests sign in with force_login: for accounts that must use two-step verification (admins) the
    session is verified too, as if the code had been typed. tests/organisasi/test_dua_langkah.py signs
    in the real way."""
    from django.test import Client

    from organisasi import dua_faktor

    asli = Client.force_login

    def force_login(self, user, backend=None):
        asli(self, user, backend)
        if dua_faktor.wajib(user):
            verifikasi_dua_langkah(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit and lockout counters live in the cache: every test starts with none (local memory
    only; a shared Redis is never flushed)."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from lib import cache_lokal

    cache_lokal.lupakan()
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at production strength costs ~0.5 s per user; tests need speed, not strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@functools.cache
def _tsa_key():
    from tte import crypto

    return crypto.rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(autouse=True)
def _fast_tsa_key(monkeypatch):
    """The timestamp authority's RSA key is made once per test process (3072 bits take ~1 s each);
    tests/tte/test_tsa.py checks the production key size separately."""
    from tte import crypto

    monkeypatch.setattr(crypto, "new_tsa_key", _tsa_key)


@dataclass
class Cast:
    opd: UnitKerja
    bidang: UnitKerja
    opd_lain: UnitKerja
    kepala: Pegawai
    kabid: Pegawai
    staf: Pegawai
    pencatat: Pegawai
    kepala_lain: Pegawai
    staf_lain: Pegawai
    admin_opd: Pegawai
    admin_pemda: Pegawai


@pytest.fixture
def cast(db) -> Cast:
    PemdaFactory()
    opd = OpdFactory(nama="Dinas Komunikasi, Informatika, Statistik dan Persandian", kode="DISKOMINFOSP")
    bidang = UnitFactory(nama="Bidang Aplikasi Informatika", induk=opd)
    opd_lain = OpdFactory(nama="Dinas Perhubungan", kode="DISHUB")
    j_kepala = JabatanFactory(
        nama="Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        unit=opd,
        eselon=Jabatan.Eselon.II_B,
        is_kepala_unit=True,
        dapat_menandatangani=True,
    )
    j_kabid = JabatanFactory(
        nama="Kepala Bidang Aplikasi Informatika",
        unit=bidang,
        atasan=j_kepala,
        eselon=Jabatan.Eselon.III_B,
        is_kepala_unit=True,
        dapat_menandatangani=True,
    )
    j_staf = JabatanFactory(nama="Pranata Komputer Ahli Pertama", unit=bidang, atasan=j_kabid)
    j_pencatat = JabatanFactory(nama="Pengadministrasi Umum", unit=opd, atasan=j_kepala)
    j_admin = JabatanFactory(nama="Pengelola Sistem Informasi", unit=opd, atasan=j_kepala)
    j_kepala_lain = JabatanFactory(
        nama="Kepala Dinas Perhubungan",
        unit=opd_lain,
        eselon=Jabatan.Eselon.II_B,
        is_kepala_unit=True,
        dapat_menandatangani=True,
    )
    j_staf_lain = JabatanFactory(nama="Pengelola Lalu Lintas", unit=opd_lain, atasan=j_kepala_lain)
    j_admin_pemda = JabatanFactory(nama="Pranata Komputer Ahli Muda", unit=opd, atasan=j_kepala)

    def person(username, nama, jabatan):
        return PegawaiFactory(user__username=username, nama=nama, jabatan=jabatan)

    c = Cast(
        opd=opd,
        bidang=bidang,
        opd_lain=opd_lain,
        kepala=person("kepala", "Arif Budiman", j_kepala),
        kabid=person("kabid", "Sri Wahyuni", j_kabid),
        staf=person("staf", "Dewi Lestari", j_staf),
        pencatat=person("pencatat", "Sumarni", j_pencatat),
        kepala_lain=person("kepala_lain", "Hendro Purnomo", j_kepala_lain),
        staf_lain=person("staf_lain", "Agus Salim", j_staf_lain),
        admin_opd=person("admin_opd", "Rina Kartika", j_admin),
        admin_pemda=person("admin_pemda", "Bambang Setiawan", j_admin_pemda),
    )
    PeranFactory(pegawai=c.pencatat, jenis=Peran.Jenis.PENCATAT, opd=opd)
    PeranFactory(pegawai=c.admin_opd, jenis=Peran.Jenis.ADMIN_OPD, opd=opd)
    PeranFactory(pegawai=c.admin_pemda, jenis=Peran.Jenis.ADMIN_PEMDA, opd=None)
    return c


@pytest.fixture
def login(client):
    """login(pegawai) signs the test client in as that pegawai and returns the client."""

    def _login(pegawai: Pegawai):
        client.force_login(pegawai.user)
        return client

    return _login


# Real Celery worker fixtures (celery_worker_process, celery_worker_url); PDF/TTE fixtures of the letters.
pytest_plugins = ["tests.celery_worker", "tests.surat.pdfutil"]
