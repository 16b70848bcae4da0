"""The incoming letter's page for whoever opens it (issue 15): the next step first ("Disposisikan" above
"Balas" for the Kepala), a paper letter's own number, its scan shown on the page through the permission
check, and no "Lembar disposisi" on the sender's own letter."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from surat import services
from surat.models import JenisSurat


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def kertas(cast, media):
    """A paper letter registered by the pencatat for the Kepala, with a PDF and a PNG scan."""
    import weasyprint

    pdf = weasyprint.HTML(string="<p>Surat dari Kemendagri</p><p style='page-break-before: always'>2</p>").write_pdf()
    return services.register_paper_letter(
        actor=cast.pencatat,
        opd=cast.opd,
        jenis=JenisSurat.objects.first(),
        asal_instansi="Kementerian Dalam Negeri",
        nomor_asal="000.1/123/SJ",
        tanggal_asal=timezone.localdate(),
        tanggal_terima=timezone.localdate(),
        hal="Undangan sosialisasi SPBE",
        tujuan=cast.kepala.jabatan,
        keamanan="biasa",
        urgensi="segera",
        ringkasan="",
        tembusan=[],
        scans=[
            SimpleUploadedFile("pindaian.pdf", pdf, "application/pdf"),
            SimpleUploadedFile("foto.png", _png(), "image/png"),
        ],
    )


def test_kepala_sees_disposisikan_first_and_the_letters_own_number(cast, login, kertas):
    html = login(cast.kepala).get(reverse("surat:detail", args=[kertas.pk])).content.decode()
    assert "Nomor: <strong>000.1/123/SJ</strong>" in html
    assert "diisi saat ditandatangani" not in html
    disposisikan = html.index(f'href="{reverse("disposisi:buat", args=[kertas.pk])}"')
    assert disposisikan < html.index("Balas surat") < html.index("Tandai sudah ditindaklanjuti")
    assert html.count("> Disposisikan</a>") == 1
    assert "Klasifikasi keamanan" in html and "Derajat kecepatan" in html


def test_scan_is_shown_inline_through_the_permission_check(cast, login, kertas):
    pdf_scan, png_scan = kertas.lampiran.order_by("pk")
    client = login(cast.kepala)
    html = client.get(reverse("surat:detail", args=[kertas.pk])).content.decode()
    assert f'<img src="{reverse("surat:pindaian", args=[pdf_scan.pk])}"' in html
    assert f'<img src="{reverse("surat:pindaian", args=[png_scan.pk])}"' in html

    r = client.get(reverse("surat:pindaian", args=[pdf_scan.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    gambar = Image.open(io.BytesIO(r.content))
    assert gambar.height > gambar.width  # both pages, one under the other
    r = client.get(reverse("surat:pindaian", args=[png_scan.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "image/png" and r["Content-Disposition"] == "inline"

    assert login(cast.staf_lain).get(reverse("surat:pindaian", args=[pdf_scan.pk])).status_code == 404


def test_sender_has_no_lembar_disposisi_but_the_recipient_has(cast, terkirim, login):
    surat = terkirim(hal="Permohonan data")
    lembar = reverse("surat:lembar_disposisi", args=[surat.pk])
    assert lembar not in login(cast.staf).get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert lembar not in login(cast.kepala).get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert lembar in login(cast.kepala_lain).get(reverse("surat:detail", args=[surat.pk])).content.decode()


@pytest.mark.parametrize("halaman", ["beranda", "surat:masuk", "surat:konsep_baru", "disposisi:masuk", "panduan:index"])
def test_search_box_in_the_top_bar_of_every_page(cast, login, halaman):
    html = login(cast.staf).get(reverse(halaman)).content.decode()
    assert f'<form class="eo-cari-atas" role="search" method="get" action="{reverse("arsip:cari")}"' in html
    assert 'name="q" id="eo-cari-atas"' in html


def test_periksa_keaslian_on_the_sign_in_page_and_a_signed_letters_page(cast, client, login, ditandatangani):
    cek = reverse("verifikasi:cari")
    assert f'href="{cek}"' in client.get(reverse("akun:masuk")).content.decode()
    surat = ditandatangani(hal="Surat bertanda tangan")
    html = login(cast.kepala_lain).get(reverse("surat:detail", args=[surat.pk])).content.decode()
    token = surat.dokumen.token_verifikasi
    assert f'href="{reverse("verifikasi:detail", args=[token])}"' in html and "Periksa keaslian surat" in html


def test_draft_form_asks_who_signs_first_and_keeps_an_un_closed_until_needed(cast, login):
    html = login(cast.staf).get(reverse("surat:konsep_baru")).content.decode()
    assert html.index('name="penandatangan"') < html.index('name="jenis"') < html.index('name="isi"')
    assert html.index('name="penandatangan"') < html.index('name="verifikator_1"')
    an = html.split('<details class="eo-atas-nama mb-3"')[1]
    assert an.startswith(">") and an.index('name="atas_nama"') < an.index("</details>")  # closed
    assert "bagian 1 sampai 6" not in html
