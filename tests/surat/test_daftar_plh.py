"""The lists and the Beranda of a pegawai acting in two posts (a Plt/Plh): each post's rows are read as
their own branch, along their own index, and merged."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surat import beranda
from tests.surat.test_views_kotak import _link, _plh, page, rows

# A read of several posts at once: `... "jabatan_id" IN (3, 5)` (SQL as captured, values in place).
DUA_JABATAN = re.compile(r'"jabatan_id" IN \([^)]*,')


def test_surat_keluar_of_a_plh_holds_both_posts_letters(cast, terkirim, login):
    """A Plh acts in two posts: Surat Keluar merges four branches (drafted or signed, per post), each read
    compiled with its own post only. It answered 500 before (a post's value did not reach another post's
    SQL, which lib.kueri_siap refuses)."""
    _plh(cast.kabid, cast.kepala.jabatan)
    terkirim(hal="Ditandatangani Kepala")
    client = login(cast.kabid)
    for _ in range(2):  # the second time from the compiled reads
        (row,) = rows(page(client, "keluar"))
        assert "Ditandatangani Kepala" in row
    assert [row for row in rows(page(login(cast.kepala), "keluar")) if "Ditandatangani Kepala" in row]


def test_a_plh_inbox_merges_both_jabatan_newest_first_page_by_page(
    cast, terkirim, login, monkeypatch, django_assert_max_num_queries
):
    _plh(cast.kabid, cast.kepala_lain.jabatan)
    monkeypatch.setattr("surat.views.kotak.PER_HALAMAN", 2)
    for i in range(5):
        tujuan = cast.kabid.jabatan if i % 2 else cast.kepala_lain.jabatan
        terkirim(hal=f"Surat nomor {i}", verifikator=[], tujuan=[tujuan])
    client = login(cast.kabid)
    url = reverse("surat:masuk")
    for _ in range(2):  # the second time from the compiled reads
        with CaptureQueriesContext(connection) as ctx:
            html, seen = client.get(url).content.decode(), []
        while True:
            seen += re.findall(r"Surat nomor (\d)", "".join(rows(html)))
            if (nxt := _link(html, "Berikutnya")) is None:
                break
            with django_assert_max_num_queries(14, info=nxt):  # one query per jabatan
                html = client.get(url + nxt).content.decode()
        assert seen == ["4", "3", "2", "1", "0"]
    # Each branch names its own post only: as `IN (both) AND = one`, PostgreSQL multiplied the two
    # estimates and sorted every receipt of the post instead of walking its index.
    daftar = [q["sql"] for q in ctx.captured_queries if "ORDER BY" in q["sql"] and "surat_penerima" in q["sql"]]
    assert len(daftar) == 2 and not [q for q in daftar if DUA_JABATAN.search(q)]


def test_a_plh_beranda_lists_the_urgent_letters_of_both_posts_oldest_first(cast, terkirim, login, monkeypatch):
    """The Beranda's urgent letters not acted on: one read per post, merged oldest first, at most five."""
    _plh(cast.kabid, cast.kepala_lain.jabatan)
    for i in range(7):
        tujuan = cast.kabid.jabatan if i % 2 else cast.kepala_lain.jabatan
        terkirim(hal=f"Segera nomor {i}", urgensi="amat_segera", verifikator=[], tujuan=[tujuan])
    # The read is prepared on the server (its SQL is an EXECUTE there): what it is asked for is checked.
    dibaca, asli = [], beranda._SEGERA
    monkeypatch.setattr(beranda, "_SEGERA", lambda **nilai: dibaca.append(tuple(nilai["ids"])) or asli(**nilai))
    tugas = beranda.tugas_hari_ini(cast.kabid)
    assert [t.surat.hal for t in tugas] == [f"Segera nomor {i}" for i in range(5)]
    assert sorted(dibaca) == sorted([(cast.kabid.jabatan_id,), (cast.kepala_lain.jabatan_id,)])
    html = login(cast.kabid).get(reverse("beranda")).content.decode()
    assert all(f"Segera nomor {i}" in html for i in range(5)) and "Segera nomor 5" not in html
