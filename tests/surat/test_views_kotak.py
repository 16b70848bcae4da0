"""The list pages, the Beranda work summary and registering paper letters, as the cast sees them."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Penugasan, Peran
from surat import beranda, services, tiba
from surat.forms.kotak import PILIH_ULANG
from surat.models import JenisSurat, Penerima, Surat
from tests.factories import PenugasanFactory, PeranFactory
from tests.waktu import pada

LISTS = ["masuk", "tembusan", "keluar", "konsep", "perlu_paraf", "perlu_ttd"]


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>x</p>").write_pdf()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def page(client, name: str, **params) -> str:
    response = client.get(reverse(f"surat:{name}"), params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str) -> list[str]:
    """The table rows of a list page (without the header)."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return re.findall(r"<tr.*?</tr>", body.group(1), re.S) if body else []


def test_surat_masuk_shows_letters_addressed_to_my_jabatan_only(cast, terkirim, login):
    terkirim(hal="Undangan rapat lalu lintas")
    terkirim(hal="Laporan untuk kabid", tujuan=[cast.kabid.jabatan])
    html = page(login(cast.kepala_lain), "masuk")
    assert "Undangan rapat lalu lintas" in html
    assert "Laporan untuk kabid" not in html
    assert len(rows(html)) == 1

    outsider = page(login(cast.staf_lain), "masuk")
    assert "Undangan rapat lalu lintas" not in outsider
    assert "Belum ada surat masuk. Surat yang dikirim ke jabatan Anda akan muncul di sini." in outsider


def test_unread_rows_are_bold_and_say_so_until_read(cast, terkirim, login):
    surat = terkirim(hal="Surat penting")
    client = login(cast.kepala_lain)
    (row,) = rows(page(client, "masuk"))
    assert 'class="fw-bold"' in row and "Belum dibaca" in row
    assert f'href="{reverse("surat:detail", kwargs={"pk": surat.pk})}"' in row
    services.mark_read(actor=cast.kepala_lain, surat=surat)
    (row,) = rows(page(client, "masuk"))
    assert "fw-bold" not in row and "Belum dibaca" not in row and "Sudah dibaca" in row


def test_masuk_shows_agenda_number_and_urgency_and_security_badges(cast, terkirim, login):
    terkirim(hal="Amat penting", urgensi="amat_segera", keamanan="rahasia")
    (row,) = rows(page(login(cast.kepala_lain), "masuk"))
    assert "Amat Segera" in row and "text-bg-danger" in row
    assert "Rahasia" in row and "bi-lock-fill" in row
    assert re.search(
        r'<td class="eo-k-sempit" data-label="Nomor agenda">1</td>', row
    )  # first line of Dishub's agenda book


def test_tembusan_list(cast, terkirim, login):
    terkirim(hal="Untuk diketahui", tujuan=[cast.kabid.jabatan], tembusan=[cast.kepala_lain.jabatan])
    assert "Untuk diketahui" in page(login(cast.kepala_lain), "tembusan")
    assert "Untuk diketahui" not in page(login(cast.kepala_lain), "masuk")
    assert "Belum ada tembusan" in page(login(cast.staf_lain), "tembusan")


def test_surat_keluar_for_drafter_and_signer_with_addressee(cast, terkirim, login):
    terkirim(hal="Permohonan data")
    for who in (cast.staf, cast.kepala):
        (row,) = rows(page(login(who), "keluar"))
        assert "Permohonan data" in row and "Kepala Dinas Perhubungan" in row
    assert rows(page(login(cast.kepala_lain), "keluar")) == []


def _plh(pegawai, jabatan) -> None:
    """`pegawai` is Plh of `jabatan` from yesterday for ten days."""
    today = timezone.localdate()
    PenugasanFactory(
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=today - datetime.timedelta(days=1),
        selesai=today + datetime.timedelta(days=10),
    )


