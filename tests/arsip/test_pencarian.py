"""The search box: ranking, filters, snippets, and the no-leak rule."""

import datetime

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from arsip import indeks
from arsip.cuplikan import sorot
from arsip.pencarian import Saringan, cari, kata_kunci
from surat.models import Surat


@pytest.fixture
def diindeks(cast):
    """Index every letter (what the hooks do after commit)."""

    def _run():
        indeks.rebuild(Surat.objects.values_list("pk", flat=True))

    return _run


def _cari(pegawai, q, **kw):
    return cari(pegawai, Saringan(q=q, **kw))


def test_match_in_hal_ranks_before_match_in_body(cast, terkirim, diindeks):
    isi = terkirim(hal="Laporan bulanan", isi="<p>Termasuk jadwal pemeliharaan jaringan.</p>")
    hal = terkirim(hal="Pemeliharaan jaringan fiber optik")
    terkirim(hal="Hal lain sama sekali")
    diindeks()
    hasil = _cari(cast.kepala, "pemeliharaan jaringan")
    assert [h.surat for h in hasil.baris] == [hal, isi] and hasil.jumlah == 2
    assert "<mark>Pemeliharaan</mark> <mark>jaringan</mark>" in hasil.baris[0].judul
    assert "<mark>pemeliharaan</mark>" in hasil.baris[1].cuplikan and hasil.baris[1].sumber == "isi"


def test_nomor_and_sender_and_prefix_words(cast, terkirim, catat, diindeks):
    keluar = terkirim()
    masuk = catat(asal_instansi="Badan Pusat Statistik", nomor_asal="B-77/BPS/2026")
    diindeks()
    assert [h.surat for h in _cari(cast.kepala, keluar.nomor).baris][0] == keluar
    assert [h.surat for h in _cari(cast.kepala, "B-77/BPS").baris] == [masuk]
    assert [h.surat for h in _cari(cast.kepala, "pusa").baris] == [masuk]  # word prefix


def test_filters(cast, terkirim, catat, surat_dinas, diindeks):
    nota = terkirim(hal="Koordinasi anggaran")
    masuk = catat(hal="Koordinasi anggaran daerah", keamanan="terbatas")
    diindeks()
    assert {h.surat for h in _cari(cast.kepala, "koordinasi").baris} == {nota, masuk}
    assert [h.surat for h in _cari(cast.kepala, "koordinasi", jenis=nota.jenis_id).baris] == [nota]
    assert [h.surat for h in _cari(cast.kepala, "koordinasi", keamanan="terbatas").baris] == [masuk]
    besok = timezone.localdate() + datetime.timedelta(days=1)
    assert _cari(cast.kepala, "koordinasi", dari=besok).baris == []
    assert {h.surat for h in _cari(cast.kepala, "koordinasi", klasifikasi="000").baris} == {nota, masuk}
    assert _cari(cast.kepala, "koordinasi", klasifikasi="000.2").baris == []
    assert [h.surat for h in _cari(cast.kepala, "koordinasi", opd=cast.opd.pk, jenis=nota.jenis_id).baris] == [nota]


def test_outsider_finds_nothing(cast, terkirim, catat, diindeks):
    terkirim(hal="Pengadaan server")
    catat(hal="Pengadaan server cadangan")
    diindeks()
    hasil = _cari(cast.staf_lain, "pengadaan")
    assert hasil.baris == [] and hasil.jumlah == 0


def test_rahasia_content_is_hidden_from_the_pencatat_but_not_from_the_addressee(cast, catat, diindeks):
    surat = catat(hal="Dugaan pelanggaran disiplin", keamanan="rahasia", ringkasan="nama terlapor Budi")
    diindeks()
    assert _cari(cast.pencatat, "pelanggaran disiplin").baris == []
    assert _cari(cast.pencatat, "terlapor").jumlah == 0
    (baris,) = _cari(cast.pencatat, "B-100/OTDA").baris  # the register line is the pencatat's own work
    assert baris.surat == surat and not baris.boleh_isi and baris.judul == ""
    assert "pelanggaran" not in baris.cuplikan and "terlapor" not in baris.cuplikan
    (kepala,) = _cari(cast.kepala, "terlapor").baris
    assert kepala.boleh_isi and "<mark>terlapor</mark>" in kepala.cuplikan


