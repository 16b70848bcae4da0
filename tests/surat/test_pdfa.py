"""Every PDF of the letters is PDF/A-2b: the final letter (also after TTE signing, B-LTA increments
included, and with a visible stamp), the rendered copy, the lembar disposisi and the buku agenda."""

import datetime

from surat import dokumen, pdf
from tests.pdfa import assert_pdfa_2b
from tests.surat.pdfutil import PASSPHRASE
from tte.signing import sign_pdf


def test_signed_letter_stays_pdfa_after_signing_and_timestamps(ditandatangani):
    surat = ditandatangani()
    with surat.dokumen.berkas.open("rb") as fh:
        assert_pdfa_2b(fh.read())


def test_visible_signature_stamp_embeds_its_font(cast, sertifikat_kepala, terkirim):
    data = pdf.render_surat_pdf(terkirim(), konsep=False, token="abc")
    signed = sign_pdf(
        pegawai=cast.kepala, passphrase=PASSPHRASE, pdf_bytes=data, reason="x", location="y", visible=True
    )
    assert_pdfa_2b(signed.pdf_bytes)


def test_rendered_copy_and_draft_preview_are_pdfa(terkirim, konsep):
    assert_pdfa_2b(pdf.render_surat_pdf(terkirim(), konsep=False, token="abc", tte=False))
    assert_pdfa_2b(pdf.render_surat_pdf(konsep(), konsep=True))


def test_stored_copy_of_a_letter_signed_without_tte_is_pdfa(terkirim, media):
    surat = terkirim()
    stored = dokumen.render_salinan(surat.pk)
    with stored.berkas.open("rb") as fh:
        assert_pdfa_2b(fh.read())


def test_lembar_disposisi_and_buku_agenda_are_pdfa(cast, terkirim):
    surat = terkirim()
    assert_pdfa_2b(pdf.render_lembar_disposisi(surat))
    assert_pdfa_2b(pdf.render_buku_agenda(cast.opd_lain, surat.tanggal - datetime.timedelta(days=1), surat.tanggal))