def test_konsep_lists_drafts_and_those_in_progress(cast, konsep, login):
    draft = konsep(hal="Masih konsep")
    submitted = konsep(hal="Sudah diajukan")
    services.surat_submit(actor=cast.staf, surat=submitted)
    client = login(cast.staf)
    html = page(client, "konsep")
    assert "Masih konsep" in html and "Sudah diajukan" not in html
    proses = page(client, "konsep", proses=1)
    assert "Sudah diajukan" in proses and "Masih konsep" not in proses
    assert "Kepala Bidang Aplikasi Informatika" in proses  # whose paraf it waits for
    assert "Belum ada konsep surat" in page(login(cast.kabid), "konsep")
    assert draft.status == Surat.Status.KONSEP


def test_perlu_paraf_then_perlu_ttd_follow_the_turn(cast, konsep, login):
    surat = konsep(hal="Mohon paraf")
    services.surat_submit(actor=cast.staf, surat=surat)
    assert "Mohon paraf" in page(login(cast.kabid), "perlu_paraf")
    assert "Mohon paraf" not in page(login(cast.kepala), "perlu_paraf")
    assert "Tidak ada surat yang menunggu tanda tangan Anda" in page(login(cast.kepala), "perlu_ttd")
    services.paraf_approve(actor=cast.kabid, surat=surat)
    assert "Mohon paraf" not in page(login(cast.kabid), "perlu_paraf")
    assert "Mohon paraf" in page(login(cast.kepala), "perlu_ttd")
    for outsider in (cast.staf_lain, cast.kepala_lain):
        client = login(outsider)
        assert "Mohon paraf" not in page(client, "perlu_paraf") + page(client, "perlu_ttd")


def test_filters_search_urgency_and_unread(cast, terkirim, login, surat_dinas):
    terkirim(hal="Pengadaan server", urgensi="segera")
    lama = terkirim(hal="Rapat koordinasi", jenis=surat_dinas)
    services.mark_read(actor=cast.kepala_lain, surat=lama)
    client = login(cast.kepala_lain)
    hal = lambda html: re.findall(r'<a class="eo-hal" href="/surat/\d+/">([^<]+)</a>', html)  # noqa: E731
    assert hal(page(client, "masuk", q="server")) == ["Pengadaan server"]
    assert hal(page(client, "masuk", urgensi="segera")) == ["Pengadaan server"]
    assert hal(page(client, "masuk", jenis=surat_dinas.pk)) == ["Rapat koordinasi"]
    assert hal(page(client, "masuk", status="belum_dibaca")) == ["Pengadaan server"]
    assert len(hal(page(client, "masuk", status="belum_ditindaklanjuti"))) == 2
    empty = page(client, "masuk", q="tidak ada yang cocok")
    assert "Tidak ada surat yang cocok dengan saringan Anda" in empty
    today = timezone.localdate().isoformat()
    assert len(hal(page(client, "masuk", dari=today, sampai=today))) == 2
    wrong = page(client, "masuk", dari="2026-05-02", sampai="2026-05-01")
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in wrong


def test_pages_of_25_without_counting(cast, terkirim, login):
    for i in range(27):
        terkirim(hal=f"Surat nomor {i}", verifikator=[])
    client = login(cast.kepala_lain)
    first = page(client, "masuk", q="Surat nomor")
    assert len(rows(first)) == 25 and "Surat nomor 26" in first
    assert "halaman=2" in first and "q=Surat+nomor" in first
    second = page(client, "masuk", q="Surat nomor", halaman=2)
    assert len(rows(second)) == 2 and "Surat nomor 0" in second and "Sebelumnya" in second


