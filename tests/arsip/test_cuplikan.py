"""Search snippets: the window around the first matching word, cut in the database on PostgreSQL exactly
as in Python, so a hit in a scan of hundreds of kilobytes moves a few hundred characters."""

import pytest
from django.db import connection
from django.urls import reverse

from arsip import cuplikan, indeks
from arsip.models import SuratIndeks
from surat.models import Surat

from .test_pencarian import _cari


def test_window_with_context_and_ellipses():
    teks = "Awal. " + "isi " * 60 + "Jadwal pemeliharaan jaringan " + "lanjut " * 100
    hasil = cuplikan.sorot(teks, ["pemeliharaan"])
    assert hasil.startswith("… ") and hasil.endswith(" …")
    assert "<mark>pemeliharaan</mark>" in hasil and "Awal" not in hasil
    assert len(hasil) < 2 * cuplikan.LEBAR + 3 * cuplikan.LEBAR
    assert cuplikan.sorot("Pemeliharaan di awal.", ["pemeliharaan"]) == "<mark>Pemeliharaan</mark> di awal."
    assert cuplikan.sorot("tidak ada", ["rapat"]) == ""


def test_a_window_starting_inside_a_word_does_not_mark_its_tail():
    """The window starts 90 characters before the match; when that lands inside a word that ends like a
    search word ('Xab'), the tail is not a word start."""
    teks = "Q" * 10 + "Xab" + "." * 87 + " ab selesai"
    window = cuplikan.jendela(teks, ["ab"])
    assert window[0].startswith("Xab") and window[1]
    hasil = cuplikan.tandai(window, ["ab"])
    assert hasil.startswith("… ab") and hasil.count("<mark>") == 1


@pytest.fixture
def indeks_dengan(cast, terkirim):
    """Letters whose index rows hold the given body and attachments' texts."""

    def _buat(*pasangan):
        surat = [terkirim(hal=f"Surat {i}") for i in range(len(pasangan))]
        indeks.rebuild([s.pk for s in surat])
        for s, (isi, lampiran) in zip(surat, pasangan, strict=True):
            SuratIndeks.objects.filter(pk=s.pk).update(isi=isi, lampiran=lampiran)
        indeks._vectors([s.pk for s in surat])  # the words of the new texts (PostgreSQL)
        return surat

    return _buat


@pytest.mark.postgres
def test_the_database_cuts_the_same_window_as_python(indeks_dengan):
    if connection.vendor != "postgresql":
        pytest.skip("jendela dipotong di basis data hanya di PostgreSQL")
    panjang = "kata " * 40
    kasus = [
        ("Rapat koordinasi di awal.", ""),  # at the start, no ellipsis
        (panjang + "rapat tengah " + panjang, "rapat di lampiran"),  # the body wins
        ("perapatan bukan awal kata", panjang * 3 + "Rapat-rapat — pindaian é ü " + panjang * 5),  # from the scan
        ("tidak cocok", "tidak juga"),  # left out
        ("Xrapat" + "." * 84 + " rapat", ""),  # a window starting inside a word
        ("ü" * 95 + " rapat " + "ü" * 300, ""),  # multi-byte characters on both sides
    ]
    surat = indeks_dengan(*kasus)
    kata = ["rapat", "ab"]
    dibaca = Surat.objects.filter(pk__in=[s.pk for s in surat]).annotate(
        c=cuplikan.di_basis_data(cuplikan.pola_postgres(kata))
    )
    windows = {s.pk: w for s in dibaca if (w := cuplikan.dari_basis_data(s.c))}
    for s, (isi, lampiran) in zip(surat, kasus, strict=True):
        harapan = next(
            ((nama, w) for nama, teks in (("isi", isi), ("lampiran", lampiran)) if (w := cuplikan.jendela(teks, kata))),
            None,
        )
        assert windows.get(s.pk) == harapan, isi[:30]
    assert surat[3].pk not in windows and windows[surat[2].pk][0] == "lampiran"


def test_a_match_deep_in_a_large_scan_gives_a_short_snippet(cast, indeks_dengan, login):
    scan = ("halaman pindaian tanpa kata dicari. " * 9000) + "Notulen pembangunan jembatan. " + "akhir " * 5000
    (surat,) = indeks_dengan(("<p>Isi biasa.</p>", scan))
    hasil = _cari(cast.kepala, "jembatan")
    assert [h.surat for h in hasil.baris] == [surat]
    assert hasil.baris[0].sumber == "lampiran" and "<mark>jembatan</mark>" in hasil.baris[0].cuplikan
    assert len(hasil.baris[0].cuplikan) < 400
    page = login(cast.kepala).get(reverse("arsip:cari"), {"q": "jembatan"}).content.decode()
    assert "<mark>jembatan</mark>" in page and "Lampiran/pindaian" in page
    if connection.vendor == "postgresql":  # the long texts stay in the database; only the window comes back
        assert {"isi", "lampiran"} <= hasil.baris[0].surat.indeks.get_deferred_fields()
