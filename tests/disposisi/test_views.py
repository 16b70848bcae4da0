import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from disposisi import services
from disposisi.models import Disposisi
from surat.models import Surat
from tests.factories import JabatanFactory, PegawaiFactory

S = Disposisi.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def satu(cast, surat_masuk, dispose):
    """A letter the kepala disposed to the kabid."""
    surat = surat_masuk()
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan], catatan="Tolong siapkan datanya.")
    return surat, d


def text(response) -> str:
    return response.content.decode()


def test_masuk_lists_my_dispositions_and_filters(cast, login, satu):
    surat, d = satu
    r = login(cast.kabid).get(reverse("disposisi:masuk"))
    assert r.status_code == 200
    assert surat.hal in text(r) and "Belum dibaca" in text(r) and cast.kepala.jabatan.nama in text(r)
    r = login(cast.kabid).get(reverse("disposisi:masuk"), {"status": "selesai"})
    assert surat.hal not in text(r)
    assert "Tidak ada disposisi yang cocok dengan saringan ini." in text(r)


def test_list_rows_escape_and_mark_the_unread(cast, login, surat_masuk, dispose):
    surat = surat_masuk(hal="Rapat <b>penting</b> & mendesak", urgensi="segera")
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan], batas_waktu=timezone.localdate())
    # Overdue since yesterday (a deadline cannot be given in the past).
    Disposisi.objects.filter(pk=d.pk).update(batas_waktu=timezone.localdate() - datetime.timedelta(days=1))
    html = text(login(cast.kabid).get(reverse("disposisi:masuk")))
    assert "Rapat &lt;b&gt;penting&lt;/b&gt; &amp; mendesak" in html and "<b>penting" not in html
    baris = html[html.index(f'href="/disposisi/{d.pk}/"') - 80 :]
    assert "fw-bold" in baris[:120] and "Terlambat" in baris and "(belum dibaca)" in baris
    assert (
        'Batas waktu <strong class="text-danger">' in baris
        and '<span class="badge fs-6 text-bg-warning">Segera</span>' in baris
    )
    assert f"Diberikan {timezone.localtime(d.dibuat):%-d} " in baris


def test_empty_lists_say_so(cast, login):
    assert "Belum ada disposisi untuk Anda." in text(login(cast.staf).get(reverse("disposisi:masuk")))
    assert "Anda belum pernah memberikan disposisi." in text(login(cast.staf).get(reverse("disposisi:keluar")))


def test_keluar_lists_what_i_gave(cast, login, satu):
    surat, d = satu
    r = login(cast.kepala).get(reverse("disposisi:keluar"))
    assert surat.hal in text(r) and f"Kepada: {cast.kabid.jabatan.nama}" in text(r)


def _queries(client, url) -> int:
    # A first request fills the per-process caches (the header's Pemda, ...): count a warm page.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_constant(cast, login, surat_masuk, dispose):
    def add(n):
        for _ in range(n):
            dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan, cast.staf.jabatan])

    add(3)
    kabid, kepala = login(cast.kabid), None
    small_in = _queries(kabid, reverse("disposisi:masuk"))
    kepala = login(cast.kepala)
    small_out = _queries(kepala, reverse("disposisi:keluar"))
    add(12)
    assert _queries(login(cast.kabid), reverse("disposisi:masuk")) == small_in
    assert _queries(login(cast.kepala), reverse("disposisi:keluar")) == small_out


def test_form_is_phone_friendly(cast, login, surat_masuk, instruksi):
    surat = surat_masuk()
    r = login(cast.kepala).get(reverse("disposisi:buat", args=[surat.pk]))
    html = text(r)
    assert r.status_code == 200
    assert f'value="{cast.kabid.jabatan.pk}"' in html and cast.kabid.nama_lengkap in html
    assert cast.staf.jabatan.nama in html and cast.staf_lain.jabatan.nama not in html
    assert 'name="instruksi"' in html and "Untuk diketahui" in html
    assert "data-eo-tanggal" in html and 'placeholder="hh/bb/tttt"' in html and 'name="prioritas"' in html
    assert "list-group-item" in html and "btn-lg" in html  # big click targets
    assert "<table" not in html  # no wide tables on a 390px screen


