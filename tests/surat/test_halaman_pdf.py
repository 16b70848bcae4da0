"""Page breaks of the printed letters and the lembar disposisi (issue 15): the closing paragraph stays
with the signature block, the tembusan with what precedes it, no page holds only a signature block or
only a tembusan, and a lembar disposisi of up to 6 dispositions is one page. Every kind is rendered
with a short and a long body."""

import re
import shutil
import subprocess

import pytest

from surat import pdf
from surat.models import JenisSurat

PENUTUP = "Demikian untuk menjadi perhatian dan dilaksanakan dengan penuh tanggung jawab."
KALIMAT = (
    "Sehubungan dengan penyelenggaraan Sistem Pemerintahan Berbasis Elektronik di lingkungan Pemerintah "
    "Kota Surakarta, setiap perangkat daerah diminta menyiapkan data layanan dan menyampaikannya tepat waktu. "
)


def halaman(data: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (pdftotext separates pages with a form feed)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    pages = out.decode().split("\f")
    return [" ".join(p.split()) for p in pages if p.strip()]


def _isi(paragraf: int) -> str:
    """0: a short letter (one sentence and the closing); n: n paragraphs of about eight lines."""
    if not paragraf:
        return f"<p>{KALIMAT}</p><p>{PENUTUP}</p>"
    return "".join(f"<p>{i + 1}. {KALIMAT * 2}</p>" for i in range(paragraf)) + f"<p>{PENUTUP}</p>"


def _data(kode: str, cast) -> dict:
    if kode == "surat-undangan":
        return {"hari_tanggal": "2026-11-30", "waktu": "09:00", "tempat": "Balai Kota", "acara": "Rapat koordinasi"}
    if kode == "surat-tugas":
        return {"dasar": ["Peraturan Wali Kota Nomor 1"], "ditugaskan": [cast.staf.pk], "untuk": "Mengikuti bimtek."}
    return {}


def _tanpa_kaki(teks: str) -> str:
    """A page's text without its footer (page number and the electronic-signature note)."""
    return teks.split("Halaman ")[0] if "Halaman " in teks else teks


KINDS = ["surat-dinas", "nota-dinas", "surat-undangan", "surat-tugas", "surat-edaran"]


@pytest.mark.parametrize("kode", KINDS)
@pytest.mark.parametrize("paragraf", [0, 7, 9, 14])
def test_signature_block_and_tembusan_never_stand_alone(cast, terkirim, kode, paragraf):
    tujuan = [] if kode == "surat-tugas" else None
    extra = {"tujuan": tujuan} if tujuan is not None else {}
    surat = terkirim(
        jenis=JenisSurat.objects.get(kode=kode),
        isi=_isi(paragraf),
        data_tambahan=_data(kode, cast),
        tembusan=[{"nama": "Sekretaris Daerah Kota Surakarta"}],
        **extra,
    )
    pages = halaman(pdf.render_surat_pdf(surat, konsep=False, token="tok"))
    nama = cast.kepala.nama.upper() if cast.kepala.nama.upper() in " ".join(pages) else cast.kepala.nama

    (ttd_page,) = [i for i, p in enumerate(pages) if nama in p]
    assert PENUTUP.split()[0] in pages[ttd_page], f"{kode}/{paragraf}: tanda tangan tanpa paragraf penutup"
    if kode != "nota-dinas":  # the nota dinas names its tembusan in the header table
        (tembusan_page,) = [i for i, p in enumerate(pages) if "Tembusan:" in p]
        assert tembusan_page == ttd_page, f"{kode}/{paragraf}: tembusan terpisah dari tanda tangan"
    if paragraf == 0:
        assert len(pages) == 1, f"{kode}: a short letter is one page"
    for i, p in enumerate(pages):
        assert len(_tanpa_kaki(p)) > 200, f"{kode}/{paragraf}: page {i + 1} is nearly empty: {p[:200]}"


@pytest.mark.parametrize("jumlah", [1, 3, 6])
def test_lembar_disposisi_up_to_six_entries_is_one_page(cast, terkirim, jumlah):
    surat = terkirim(jenis=JenisSurat.objects.get(kode="surat-dinas"))
    entries = [
        pdf.BarisDisposisi(
            kepada=f"Kepala Bidang Lalu Lintas ke-{i}",
            instruksi=["Untuk ditindaklanjuti", "Koordinasikan"],
            catatan="Mohon segera dikoordinasikan dengan Satlantas dan laporkan hasilnya kepada saya.",
            dari="Kepala Dinas Perhubungan",
        )
        for i in range(jumlah)
    ]
    pages = halaman(pdf.render_lembar_disposisi(surat, entries, opd=cast.opd_lain))
    assert len(pages) == 1, [p[:120] for p in pages]
    assert len(re.findall(r"ke-\d", pages[0])) == jumlah
