"""The Rekap pages through the views: who may open them (others 404), what they show, the filters,
the exports and the unit costs."""

from __future__ import annotations

import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from organisasi.models import Penugasan
from rekap.models import BiayaSatuan, LaporanBulanan
from tests.factories import OpdFactory, PegawaiFactory, PenugasanFactory

from .conftest import HAL_RAHASIA

pytestmark = pytest.mark.django_db

HALAMAN = ("rekap:index", "rekap:layanan", "rekap:terlambat", "rekap:penghematan", "rekap:unduh_xlsx")


def _khusus(dunia) -> dict:
    return {"periode": "khusus", "dari": dunia.periode.dari.isoformat(), "sampai": dunia.periode.sampai.isoformat()}


@pytest.mark.parametrize("nama", HALAMAN)
def test_staff_and_pencatat_and_admin_opd_get_404(login, cast, nama):
    for pegawai in (cast.staf, cast.kabid, cast.pencatat, cast.admin_opd):
        assert login(pegawai).get(reverse(nama)).status_code == 404


@pytest.mark.parametrize("nama", HALAMAN)
def test_anonymous_is_sent_to_login(client, cast, nama):
    response = client.get(reverse(nama))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_menu_entry_only_for_those_who_may_open_it(login, cast, pimpinan):
    url = reverse("rekap:index")
    assert f'href="{url}"' not in login(cast.staf).get(reverse("beranda")).content.decode()
    for pegawai in (cast.kepala, cast.admin_pemda, pimpinan.sekda, pimpinan.walikota):
        assert f'href="{url}"' in login(pegawai).get(reverse("beranda")).content.decode()


def test_kepala_sees_own_opd_only_and_cannot_ask_for_another(login, dunia):
    c = dunia.cast
    html = login(c.kepala).get(reverse("rekap:index"), _khusus(dunia)).content.decode()
    assert c.opd.nama in html and c.opd_lain.nama not in html
    # Asking for the other OPD shows the own reach, never the other's figures.
    html = login(c.kepala).get(reverse("rekap:index"), {**_khusus(dunia), "opd": c.opd_lain.pk}).content.decode()
    assert c.opd_lain.nama not in html


@pytest.mark.parametrize("siapa", ["sekda", "walikota", "admin_pemda"])
def test_pemda_wide_viewers_see_every_opd_and_the_pemda_total(login, dunia, pimpinan, siapa):
    pegawai = getattr(pimpinan, siapa, None) or dunia.cast.admin_pemda
    response = login(pegawai).get(reverse("rekap:index"), _khusus(dunia))
    html = response.content.decode()
    for opd in (dunia.cast.opd, dunia.cast.opd_lain, pimpinan.setda):
        assert opd.nama in html
    tfoot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1)
    assert "Pemda" in tfoot and ">4<" in tfoot and ">75,0%<" in tfoot


def test_plt_of_a_head_sees_that_opd(login, dunia):
    c = dunia.cast
    plt = PegawaiFactory(user__username="plt_kepala", nama="Plt Kepala")
    hari = dunia.hari_ini
    PenugasanFactory(pegawai=plt, jabatan=c.kepala.jabatan, jenis=Penugasan.Jenis.PLH, mulai=hari, selesai=hari)
    html = login(plt).get(reverse("rekap:index"), _khusus(dunia)).content.decode()
    assert c.opd.nama in html and c.opd_lain.nama not in html


def test_overview_shows_figures_charts_and_their_tables_without_inline_script(
    login, dunia, django_assert_max_num_queries
):
    client = login(dunia.cast.kepala_lain)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("rekap:index"), _khusus(dunia))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-grafik=") == 3
    assert html.count('type="application/json"') == 3
    assert html.count("<caption>") >= 4
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", html) == []
    assert "vendor/chartjs/chart.umd.min.js" in html and "cdn" not in html.lower()
    assert HAL_RAHASIA not in html


def test_service_page_shows_medians_and_the_plt_backlog(login, dunia, pimpinan):
    html = login(pimpinan.sekda).get(reverse("rekap:layanan"), _khusus(dunia)).content.decode()
    assert "Plt. Joko Susilo" in html
    assert "Kepala Bidang Lalu Lintas" in html
    assert "8,8 jam" in html  # the Pemda's p90 from submission to signature
    assert "100,0%" in html


def test_overdue_page_links_only_letters_the_viewer_may_open(login, dunia):
    c = dunia.cast
    html = login(c.kepala).get(reverse("rekap:terlambat")).content.decode()
    assert reverse("surat:detail", args=[dunia.p1.pk]) in html
    html = login(c.admin_pemda).get(reverse("rekap:terlambat")).content.decode()
    assert "(tidak dapat dibuka oleh Anda)" in html
    assert reverse("surat:detail", args=[dunia.s1.pk]) not in html


def test_unread_urgent_list_names_no_rahasia_subject_even_for_its_addressee(login, dunia):
    html = login(dunia.cast.kepala_lain).get(reverse("rekap:terlambat"), {"daftar": "belum_dibaca"}).content.decode()
    assert "(Rahasia)" in html
    assert HAL_RAHASIA not in html
    assert reverse("surat:detail", args=[dunia.s2.pk]) in html


