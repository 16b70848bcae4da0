"""The lists' filter forms: the empty one is printed once per list and set of options (lib.forms.
saringan_kosong) and must be the form the page prints when a filter is typed, empty; typed values and
errors still come back."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from arsip.forms import CariForm
from lib import cache_lokal
from lib.forms import saringan_kosong
from surat.models import JenisSurat


def form_saringan(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    found = re.findall(r'<form method="get" role="search".*?</form>', response.content.decode(), re.S)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    "siapa, nama, params",
    [
        ("kepala_lain", "surat:masuk", {}),
        ("kepala_lain", "surat:tembusan", {}),
        ("kepala", "surat:keluar", {}),
        ("staf", "surat:konsep", {}),
        ("staf", "surat:konsep", {"proses": "1"}),
        ("kabid", "surat:perlu_paraf", {}),
        ("kepala", "surat:perlu_ttd", {}),
        ("pencatat", "surat:agenda", {}),
        ("pencatat", "surat:eksternal", {}),
        ("kabid", "disposisi:masuk", {}),
        ("kepala", "disposisi:keluar", {}),
    ],
)
def test_the_kept_empty_form_is_the_form_printed_with_nothing_typed(cast, login, siapa, nama, params):
    client = login(getattr(cast, siapa))
    url = reverse(nama)
    kosong = form_saringan(client, url, **params)
    # `q` empty binds the form to the request: printed from the form itself, as before.
    assert form_saringan(client, url, q="", **params) == kosong
    # Paging keys are not the form's: the kept form, the same again.
    assert form_saringan(client, url, halaman="2", **params) == kosong
    assert ('name="proses" value="1"' in kosong) == bool(params)


def test_typed_values_and_errors_come_back(cast, login):
    client = login(cast.kepala_lain)
    url = reverse("surat:masuk")
    typed = form_saringan(client, url, q="pengadaan server", status="belum_dibaca")
    assert 'value="pengadaan server"' in typed
    assert '<option value="belum_dibaca" selected>' in typed
    wrong = form_saringan(client, url, dari="2026-05-02", sampai="2026-05-01")
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in wrong and " open>" in wrong
    # The kept empty form carries none of it.
    kosong = form_saringan(client, url)
    assert "pengadaan server" not in kosong and "Tanggal akhir" not in kosong and " open>" not in kosong


def test_a_new_letter_kind_shows_in_the_kept_form(cast, login):
    client = login(cast.kepala_lain)
    url = reverse("surat:masuk")
    assert "Surat Edaran Uji" not in form_saringan(client, url)
    JenisSurat.objects.create(
        kode="edaran-uji", nama="Surat Edaran Uji", keluarga=JenisSurat.Keluarga.KORESPONDENSI_INTERN
    )
    # The options are kept a while (lib.forms.pilihan_tersimpan); once they are read again, the form is new.
    cache.delete("saringan:jenis")
    cache_lokal.lupakan("saringan:jenis")
    assert "Surat Edaran Uji" in form_saringan(client, url)


def test_saringan_kosong_prints_once_per_key(db):
    dibuat = []

    def buat():
        dibuat.append(1)
        from disposisi.forms import DaftarFilterForm

        return DaftarFilterForm()

    kunci = ("uji", object())
    pertama = saringan_kosong(kunci, "disposisi/_saringan.html", buat)
    assert saringan_kosong(kunci, "disposisi/_saringan.html", buat) is pertama
    assert len(dibuat) == 1
    saringan_kosong(("uji", object()), "disposisi/_saringan.html", buat)
    assert len(dibuat) == 2
    assert 'name="q"' in pertama


def test_the_searchs_kept_filters_are_the_filters_printed_with_none_typed(cast, login):
    client = login(cast.kepala)
    url = reverse("arsip:cari")

    def lanjutan(**params) -> str:
        found = re.findall(r"<details.*?</details>", client.get(url, params).content.decode(), re.S)
        assert len(found) == 1
        return found[0]

    kosong = lanjutan()  # kept from the form with nothing typed
    # Only the words typed: the kept ones, which are what the template prints from that request's form.
    dicetak = render_to_string("arsip/_cari_lanjutan.html", {"form": CariForm({"q": "rapat"})})
    assert lanjutan(q="rapat") == kosong == re.search(r"<details.*?</details>", dicetak, re.S).group()
    assert lanjutan(q="anggaran daerah") == kosong
    # A typed filter or an error opens them, with the value or the message.
    assert 'value="000.1"' in lanjutan(q="rapat", klasifikasi="000.1") and " open>" in lanjutan(klasifikasi="000.1")
    salah = lanjutan(q="x" * 201)
    assert " open>" in salah and salah != kosong
