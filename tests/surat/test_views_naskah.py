"""The letter pages: drafting through the form, the detail page, and every action on one letter."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surat import services, signing
from surat.models import JenisSurat, Penerima, Surat
from tte.errors import PassphraseSalah

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _tanpa_pdf(monkeypatch):
    """The PDF and the electronic signature have their own tests (tests/tte, tests/surat/test_pdf*);
    these pages only need signing to succeed or fail."""
    monkeypatch.setattr(signing, "_render_and_sign", lambda surat, passphrase: None)


def form_data(cast, kka, jenis, **kw):
    """POST data of the draft form as a browser sends it (one empty external row)."""
    data = {
        "jenis": str(jenis.pk),
        "hal": "Undangan rapat koordinasi aplikasi",
        "klasifikasi": f"{kka.kode} {kka.nama}",
        "keamanan": "biasa",
        "urgensi": "biasa",
        "isi": "<p>Dengan hormat, kami <b>mengundang</b> Bapak/Ibu.</p>",
        "tujuan": [str(cast.kepala_lain.jabatan_id)],
        "tembusan": [],
        "penandatangan": str(cast.kepala.jabatan_id),
        "atas_nama": "",
        "verifikator_1": str(cast.kabid.jabatan_id),
        "verifikator_2": "",
        "verifikator_3": "",
        "luar-TOTAL_FORMS": "1",
        "luar-INITIAL_FORMS": "0",
        "luar-MIN_NUM_FORMS": "0",
        "luar-MAX_NUM_FORMS": "1000",
        "luar-0-jenis": "tujuan",
        "luar-0-nama": "",
        "luar-0-alamat": "",
        "luar-0-email": "",
        "aksi": "simpan",
    }
    data.update(kw)
    return data


def url(name, surat):
    return reverse(f"surat:{name}", args=[surat.pk])


# ---------------------------------------------------------------- drafting


def test_staf_creates_draft_through_form_with_external_addressee(cast, login, kka, nota_dinas):
    client = login(cast.staf)
    assert client.get(reverse("surat:konsep_baru")).status_code == 200
    data = form_data(
        cast,
        kka,
        nota_dinas,
        **{
            "luar-0-nama": "PT Telkom Indonesia",
            "luar-0-alamat": "Jl. Slamet Riyadi 1",
            "luar-0-email": "tu@telkom.co.id",
        },
    )
    data["lampiran"] = [SimpleUploadedFile("undangan.pdf", PDF, content_type="application/pdf")]
    response = client.post(reverse("surat:konsep_baru"), data, follow=True)

    surat = Surat.objects.get()
    assert surat.status == Surat.Status.KONSEP
    assert surat.hal == "Undangan rapat koordinasi aplikasi"
    assert "<b>mengundang</b>" in surat.isi
    assert [v.jabatan for v in surat.verifikator.all()] == [cast.kabid.jabatan]
    assert {p.nama for p in surat.penerima.all()} == {"Kepala Dinas Perhubungan", "PT Telkom Indonesia"}
    assert surat.lampiran.get().nama_asli == "undangan.pdf"
    page = response.content.decode()
    assert "Konsep surat tersimpan" in page
    assert "Nomor: (diisi saat ditandatangani)" in page
    assert "PT Telkom Indonesia" in page
    assert "1 (satu) berkas" in page


def test_invalid_draft_keeps_everything_typed(cast, login, kka, nota_dinas):
    client = login(cast.staf)
    data = form_data(
        cast,
        kka,
        nota_dinas,
        hal="Permohonan data lalu lintas",
        klasifikasi="999.999 tidak ada",
        isi="<p>Kalimat yang diketik dengan susah payah.</p><script>alert(1)</script>",
        **{"luar-0-nama": "Dinas Perhubungan Provinsi", "luar-0-email": "bukan-email"},
    )
    response = client.post(reverse("surat:konsep_baru"), data)

    assert response.status_code == 200
    assert not Surat.objects.exists()
    page = response.content.decode()
    assert "Kode klasifikasi “999.999” tidak ditemukan" in page
    assert "Alamat email tidak sah" in page
    assert 'value="Permohonan data lalu lintas"' in page
    assert "Kalimat yang diketik dengan susah payah." in page
    assert "alert(1)" not in page
    assert 'value="Dinas Perhubungan Provinsi"' in page
    assert 'value="bukan-email"' in page


def test_service_error_is_shown_next_to_its_field(cast, login, kka, nota_dinas):
    client = login(cast.staf)
    data = form_data(cast, kka, nota_dinas, verifikator_1=str(cast.kepala.jabatan_id))
    response = client.post(reverse("surat:konsep_baru"), data)
    assert response.status_code == 200
    assert not Surat.objects.exists()
    assert "Penandatangan tidak perlu menjadi verifikator." in response.content.decode()


def test_extra_fields_of_each_kind_are_on_the_form_and_saved(cast, login, kka):
    undangan = JenisSurat.objects.get(kode="surat-undangan")
    client = login(cast.staf)
    page = client.get(reverse("surat:konsep_baru")).content.decode()
    assert f'data-eo-jenis="{undangan.pk}"' in page
    assert "Untuk Surat Undangan" in page and "Untuk Surat Tugas" in page

    data = form_data(cast, kka, undangan, aksi="ajukan")
    data[f"dt_{undangan.pk}_hari_tanggal"] = "2026-12-01"
    data[f"dt_{undangan.pk}_waktu"] = "09.00 WIB"
    response = client.post(reverse("surat:konsep_baru"), data)

    # Saved, but "tempat" and "acara" are required before submitting: shown on those fields.
    surat = Surat.objects.get()
    assert surat.status == Surat.Status.KONSEP
    assert surat.data_tambahan == {"hari_tanggal": "2026-12-01", "waktu": "09.00 WIB"}
    page = response.content.decode()
    assert "Konsep sudah disimpan, tetapi belum dapat diajukan" in page
    assert "“Tempat” wajib diisi." in page
    assert reverse("surat:konsep_ubah", args=[surat.pk]) in page

    data[f"dt_{undangan.pk}_tempat"] = "Ruang Rapat Diskominfo"
    data[f"dt_{undangan.pk}_acara"] = "Koordinasi aplikasi"
    client.post(url("konsep_ubah", surat), data)
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF
    detail = client.get(url("detail", surat)).content.decode()
    assert "Selasa, 1 Desember 2026" in detail
    assert "Ruang Rapat Diskominfo" in detail


def test_usulkan_fills_the_paraf_chain_from_the_structure(cast, login, kka, nota_dinas):
    client = login(cast.staf)
    data = form_data(cast, kka, nota_dinas, verifikator_1="", aksi="usulkan")
    response = client.post(reverse("surat:konsep_baru"), data)
    assert not Surat.objects.exists()
    assert response.context["form"]["verifikator_1"].value() == str(cast.kabid.jabatan_id)
    usulan = client.get(reverse("surat:usulan_verifikator"), {"penandatangan": cast.kepala.jabatan_id}).json()
    assert usulan["verifikator"] == [{"id": cast.kabid.jabatan_id, "nama": "Kepala Bidang Aplikasi Informatika"}]


def test_empty_chain_with_a_new_signer_gets_the_default_chain(cast, login, kka, nota_dinas):
    client = login(cast.staf)
    client.post(reverse("surat:konsep_baru"), form_data(cast, kka, nota_dinas, verifikator_1=""))
    assert [v.jabatan for v in Surat.objects.get().verifikator.all()] == [cast.kabid.jabatan]


def test_attachment_can_be_removed_from_the_draft(cast, login, konsep, kka, nota_dinas):
    surat = konsep()
    services.lampiran_add(actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("a.pdf", PDF))
    lampiran = surat.lampiran.get()
    client = login(cast.staf)
    page = client.get(url("konsep_ubah", surat)).content.decode()
    assert "Hapus lampiran a.pdf" in page
    response = client.post(url("konsep_ubah", surat), form_data(cast, kka, nota_dinas, hapus_lampiran=lampiran.pk))
    assert response.status_code == 302
    assert not surat.lampiran.exists()


# ---------------------------------------------------------------- paraf


def test_submit_puts_draft_in_kabid_queue_with_plain_status(cast, login, konsep):
    surat = konsep()
    client = login(cast.staf)
    response = client.post(url("ajukan", surat), follow=True)
    assert "Menunggu paraf Kepala Bidang Aplikasi Informatika" in response.content.decode()
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF

    page = login(cast.kabid).get(url("detail", surat)).content.decode()
    assert "Setujui (paraf)" in page
    assert "Kembalikan ke konseptor" in page


def test_verifikator_approves_and_draft_goes_to_signer(cast, login, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    response = login(cast.kabid).post(url("paraf", surat), {"catatan": "Sudah baik."}, follow=True)
    surat.refresh_from_db()
    assert surat.status == Surat.Status.TTD
    assert "Menunggu tanda tangan Kepala Dinas Komunikasi" in response.content.decode()


def test_verifikator_return_needs_a_note(cast, login, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    client = login(cast.kabid)

    response = client.post(url("kembalikan", surat), {"catatan": "  "})
    assert response.status_code == 200
    assert "Tuliskan catatan perbaikan untuk konseptor." in response.content.decode()
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF

    client.post(url("kembalikan", surat), {"catatan": "Perbaiki tanggal rapat."})
    surat.refresh_from_db()
    assert surat.status == Surat.Status.KONSEP
    page = login(cast.staf).get(url("detail", surat)).content.decode()
    assert "Dikembalikan oleh Kepala Bidang Aplikasi Informatika untuk diperbaiki" in page
    assert "Perbaiki tanggal rapat." in page


def test_revised_draft_shows_the_change_on_the_version_page(cast, login, konsep, kka, nota_dinas):
    surat = konsep(hal="Rapat tanggal 3")
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_return(actor=cast.kabid, surat=surat, catatan="Tanggal salah.")
    client = login(cast.staf)
    client.post(url("konsep_ubah", surat), form_data(cast, kka, nota_dinas, hal="Rapat tanggal 5", aksi="ajukan"))
    surat.refresh_from_db()
    assert surat.status == Surat.Status.PARAF and surat.versi == 2

    page = login(cast.kabid).get(url("versi", surat)).content.decode()
    assert "Perubahan dari versi 1 ke versi 2" in page
    assert "Dihapus: </span>Rapat tanggal 3" in page
    assert "Ditambahkan: </span>Rapat tanggal 5" in page


def test_drafter_cannot_edit_a_submitted_draft(cast, login, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    response = login(cast.staf).get(url("konsep_ubah", surat))
    assert response.status_code == 302
    assert response.url == url("detail", surat)
    assert login(cast.kabid).get(url("konsep_ubah", surat)).status_code == 404


# ---------------------------------------------------------------- signing


def _ttd(cast, konsep, **kw):
    surat = konsep(**kw)
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    return surat


def test_sign_via_confirmation_page_numbers_and_delivers(cast, login, konsep):
    surat = _ttd(cast, konsep)
    client = login(cast.kepala)
    page = client.get(url("tandatangani", surat)).content.decode()
    assert "Surat akan diberi nomor, tanggal hari ini" in page
    assert "Kepala Dinas Perhubungan" in page
    assert "Tindakan ini tidak dapat dibatalkan." in page
    assert "Frasa sandi TTE" in page

    response = client.post(url("tandatangani", surat), {"passphrase": ""})
    assert "Masukkan frasa sandi TTE Anda." in response.content.decode()

    client.post(url("tandatangani", surat), {"passphrase": "rahasia"})
    surat.refresh_from_db()
    assert surat.status == Surat.Status.TERKIRIM
    assert surat.nomor == f"000.1/1/DISKOMINFOSP/{surat.tanggal.year}"

    recipient = login(cast.kepala_lain).get(url("detail", surat)).content.decode()
    assert surat.nomor in recipient
    assert "Arif Budiman" in recipient  # the signer's name in the signature block


def test_double_post_on_sign_gives_one_number(cast, login, konsep):
    surat = _ttd(cast, konsep)
    client = login(cast.kepala)
    client.post(url("tandatangani", surat), {"passphrase": "x"})
    response = client.post(url("tandatangani", surat), {"passphrase": "x"}, follow=True)
    surat.refresh_from_db()
    assert "sudah ditandatangani dengan nomor" in response.content.decode()
    assert Surat.objects.exclude(nomor=None).count() == 1
    assert surat.log.filter(aksi="ditandatangani").count() == 1


def test_wrong_passphrase_is_shown_and_nothing_is_numbered(cast, login, konsep, monkeypatch):
    surat = _ttd(cast, konsep)

    def gagal(surat, passphrase):
        raise PassphraseSalah

    monkeypatch.setattr(signing, "_render_and_sign", gagal)
    response = login(cast.kepala).post(url("tandatangani", surat), {"passphrase": "keliru"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Frasa sandi TTE salah." in page
    assert "(diisi saat ditandatangani)" in page
    surat.refresh_from_db()
    assert surat.status == Surat.Status.TTD and surat.nomor is None


def test_signer_can_return_the_draft(cast, login, konsep):
    surat = _ttd(cast, konsep)
    page = login(cast.kepala).get(url("detail", surat)).content.decode()
    assert "Kembalikan ke konseptor" in page
    login(cast.kepala).post(url("kembalikan", surat), {"catatan": "Ganti hal."})
    surat.refresh_from_db()
    assert surat.status == Surat.Status.KONSEP
    assert surat.nomor is None


# ---------------------------------------------------------------- after delivery


def test_balas_creates_a_linked_draft_and_opens_it(cast, login, terkirim):
    surat = terkirim()
    response = login(cast.kepala_lain).post(url("balas", surat))
    balasan = Surat.objects.get(balasan_untuk=surat)
    assert response.status_code == 302
    assert response.url == url("konsep_ubah", balasan)
    assert balasan.jabatan_konseptor == cast.kepala_lain.jabatan
    assert [p.jabatan for p in balasan.penerima.all()] == [cast.kepala.jabatan]


def test_opening_marks_read_and_sender_sees_the_receipt(cast, login, terkirim):
    surat = terkirim()
    before = login(cast.staf).get(url("detail", surat)).content.decode()
    assert "Belum dibaca" in before

    login(cast.kepala_lain).get(url("detail", surat))
    penerima = surat.penerima.get(jabatan=cast.kepala_lain.jabatan)
    assert penerima.dibaca_pada is not None

    after = login(cast.staf).get(url("detail", surat)).content.decode()
    assert "Dibaca" in after and "oleh Hendro Purnomo" in after


def test_recipient_marks_letter_followed_up(cast, login, terkirim):
    surat = terkirim()
    client = login(cast.kepala_lain)
    assert "Tandai sudah ditindaklanjuti" in client.get(url("detail", surat)).content.decode()
    response = client.post(url("tindaklanjut", surat), follow=True)
    assert "Surat ditandai sudah ditindaklanjuti." in response.content.decode()
    assert surat.penerima.get(jabatan=cast.kepala_lain.jabatan).ditindaklanjuti_pada is not None


def test_pencatat_records_external_delivery(cast, login, terkirim):
    surat = terkirim(tujuan=[cast.kepala_lain.jabatan, {"nama": "PT Telkom Indonesia", "email": "tu@telkom.co.id"}])
    client = login(cast.pencatat)
    assert "Catat pengiriman ke penerima luar" in client.get(url("detail", surat)).content.decode()
    luar = surat.penerima.get(jabatan=None)
    response = client.post(
        url("kirim_eksternal", surat),
        {"penerima": luar.pk, "cara": "email", "dikirim_pada": "2020-01-02T09:00", "catatan": ""},
    )
    assert response.status_code == 302
    luar.refresh_from_db()
    assert luar.kirim_status == Penerima.KirimStatus.TERKIRIM


def test_attachment_download_for_recipient_and_404_for_outsider(cast, login, konsep):
    surat = konsep()
    services.lampiran_add(actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("Daftar Hadir.pdf", PDF))
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    services.sign(actor=cast.kepala, surat=surat)
    lampiran = surat.lampiran.get()

    response = login(cast.kepala_lain).get(reverse("surat:lampiran", args=[lampiran.pk]))
    assert response.status_code == 200
    assert 'attachment; filename="Daftar Hadir.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF

    assert login(cast.staf_lain).get(reverse("surat:lampiran", args=[lampiran.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("detail", "get"),
        ("konsep_ubah", "get"),
        ("konsep_ubah", "post"),
        ("versi", "get"),
        ("ajukan", "post"),
        ("paraf", "post"),
        ("kembalikan", "post"),
        ("tandatangani", "get"),
        ("tandatangani", "post"),
        ("balas", "post"),
        ("tindaklanjut", "post"),
        ("kirim_eksternal", "get"),
        ("hapus", "post"),
    ],
)
def test_outsider_gets_404(cast, login, konsep, name, method):
    surat = konsep()
    client = login(cast.staf_lain)
    response = getattr(client, method)(url(name, surat))
    assert response.status_code == 404
    surat.refresh_from_db()
    assert surat.status == Surat.Status.KONSEP


def test_pencatat_sees_only_the_register_line_of_a_rahasia_letter(cast, login, terkirim):
    surat = terkirim(keamanan=Surat.Keamanan.RAHASIA, hal="Hasil audit keamanan", isi="<p>Isi sangat pribadi</p>")
    page = login(cast.pencatat).get(url("detail", surat)).content.decode()
    assert surat.nomor in page
    assert "Isi surat ini hanya dapat dibaca oleh penerimanya" in page
    assert "Hasil audit keamanan" not in page
    assert "Isi sangat pribadi" not in page
    assert "Isi sangat pribadi" in login(cast.kepala_lain).get(url("detail", surat)).content.decode()


# ---------------------------------------------------------------- klasifikasi picker


def test_klasifikasi_search_by_code_prefix_and_by_word(cast, login):
    client = login(cast.staf)
    by_code = client.get(reverse("surat:klasifikasi_cari"), {"q": "000.8"}).json()["hasil"]
    assert by_code and all(h["kode"].startswith("000.8") for h in by_code)
    by_word = client.get(reverse("surat:klasifikasi_cari"), {"q": "kearsipan"}).json()["hasil"]
    assert "000.5" in [h["kode"] for h in by_word]
    assert len(client.get(reverse("surat:klasifikasi_cari"), {"q": "0"}).json()["hasil"]) <= 20
    assert client.get(reverse("surat:klasifikasi_cari"), {"q": ""}).json() == {"hasil": []}


def test_detail_page_query_count_is_bounded(cast, login, terkirim, django_assert_max_num_queries):
    surat = terkirim(tembusan=[cast.kabid.jabatan])
    client = login(cast.staf)
    client.get(url("detail", surat))
    with django_assert_max_num_queries(18):  # 45 before issue 12's third pass (docs/performance.md)
        assert client.get(url("detail", surat)).status_code == 200


def _tulis(ctx) -> list[str]:
    """The statements of a request that write, but for the session's save and the notices-read UPDATE
    (which finds none to mark on a second opening)."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
        and "notifikasi_notifikasi" not in q["sql"]
    ]