def test_savings_page_per_opd_and_month(login, dunia):
    html = login(dunia.cast.admin_pemda).get(reverse("rekap:penghematan"), _khusus(dunia)).content.decode()
    assert "Rp79.000" in html and "Rp53.000" in html and "Rp26.000" in html


def test_bad_custom_range_says_why_and_keeps_what_was_typed(login, dunia):
    response = login(dunia.cast.kepala).get(
        reverse("rekap:index"), {"periode": "khusus", "dari": "2026-05-10", "sampai": "2026-05-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in html
    assert 'value="2026-05-10"' in html


def test_excel_has_every_table_and_escapes_formulas(login, dunia, monkeypatch):
    from lib import forms

    c = dunia.cast
    c.opd_lain.nama = '=HYPERLINK("http://x")'
    c.opd_lain.save()
    dicetak = []
    cetak = forms.render_to_string
    monkeypatch.setattr(forms, "render_to_string", lambda *a, **k: dicetak.append(a[0]) or cetak(*a, **k))
    response = login(c.admin_pemda).get(reverse("rekap:unduh_xlsx"), _khusus(dunia))
    assert dicetak == []  # the filters typed, the form they come from not printed: the file shows none
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["Per OPD", "Per bulan", "Menurut jenis"]
    rows = list(wb["Per OPD"].iter_rows(values_only=True))
    assert rows[1][:6] == (
        "OPD",
        "Konsep dibuat",
        "Ditandatangani",
        "Dikirim",
        "Diterima elektronik",
        "Surat kertas dicatat",
    )
    by_name = {r[0]: r for r in rows[2:]}
    assert by_name["Pemda"][1:6] == (4, 3, 3, 3, 1)
    assert '\'=HYPERLINK("http://x")' in by_name
    assert all(HAL_RAHASIA not in str(r) for r in rows)


def test_only_admin_pemda_sets_unit_costs(login, dunia, pimpinan):
    url = reverse("rekap:biaya")
    assert login(pimpinan.sekda).get(url).status_code == 404
    assert login(dunia.cast.kepala).post(url, {"harga_kertas": 1}).status_code == 404
    client = login(dunia.cast.admin_pemda)
    response = client.post(
        url, {"harga_kertas": "-5", "harga_toner": "150", "biaya_kurir": "30000", "halaman_per_surat": "2"}
    )
    assert response.status_code == 200 and 'value="30000"' in response.content.decode()
    assert not BiayaSatuan.objects.exists()
    response = client.post(
        url, {"harga_kertas": "200", "harga_toner": "300", "biaya_kurir": "50000", "halaman_per_surat": "1"}
    )
    assert response.status_code == 302
    assert BiayaSatuan.current().per_lembar == 500
    html = client.get(reverse("rekap:penghematan"), _khusus(dunia)).content.decode()
    assert "Rp154.000" in html  # 8 sheets x Rp500 + 3 trips x Rp50.000


def test_monthly_pdf_is_rendered_in_the_background_and_only_its_requester_downloads_it(
    login, dunia, django_capture_on_commit_callbacks
):
    c = dunia.cast
    client = login(c.kepala)
    bulan = dunia.hari_ini.replace(day=1).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rekap:laporan"), {"bulan": bulan, "opd": c.opd.pk})
    job = LaporanBulanan.objects.get()
    assert response["Location"] == reverse("rekap:laporan_detail", args=[job.pk])
    assert job.siap and job.opd == c.opd
    status = client.get(reverse("rekap:laporan_status", args=[job.pk])).json()
    assert status["siap"] is True
    data = b"".join(client.get(reverse("rekap:laporan_unduh", args=[job.pk])).streaming_content)
    assert data.startswith(b"%PDF")
    assert login(c.kepala_lain).get(reverse("rekap:laporan_unduh", args=[job.pk])).status_code == 404


def test_monthly_pdf_for_an_opd_outside_reach_is_404(login, dunia):
    c = dunia.cast
    bulan = dunia.hari_ini.replace(day=1).isoformat()
    assert login(c.staf).post(reverse("rekap:laporan"), {"bulan": bulan}).status_code == 404
    assert not LaporanBulanan.objects.exists()
    login(c.kepala).post(reverse("rekap:laporan"), {"bulan": bulan, "opd": c.opd_lain.pk})
    # Outside the reach the request falls back to the kepala's own OPD, never the other one.
    assert LaporanBulanan.objects.get().opd == c.opd


def test_monthly_pdf_month_must_be_from_the_list(login, dunia):
    response = login(dunia.cast.kepala).post(reverse("rekap:laporan"), {"bulan": "2001-01-01"})
    assert response.status_code == 302
    assert not LaporanBulanan.objects.exists()


def test_figures_come_from_the_cache_for_five_minutes_then_are_computed_again(login, dunia):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(dunia.cast.admin_pemda)
    url = reverse("rekap:index")
    with CaptureQueriesContext(connection) as pertama:
        client.get(url, _khusus(dunia))
    with CaptureQueriesContext(connection) as kedua:
        html = client.get(url, _khusus(dunia)).content.decode()
    assert len(kedua) <= len(pertama) - 8
    assert ">4<" in html
    with time_machine.travel(dunia.sekarang + datetime.timedelta(minutes=6), tick=False):
        with CaptureQueriesContext(connection) as ketiga:
            client.get(url, _khusus(dunia))
    assert len(ketiga) == len(pertama)


def test_overdue_tables_written_in_python_print_what_the_template_loops_printed(db):
    """rekap_tags.baris_terlambat_opd / butir_terlambat against the loops they replaced, on values that
    need escaping, a time just after midnight in Jakarta, a link and none, and an empty page."""
    import datetime

    from django.template import Context, Template

    from rekap.ringkasan import BarisOpd
    from rekap.templatetags.rekap_tags import baris_terlambat_opd, butir_terlambat

    def rata(html: str) -> str:
        return re.sub(r">\s+<", "><", html.strip())

    opd = [BarisOpd("Dinas <Kominfo> & Persandian", 1, terlambat=12345, belum_dibaca=0), BarisOpd("Total", None)]
    lama = Template(
        '{% load rekap_tags %}{% for b in r %}<tr><th scope="row" class="fw-normal">{{ b.nama }}</th>'
        '<td class="text-end">{{ b.terlambat|angka }}</td><td class="text-end">{{ b.belum_dibaca|angka }}</td></tr>'
        "{% endfor %}"
    ).render(Context({"r": opd}))
    assert rata(baris_terlambat_opd(opd)) == rata(lama) and "12.345" in lama and "&lt;Kominfo&gt; &amp;" in lama

    jam = datetime.datetime(2026, 11, 27, 17, 30, tzinfo=datetime.UTC)  # 28 November, 00.30 in Jakarta
    butir = [
        {
            "hal": "Rapat <b>anggaran</b>",
            "surat_id": 7,
            "jabatan": "Kabid & Staf",
            "opd": "Dishub",
            "batas_waktu": jam.date(),
            "diterima": jam,
            "urgensi": "Segera",
        },
        {
            "hal": "(tidak dapat dibuka oleh Anda)",
            "surat_id": None,
            "jabatan": "Kepala",
            "opd": "",
            "batas_waktu": None,
            "diterima": jam,
            "urgensi": "Biasa",
        },
    ]
    loop = Template(
        "{% for b in halaman %}<tr><td>{% if b.surat_id %}<a href=\"{% url 'surat:detail' b.surat_id %}\">{{ b.hal }}"
        "</a>{% else %}{{ b.hal }}{% endif %}</td><td>{{ b.jabatan }}</td><td>{{ b.opd }}</td><td>"
        '{% if daftar == "belum_dibaca" %}{{ b.diterima|date:"j F Y" }}{% else %}{{ b.batas_waktu|date:"j F Y" }}'
        '{% endif %}</td><td>{{ b.urgensi }}</td></tr>{% empty %}<tr><td colspan="5">Tidak ada. Semua tepat waktu.'
        "</td></tr>{% endfor %}"
    )
    for daftar in ("terlambat", "belum_dibaca"):
        for halaman in (butir, []):
            lama = loop.render(Context({"halaman": halaman, "daftar": daftar}))
            assert rata(butir_terlambat(halaman, daftar)) == rata(lama), (daftar, len(halaman))
    assert "28 November 2026" in butir_terlambat(butir, "belum_dibaca")


def _saring_rekap(client, nama: str, **params) -> str:
    response = client.get(reverse(nama), params)
    assert response.status_code == 200
    [form] = re.findall(
        r'<form method="get" class="eo-kartu mb-3" aria-label="Saring rekap">.*?</form>',
        response.content.decode(),
        re.S,
    )
    return form


def test_the_kept_rekap_filter_shows_this_month_its_reach_and_the_list_it_is_on(login, dunia):
    """Nothing typed: the filter is printed once per set of choices (rekap.views._saring), with this
    month selected, as the figures are; on the unread list it keeps that list. Typed: values and errors."""
    c = dunia.cast
    client = login(c.admin_pemda)
    kosong = _saring_rekap(client, "rekap:index")
    assert '<option value="bulan" selected>' in kosong and c.opd_lain.nama in kosong
    assert _saring_rekap(client, "rekap:index", halaman="2") == kosong
    belum = _saring_rekap(client, "rekap:terlambat", daftar="belum_dibaca")
    assert 'name="daftar" value="belum_dibaca"' in belum and '<option value="bulan" selected>' in belum
    assert 'name="daftar" value="terlambat"' in _saring_rekap(client, "rekap:terlambat")
    typed = _saring_rekap(client, "rekap:index", periode="tahun", opd=str(c.opd.pk))
    assert '<option value="tahun" selected>' in typed and f'<option value="{c.opd.pk}" selected>' in typed
    salah = _saring_rekap(client, "rekap:index", periode="khusus")
    assert "Isi tanggal awal dan akhir" in salah
    # A new OPD is a new set of choices: it shows at once.
    baru = OpdFactory(nama="Dinas Pariwisata Baru", kode="DISPAR")
    assert baru.nama in _saring_rekap(client, "rekap:index")
