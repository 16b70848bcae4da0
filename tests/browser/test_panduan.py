"""The guides in a real browser: the first-sign-in tour (skip, replay, finish) and the "?" help link."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_tur_pertama_dapat_dilewati_dan_diputar_ulang_sampai_selesai(page, live_server, masuk, shot, axe_check):
    masuk(page, "kominfo.kepala", lewati_tur=False)
    tur = page.get_by_role("dialog", name="Menu utama")
    expect(tur).to_be_visible()
    expect(tur).to_contain_text("Langkah 1 dari")
    axe_check(page)
    tur.get_by_role("button", name="Berikutnya").click()
    expect(page.get_by_role("dialog", name="Surat untuk ditandatangani")).to_be_visible()
    with page.expect_response(lambda r: "/panduan/tur/selesai/" in r.url):
        page.get_by_role("button", name="Lewati tur").click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    page.reload()
    expect(page.get_by_role("dialog")).to_have_count(0)

    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Panduan").click()
    page.get_by_role("button", name="Putar ulang tur").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("dialog", name="Menu utama")).to_be_visible()
    shot(page, "tur")
    for _ in range(10):
        dialog = page.get_by_role("dialog")
        if dialog.get_by_role("button", name="Selesai").count():
            break
        dialog.get_by_role("button", name="Berikutnya").click()
    expect(page.get_by_role("dialog", name="Panduan")).to_be_visible()
    with page.expect_response(lambda r: "/panduan/tur/selesai/" in r.url):
        page.get_by_role("button", name="Selesai").click()
    page.reload()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_tombol_bantuan_membuka_bagian_panduan_yang_cocok(page, live_server, masuk):
    masuk(page, "kominfo.staf")
    page.goto(reverse("surat:konsep_baru"))
    page.get_by_role("link", name="Bantuan: Menulis konsep surat").click()
    expect(page).to_have_url(f"{live_server.url}/panduan/peran/staf/#tulis-konsep")
    bagian = page.get_by_role("article", name="Menulis konsep surat")
    expect(bagian).to_be_in_viewport()
    expect(bagian.get_by_role("listitem").first).to_contain_text("Tulis surat baru")
