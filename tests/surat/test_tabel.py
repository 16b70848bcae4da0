"""surat.tabel, the letter lists' table built in Python: the badges every row and the Beranda print, and
every value escaped."""

import re

import pytest
from django.template import Context, Template

from lib.paging import Halaman
from surat import tabel
from surat.models import Penerima, Surat
from surat.templatetags.surat_tags import lencana_sifat


@pytest.mark.parametrize(
    ("urgensi", "keamanan", "diharapkan"),
    [
        ("biasa", "biasa", ""),
        (
            "amat_segera",
            "biasa",
            '<span class="badge fs-6 text-bg-danger"><i class="bi bi-lightning-charge-fill" aria-hidden="true"></i> '
            "Amat Segera</span>",
        ),
        (
            "segera",
            "terbatas",
            '<span class="badge fs-6 text-bg-warning"><i class="bi bi-clock-fill" aria-hidden="true"></i> Segera</span>'
            '<span class="badge fs-6 text-bg-secondary">Terbatas</span>',
        ),
        (
            "biasa",
            "sangat_rahasia",
            '<span class="badge fs-6 text-bg-dark"><i class="bi bi-lock-fill" aria-hidden="true"></i> Sangat Rahasia</span>',
        ),
    ],
)
def test_badges_of_a_letter(urgensi, keamanan, diharapkan):
    assert lencana_sifat(Surat(urgensi=urgensi, keamanan=keamanan)) == diharapkan


def test_every_value_is_escaped_and_columns_follow_the_list():
    surat = Surat(pk=7, hal='<script>alert("x")</script>', nomor="B/1 & 2", status=Surat.Status.TERKIRIM)
    luar = Penerima(surat=surat, eksternal_nama="PT <b>Maju</b>", eksternal_alamat="Jl. A\nSolo <i>")
    baris = tabel.Baris(surat=surat, penerima=luar, tujuan="Kabid <u>")
    html = str(tabel.tabel([baris], ("penerima_luar", "nomor", "hal", "tujuan", "kirim"), "Daftar <x>", 1))
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<u>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "B/1 &amp; 2" in html
    assert "Jl. A<br>Solo &lt;i&gt;" in html and "Daftar &lt;x&gt;, halaman 1" in html
    kepala = re.findall(r"<th scope[^>]*>(.*?)</th>", html)
    assert kepala == [
        "Penerima",
        "Hal",
        "Nomor dan tanggal surat",
        "Diteruskan kepada",
        '<span class="visually-hidden">Tindakan</span>',
    ]
    assert '<a class="eo-hal" href="/surat/7/">' in html and 'href="/surat/7/#kirim-eksternal"' in html


@pytest.mark.django_db
def test_the_tag_prints_a_page(cast, terkirim):
    surat = terkirim(hal="Undangan rapat")
    halaman = Halaman([tabel.Baris(surat=surat, belum_dibaca=True)], nomor=3)
    html = Template("{% load surat_tags %}{% tabel_daftar h k j %}").render(
        Context({"h": halaman, "k": ("baca", "hal"), "j": "Surat Masuk"})
    )
    assert '<tr class="fw-bold"><td class="eo-k-status">' in html and "Belum dibaca" in html
    assert "Surat Masuk, halaman 3" in html and f'href="/surat/{surat.pk}/">Undangan rapat</a>' in html