def test_search_page(cast, terkirim, login, diindeks):
    terkirim(hal="Rapat <b>evaluasi</b> SPBE")
    diindeks()
    client = login(cast.kepala)
    page = client.get(reverse("arsip:cari"), {"q": "evaluasi"}).content.decode()
    assert "Ditemukan 1 surat" in page and "<mark>evaluasi</mark>" in page and "<b>evaluasi" not in page
    outsider = login(cast.staf_lain).get(reverse("arsip:cari"), {"q": "evaluasi"}).content.decode()
    assert "Tidak ada surat yang cocok" in outsider
    bad = client.get(reverse("arsip:cari"), {"q": "x", "dari": "2026-02-01", "sampai": "2026-01-01"}).content.decode()
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in bad


def test_hooks_index_a_signed_letter(cast, konsep):
    from surat import services

    surat = konsep(hal="Sosialisasi tanda tangan elektronik")
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.sign(actor=cast.kepala, surat=surat)
    assert [h.surat for h in _cari(cast.kepala_lain, "sosialisasi").baris] == [surat]


def test_words_and_highlight_helpers():
    assert kata_kunci("Rapat  a KOORDINASI!") == ["rapat", "koordinasi"]
    assert sorot("<script>rapat</script>", ["rapat"]) == "&lt;script&gt;<mark>rapat</mark>&lt;/script&gt;"


def test_search_scope_is_exactly_what_visible_to_allows(cast, terkirim, catat):
    """The search's scope on PostgreSQL (the UNION of the two access index scans) is the one rule."""
    from surat.models import AksesSurat

    terkirim()
    catat(keamanan="rahasia")
    terkirim(tujuan=[cast.kabid.jabatan])
    for pegawai in (cast.kepala, cast.kabid, cast.staf, cast.pencatat, cast.kepala_lain, cast.staf_lain):
        scope = Surat.objects.filter(pk__in=AksesSurat.objects.surat_ids(pegawai))
        assert set(scope) == set(Surat.objects.visible_to(pegawai)), pegawai


def test_count_is_exact_up_to_the_cap_and_beyond_it_says_more_than_and_how_to_narrow(
    cast, terkirim, login, diindeks, monkeypatch
):
    monkeypatch.setattr("arsip.pencarian.MAKS_HITUNG", 3)
    for _ in range(3):
        terkirim(hal="Rapat evaluasi anggaran")
    terkirim(hal="Evaluasi kinerja")
    diindeks()
    lebih = _cari(cast.kepala, "evaluasi")
    assert lebih.jumlah == 3 and lebih.lebih and len(lebih.baris) == 4
    tepat = _cari(cast.kepala, "anggaran")  # exactly as many as the cap: counted
    assert tepat.jumlah == 3 and not tepat.lebih
    client = login(cast.kepala)
    page = client.get(reverse("arsip:cari"), {"q": "evaluasi"}).content.decode()
    assert "Lebih dari 3 surat cocok." in page and "tambahkan kata lain atau pakai saringan" in page
    assert "Ditemukan" not in page
    page = client.get(reverse("arsip:cari"), {"q": "anggaran"}).content.decode()
    assert "Ditemukan 3 surat." in page and "Lebih dari" not in page and "pakai saringan" not in page