@pytest.mark.parametrize("n", [3, 25])
def test_list_pages_cost_constant_queries(cast, terkirim, konsep, login, django_assert_max_num_queries, n):
    for i in range(n):
        terkirim(
            hal=f"Surat {i}",
            verifikator=[],
            tujuan=[cast.kabid.jabatan, {"nama": f"PT Contoh {i}"}],
            tembusan=[cast.kepala_lain.jabatan],
            urgensi="segera",
        )
        services.surat_submit(actor=cast.staf, surat=konsep(hal=f"Konsep {i}"))
        services.surat_submit(actor=cast.staf, surat=konsep(hal=f"Tanpa paraf {i}", verifikator=[]))
        konsep(hal=f"Belum diajukan {i}")
    # Receipts without a stored display name (older and bulk-loaded rows) show their jabatan's name.
    Penerima.objects.filter(jabatan__isnull=False).update(nama_tampil="")
    cases = [
        (cast.kabid, "masuk", {}, n),
        (cast.kepala_lain, "tembusan", {}, n),
        (cast.kepala, "keluar", {}, n),
        (cast.staf, "konsep", {}, n),
        (cast.staf, "konsep", {"proses": 1}, 2 * n),
        (cast.kabid, "perlu_paraf", {}, n),
        (cast.kepala, "perlu_ttd", {}, n),
        (cast.pencatat, "agenda", {}, n),
        (cast.pencatat, "eksternal", {}, n),
    ]
    for who, name, params, expected in cases:
        client = login(who)
        # Session, user, pegawai, acting jabatan, roles, the page (one query), the header's Plt/Plh,
        # Pemda and notifications: the pegawai and its jabatan are loaded once (request.pegawai). On
        # PostgreSQL the page's read also sets its join order (lib/rencana.py): inside the test's
        # transaction that is a savepoint, SET LOCAL, its reset and the release (on a server: SET LOCAL).
        with django_assert_max_num_queries(15 + (4 if connection.vendor == "postgresql" else 0), info=name):
            html = page(client, name, **params)
        assert len(rows(html)) == min(expected, 25), name


def test_pencatat_pages_are_404_for_others(cast, login):
    for who in (cast.kepala, cast.staf, cast.staf_lain):
        client = login(who)
        for name in ("agenda", "agenda_csv", "agenda_xlsx", "catat_masuk", "eksternal"):
            assert client.get(reverse(f"surat:{name}")).status_code == 404, (who, name)


def test_eksternal_list_links_to_the_letter(cast, terkirim, login):
    surat = terkirim(hal="Permohonan ke bank", tujuan=[{"nama": "PT Bank Jateng", "email": "cs@bankjateng.co.id"}])
    html = page(login(cast.pencatat), "eksternal")
    (row,) = rows(html)
    assert "PT Bank Jateng" in row and "cs@bankjateng.co.id" in row and "Permohonan ke bank" in row
    assert f"/surat/{surat.pk}/#kirim-eksternal" in row and "Catat pengiriman" in row


# ---------------------------------------------------------------- paper letters


def catat_data(cast, **kw) -> dict:
    data = {
        "opd": cast.opd.pk,
        "asal_instansi": "Kementerian Dalam Negeri",
        "nomor_asal": "000.1/123/SJ",
        "tanggal_asal": "2026-01-05",
        "tanggal_terima": timezone.localdate().isoformat(),
        "hal": "Undangan sosialisasi SPBE",
        # The first kind by pk (1 in a fresh database; a transactional test's flush writes them anew).
        "jenis": str(JenisSurat.objects.filter(aktif=True).order_by("pk").values_list("pk", flat=True).first()),
        "keamanan": "biasa",
        "urgensi": "segera",
        "ringkasan": "Sosialisasi di Jakarta.",
        "tujuan": cast.kepala.jabatan_id,
    }
    data.update(kw)
    return data


def test_catat_masuk_form_defaults_to_today_and_the_head(cast, login):
    html = page(login(cast.pencatat), "catat_masuk")
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in html
    assert re.search(rf'<option value="{cast.kepala.jabatan_id}" selected>', html)
    assert re.search(r'<input type="file" name="scans"[^>]*multiple', html)