def test_opening_a_letter_records_the_read_once_and_later_openings_write_nothing(cast, login, terkirim):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from audit.models import AuditEvent
    from outbox.models import Kiriman
    from surat.models import SuratLog

    surat = terkirim()
    client = login(cast.kepala_lain)
    with CaptureQueriesContext(connection) as pertama:
        assert client.get(url("detail", surat)).status_code == 200
    receipt = Penerima.objects.get(surat=surat, jabatan=cast.kepala_lain.jabatan)
    assert receipt.dibaca_pada is not None and receipt.dibaca_oleh == cast.kepala_lain
    assert _tulis(pertama)  # the first opening records the read
    jejak = (SuratLog.objects.filter(surat=surat, aksi=SuratLog.Aksi.DIBACA).count(), AuditEvent.objects.count())
    assert jejak[0] == 1
    kiriman = Kiriman.objects.count()
    with CaptureQueriesContext(connection) as kedua:
        page = client.get(url("detail", surat)).content.decode()
    assert _tulis(kedua) == []
    assert (
        SuratLog.objects.filter(surat=surat, aksi=SuratLog.Aksi.DIBACA).count(),
        AuditEvent.objects.count(),
    ) == jejak
    assert Kiriman.objects.count() == kiriman
    receipt.refresh_from_db()
    assert receipt.dibaca_oleh == cast.kepala_lain
    assert surat.hal in page