def test_capped_count_counts_only_letters_the_user_may_see(cast, terkirim, diindeks, monkeypatch):
    monkeypatch.setattr("arsip.pencarian.MAKS_HITUNG", 2)
    terlihat = [terkirim(hal="Pengadaan genset", verifikator=[]) for _ in range(2)]
    tersembunyi = [terkirim(hal="Pengadaan genset", tujuan=[cast.kabid.jabatan]) for _ in range(2)]
    diindeks()
    assert set(Surat.objects.visible_to(cast.kepala_lain).filter(hal="Pengadaan genset")) == set(terlihat)
    hasil = _cari(cast.kepala_lain, "genset")
    assert hasil.jumlah == 2 and not hasil.lebih
    assert {h.surat for h in hasil.baris} == set(terlihat) and not set(tersembunyi) & {h.surat for h in hasil.baris}
    assert _cari(cast.kepala, "genset").lebih  # the four together are more than the cap


@pytest.mark.parametrize("jendela", [1, 2, 3000])
def test_pages_beyond_the_cap_follow_each_other_without_a_total(cast, terkirim, diindeks, login, monkeypatch, jendela):
    """The three ways to the newest matches on PostgreSQL (the window; a window too short but dense, read
    further; the GIN when the window holds too few): every match once, over pages linked by
    "Berikutnya", while the count says only "more than"."""
    from django.db import connection

    from arsip import pencarian

    monkeypatch.setattr("arsip.pencarian.MAKS_HITUNG", 2)
    monkeypatch.setattr("arsip.pencarian.PERINGKAT_MAKS", 1)
    monkeypatch.setattr("arsip.pencarian.JENDELA", jendela)
    monkeypatch.setattr("arsip.pencarian.PERIKSA", jendela)
    monkeypatch.setattr("arsip.pencarian.UMUM", 0.0)  # always try the window (a test database has no statistics)
    jauh = []
    di_jendela = pencarian._di_jendela
    monkeypatch.setattr(
        "arsip.pencarian._di_jendela", lambda *a, kali=1: jauh.append(kali) or di_jendela(*a, kali=kali)
    )
    semua = [terkirim(hal=f"Sosialisasi aplikasi {i}", verifikator=[]) for i in range(5)]
    diindeks()
    halaman = [cari(cast.kepala, Saringan(q="sosialisasi"), halaman=1, per_halaman=2)]
    pertama = list(jauh)
    halaman += [cari(cast.kepala, Saringan(q="sosialisasi"), halaman=n, per_halaman=2) for n in (2, 3)]
    assert [len(h.baris) for h in halaman] == [2, 2, 1]
    assert [h.ada_berikutnya for h in halaman] == [True, True, False]
    assert all(h.lebih and h.jumlah == 2 for h in halaman)
    assert sorted(x.surat.pk for h in halaman for x in h.baris) == sorted(s.pk for s in semua)
    if connection.vendor == "postgresql":  # page 1 reads 4: 2 ranked, 3 for the page, one more than the cap
        assert pertama == {1: [1], 2: [1, 4], 3000: [1]}[jendela]
    monkeypatch.setitem(cari.__kwdefaults__, "per_halaman", 2)
    page = login(cast.kepala).get(reverse("arsip:cari"), {"q": "sosialisasi", "halaman": 2}).content.decode()
    assert "Lebih dari 2 surat cocok (halaman 2)." in page and "Berikutnya" in page and "Sebelumnya" in page