def test_paper_letter_lands_in_kepala_inbox_with_agenda_number(cast, login, media, pdf_bytes):
    client = login(cast.pencatat)
    scans = [
        SimpleUploadedFile("halaman1.pdf", pdf_bytes, "application/pdf"),
        SimpleUploadedFile("halaman2.pdf", pdf_bytes, "application/pdf"),
    ]
    response = client.post(reverse("surat:catat_masuk"), {**catat_data(cast), "scans": scans}, follow=True)
    surat = Surat.objects.get(hal="Undangan sosialisasi SPBE")
    assert response.redirect_chain[-1][0] == reverse("surat:detail", kwargs={"pk": surat.pk})
    tahun = timezone.localdate().year
    assert f"nomor agenda 1/{tahun}" in response.content.decode()
    assert surat.lampiran.count() == 2

    (row,) = rows(page(login(cast.kepala), "masuk"))
    assert "Kementerian Dalam Negeri" in row and "000.1/123/SJ" in row and "Belum dibaca" in row
    assert re.search(r'<td class="eo-k-sempit" data-label="Nomor agenda">1</td>', row)
    assert "Undangan sosialisasi SPBE" in page(login(cast.pencatat), "agenda")
    assert rows(page(login(cast.kepala_lain), "masuk")) == []