def _option(jabatan_id: int, page: str, name: str = "tembusan") -> str | None:
    """The <option> of a jabatan in the tujuan or tembusan picker."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    m = re.search(rf'<option value="{jabatan_id}"[^>]*>', select)
    return m.group(0) if m else None


def test_addressee_pickers_render_a_short_list_and_search_all_jabatan(cast, login):
    client = login(cast.staf)
    page = client.get(reverse("surat:konsep_baru")).content.decode()
    assert _option(cast.kepala_lain.jabatan_id, page)  # heads of every OPD
    assert _option(cast.pencatat.jabatan_id, page)  # everyone in my own OPD
    assert _option(cast.staf_lain.jabatan_id, page) is None  # the rest: search
    assert 'data-eo-jabatan="1"' in page and reverse("surat:jabatan_cari") in page

    hasil = client.get(reverse("surat:jabatan_cari"), {"q": "lalu lintas"}).json()["hasil"]
    assert hasil == [
        {
            "id": cast.staf_lain.jabatan_id,
            "label": f"{cast.staf_lain.jabatan.nama} — Agus Salim",
            "nama": cast.staf_lain.jabatan.nama,
            "opd": "Dinas Perhubungan",
        }
    ]
    assert client.get(reverse("surat:jabatan_cari"), {"q": ""}).json() == {"hasil": []}


def test_picked_jabatan_outside_the_short_list_survives_an_error_and_is_saved(cast, login, kka, nota_dinas):
    client = login(cast.staf)
    far = str(cast.staf_lain.jabatan_id)
    data = form_data(cast, kka, nota_dinas, tembusan=[far], klasifikasi="999.999 tidak ada")
    page = client.post(reverse("surat:konsep_baru"), data).content.decode()
    assert "tidak ditemukan" in page
    assert "selected" in _option(cast.staf_lain.jabatan_id, page)

    response = client.post(reverse("surat:konsep_baru"), form_data(cast, kka, nota_dinas, tembusan=[far]))
    assert response.status_code == 302
    surat = Surat.objects.get()
    assert surat.penerima.get(jenis=Penerima.Jenis.TEMBUSAN).jabatan == cast.staf_lain.jabatan


def test_drafter_deletes_a_never_submitted_draft_after_confirming(cast, login, konsep):
    surat = konsep(hal="Konsep yang salah ketik")
    client = login(cast.staf)
    assert "Ya, hapus konsep" in client.get(url("detail", surat)).content.decode()
    assert client.get(url("hapus", surat)).status_code == 405  # deleting takes the confirming POST
    assert login(cast.kabid).post(url("hapus", surat)).status_code == 404

    response = login(cast.staf).post(url("hapus", surat), follow=True)

    assert "Konsep “Konsep yang salah ketik” sudah dihapus." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("surat:konsep")
    assert not Surat.objects.filter(pk=surat.pk).exists()


def test_a_returned_draft_cannot_be_deleted(cast, login, konsep):
    surat = konsep()
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki.")
    client = login(cast.staf)
    assert "Ya, hapus konsep" not in client.get(url("detail", surat)).content.decode()
    response = client.post(url("hapus", surat), follow=True)
    assert "tidak dapat dihapus" in response.content.decode()
    assert Surat.objects.filter(pk=surat.pk).exists()


def test_eksternal_list_links_to_the_delivery_form_on_the_detail_page(cast, login, terkirim):
    surat = terkirim(tujuan=[{"nama": "PT Telkom Indonesia"}])
    client = login(cast.pencatat)
    daftar = client.get(reverse("surat:eksternal")).content.decode()
    assert f'href="{url("detail", surat)}#kirim-eksternal"' in daftar
    detail = client.get(url("detail", surat)).content.decode()
    assert re.search(rf'<form method="post" action="{url("kirim_eksternal", surat)}" id="kirim-eksternal"', detail)
    assert "PT Telkom Indonesia" in detail
    # Nobody else sees the form.
    assert 'id="kirim-eksternal"' not in login(cast.kepala).get(url("detail", surat)).content.decode()


def test_surat_tugas_lists_the_own_opd_and_keeps_whoever_is_chosen_from_elsewhere(cast, login, kka):
    """The people a Surat Tugas assigns: the form lists the drafter's OPD (not every pegawai of the
    city); someone from another OPD, found by the picker's search, is accepted, saved and listed when
    the draft is opened again. An id that is no pegawai is refused in Indonesian and nothing is saved."""
    tugas = JenisSurat.objects.get(kode="surat-tugas")
    nama = f"dt_{tugas.pk}_ditugaskan"
    client = login(cast.staf)
    form = client.get(reverse("surat:konsep_baru")).context["form"]
    daftar = {pk for _, grup in form.fields[nama].choices for pk, _ in grup}
    assert cast.kabid.pk in daftar and cast.staf_lain.pk not in daftar and cast.kepala_lain.pk not in daftar
    assert 'data-eo-cari="/organisasi/pegawai/cari/"' in str(form[nama])

    data = form_data(cast, kka, tugas)
    data[nama] = [str(cast.staf_lain.pk)]
    data[nama[:-10] + "untuk"] = "Mengikuti bimtek."
    response = client.post(reverse("surat:konsep_baru"), {**data, nama: ["999999"]})
    assert response.status_code == 200 and not Surat.objects.exists()
    assert "Pegawai yang dipilih tidak ditemukan. Cari dan pilih lagi." in response.content.decode()

    client.post(reverse("surat:konsep_baru"), data)
    surat = Surat.objects.get()
    assert surat.data_tambahan["ditugaskan"] == [cast.staf_lain.pk]
    ubah = client.get(url("konsep_ubah", surat)).context["form"]
    assert ubah[nama].value() == [cast.staf_lain.pk]
    assert cast.staf_lain.pk in {pk for _, grup in ubah.fields[nama].choices for pk, _ in grup}