def test_form_posts_and_shows_errors_next_to_fields(cast, login, surat_masuk, instruksi):
    surat = surat_masuk()
    client = login(cast.kepala)
    url = reverse("disposisi:buat", args=[surat.pk])
    kemarin = timezone.localdate() - datetime.timedelta(days=1)
    r = client.post(url, {"kepada": [cast.kabid.jabatan.pk], "batas_waktu": kemarin.isoformat(), "prioritas": "biasa"})
    assert r.status_code == 200
    assert "Batas waktu tidak boleh sebelum hari ini." in text(r)
    assert "Pilih sedikitnya satu instruksi atau tuliskan catatan." in text(r)
    r = client.post(
        url,
        {
            "kepada": [cast.kabid.jabatan.pk],
            "instruksi": [instruksi["Koordinasikan"].pk],
            "catatan": "Segera.",
            "prioritas": "segera",
        },
    )
    assert r.status_code == 302 and r.url == reverse("disposisi:pohon", args=[surat.pk])
    d = Disposisi.objects.get()
    assert d.prioritas == "segera" and [i.nama for i in d.instruksi.all()] == ["Koordinasikan"]


def test_form_refuses_jabatan_outside_reach(cast, login, surat_masuk, instruksi):
    surat = surat_masuk()
    r = login(cast.kepala).post(
        reverse("disposisi:buat", args=[surat.pk]),
        {"kepada": [cast.staf_lain.jabatan.pk], "catatan": "x", "prioritas": "biasa"},
    )
    assert r.status_code == 200 and not Disposisi.objects.exists()
    assert "Jabatan yang dipilih di luar jangkauan Anda." in text(r)


def test_form_is_404_for_who_may_not_dispose(cast, login, satu):
    surat, d = satu
    assert login(cast.staf).get(reverse("disposisi:buat", args=[surat.pk])).status_code == 404
    assert login(cast.kepala_lain).get(reverse("disposisi:buat", args=[surat.pk])).status_code == 404
    assert login(cast.kepala).get(reverse("disposisi:buat", args=[surat.pk, d.pk])).status_code == 404
    r = login(cast.kabid).get(reverse("disposisi:buat", args=[surat.pk, d.pk]))
    assert r.status_code == 200 and "Teruskan disposisi" in text(r) and "Tolong siapkan datanya." in text(r)


def test_detail_marks_read_and_offers_actions(cast, login, satu):
    surat, d = satu
    r = login(cast.kepala).get(reverse("disposisi:detail", args=[d.pk]))
    assert "Batalkan disposisi" in text(r) and "Kirim laporan" not in text(r)
    d.refresh_from_db()
    assert d.status == S.TERKIRIM  # the sender opening it does not count
    r = login(cast.kabid).get(reverse("disposisi:detail", args=[d.pk]))
    assert "Kirim laporan" in text(r) and "Teruskan ke bawahan" in text(r)
    d.refresh_from_db()
    assert d.status == S.DIBACA


