"""Rekap in a real browser: a Kepala Dinas on a laptop and the Sekda on a phone open it, the charts are
drawn by Chart.js from our own static files under the strict CSP, each has its table, and axe finds no
serious violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("username", "layar"), [("kominfo.kepala", "page"), ("sekda", "phone_page")])
def test_rekap_dibuka_pimpinan_dengan_grafik_dan_tabel(request, demo_city, masuk, shot, axe_check, username, layar):
    page = request.getfixturevalue(layar)
    galat: list[str] = []
    # A CSP refusal or a script error shows in the console; a missing file as a failed response.
    page.on("console", lambda m: galat.append(m.text) if m.type == "error" and "Failed to load" not in m.text else None)
    page.on("response", lambda r: galat.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
    page.on("pageerror", lambda e: galat.append(str(e)))
    masuk(page, username)
    if layar == "phone_page":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Rekap").click()
    expect(page).to_have_url(f"{page.url.split('/rekap/')[0]}{reverse('rekap:index')}")
    expect(page.get_by_role("heading", level=1, name="Rekap")).to_be_visible()
    expect(page.get_by_role("table", name="Volume surat").first).to_be_visible()
    # Chart.js drew every canvas (it sets the canvas size from the box when it renders).
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-grafik]').length === 3")
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-grafik]')].map(c => !!Chart.getChart(c) && c.width > 0)"
    )
    assert drawn == [True, True, True]
    shot(page, f"rekap-{username}")
    axe_check(page)
    page.get_by_role("link", name="Waktu layanan").click()
    expect(page.get_by_role("table", name="Tunggakan per jabatan")).to_be_visible()
    axe_check(page)
    assert galat == []
