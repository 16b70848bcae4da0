"""Self-service certificates (lokal backend): request, Admin TTE approval, the signer's own passphrase
(strength rule, login password re-entered), change, renewal, revocation, reminders; and the pages."""

import datetime

import pytest
import time_machine
from cryptography import x509
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from notifikasi.models import Notifikasi
from organisasi.models import Peran
from tests.conftest import PASSWORD
from tests.factories import PeranFactory
from tte import crypto, mandiri, services
from tte.errors import PassphraseSalah, SertifikatTidakAda
from tte.models import PermohonanSertifikat, SertifikatTte
from tte.signing import sign_pdf

PILIHAN = "Sawo-Kembang-2031"
BARU = "Nangka-Belanda-4417"


@pytest.fixture
def admin_tte(cast):
    PeranFactory(pegawai=cast.admin_pemda, jenis=Peran.Jenis.ADMIN_TTE, opd=None)
    return cast.admin_pemda


@pytest.fixture
def disetujui(cast, ca, admin_tte):
    permohonan = mandiri.ajukan_aktivasi(actor=cast.kabid)
    mandiri.putuskan_permohonan(actor=admin_tte, permohonan=permohonan, setuju=True)
    return permohonan


@pytest.fixture
def milik_kabid(cast, disetujui):
    return mandiri.buat_passphrase(actor=cast.kabid, password_login=PASSWORD, passphrase=PILIHAN, ulangi=PILIHAN)