def test_report_with_file_then_download(cast, login, satu, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    surat, d = satu
    client = login(cast.kabid)
    r = client.post(reverse("disposisi:laporkan", args=[d.pk]), {"isi": ""})
    assert "Tuliskan isi laporan tindak lanjut." in text(r)
    r = client.post(
        reverse("disposisi:laporkan", args=[d.pk]),
        {"isi": "Data sudah dikirim.", "berkas": [SimpleUploadedFile("bukti.pdf", PDF)]},
    )
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == S.SELESAI
    lampiran = d.laporan.get().lampiran.get()
    url = reverse("disposisi:lampiran", args=[lampiran.pk])
    r = login(cast.kepala).get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert login(cast.kepala_lain).get(url).status_code == 404
    r = login(cast.kepala).get(reverse("disposisi:pohon", args=[surat.pk]))
    assert "Data sudah dikirim." in text(r) and "bukti.pdf" in text(r) and "1 dari 1" in text(r)


def test_report_by_someone_else_is_404(cast, login, satu):
    surat, d = satu
    r = login(cast.kepala).post(reverse("disposisi:laporkan", args=[d.pk]), {"isi": "Saya yang lapor."})
    assert r.status_code == 404
    d.refresh_from_db()
    assert d.status == S.TERKIRIM


def test_cancel_confirm_and_refusal_once_read(cast, login, surat_masuk, dispose):
    surat = surat_masuk()
    a, b = dispose(cast.kepala, surat, [cast.kabid.jabatan, cast.staf.jabatan])
    client = login(cast.kepala)
    r = client.get(reverse("disposisi:batalkan", args=[a.pk]))
    assert "Ya, batalkan disposisi" in text(r)
    r = client.post(reverse("disposisi:batalkan", args=[a.pk]), follow=True)
    assert f"Disposisi kepada {cast.kabid.jabatan.nama} dibatalkan." in text(r)
    services.disposisi_read(actor=cast.staf, disposisi=b)
    r = client.post(reverse("disposisi:batalkan", args=[b.pk]), follow=True)
    assert "sudah dibaca oleh penerimanya, sehingga tidak dapat dibatalkan" in text(r)
    assert login(cast.kabid).get(reverse("disposisi:batalkan", args=[b.pk])).status_code == 404


def test_tanpa_disposisi(cast, login, surat_masuk):
    surat = surat_masuk()
    r = login(cast.kepala).post(reverse("disposisi:tanpa_disposisi", args=[surat.pk]), {"catatan": "Cukup."})
    assert r.status_code == 302 and r.url == reverse("surat:detail", args=[surat.pk])
    assert login(cast.kabid).post(reverse("disposisi:tanpa_disposisi", args=[surat.pk])).status_code == 404


def test_outsider_gets_404_on_every_page(cast, login, satu):
    surat, d = satu
    client = login(cast.kepala_lain)
    for url in (
        reverse("disposisi:detail", args=[d.pk]),
        reverse("disposisi:batalkan", args=[d.pk]),
        reverse("disposisi:pohon", args=[surat.pk]),
        reverse("disposisi:buat", args=[surat.pk]),
        reverse("disposisi:buat", args=[surat.pk, d.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("disposisi:laporkan", args=[d.pk]), {"isi": "x"}).status_code == 404
    assert client.post(reverse("disposisi:tanpa_disposisi", args=[surat.pk])).status_code == 404


def test_rahasia_letter_pages_only_for_the_tree(cast, login, surat_masuk, dispose):
    surat = surat_masuk(keamanan=Surat.Keamanan.RAHASIA, hal="Hasil audit keamanan")
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    assert login(cast.kabid).get(reverse("disposisi:detail", args=[d.pk])).status_code == 200
    for outsider in (cast.staf, cast.pencatat, cast.admin_opd):
        client = login(outsider)
        assert client.get(reverse("disposisi:detail", args=[d.pk])).status_code == 404
        assert client.get(reverse("disposisi:pohon", args=[surat.pk])).status_code == 404
        assert "Hasil audit keamanan" not in text(client.get(reverse("disposisi:masuk")))


def test_recipient_can_open_the_letter(cast, login, satu):
    surat, d = satu
    assert login(cast.staf).get(reverse("surat:detail", args=[surat.pk])).status_code == 404
    r = login(cast.kabid).get(reverse("surat:detail", args=[surat.pk]))
    assert r.status_code == 200
    assert "Teruskan disposisi" in text(r) and cast.kabid.jabatan.nama in text(r)


def test_letter_page_panel_for_the_addressee(cast, login, surat_masuk):
    surat = surat_masuk()
    r = login(cast.kepala).get(reverse("surat:detail", args=[surat.pk]))
    assert r.status_code == 200
    html = text(r)
    assert reverse("disposisi:buat", args=[surat.pk]) in html and "Disposisikan" in html
    assert "Tidak perlu disposisi" in html and "Surat ini belum didisposisikan." in html


def test_pohon_queries_constant(cast, login, surat_masuk, dispose):
    surat = surat_masuk()

    def grow(n):
        for i in range(n):
            j = JabatanFactory(nama=f"Staf {i}", unit=cast.opd, atasan=cast.kepala.jabatan)
            p = PegawaiFactory(jabatan=j)
            [d] = dispose(cast.kepala, surat, [j])
            services.laporan_create(actor=p, disposisi=d, isi="ok")

    grow(3)
    url = reverse("disposisi:pohon", args=[surat.pk])
    small = _queries(login(cast.kepala), url)
    grow(12)
    assert _queries(login(cast.kepala), url) == small


def test_beranda_cards(cast, login, surat_masuk, dispose):
    lusa = timezone.localdate() + datetime.timedelta(days=2)
    dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan], batas_waktu=lusa)
    html = text(login(cast.kabid).get(reverse("beranda")))
    assert 'id="kartu-disposisi-belum_dibaca"' in html
    assert f"{reverse('disposisi:masuk')}?status=terlambat" in html
    assert "Jatuh tempo dalam 2 hari" in html


def test_lembar_disposisi_pdf_prints_the_entries(cast, login, satu, monkeypatch):
    from surat import pdf

    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: html.encode())  # read the sheet as HTML
    surat, d = satu
    r = login(cast.kepala).get(reverse("surat:lembar_disposisi", args=[surat.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert cast.kabid.jabatan.nama in html and "Tolong siapkan datanya." in html
    assert cast.kepala.nama_lengkap in html


# The letter page with a 50-node tree, warm: the session, the user and their posts (5), the letter and its
# jabatan (2), recipients (1), the notices it marks read (1), timeline and the disposition rule (2),
# attachments, Pemda, paraf chain (3), the dispositions, their instructions, reports and report files (4),
# the unread-notice count (1), the session's save (3, at most once a minute since SesiGeserMiddleware).
# It was 45 before issue 12's third pass (docs/performance.md, "The letter page and the 50-node tree").
HALAMAN_SURAT_POHON_50 = 22


def test_letter_page_with_a_deep_tree_costs_no_more_queries_and_nests_well(
    cast, login, surat_masuk, dispose, django_assert_max_num_queries
):
    """The letter page renders the whole tree in one flat loop; its queries do not grow with the tree and
    stay within the page's budget at 50 nodes."""
    surat = surat_masuk()
    [kabid] = dispose(cast.kepala, surat, [cast.kabid.jabatan])

    def grow(n):
        baru = []
        for _ in range(n):
            j = JabatanFactory(nama=f"Staf {Disposisi.objects.count()}", unit=cast.opd, atasan=cast.kabid.jabatan)
            baru.append((PegawaiFactory(jabatan=j), *dispose(cast.kabid, surat, [j], induk=kabid)))
        # one report per growth, once its siblings exist: the kabid's own disposition stays open
        services.laporan_create(actor=baru[0][0], disposisi=baru[0][1], isi="Sudah selesai.")

    grow(2)
    client = login(cast.kepala)
    url = reverse("surat:detail", args=[surat.pk])
    small = _queries(client, url)
    grow(47)
    with django_assert_max_num_queries(min(small, HALAMAN_SURAT_POHON_50)):
        html = text(client.get(url))
    mulai = html.index('id="eo-disposisi-judul"')
    panel = html[mulai : html.index("</section>", mulai)]
    assert panel.count('class="eo-simpul') == 50 and panel.count("Sudah selesai.") == 2
    assert panel.count("<ul") == panel.count("</ul>") and panel.count("<li") == panel.count("</li>")
    # the kabid's node holds the 49 branches given from it
    assert panel.index("Staf") > panel.index('<ul class="list-unstyled ms-2')


def test_tree_and_reports_escape_what_people_typed(cast, login, surat_masuk, dispose):
    """The tree's nodes and the reports are built in Python (disposisi/pohon_html.py): every typed value
    is escaped, line breaks of a report stay, and a report's file links to its own download."""
    surat = surat_masuk()
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan], catatan='Cek <script>alert("x")</script>')
    berkas = SimpleUploadedFile('data <b>"1"</b>.pdf', PDF, content_type="application/pdf")
    lap = services.laporan_create(actor=cast.kabid, disposisi=d, isi="Baris <i>satu</i>\nbaris dua", berkas=[berkas])
    f = lap.lampiran.get()
    for url in (reverse("surat:detail", args=[surat.pk]), reverse("disposisi:detail", args=[d.pk])):
        html = text(login(cast.kepala).get(url))
        assert "<script>alert" not in html and "<i>satu</i>" not in html and "<b>&quot;1" not in html, url
        assert "Baris &lt;i&gt;satu&lt;/i&gt;<br>baris dua" in html, url
        assert f'href="{reverse("disposisi:lampiran", args=[f.pk])}"' in html, url
        assert escape(f.nama_asli) in html, url
    tree = text(login(cast.kepala).get(reverse("surat:detail", args=[surat.pk])))
    assert "“Cek &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;”" in tree
    assert f'href="{reverse("disposisi:batalkan", args=[d.pk])}"' not in tree  # finished: nothing to cancel
    assert f'<a class="btn btn-outline-primary" href="{reverse("disposisi:detail", args=[d.pk])}">Buka</a>' in tree
