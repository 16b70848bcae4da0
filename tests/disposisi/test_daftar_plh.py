"""Disposisi Masuk and Keluar of a pegawai acting in two posts (Plh): one branch per post, each read with
its own post only, merged newest first, page by page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Jabatan, Penugasan
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory, UnitFactory

# A list read of several posts at once: `"kepada_jabatan_id" IN (%s, %s)`.
DUA_JABATAN = re.compile(r'"(kepada|dari)_jabatan_id" IN \([^)]*,')


@pytest.fixture
def plh(cast) -> Jabatan:
    """A second Kepala Bidang post under the kepala, held by the kabid as Plh from yesterday."""
    jabatan = JabatanFactory(
        nama="Kepala Bidang Statistik",
        unit=UnitFactory(nama="Bidang Statistik", induk=cast.opd),
        atasan=cast.kepala.jabatan,
        eselon=Jabatan.Eselon.III_B,
        is_kepala_unit=True,
    )
    today = timezone.localdate()
    PenugasanFactory(
        pegawai=cast.kabid,
        jabatan=jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=today - datetime.timedelta(days=1),
        selesai=today + datetime.timedelta(days=10),
    )
    return jabatan


def _berikutnya(html: str) -> str | None:
    m = re.search(r'<a class="page-link" href="(\?[^"]*)">[^<]*(?:<i[^>]*></i> )?Berikutnya', html)
    return m.group(1).replace("&amp;", "&") if m else None


def _semua_halaman(client, url: str) -> tuple[list[str], list[str]]:
    """The numbers of the letters on every page, following the "next" links; the first page's SQL (as
    sent, with placeholders: the query log keeps only the last 9,000, which the set-up fills)."""
    sql = []
    with connection.execute_wrapper(lambda execute, q, *args: sql.append(q) or execute(q, *args)):
        html = client.get(url).content.decode()
    seen = []
    while True:
        seen += re.findall(r"Surat nomor (\d)", html)
        if (nxt := _berikutnya(html)) is None:
            return seen, sql
        html = client.get(url + ("&" if "?" in url else "") + nxt.lstrip("?" if "?" in url else "")).content.decode()


def test_a_plh_disposisi_masuk_merges_both_posts_newest_first(cast, login, surat_masuk, dispose, plh, monkeypatch):
    monkeypatch.setattr("disposisi.views.PER_HALAMAN", 2)
    for i in range(5):
        dispose(cast.kepala, surat_masuk(hal=f"Surat nomor {i}"), [plh if i % 2 else cast.kabid.jabatan])
    client = login(cast.kabid)
    url = reverse("disposisi:masuk")
    for _ in range(2):  # the second time from the compiled reads
        seen, sql = _semua_halaman(client, url)
        assert seen == ["4", "3", "2", "1", "0"]
        daftar = [q for q in sql if q.startswith('SELECT "disposisi_disposisi"."id"') and "ORDER BY" in q]
        assert len(daftar) == 2 and not [q for q in daftar if DUA_JABATAN.search(q)]
    # With a filter the branches are built as they are read (not compiled), each with its own post too.
    seen, sql = _semua_halaman(client, url + "?q=Surat+nomor")
    assert seen == ["4", "3", "2", "1", "0"]
    daftar = [q for q in sql if q.startswith('SELECT "disposisi_disposisi"."id"') and "ORDER BY" in q]
    assert len(daftar) == 2 and not [q for q in daftar if DUA_JABATAN.search(q)]
    # The letters stay readable: access counts both posts.
    assert "Surat nomor 3" in client.get(url).content.decode()


def test_a_plh_disposisi_keluar_lists_what_either_post_gave(cast, login, surat_masuk, dispose, plh):
    statistisi = PegawaiFactory(jabatan=JabatanFactory(nama="Statistisi", unit=plh.unit, atasan=plh))
    [ke_kabid] = dispose(cast.kepala, surat_masuk(hal="Surat nomor 1"), [cast.kabid.jabatan])
    [ke_plh] = dispose(cast.kepala, surat_masuk(hal="Surat nomor 2"), [plh])
    dispose(cast.kabid, ke_kabid.surat, [cast.staf.jabatan], induk=ke_kabid)
    dispose(cast.kabid, ke_plh.surat, [statistisi.jabatan], induk=ke_plh)
    seen, sql = _semua_halaman(login(cast.kabid), reverse("disposisi:keluar"))
    assert seen == ["2", "1"]
    daftar = [q for q in sql if q.startswith('SELECT "disposisi_disposisi"."id"') and "ORDER BY" in q]
    assert len(daftar) == 2 and not [q for q in daftar if DUA_JABATAN.search(q)]
