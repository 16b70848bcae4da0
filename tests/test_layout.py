"""The page frame: header, menu, text size, training banner, error pages, beranda."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Penugasan
from tests.factories import JabatanFactory, PenugasanFactory
from tests.waktu import tanggal_id

pytestmark = pytest.mark.django_db


def _render(source: str, path: str = "/") -> str:
    request = RequestFactory().get(path)
    return Template("{% load eoffice_tags %}" + source).render(Context({"request": request}))


def test_menu_marks_the_current_page_and_shows_rekap_and_kelola_only_when_allowed():
    menu = Template("{% load eoffice_tags %}{% menu_utama %}")
    html = menu.render(Context({"request": RequestFactory().get("/surat/masuk/?halaman=2")}))
    items = re.findall(r'<li class="nav-item">.*?</li>', html)
    assert [re.search(r"</i> (.*?)</a>", i).group(1) for i in items] == [
        "Beranda", "Konsep Surat", "Surat Masuk", "Surat Keluar", "Disposisi", "Arsip", "Struktur Organisasi", "Panduan",
    ]  # fmt: skip
    aktif = [i for i in items if "aria-current" in i]
    assert aktif == [
        '<li class="nav-item"><a class="nav-link active" href="/surat/masuk/" aria-current="page">'
        '<i class="bi bi-inbox" aria-hidden="true"></i> Surat Masuk</a></li>'
    ]
    # The Beranda ("/") is current only on itself, not below it.
    assert "aria-current" in menu.render(Context({"request": RequestFactory().get("/")})).split("</li>")[0]
    boleh = menu.render(Context({"request": RequestFactory().get("/"), "boleh_rekap": lambda: True, "is_admin": True}))
    assert ">Rekap</a>" in boleh.replace('aria-hidden="true"></i> ', ">") and "Kelola Organisasi" in boleh


def test_include_if_exists_skips_missing_template_and_renders_existing_one():
    assert _render('{% include_if_exists "surat/_tidak_ada.html" %}') == ""
    html = Template('{% load eoffice_tags %}{% include_if_exists "includes/messages.html" %}').render(
        Context({"messages": ["Tersimpan."]})
    )
    assert "<div>Tersimpan.</div>" in html


def test_text_size_buttons_post_back_to_this_page_with_the_current_one_pressed():
    request = RequestFactory().get("/surat/masuk/?q=a&b=c")
    html = Template("{% load eoffice_tags %}{% tombol_ukuran_huruf %}").render(
        Context(
            {
                "request": request,
                "csrf_token": "tok",
                "ukuran_huruf": "besar",
                "pilihan_ukuran_huruf": {"normal": "Normal", "besar": "Besar"},
            }
        )
    )
    assert f'action="{reverse("akun:ukuran_huruf")}"' in html
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="tok">' in html
    assert 'name="next" value="/surat/masuk/?q=a&amp;b=c"' in html
    assert 'value="besar" class="btn btn-outline-primary active" aria-pressed="true">Besar<' in html
    assert 'value="normal" class="btn btn-outline-primary" aria-pressed="false">Normal<' in html
    assert Template("{% load eoffice_tags %}{% tombol_ukuran_huruf %}").render(Context({})) == ""
    tanpa_request = Template("{% load eoffice_tags %}{% tombol_ukuran_huruf %}").render(
        Context({"pilihan_ukuran_huruf": {"normal": "Normal"}})
    )
    assert 'name="next" value=""' in tanpa_request


@pytest.mark.parametrize(
    ("jumlah", "tampak", "dibaca"),
    [(0, None, "Notifikasi: tidak ada yang belum dibaca"), (7, "7", "7 notifikasi"), (100, "99+", "Lebih dari 99")],
)
def test_bell_shows_the_unread_count(jumlah, tampak, dibaca):
    html = Template("{% load notifikasi_tags %}{% lonceng %}").render(Context({"notifikasi_belum_dibaca": jumlah}))
    assert f'href="{reverse("notifikasi:daftar")}"' in html and dibaca in html
    assert ("bi-bell-fill" in html) == bool(jumlah)
    assert (f'rounded-pill bg-danger" aria-hidden="true">{tampak}</span>' in html) == (tampak is not None)
    assert Template("{% load notifikasi_tags %}{% lonceng %}").render(Context({})) == ""


def test_beranda_requires_login(client):
    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("akun:masuk"))


def test_beranda_greets_by_name_and_shows_jabatan_and_plt_with_dates(login, cast, django_assert_max_num_queries):
    today = timezone.localdate()
    kosong = JabatanFactory(nama="Kepala Seksi Persandian", unit=cast.bidang)
    PenugasanFactory(
        pegawai=cast.staf,
        jabatan=kosong,
        jenis=Penugasan.Jenis.PLT,
        mulai=today - datetime.timedelta(days=32),
        selesai=today + datetime.timedelta(days=30),
    )
    client = login(cast.staf)
    client.get(reverse("beranda"))  # the session's first request also checks two-step verification
    # 10 for the frame, 8 for the letter counters and today's short to-do list (surat/_beranda.html).
    with django_assert_max_num_queries(18):
        html = client.get(reverse("beranda")).content.decode()
    assert "Selamat datang, Dewi Lestari" in html
    assert "Pranata Komputer Ahli Pertama" in html
    assert re.search(r"Plt\.</span>\s*<strong>Kepala Seksi Persandian", html)
    assert tanggal_id(today - datetime.timedelta(days=32)) in html
    # The header shows who is signed in and in which jabatan.
    header = html.split("<main", 1)[0]
    assert "Dewi Lestari" in header and "Kepala Seksi Persandian" in header
    # The surat app's counters fill "Pekerjaan Anda".
    assert "Yang perlu Anda kerjakan hari ini" in html


def test_menu_shows_existing_areas_and_logout_is_a_post_form(login, cast):
    html = login(cast.staf).get(reverse("beranda")).content.decode()
    assert 'href="#"' not in html
    assert re.search(r'<form method="post" action="/akun/keluar/">', html)
    assert "Keluar" in html
    assert 'href="#isi"' in html  # skip link


def test_kelola_menu_only_for_admins(login, cast):
    url = reverse("organisasi:kelola")
    assert f'href="{url}"' not in login(cast.staf).get(reverse("beranda")).content.decode()
    assert f'href="{url}"' in login(cast.admin_opd).get(reverse("beranda")).content.decode()


def test_pages_have_no_inline_scripts_or_handlers(login, cast):
    html = login(cast.staf).get(reverse("beranda")).content.decode()
    # JSON data blocks (json_script) are not executed, so the Content-Security-Policy allows them.
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", html) == []
    assert not re.search(r"\son[a-z]+=", html)
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("cookie, css_class", [("besar", "eo-huruf-besar"), ("sangat-besar", "eo-huruf-sangat-besar")])
def test_text_size_cookie_is_rendered_on_html_element_by_server(client, cookie, css_class):
    client.cookies["eo_ukuran_huruf"] = cookie
    html = client.get(reverse("akun:masuk")).content.decode()
    assert f'<html lang="id" class="{css_class}">' in html
    assert re.search(rf'value="{cookie}" class="btn btn-outline-primary active" aria-pressed="true"', html)


def test_unknown_text_size_cookie_falls_back_to_normal(client):
    client.cookies["eo_ukuran_huruf"] = "raksasa"
    assert '<html lang="id" class="eo-huruf-normal">' in client.get(reverse("akun:masuk")).content.decode()


def test_text_size_switch_without_script_sets_cookie_and_returns_to_page(client):
    response = client.post(reverse("akun:ukuran_huruf"), {"ukuran": "besar", "next": "/akun/masuk/"})
    assert response["Location"] == "/akun/masuk/"
    assert response.cookies["eo_ukuran_huruf"].value == "besar"
    evil = client.post(reverse("akun:ukuran_huruf"), {"ukuran": "besar", "next": "https://jahat.example/"})
    assert evil["Location"] == reverse("beranda")


def test_training_banner_only_in_mode_latihan(client, settings):
    assert "MODE LATIHAN" not in client.get(reverse("akun:masuk")).content.decode()
    settings.MODE_LATIHAN = True
    assert "MODE LATIHAN" in client.get(reverse("akun:masuk")).content.decode()


def test_404_page_is_friendly_indonesian_with_link_to_beranda(login, cast):
    response = login(cast.staf).get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "Kembali ke Beranda" in html
    assert "Dewi Lestari" in html  # still inside the normal frame


def test_403_and_500_pages_are_indonesian():
    request = RequestFactory().get("/")
    assert "tidak diizinkan" in render_to_string("403.html", request=request)
    # The 500 page is rendered without context processors or request.
    html = render_to_string("500.html")
    assert "Maaf, terjadi gangguan" in html and "Kembali ke Beranda" in html


def test_url_tag_remembers_urls_without_arguments_and_keeps_djangos_behaviour():
    """Every template's {% url %} (eoffice/templatetags/url_tetap.py): the same links as reverse(), a URL
    without arguments or with pks reversed once per process (lib.tautan), other arguments and `as var` as
    Django does them."""
    from django.urls import NoReverseMatch

    from lib import tautan

    tautan._pola.cache_clear()
    html = _render(
        "{% url 'akun:profil' %}|{% url 'akun:profil' %}|{% url 'surat:detail' 7 %}|{% url 'surat:detail' 8 %}"
    )
    assert html == "|".join(
        [reverse("akun:profil"), reverse("akun:profil"), reverse("surat:detail", args=[7]), "/surat/8/"]
    )
    assert (tautan._pola.cache_info().misses, tautan._pola.cache_info().hits) == (2, 2)
    assert _render("{% url 'surat:detail' '12' %}|{% url 'panduan:peran' 'pejabat' %}") == (
        f"/surat/12/|{reverse('panduan:peran', args=['pejabat'])}"
    )
    assert _render("{% url 'beranda' as b %}[{{ b }}]{% url 'tidak:ada' as t %}[{{ t }}]") == "[/][]"
    assert _render("{% url 'surat:detail' 5 as d %}[{{ d }}]{% url 'tidak:ada' 5 as t %}[{{ t }}]") == "[/surat/5/][]"
    with pytest.raises(NoReverseMatch):
        _render("{% url 'tidak:ada' %}")
