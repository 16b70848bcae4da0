"""arsip.hasil_cari prints a search's hits: every value escaped, a secret letter's content kept hidden."""

import datetime

from django.utils.safestring import mark_safe

from arsip.hasil_cari import daftar
from arsip.pencarian import Hasil
from organisasi.models import UnitKerja
from surat.models import JenisSurat, Surat


def _surat(**kw) -> Surat:
    s = Surat(pk=41, nomor="B/7 & 8", tanggal=datetime.date(2026, 8, 17), **kw)
    s.jenis = JenisSurat(nama="Nota <Dinas>")
    s.opd = UnitKerja(nama="Dinas <Kominfo>")
    return s


def test_hit_escapes_and_marks():
    h = Hasil(
        _surat(keamanan="terbatas"), True, 1.0, mark_safe("Rapat <mark>anggaran</mark>"), mark_safe("x"), "lampiran"
    )
    html = str(daftar([h]))
    assert '<a class="fs-5 fw-semibold" href="/surat/41/">\nRapat <mark>anggaran</mark>\n</a>' in html
    assert "B/7 &amp; 8 · 17 Agustus 2026 · Nota &lt;Dinas&gt; · Dinas &lt;Kominfo&gt;" in html
    assert '<span class="badge text-bg-warning">Terbatas</span>' in html and "Lampiran/pindaian</span> x" in html


def test_secret_hit_shows_no_content():
    h = Hasil(_surat(keamanan="rahasia", hal="Rahasia negara"), False, 1.0, mark_safe(""), mark_safe(""), "")
    html = str(daftar([h]))
    assert "Isi surat ini hanya untuk penerimanya" in html and "Rahasia negara" not in html
    assert "text-bg-warning" not in html
