"""The admins' journey in a real browser, with two-step verification and the strict CSP on: the admin OPD
of Diskominfo SP signs in with password and TOTP code and proposes the pencatat role for a staf; the
role waits; the admin Pemda signs in with password and TOTP code, finds the request under Kelola
Struktur → Pengajuan and approves it; the staf now holds the role."""

import pytest
from playwright.sync_api import expect

from organisasi.models import Peran
from tests.browser.conftest import pantau_keamanan

pytestmark = pytest.mark.browser

VERIFIKASI = "/akun/dua-langkah/verifikasi/"


def test_admin_opd_mengajukan_peran_dan_admin_pemda_menyetujui(page, akun, masuk, ganti_pengguna, axe_check):
    staf = akun("kominfo.staf")
    pelanggaran_csp = pantau_keamanan(page)
    dikunjungi: list[str] = []
    page.on("framenavigated", lambda frame: dikunjungi.append(frame.url) if frame == page.main_frame else None)

    # -- The admin OPD: password, then the code of its authenticator app.
    masuk(page, "kominfo.admin")
    assert any(VERIFIKASI in url for url in dikunjungi), "admin OPD masuk tanpa verifikasi dua langkah"
    page.goto("/organisasi/kelola/peran/")
    page.get_by_role("combobox", name="Pegawai").select_option(value=str(staf.pk))
    page.get_by_role("combobox", name="peran").select_option(value=Peran.Jenis.PENCATAT)
    page.get_by_role("combobox", name="OPD").select_option(value=str(staf.jabatan.unit.opd_id))
    page.get_by_role("button", name="Beri peran").click()
    expect(page.get_by_text("baru berlaku setelah disetujui Admin Pemda atau admin lain")).to_be_visible()
    assert not Peran.objects.filter(pegawai=staf, jenis=Peran.Jenis.PENCATAT).exists()
    # The proposer sees its request but cannot decide it.
    page.get_by_role("link", name="Pengajuan", exact=True).click()
    baris = page.get_by_role("row").filter(has_text=staf.nama)
    expect(baris).to_contain_text("Menunggu admin lain")
    expect(baris.get_by_role("link", name="Setujui")).to_have_count(0)

    # -- The admin Pemda: password and code too, then approves.
    dikunjungi.clear()
    ganti_pengguna(page, "adminpemda")
    assert any(VERIFIKASI in url for url in dikunjungi), "admin Pemda masuk tanpa verifikasi dua langkah"
    page.goto("/organisasi/kelola/")
    page.get_by_role("link", name="Pengajuan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengajuan perubahan kewenangan")
    axe_check(page)
    baris = page.get_by_role("row").filter(has_text=staf.nama)
    expect(baris).to_contain_text("Pencatat surat (TU)")
    baris.get_by_role("link", name="Setujui").click()
    page.get_by_role("button", name="Ya, setujui").click()
    expect(page.get_by_text("Pengajuan disetujui.")).to_be_visible()
    expect(page.get_by_text("Tidak ada pengajuan yang menunggu persetujuan.")).to_be_visible()
    assert Peran.objects.filter(pegawai=staf, jenis=Peran.Jenis.PENCATAT, opd=staf.jabatan.unit.opd_id).exists()
    assert pelanggaran_csp == []