def test_request_notifies_every_admin_tte_and_approval_notifies_the_signer(
    cast, ca, admin_tte, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        permohonan = mandiri.ajukan_aktivasi(actor=cast.kabid)

    assert Notifikasi.objects.filter(penerima=admin_tte, event="sertifikat_tte").count() == 1
    with pytest.raises(ValidationError, match="masih diproses"):
        mandiri.ajukan_aktivasi(actor=cast.kabid)

    with django_capture_on_commit_callbacks(execute=True):
        mandiri.putuskan_permohonan(actor=admin_tte, permohonan=permohonan, setuju=True)
    assert PermohonanSertifikat.objects.get(pk=permohonan.pk).status == "disetujui"
    assert Notifikasi.objects.get(penerima=cast.kabid).judul == "Permohonan sertifikat TTE disetujui"


def test_only_an_admin_tte_decides_and_never_on_their_own_request(cast, ca, admin_tte):
    permohonan = mandiri.ajukan_aktivasi(actor=cast.kabid)
    with pytest.raises(PermissionDenied):
        mandiri.putuskan_permohonan(actor=cast.admin_opd, permohonan=permohonan, setuju=True)
    own = mandiri.ajukan_aktivasi(actor=admin_tte)
    with pytest.raises(ValidationError, match="Admin TTE lain"):
        mandiri.putuskan_permohonan(actor=admin_tte, permohonan=own, setuju=True)


def test_refusal_needs_a_reason_and_lets_the_signer_ask_again(cast, ca, admin_tte):
    permohonan = mandiri.ajukan_aktivasi(actor=cast.kabid)
    with pytest.raises(ValidationError, match="alasan"):
        mandiri.putuskan_permohonan(actor=admin_tte, permohonan=permohonan, setuju=False)
    mandiri.putuskan_permohonan(actor=admin_tte, permohonan=permohonan, setuju=False, catatan="NIK belum cocok")
    assert mandiri.ajukan_aktivasi(actor=cast.kabid).status == "diajukan"


def test_the_signer_chooses_the_passphrase_and_nobody_else_learns_it(cast, disetujui, milik_kabid):
    assert crypto.open_key(milik_kabid.kunci_terenkripsi, PILIHAN)
    assert PermohonanSertifikat.objects.get(pk=disetujui.pk).status == "selesai"
    for event in AuditEvent.objects.all():
        assert PILIHAN not in str(event.data)
    cert = crypto.load_pem(milik_kabid.sertifikat_pem)
    assert cert.extensions.get_extension_for_class(x509.CRLDistributionPoints)


@pytest.mark.parametrize(
    ("passphrase", "ulangi", "login", "pesan"),
    [
        (PILIHAN, PILIHAN, "salah-sandi", "Kata sandi masuk salah"),
        (PILIHAN, "lain", PASSWORD, "tidak sama"),
        ("Pendek1", "Pendek1", PASSWORD, "minimal 10"),
        ("hanyahurufsaja", "hanyahurufsaja", PASSWORD, "huruf dan angka"),
        (PASSWORD, PASSWORD, PASSWORD, "kata sandi masuk"),
        ("password123", "password123", PASSWORD, "terlalu umum"),
    ],
)
def test_weak_or_unproven_passphrases_are_refused(cast, disetujui, passphrase, ulangi, login, pesan):
    with pytest.raises(ValidationError, match=pesan):
        mandiri.buat_passphrase(actor=cast.kabid, password_login=login, passphrase=passphrase, ulangi=ulangi)
    assert not SertifikatTte.objects.filter(pegawai=cast.kabid).exists()


def test_nip_inside_the_passphrase_is_refused(cast, disetujui):
    passphrase = f"Ab{cast.kabid.nip}"
    with pytest.raises(ValidationError, match="NIP"):
        mandiri.buat_passphrase(actor=cast.kabid, password_login=PASSWORD, passphrase=passphrase, ulangi=passphrase)


def test_no_passphrase_without_approval(cast, ca):
    mandiri.ajukan_aktivasi(actor=cast.kabid)
    with pytest.raises(ValidationError, match="disetujui"):
        mandiri.buat_passphrase(actor=cast.kabid, password_login=PASSWORD, passphrase=PILIHAN, ulangi=PILIHAN)


def test_change_passphrase_reseals_the_same_key(cast, milik_kabid, pdf_bytes):
    mandiri.ganti_passphrase(actor=cast.kabid, password_login=PASSWORD, lama=PILIHAN, baru=BARU, ulangi=BARU)

    with pytest.raises(PassphraseSalah):
        sign_pdf(pegawai=cast.kabid, passphrase=PILIHAN, pdf_bytes=pdf_bytes, reason="x", location="y")
    signed = sign_pdf(pegawai=cast.kabid, passphrase=BARU, pdf_bytes=pdf_bytes, reason="x", location="y")
    assert signed.sertifikat_serial == milik_kabid.serial
    assert AuditEvent.objects.filter(aksi="tte.passphrase_ganti").exists()


def test_wrong_old_passphrase_counts_toward_the_lock(cast, milik_kabid):
    for _ in range(5):
        with pytest.raises(ValidationError):
            mandiri.ganti_passphrase(
                actor=cast.kabid, password_login=PASSWORD, lama="tebakan-1", baru=BARU, ulangi=BARU
            )
    with pytest.raises(ValidationError, match="dikunci"):
        mandiri.ganti_passphrase(actor=cast.kabid, password_login=PASSWORD, lama=PILIHAN, baru=BARU, ulangi=BARU)


def test_revocation_by_the_holder_updates_the_crl_and_stops_signing(client, cast, ca, milik_kabid, pdf_bytes):
    services.cabut_sertifikat(actor=cast.kabid, sertifikat=milik_kabid, kode_alasan="kunci_bocor")

    with pytest.raises(SertifikatTidakAda):
        sign_pdf(pegawai=cast.kabid, passphrase=PILIHAN, pdf_bytes=pdf_bytes, reason="x", location="y")
    crl = x509.load_der_x509_crl(client.get(reverse("tte:crl", kwargs={"nama": ca.serial})).content)
    assert crl.get_revoked_certificate_by_serial_number(int(milik_kabid.serial, 16)) is not None


def test_renewal_only_near_expiry_keeps_the_passphrase(cast, milik_kabid, pdf_bytes):
    with pytest.raises(ValidationError, match="60 hari"):
        mandiri.perpanjang(actor=cast.kabid, password_login=PASSWORD, passphrase=PILIHAN)
    with time_machine.travel(milik_kabid.berlaku_sampai - datetime.timedelta(days=20)):
        baru = mandiri.perpanjang(actor=cast.kabid, password_login=PASSWORD, passphrase=PILIHAN)
        assert baru.berlaku_sampai > timezone.now() + datetime.timedelta(days=700)
        assert sign_pdf(pegawai=cast.kabid, passphrase=PILIHAN, pdf_bytes=pdf_bytes, reason="x", location="y")
    lama = SertifikatTte.objects.get(pk=milik_kabid.pk)
    assert lama.dicabut_pada is not None and lama.kode_alasan == "diganti"


def test_reminders_30_and_7_days_ahead_once_each(cast, milik_kabid, django_capture_on_commit_callbacks):
    sampai = milik_kabid.berlaku_sampai
    reminders = Notifikasi.objects.filter(penerima=cast.kabid, judul__startswith="Sertifikat TTE Anda berakhir")
    seen = []
    for days_left in (31, 29, 28, 6, 5):
        with django_capture_on_commit_callbacks(execute=True):
            mandiri.ingatkan_kedaluwarsa(now=sampai - datetime.timedelta(days=days_left))
        seen.append(reminders.count())
    assert seen == [0, 1, 1, 2, 2]


def test_reminder_task_runs_through_celery(cast, milik_kabid, django_capture_on_commit_callbacks):
    from tte.tasks import pengingat_sertifikat_task

    with time_machine.travel(milik_kabid.berlaku_sampai - datetime.timedelta(days=10)):
        with django_capture_on_commit_callbacks(execute=True):
            assert pengingat_sertifikat_task.delay().get() == 1
    assert Notifikasi.objects.filter(penerima=cast.kabid, event="sertifikat_tte").count() == 1


# ---------------------------------------------------------------- pages


def test_signer_page_walks_through_request_passphrase_and_change(client, cast, ca, admin_tte):
    client.force_login(cast.kabid.user)
    page = client.get(reverse("tte:sertifikat")).content.decode()
    assert "Ajukan aktivasi" in page

    client.post(reverse("tte:ajukan"))
    assert "menunggu persetujuan" in client.get(reverse("tte:sertifikat")).content.decode()
    assert client.get(reverse("tte:buat")).status_code == 404  # not approved yet

    mandiri.putuskan_permohonan(
        actor=admin_tte, permohonan=PermohonanSertifikat.objects.get(pegawai=cast.kabid), setuju=True
    )
    weak = client.post(reverse("tte:buat"), {"password_login": PASSWORD, "passphrase": "abc", "ulangi": "abc"})
    assert "minimal 10" in weak.content.decode()
    assert 'value="abc"' not in weak.content.decode()  # never rendered back
    done = client.post(
        reverse("tte:buat"), {"password_login": PASSWORD, "passphrase": PILIHAN, "ulangi": PILIHAN}, follow=True
    )
    assert "Sertifikat TTE Anda sudah terbit" in done.content.decode()
    assert PILIHAN not in done.content.decode()
    changed = client.post(
        reverse("tte:ganti"),
        {"password_login": PASSWORD, "lama": PILIHAN, "baru": BARU, "ulangi": BARU},
        follow=True,
    )
    assert "Frasa sandi TTE sudah diganti" in changed.content.decode()


def test_admin_tte_page_lists_certificates_and_filters_by_opd(client, cast, ca, admin_tte, milik_kabid):
    services.terbitkan_sertifikat(actor=None, pegawai=cast.kepala_lain, passphrase="Kunci-Lain-2026")
    client.force_login(admin_tte.user)

    semua = client.get(reverse("tte:kelola")).content.decode()
    assert milik_kabid.serial in semua and "Hendro Purnomo" in semua
    satu = client.get(reverse("tte:kelola"), {"opd": cast.opd.pk}).content.decode()
    assert milik_kabid.serial in satu and "Hendro Purnomo" not in satu


def test_admin_tte_revokes_after_a_death(client, cast, ca, admin_tte, milik_kabid):
    client.force_login(admin_tte.user)
    client.post(reverse("tte:kelola_cabut", args=[milik_kabid.pk]), {"kode_alasan": "meninggal", "alasan": ""})
    sertifikat = SertifikatTte.objects.get(pk=milik_kabid.pk)
    assert sertifikat.kode_alasan == "meninggal" and sertifikat.alasan_dicabut == "Meninggal dunia"


def test_admin_tte_approves_from_the_page(client, cast, ca, admin_tte):
    permohonan = mandiri.ajukan_aktivasi(actor=cast.kabid)
    client.force_login(admin_tte.user)
    assert "Dewi" not in client.get(reverse("tte:kelola")).content.decode()
    client.post(reverse("tte:putuskan", args=[permohonan.pk]), {"setuju": "1"})
    assert PermohonanSertifikat.objects.get(pk=permohonan.pk).status == "disetujui"


@pytest.mark.parametrize("name", ["tte:kelola", "tte:kelola_cabut", "tte:putuskan"])
def test_outsiders_get_404_on_admin_tte_pages(client, cast, ca, milik_kabid, name):
    client.force_login(cast.admin_opd.user)
    args = [] if name == "tte:kelola" else [milik_kabid.pk]
    response = client.post(reverse(name, args=args)) if name == "tte:putuskan" else client.get(reverse(name, args=args))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["tte:ganti", "tte:cabut", "tte:perpanjang", "tte:buat"])
def test_signer_pages_without_a_certificate_are_404(client, cast, ca, name):
    client.force_login(cast.staf.user)
    assert client.get(reverse(name)).status_code == 404


def test_certificate_pages_need_sign_in(client, cast):
    assert client.get(reverse("tte:sertifikat")).status_code == 302
