"""One look for a letter (surat.tampilan): the preview on the letter's page and its PDF are built from the
same face, so a verifikator approves exactly what gets signed. For each kind and for a Plh signer, the
preview's signature lines appear, in order, in the PDF's text (pdftotext)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Penugasan
from surat import pdf, services
from surat.models import JenisSurat, Surat
from tests.factories import PenugasanFactory
from tests.surat.pdfutil import pdf_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ISI = "<p>Dengan hormat, kami mengundang Bapak/Ibu.</p><p>Demikian untuk menjadi perhatian.</p>"

# The five kinds seeded by the migrations, each with the extra fields it needs to be complete.
JENIS = {
    "surat-dinas": {},
    "nota-dinas": {},
    "surat-undangan": {
        "data_tambahan": {"hari_tanggal": "2030-01-07", "waktu": "09:00", "tempat": "Balai Kota", "acara": "Rapat"}
    },
    "surat-edaran": {},
    "surat-tugas": {"tujuan": [], "data_tambahan": {"dasar": ["Peraturan Wali Kota"], "untuk": "Bimbingan teknis"}},
}


def _isian(kode: str, cast) -> dict:
    """The kind's fields; an assignment names the staf (a pegawai of the cast) as the one assigned."""
    isian = {**JENIS[kode]}
    if kode == "surat-tugas":
        isian["data_tambahan"] = {**isian["data_tambahan"], "ditugaskan": [cast.staf.pk]}
    return isian


