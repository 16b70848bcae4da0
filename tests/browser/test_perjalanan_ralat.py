"""The ralat journey in a real browser, in the demo city: the Diskominfo staf opens a signed letter to
Dishub, starts its ralat from the letter's page, completes and submits the draft; it is initialled and
signed with the TTE passphrase; Dishub's Plh. Kepala Dinas sees the "Diralat" badge in Surat Masuk and
the notice on the old letter, follows the link to the ralat, and the old letter's public verification
page says it was corrected and links on to the ralat's own page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from demo.akun import DEMO_PASSPHRASE
from demo.surat import HAL_PENANDA
from organisasi import acting
from surat.models import Surat
from surat.models_dokumen import DokumenSurat

pytestmark = pytest.mark.browser

TAMBAHAN = " Batas waktu pengiriman data diralat menjadi 21 hari."


def _paraf_semua(page, ganti_pengguna, hal: str) -> None:
    """Each verifikator in turn initials the draft, from their Perlu Diparaf list."""
    surat = Surat.objects.get(hal=hal)
    while surat.status == Surat.Status.PARAF:
        pegawai, _ = next(iter(acting.pegawai_acting_in([surat.giliran_id])))
        ganti_pengguna(page, pegawai.user.username)
        page.goto(reverse("surat:perlu_paraf"))
        page.get_by_role("link", name=hal).click()
        page.get_by_role("button", name="Setujui (paraf)").click()
        expect(page.get_by_text("Paraf tersimpan")).to_be_visible()
        surat.refresh_from_db()


def test_ralat_dari_halaman_surat_sampai_halaman_verifikasi(page, masuk, ganti_pengguna, shot, axe_check):
    lama = Surat.objects.get(hal=HAL_PENANDA)

    # -- The drafter starts the ralat from the signed letter's page.
    masuk(page, "kominfo.staf")
    page.goto(reverse("surat:keluar"))
    page.get_by_role("link", name=HAL_PENANDA, exact=True).click()
    page.get_by_role("button", name=f"Ralat surat nomor {lama.nomor}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ubah konsep surat")
    expect(page.get_by_role("note").filter(has_text="Ralat surat nomor")).to_contain_text(lama.nomor)
    shot(page, "ralat-konsep")
    axe_check(page)
    page.locator(".eo-editor-isi").wait_for()
    page.get_by_role("textbox", name="Isi surat").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(TAMBAHAN)
    page.get_by_role("button", name="Simpan dan ajukan").click()
    expect(page.get_by_text("Konsep diajukan")).to_be_visible()
    hal = page.get_by_role("heading", level=1).inner_text()
    assert hal.startswith(f"Ralat surat nomor {lama.nomor}")

    # -- Initialled and signed like any letter.
    _paraf_semua(page, ganti_pengguna, hal)
    ganti_pengguna(page, "kominfo.kepala")
    page.goto(reverse("surat:perlu_ttd"))
    page.get_by_role("link", name=hal).click()
    page.get_by_role("link", name="Tandatangani…").click()
    page.get_by_label("Frasa sandi TTE").fill(DEMO_PASSPHRASE)
    page.get_by_role("button", name="Tandatangani dan kirim").click()
    expect(page.get_by_text("Surat ditandatangani dengan nomor")).to_be_visible(timeout=30_000)
    nomor = page.locator(".eo-nomor strong").inner_text()

    # -- Dishub's Plh. Kepala Dinas: the badge in Surat Masuk, the notice on the old letter, the link.
    ganti_pengguna(page, "dishub.sekretaris")
    page.goto(reverse("surat:masuk"))
    baris = page.get_by_role("row").filter(has=page.get_by_role("link", name=HAL_PENANDA, exact=True))
    expect(baris).to_contain_text("Diralat")
    shot(page, "ralat-kotak-masuk")
    baris.get_by_role("link", name=HAL_PENANDA, exact=True).click()
    catatan = page.get_by_role("note").filter(has_text="Surat ini telah diralat")
    expect(catatan).to_contain_text(nomor)
    shot(page, "ralat-surat-lama")
    axe_check(page)
    catatan.get_by_role("link", name=nomor).click()
    expect(page.locator(".eo-nomor")).to_contain_text(nomor)
    expect(page.get_by_role("note").filter(has_text="adalah ralat atas")).to_contain_text(lama.nomor)

    # -- The public verification page of the old letter, then of the ralat.
    token = DokumenSurat.objects.get(surat=lama).token_verifikasi
    page.goto(reverse("verifikasi:detail", args=[token]))
    koreksi = page.locator("[data-eo-koreksi]")
    expect(koreksi).to_contain_text(f"Surat ini telah diralat dengan surat nomor {nomor}")
    axe_check(page)
    koreksi.get_by_role("link", name=re.compile("Lihat surat ralatnya")).click()
    expect(page.get_by_role("status").first).to_contain_text("ASLI")
    expect(page.get_by_role("row", name=re.compile("Nomor surat"))).to_contain_text(nomor)
