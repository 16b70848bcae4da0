"""Self-service signing certificate in a real browser, as the demo city's people: the Kepala Bidang Lalu
Lintas of Dishub (no certificate yet) asks for one, the Admin TTE approves, he chooses his own
passphrase, changes it, signs a letter with it, then revokes the certificate (lost laptop); his next
signature attempt is refused and the Pemda's published CRL lists the certificate."""

import re

import pytest
from cryptography import x509
from django.urls import reverse
from playwright.sync_api import expect

from arsip.models import KlasifikasiArsip
from demo.akun import DEMO_PASSWORD
from surat import services as surat_services
from surat.models import JenisSurat
from tte.models import SertifikatTte

pytestmark = pytest.mark.browser

PERTAMA = "Jembatan-Jurug-2031"
KEDUA = "Pasar-Gede-7745"
HAL = ("Laporan kepadatan lalu lintas Jalan Slamet Riyadi", "Laporan uji coba lampu lalu lintas adaptif")


def _surat_menunggu_ttd(kabid, kepala, hal):
    """A nota dinas the kabid drafted and signs himself (no paraf), to the Kepala Dinas."""
    surat = surat_services.surat_create(
        actor=kabid,
        jabatan_konseptor=kabid.jabatan,
        jenis=JenisSurat.objects.get(kode="nota-dinas"),
        klasifikasi=KlasifikasiArsip.objects.filter(aktif=True).order_by("kode").first(),
        hal=hal,
        isi="<p>Terlampir laporan bulan ini.</p>",
        penandatangan=kabid.jabatan,
        tujuan=[kepala.jabatan],
        verifikator=[],
    )
    surat_services.surat_submit(actor=kabid, surat=surat)
    return surat


def _isi_passphrase(page, **isian):
    for label, nilai in isian.items():
        page.get_by_label(re.compile(label)).fill(
            nilai
        )  # case-sensitive: "Frasa sandi TTE baru" is not "Ulangi frasa sandi TTE baru"


def _tandatangani(page, hal, passphrase):
    page.goto(reverse("surat:perlu_ttd"))
    page.get_by_role("link", name=hal).click()
    page.get_by_role("link", name="Tandatangani…").click()
    page.get_by_label("Frasa sandi TTE").fill(passphrase)
    page.get_by_role("button", name="Tandatangani dan kirim").click()


def test_signer_activates_chooses_changes_signs_and_revokes(page, masuk, ganti_pengguna, akun, shot, axe_check):
    kabid, kepala = akun("dishub.kabid"), akun("dishub.kepala")
    assert not SertifikatTte.objects.filter(pegawai=kabid).exists()
    for hal in HAL:
        _surat_menunggu_ttd(kabid, kepala, hal)

    # -- The signer asks for activation from his own certificate page (account menu).
    masuk(page, "dishub.kabid")
    page.locator(".eo-pengguna").get_by_role("button").first.click()
    page.get_by_role("link", name="Sertifikat TTE saya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sertifikat TTE saya")
    page.get_by_role("button", name="Ajukan aktivasi sertifikat").click()
    expect(page.get_by_text("menunggu persetujuan")).to_be_visible()
    shot(page, "sertifikat-diajukan")

    # -- The Admin TTE approves.
    ganti_pengguna(page, "adminpemda")
    page.locator(".eo-pengguna").get_by_role("button").first.click()
    page.get_by_role("link", name="Kelola sertifikat TTE").click()
    page.get_by_role("button", name=f"Setujui {kabid.nama_lengkap}").click()
    expect(page.get_by_text(f"Permohonan {kabid.nama_lengkap} disetujui")).to_be_visible()
    axe_check(page)

    # -- He chooses his passphrase (a weak one is refused first) after re-entering his login password.
    ganti_pengguna(page, "dishub.kabid")
    page.goto(reverse("tte:sertifikat"))
    page.get_by_role("link", name="Buat frasa sandi TTE dan terbitkan sertifikat").click()
    _isi_passphrase(
        page,
        **{
            "Kata sandi masuk": DEMO_PASSWORD,
            "Frasa sandi TTE baru": "rahasia",
            "Ulangi frasa sandi TTE baru": "rahasia",
        },
    )
    page.get_by_role("button", name="Terbitkan sertifikat").click()
    expect(page.get_by_text("Frasa sandi TTE minimal 10 karakter.")).to_be_visible()
    _isi_passphrase(
        page,
        **{"Kata sandi masuk": DEMO_PASSWORD, "Frasa sandi TTE baru": PERTAMA, "Ulangi frasa sandi TTE baru": PERTAMA},
    )
    shot(page, "sertifikat-passphrase")
    axe_check(page)
    page.get_by_role("button", name="Terbitkan sertifikat").click()
    expect(page.get_by_text("Sertifikat TTE Anda sudah terbit")).to_be_visible(timeout=30_000)
    sertifikat = SertifikatTte.objects.get(pegawai=kabid, dicabut_pada__isnull=True)
    expect(page.get_by_text(sertifikat.serial).first).to_be_visible()

    # -- He changes it.
    page.get_by_role("link", name="Ganti frasa sandi TTE").click()
    _isi_passphrase(
        page,
        **{
            "Kata sandi masuk": DEMO_PASSWORD,
            "Frasa sandi TTE lama": PERTAMA,
            "Frasa sandi TTE baru": KEDUA,
            "Ulangi frasa sandi TTE baru": KEDUA,
        },
    )
    page.get_by_role("button", name="Ganti frasa sandi TTE").click()
    expect(page.get_by_text("Frasa sandi TTE sudah diganti")).to_be_visible(timeout=30_000)

    # -- He signs with the new passphrase (the old one no longer opens the key).
    _tandatangani(page, HAL[0], PERTAMA)
    expect(page.get_by_text("Frasa sandi TTE salah.")).to_be_visible(timeout=30_000)
    page.get_by_label("Frasa sandi TTE").fill(KEDUA)
    page.get_by_role("button", name="Tandatangani dan kirim").click()
    expect(page.get_by_text("Surat ditandatangani dengan nomor")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Tanda tangan elektronik: sah, PAdES B-LTA")).to_be_visible()

    # -- Lost laptop: he revokes the certificate.
    page.goto(reverse("tte:sertifikat"))
    page.get_by_role("link", name="Cabut sertifikat").click()
    page.get_by_label("Perangkat hilang atau frasa sandi TTE diketahui orang lain").check()
    page.get_by_role("button", name="Cabut sertifikat").click()
    expect(page.get_by_text("Sertifikat Anda sudah dicabut")).to_be_visible()
    expect(page.get_by_text("Ajukan aktivasi sertifikat")).to_be_visible()

    # -- His next signature is refused, and the published CRL lists the certificate.
    _tandatangani(page, HAL[1], KEDUA)
    expect(page.get_by_text("Anda belum memiliki sertifikat elektronik yang berlaku")).to_be_visible(timeout=30_000)
    shot(page, "sertifikat-dicabut-ttd-ditolak")
    crl = page.request.get(reverse("tte:crl", kwargs={"nama": sertifikat.penerbit.serial}))
    assert crl.ok and crl.headers["content-type"] == "application/pkix-crl"
    daftar = x509.load_der_x509_crl(crl.body())
    assert daftar.get_revoked_certificate_by_serial_number(int(sertifikat.serial, 16)) is not None