def test_catat_masuk_errors_keep_what_was_typed_and_ask_for_files_again(cast, login, media, pdf_bytes):
    client = login(cast.pencatat)
    data = catat_data(cast, hal="", scans=[SimpleUploadedFile("a.pdf", pdf_bytes, "application/pdf")])
    response = client.post(reverse("surat:catat_masuk"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kementerian Dalam Negeri"' in html and 'value="000.1/123/SJ"' in html
    assert "Sosialisasi di Jakarta." in html
    assert "Pilih ulang berkas pindaian" in html and PILIH_ULANG in html
    assert not Surat.objects.filter(asal_instansi="Kementerian Dalam Negeri").exists()


def test_catat_masuk_refuses_non_scan_files_and_foreign_jabatan(cast, login, media):
    client = login(cast.pencatat)
    data = catat_data(
        cast,
        tujuan=cast.kepala_lain.jabatan_id,
        scans=[SimpleUploadedFile("surat.pdf", b"bukan pdf sama sekali", "application/pdf")],
    )
    html = client.post(reverse("surat:catat_masuk"), data).content.decode()
    assert "surat.pdf: Jenis berkas tidak diizinkan" in html
    tujuan_field = html[html.index('id="div_id_tujuan"') :]
    assert "invalid-feedback" in tujuan_field[: tujuan_field.index("</select>") + 400]
    assert not Surat.objects.filter(sumber=Surat.Sumber.MASUK_LUAR).exists()


# ---------------------------------------------------------------- beranda


def test_beranda_counts_and_links(cast, konsep, terkirim, login):
    a = konsep(hal="Menunggu paraf kabid")
    services.surat_submit(actor=cast.staf, surat=a)
    terkirim(hal="Rapat segera", tujuan=[cast.kabid.jabatan], urgensi="amat_segera")
    terkirim(hal="Surat biasa", tujuan=[cast.kabid.jabatan])
    html = login(cast.kabid).get(reverse("beranda")).content.decode()

    def kartu(kunci: str) -> str:
        return re.search(rf'id="kartu-{kunci}">.*?display-5[^>]*>(\d+)<', html, re.S).group(1)

    assert kartu("perlu_paraf") == "1"
    assert kartu("perlu_ttd") == "0"
    assert kartu("masuk_belum_dibaca") == "2"
    assert kartu("masuk_belum_ditindaklanjuti") == "2"
    assert kartu("tembusan_belum_dibaca") == "0"
    assert "kartu-ditandatangani_belum_dikirim" not in html  # not a pencatat
    assert 'href="/surat/masuk/?status=belum_dibaca"' in html
    assert "Tulis surat baru" in html and "Catat surat masuk (kertas)" not in html

    todo = html.split("Yang perlu Anda kerjakan hari ini")[1]
    assert todo.index("Rapat segera") < todo.index("Menunggu paraf kabid")
    assert "Surat biasa" not in todo  # unread but not urgent: stays in Surat Masuk

    outsider = login(cast.staf_lain).get(reverse("beranda")).content.decode()
    assert set(re.findall(r"display-5[^>]*>(\d+)<", outsider)) == {"0"}
    assert "Tidak ada surat mendesak yang menunggu Anda" in outsider


def test_beranda_cards_count_up_to_a_cap_and_say_so_beyond(cast, terkirim, login, monkeypatch):
    monkeypatch.setattr(beranda, "BATAS_ANGKA", 2)
    for i in range(4):
        terkirim(hal=f"Surat {i}", verifikator=[], tujuan=[cast.kabid.jabatan])
    terkirim(hal="Tembusan", verifikator=[], tujuan=[cast.kabid.jabatan], tembusan=[cast.kepala_lain.jabatan])
    semua = beranda._kartu(lambda: Surat.objects.all()).sql()
    tidak_ada = beranda._kartu(lambda: Surat.objects.filter(hal="(tidak ada)")).sql()
    assert beranda.counts(semua=semua, tidak_ada=tidak_ada) == {
        "semua": 3,
        "tidak_ada": 0,
    }

    def kartu(html: str, kunci: str) -> str:
        return re.search(rf'id="kartu-{kunci}">.*?display-5[^>]*>([^<]+)<', html, re.S).group(1)

    html = login(cast.kabid).get(reverse("beranda")).content.decode()
    assert kartu(html, "masuk_belum_dibaca") == "2+" and kartu(html, "perlu_ttd") == "0"
    assert kartu(login(cast.kepala_lain).get(reverse("beranda")).content.decode(), "tembusan_belum_dibaca") == "1"


def test_beranda_for_pencatat_counts_letters_to_send(cast, terkirim, login):
    terkirim(tujuan=[{"nama": "PT Bank Jateng"}])
    html = login(cast.pencatat).get(reverse("beranda")).content.decode()
    assert re.search(r'id="kartu-ditandatangani_belum_dikirim">.*?display-5[^>]*>1<', html, re.S)
    assert "Catat surat masuk (kertas)" in html


def test_pencatat_of_two_opd_chooses_the_opd(cast, terkirim, login):
    PeranFactory(pegawai=cast.pencatat, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    terkirim(hal="Untuk Dishub")
    client = login(cast.pencatat)
    form = page(client, "catat_masuk")
    assert 'name="opd"' in form and "<select" in form.split('name="opd"')[0][-300:]
    assert "Kepala Dinas Perhubungan — Dinas Perhubungan" in form
    assert "Untuk Dishub" not in page(client, "agenda", opd=cast.opd.pk)
    dishub = page(client, "agenda", opd=cast.opd_lain.pk)
    assert "Untuk Dishub" in dishub and "Dinas Perhubungan" in dishub


def test_agenda_of_an_opd_i_do_not_keep_is_not_shown(cast, terkirim, login):
    terkirim(hal="Untuk Dishub")
    html = page(login(cast.pencatat), "agenda", opd=cast.opd_lain.pk)
    assert "Untuk Dishub" not in html
    assert cast.opd.nama in html


def test_pegawai_and_acting_jabatan_are_loaded_once_per_page(cast, login, terkirim):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    terkirim(verifikator=[])
    client = login(cast.kepala_lain)
    with CaptureQueriesContext(connection) as ctx:
        page(client, "masuk")
    sql = [q["sql"] for q in ctx.captured_queries]
    assert len([q for q in sql if _baca_pegawai(q)]) == 1
    # The acting actor (organisasi.acting): own post from the pegawai row, which also says that no Plt/Plh
    # post is in force (the posts themselves are read only when there are some).
    assert not [q for q in sql if not _baca_pegawai(q) and "organisasi_penugasan" in q]


def _baca_pegawai(sql: str) -> bool:
    """The signed-in user's read (organisasi.pegawai_masuk), as SQL or as its statement prepared on the
    server (with DB_CONN_MAX_AGE, lib.kueri_siap.di_server)."""
    return sql.startswith(('SELECT "organisasi_pegawai"', "EXECUTE eo_pegawai_masuk"))


def test_a_plh_reads_the_acting_posts_once_per_page(cast, login):
    _plh(cast.kabid, cast.kepala_lain.jabatan)
    client = login(cast.kabid)
    with CaptureQueriesContext(connection) as ctx:
        html = page(client, "masuk")
    assert f"Plh.</span> {cast.kepala_lain.jabatan.nama}" in html
    sql = [q["sql"] for q in ctx.captured_queries]
    # The check came with the signed-in user's read; then the posts, once.
    assert len([q for q in sql if not _baca_pegawai(q) and "organisasi_penugasan" in q]) == 1


def _link(html: str, label: str) -> str | None:
    """The query string of the pagination link named `label` ("Berikutnya", "Sebelumnya")."""
    m = re.search(rf'<a class="page-link" href="(\?[^"]*)">[^<]*(?:<i[^>]*></i> )?{label}', html)
    return m.group(1).replace("&amp;", "&") if m else None


def test_pages_follow_the_edge_rows_both_ways_and_a_deep_page_costs_what_page_one_costs(
    cast, terkirim, login, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("surat.views.kotak.PER_HALAMAN", 2)
    for i in range(7):
        terkirim(hal=f"Surat nomor {i}", verifikator=[])
    client = login(cast.kepala_lain)
    url = reverse("surat:masuk")
    html = client.get(url).content.decode()
    seen, pages = [], []
    while True:
        pages.append(html)
        seen += re.findall(r"Surat nomor (\d)", "".join(rows(html)))
        nxt = _link(html, "Berikutnya")
        if nxt is None:
            break
        assert "setelah=" in nxt  # keyset: the page starts after the last row shown, not at an offset
        with django_assert_max_num_queries(13, info=nxt):
            html = client.get(url + nxt).content.decode()
    assert seen == ["6", "5", "4", "3", "2", "1", "0"] and len(pages) == 4
    assert "Halaman 4</span>" in pages[-1]
    back = []
    while (prev := _link(html, "Sebelumnya")) is not None:
        html = client.get(url + prev).content.decode()
        back.append(re.findall(r"Surat nomor (\d)", "".join(rows(html))))
    assert back == [["2", "1"], ["4", "3"], ["6", "5"]]
    assert "Halaman 1</span>" in html


def test_a_forged_page_key_shows_the_first_page(cast, terkirim, login):
    terkirim(hal="Surat satu-satunya", verifikator=[])
    html = page(login(cast.kepala_lain), "masuk", setelah="bukan-kunci")
    assert len(rows(html)) == 1 and "Surat satu-satunya" in html


def test_beranda_costs_a_fixed_number_of_queries(cast, terkirim, konsep, login, django_assert_max_num_queries):
    for i in range(5):
        terkirim(hal=f"Surat {i}", verifikator=[], tujuan=[cast.kabid.jabatan])
    client = login(cast.kabid)
    client.get(reverse("beranda"))  # the session's first request also checks two-step verification
    # Session, user, pegawai, Plt/Plh, roles; the letter counters in one query; today's tasks (five: to
    # sign, to initial, the ids of urgent receipts per urgency, then those receipts); the disposition
    # counters; notifications; the disposition panel; the dispositions waiting (to-do) and, on a first
    # sign-in, the tour's role check (issue 15). Constant in the number of letters.
    with django_assert_max_num_queries(20):
        assert client.get(reverse("beranda")).status_code == 200


def test_beranda_to_do_lines_cost_no_query_each(cast, konsep, terkirim, login):
    # The to-do list reads the letters without the lists' joins: a line must not fetch one afterwards.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def kueri(pegawai) -> tuple[int, str]:
        client = login(pegawai)
        client.get(reverse("beranda"))
        with CaptureQueriesContext(connection) as q:
            html = client.get(reverse("beranda")).content.decode()
        return len(q.captured_queries), html

    def tambah(i: int) -> None:
        surat = konsep(hal=f"Menunggu tanda tangan {i}", verifikator=[], urgensi="amat_segera", keamanan="terbatas")
        services.surat_submit(actor=cast.staf, surat=surat)
        terkirim(hal=f"Masuk segera {i}", verifikator=[], urgensi="segera")

    tambah(0)
    satu_kepala, _ = kueri(cast.kepala)
    satu_tujuan, _ = kueri(cast.kepala_lain)
    for i in range(1, 4):
        tambah(i)
    empat_kepala, html_kepala = kueri(cast.kepala)
    empat_tujuan, html_tujuan = kueri(cast.kepala_lain)

    assert (empat_kepala, empat_tujuan) == (satu_kepala, satu_tujuan)
    assert all(f">Menunggu tanda tangan {i}</a>" in html_kepala for i in range(4))
    assert "Amat Segera" in html_kepala and "Terbatas" in html_kepala
    assert all(f">Masuk segera {i}</a>" in html_tujuan for i in range(4))


def test_pencatat_sees_what_arrived_for_the_opd_on_surat_masuk_and_beranda(cast, terkirim, login):
    """Issue 15: letters for the Kepala of the pencatat's OPD are on her Surat Masuk and Beranda, not only
    under Buku Agenda; a letter drops out of "not opened" once its addressee reads it."""
    PeranFactory(pegawai=cast.pencatat, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    dibaca = terkirim(hal="Sudah dibuka kepala")
    terkirim(hal="Belum dibuka kepala", urgensi="segera")
    services.mark_read(actor=cast.kepala_lain, surat=dibaca)
    client = login(cast.pencatat)

    html = page(client, "masuk")
    hari_ini = html.split('id="tiba-hari-ini"')[1].split("</section>")[0]
    belum = html.split('id="belum-dibuka"')[1].split("</section>")[0]
    assert "Sudah dibuka kepala" in hari_ini and "Belum dibuka kepala" in hari_ini
    assert "Kepala Dinas Perhubungan" in hari_ini  # whom it went to
    assert "Belum dibuka kepala" in belum and "Sudah dibuka kepala" not in belum
    assert "Catat surat masuk (kertas)" in html

    halaman_beranda = client.get(reverse("beranda")).content.decode()
    assert re.search(r'id="kartu-opd_hari_ini">.*?display-5[^>]*>2<', halaman_beranda, re.S)
    assert re.search(r'id="kartu-opd_belum_dibuka">.*?display-5[^>]*>1<', halaman_beranda, re.S)
    # the card counts from the unopened receipts; the section lists from the agenda: the same lines
    belum_dibuka = tiba.tiba_di_opd(cast.pencatat, belum_dibuka=True)
    assert beranda.beranda_counters(cast.pencatat)["opd_belum_dibuka"] == belum_dibuka.count() == 1
    assert "opd_belum_dibuka" not in beranda.beranda_counters(cast.kepala_lain)
    assert 'href="/surat/masuk/#belum-dibuka"' in halaman_beranda


def test_opd_mail_section_only_for_the_pencatat_and_not_yesterdays(cast, terkirim, login):
    PeranFactory(pegawai=cast.pencatat, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    with time_machine.travel(pada(timezone.localdate() - datetime.timedelta(days=1), 10), tick=False):
        terkirim(hal="Tiba kemarin")
    html = page(login(cast.pencatat), "masuk")
    assert "Tiba kemarin" not in html.split('id="tiba-hari-ini"')[1].split("</section>")[0]
    assert "Tiba kemarin" in html.split('id="belum-dibuka"')[1].split("</section>")[0]
    kepala = page(login(cast.kepala_lain), "masuk")
    assert 'id="tiba-hari-ini"' not in kepala and "Tiba kemarin" in kepala


def test_dates_show_and_accept_day_month_year(cast, login, media, pdf_bytes):
    """Issue 15: whatever the browser's language, a date field reads dd/mm/yyyy and takes it as typed."""
    client = login(cast.pencatat)
    html = page(client, "catat_masuk")
    assert 'placeholder="hh/bb/tttt"' in html and 'type="date"' not in html
    tanggal = timezone.localdate() - datetime.timedelta(days=2)
    data = catat_data(cast, tanggal_asal=tanggal.strftime("%d/%m/%Y"), hal="Tanggal diketik")
    scans = [SimpleUploadedFile("halaman1.pdf", pdf_bytes, "application/pdf")]
    client.post(reverse("surat:catat_masuk"), {**data, "scans": scans})
    assert Surat.objects.get(hal="Tanggal diketik").tanggal_asal == tanggal


@pytest.mark.parametrize("nama", ["masuk", "tembusan", "keluar", "konsep", "perlu_paraf", "perlu_ttd"])
def test_a_pegawai_without_a_post_sees_empty_lists(db, client, login, nama):
    """Not placed yet (no jabatan): every list of one's own work opens, empty (the prepared reads have no
    branch to read)."""
    from tests.factories import PegawaiFactory

    login(PegawaiFactory(nama="Baru Masuk", jabatan=None))
    html = page(client, nama)
    assert 'class="eo-hal"' not in html


def test_the_newest_unopened_lines_are_read_from_the_newest_unopened_receipts(cast, konsep, terkirim, monkeypatch):
    """The pencatat's "not opened yet" reads the OPD's newest unopened TUJUAN receipts that have a line, only
    as many as it shows, then their lines: old unopened letters behind newer opened ones cost nothing more
    (walking the book read every line back to them). The same lines, newest first, as tiba_di_opd; a
    draft's addressee, a copy, a second addressee in the same OPD and an opened letter left out; none
    unopened: no agenda read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PeranFactory(pegawai=cast.pencatat, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    lama = terkirim(hal="Lama belum dibuka")
    berdua = terkirim(hal="Dua tujuan", tujuan=[cast.kepala_lain.jabatan, cast.staf_lain.jabatan])
    baru = terkirim(hal="Baru belum dibuka")
    dibuka = [terkirim(hal=f"Sudah dibuka {i}", tembusan=[cast.staf_lain.jabatan]) for i in range(3)]
    konsep(hal="Masih konsep")
    for s in dibuka:
        services.mark_read(actor=cast.kepala_lain, surat=s)
    penerima = []
    asli = tiba._PENERIMA_BELUM_DIBUKA
    monkeypatch.setattr(tiba, "_PENERIMA_BELUM_DIBUKA", lambda **kw: penerima.append(asli(**kw)) or penerima[-1])

    semua = list(tiba.tiba_di_opd(cast.pencatat, belum_dibuka=True))
    assert [a.surat_id for a in semua] == [baru.pk, berdua.pk, lama.pk]
    with CaptureQueriesContext(connection) as kueri:
        terbaru = tiba.belum_dibuka_terbaru(cast.pencatat, 2)
    assert [a.pk for a in terbaru] == [a.pk for a in semua[:2]] and len(kueri) == 2
    assert len(penerima[-1]) == 2  # no more receipts than lines shown, however many wait behind them
    assert [a.surat_id for a in tiba.belum_dibuka_terbaru(cast.pencatat, 5)] == [baru.pk, berdua.pk, lama.pk]

    for s in (lama, berdua, baru):
        services.mark_read(actor=cast.kepala_lain, surat=s)
    with CaptureQueriesContext(connection) as kueri:
        assert tiba.belum_dibuka_terbaru(cast.pencatat, 2) == []
    assert len(kueri) == 1  # the receipts only