# What tells the layout apart, in the preview and in the PDF alike.
PENANDA = {
    "surat-dinas": ["Nomor :", "Hal :", "Yth."],
    "nota-dinas": ["NOTA DINAS", "Dari :", "Tanggal :"],
    "surat-undangan": ["hari/tanggal :", "tempat : Balai Kota"],
    "surat-edaran": ["SURAT EDARAN", "TENTANG"],
    "surat-tugas": ["SURAT TUGAS", "MEMERINTAHKAN:", "Nama : Dewi Lestari", "Untuk : Bimbingan teknis"],
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


class _Teks(HTMLParser):
    """The text of a page, and the lines of its signature block (div.ttd, without the QR cell)."""

    def __init__(self) -> None:
        super().__init__()
        self.teks: list[str] = []
        self.ttd: list[str] = []
        self._stack: list[str] = []  # "ttd", "qr", "line" or "" per open div
        self._line: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "div":
            return
        cls = dict(attrs).get("class") or ""
        inside = "ttd" in self._stack
        kind = "ttd" if cls == "ttd" else "qr" if inside and cls == "qr" else "line" if inside else ""
        self._stack.append(kind)

    def handle_endtag(self, tag):
        if tag != "div" or not self._stack:
            return
        if self._stack.pop() == "line" and "qr" not in self._stack:
            self.ttd.append(" ".join("".join(self._line).split()))
            self._line = []

    def handle_data(self, data):
        self.teks.append(data)
        if "ttd" in self._stack and "qr" not in self._stack:
            self._line.append(data)


def _baca(html: str) -> tuple[str, list[str]]:
    parser = _Teks()
    parser.feed(html)
    return " ".join(" ".join(parser.teks).split()), [b for b in parser.ttd if b]


def _halaman(client, surat) -> tuple[str, list[str]]:
    response = client.get(reverse("surat:detail", args=[surat.pk]))
    assert response.status_code == 200
    return _baca(response.content.decode())


def _urut_di(baris: list[str], teks: str) -> None:
    """Every line appears in `teks`, in the same order."""
    pos = 0
    for b in baris:
        found = teks.find(b, pos)
        assert found >= 0, f"{b!r} tidak ada (setelah posisi {pos}) di PDF: {teks[pos : pos + 400]!r}"
        pos = found + len(b)


def _plh_kabid(cast):
    today = timezone.localdate()
    return PenugasanFactory(
        pegawai=cast.kabid,
        jabatan=cast.kepala.jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=today - datetime.timedelta(days=1),
        selesai=today + datetime.timedelta(days=13),
    )


@pytest.mark.parametrize("kode", list(JENIS))
def test_draft_preview_and_pdf_of_every_kind_read_the_same(cast, konsep, login, kode):
    surat = konsep(
        jenis=JenisSurat.objects.get(kode=kode), isi=ISI, tembusan=[cast.kabid.jabatan], **_isian(kode, cast)
    )
    teks, ttd = _halaman(login(cast.staf), surat)
    response = login(cast.staf).get(reverse("surat:pdf_konsep", args=[surat.pk]))
    teks_pdf = pdf_text(response.content)

    assert ttd[-3:] == [
        "KEPALA DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN,",
        cast.kepala.nama_lengkap,
        f"NIP. {cast.kepala.nip_tampil}",
    ]
    _urut_di(ttd, teks_pdf)
    for penanda in PENANDA[kode]:
        assert penanda in teks, penanda
        assert penanda in teks_pdf, penanda
    assert "(diisi saat ditandatangani)" in teks and "(diisi saat ditandatangani)" in teks_pdf


def test_signed_letter_of_every_kind_reads_as_its_pdf(cast, terkirim, login):
    for kode in JENIS:
        surat = terkirim(jenis=JenisSurat.objects.get(kode=kode), isi=ISI, verifikator=[], **_isian(kode, cast))
        teks, ttd = _halaman(login(cast.kepala), surat)
        teks_pdf = pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok"))

        _urut_di(ttd, teks_pdf)
        assert surat.nomor in teks and surat.nomor in teks_pdf, kode
        for penanda in PENANDA[kode]:
            assert penanda in teks and penanda in teks_pdf, (kode, penanda)


def test_plh_signer_is_named_with_plh_in_the_draft_and_the_signed_letter_alike(cast, konsep, login):
    _plh_kabid(cast)
    surat = konsep(jenis=JenisSurat.objects.get(kode="surat-dinas"), verifikator=[], atas_nama=None)
    services.surat_submit(actor=cast.staf, surat=surat)
    client = login(cast.kabid)
    _teks, draf = _halaman(client, surat)
    draf_pdf = pdf_text(client.get(reverse("surat:pdf_konsep", args=[surat.pk])).content)

    assert draf == [
        "Plh. KEPALA DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN,",
        cast.kabid.nama_lengkap,
        f"NIP. {cast.kabid.nip_tampil}",
    ]
    _urut_di(draf, draf_pdf)
    assert cast.kepala.nama_lengkap not in draf_pdf

    services.sign(actor=cast.kabid, surat=surat)
    surat.refresh_from_db()
    assert surat.ttd_sebutan == "Plh."
    _teks, sah = _halaman(client, surat)
    assert sah == draf  # what the verifikator saw is what was signed
    _urut_di(sah, pdf_text(pdf.render_surat_pdf(surat, konsep=False, token="tok")))


def test_an_and_ub_lines_read_the_same_in_preview_and_pdf(cast, konsep, login):
    surat = konsep(
        jenis=JenisSurat.objects.get(kode="surat-dinas"),
        penandatangan=cast.kabid.jabatan,
        atas_nama=cast.kepala.jabatan,
        verifikator=[],
    )
    client = login(cast.staf)
    _teks, ttd = _halaman(client, surat)
    assert ttd[:2] == [
        "a.n. KEPALA DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN",
        "KEPALA BIDANG APLIKASI INFORMATIKA,",
    ]
    _urut_di(ttd, pdf_text(client.get(reverse("surat:pdf_konsep", args=[surat.pk])).content))


def test_counts_are_written_in_words_in_both(cast, konsep, login):
    surat = konsep(jenis=JenisSurat.objects.get(kode="surat-dinas"))
    for i in range(11):
        services.lampiran_add(actor=cast.staf, surat=surat, berkas=SimpleUploadedFile(f"l{i}.pdf", PDF))
    client = login(cast.staf)
    teks, _ttd = _halaman(client, surat)
    teks_pdf = pdf_text(client.get(reverse("surat:pdf_konsep", args=[surat.pk])).content)
    assert "Lampiran : 11 (sebelas) berkas" in teks
    assert "Lampiran : 11 (sebelas) berkas" in teks_pdf


def test_a_kinds_own_extra_fields_show_in_preview_and_pdf(cast, konsep, login):
    jenis = JenisSurat.objects.create(
        kode="surat-keterangan",
        nama="Surat Keterangan",
        keluarga=JenisSurat.Keluarga.KHUSUS,
        kolom_tambahan=[
            {"name": "berlaku", "label": "Berlaku", "type": "date"},
            {"name": "pegawai", "label": "Pegawai", "type": "pegawai_list"},
        ],
    )
    surat = konsep(jenis=jenis, data_tambahan={"berlaku": "2030-01-07", "pegawai": [cast.staf.pk]})
    client = login(cast.staf)
    teks, _ttd = _halaman(client, surat)
    teks_pdf = pdf_text(client.get(reverse("surat:pdf_konsep", args=[surat.pk])).content)
    for expected in ("Berlaku : Senin, 7 Januari 2030", f"{cast.staf.nama_lengkap}, NIP {cast.staf.nip_tampil}"):
        assert expected in teks, expected
        assert expected in teks_pdf, expected
    assert Surat.objects.get(pk=surat.pk).status == Surat.Status.KONSEP