@pytest.mark.postgres
@pytest.mark.parametrize("jendela", [1, 3000])
def test_only_the_newest_matches_are_ranked_the_rest_follow_newest_first(
    cast, terkirim, diindeks, monkeypatch, jendela
):
    """Both ways to the newest matches (the window of the newest letters, or the GIN when the window holds
    too few) give the same page."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("peringkat terbatas hanya di PostgreSQL")
    monkeypatch.setattr("arsip.pencarian.PERINGKAT_MAKS", 1)
    monkeypatch.setattr("arsip.pencarian.JENDELA", jendela)
    monkeypatch.setattr("arsip.pencarian.UMUM", 0.0)  # always try the window (a test database has no statistics)
    lama = terkirim(hal="Pemeliharaan jaringan fiber optik")  # older, better rank
    baru = terkirim(hal="Laporan bulanan", isi="<p>Jadwal pemeliharaan jaringan.</p>")
    diindeks()
    hasil = _cari(cast.kepala, "pemeliharaan jaringan")
    assert [h.surat for h in hasil.baris] == [baru, lama] and hasil.jumlah == 2


def test_a_number_is_found_by_its_start_ignoring_case(cast, terkirim, catat, diindeks):
    keluar = terkirim()
    masuk = catat(nomor_asal="B-77/BPS/2026")
    diindeks()
    awal = keluar.nomor.rsplit("/", 1)[0].lower()
    assert [h.surat for h in _cari(cast.kepala, awal).baris] == [keluar]
    assert [h.surat for h in _cari(cast.kepala, "b-77/bps").baris] == [masuk]
    assert _cari(cast.kepala, "77/BPS/2026").baris == []  # the middle of a number is not its start
    assert _cari(cast.staf_lain, keluar.nomor).baris == []


def test_access_keys_follow_a_disposition_given_and_cancelled(
    cast, terkirim, diindeks, django_capture_on_commit_callbacks
):
    from arsip.models import SuratIndeks
    from disposisi import services as disposisi_services

    surat = terkirim(hal="Pengadaan server arsip", verifikator=[])
    diindeks()
    kunci = f"j{cast.staf_lain.jabatan_id}"
    assert kunci not in SuratIndeks.objects.get(surat=surat).akses.split()
    assert not _cari(cast.staf_lain, "server").baris
    with django_capture_on_commit_callbacks(execute=True):
        [d] = disposisi_services.disposisi_create(
            actor=cast.kepala_lain,
            surat=surat,
            dari_jabatan=cast.kepala_lain.jabatan,
            kepada=[cast.staf_lain.jabatan],
            catatan="Mohon dicek.",
        )
    assert kunci in SuratIndeks.objects.get(surat=surat).akses.split()
    assert [h.surat for h in _cari(cast.staf_lain, "server").baris] == [surat]
    with django_capture_on_commit_callbacks(execute=True):
        disposisi_services.disposisi_cancel(actor=cast.kepala_lain, disposisi=d)
    assert kunci not in SuratIndeks.objects.get(surat=surat).akses.split()
    assert not _cari(cast.staf_lain, "server").baris


def test_search_page_costs_a_fixed_number_of_queries(cast, terkirim, diindeks, login, django_assert_max_num_queries):
    for i in range(25):
        terkirim(hal=f"Rapat koordinasi {i}", verifikator=[])
    diindeks()
    client = login(cast.kepala_lain)
    # The first request of a session also checks two-step verification and fills per-process caches.
    client.get(reverse("arsip:cari"), {"q": "rapat"})
    # Session, user, pegawai, Plt/Plh, roles, Pemda, notifications, the form's choices; the ranked page
    # with its capped count (one query, after raising work_mem for it on PostgreSQL), the ranks, the
    # page's letters.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("arsip:cari"), {"q": "rapat"})
    assert response.status_code == 200 and "koordinasi 24" in response.content.decode()


def test_a_word_is_common_by_the_most_common_word_it_starts(monkeypatch):
    """arsip.pencarian._umum: the share of letters with all words, each the largest share among the
    statistics' words it is a prefix of; a word that starts none of them is rare."""
    import time

    from arsip import pencarian

    kata = {"rapat": 0.3, "rapi": 0.02, "raya": 0.5, "surat": 0.9, "tugas": 0.05}
    monkeypatch.setattr(pencarian, "_statistik", (time.monotonic() + 60, sorted(kata), [kata[k] for k in sorted(kata)]))
    assert pencarian._umum(["rap"]) and pencarian._umum(["ra"]) and pencarian._umum(["surat"])
    assert not pencarian._umum(["rapi"]) and not pencarian._umum(["zebra"]) and not pencarian._umum(["surat", "tugas"])
    assert pencarian._umum(["sur", "rap"]) is (0.9 * 0.3 >= pencarian.UMUM)
