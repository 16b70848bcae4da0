"""Issue 13 item 5: internal work stays inside its OPD.

The drafting OPD's versions and paraf/return notes are not the receiver's business; the receiving OPD's
dispositions, notes, follow-up reports and their files are not the sender's; a verifikator taken off the
chain loses the letter. Each test goes through the pages, as the leak was found."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disposisi import services as disposisi_services
from disposisi.models import LampiranLaporan
from organisasi.models import Peran
from surat import services
from tests.factories import JabatanFactory, PegawaiFactory, PeranFactory

CATATAN_KEMBALI = "Paragraf kedua salah angka anggaran internal"
CATATAN_PARAF = "Sudah sesuai, catatan internal bidang"
HAL_LAMA = "Draf awal yang ditolak"
CATATAN_DISPOSISI = "Koordinasikan dengan bidang lalu lintas secara tertutup"
ISI_LAPORAN = "Laporan tindak lanjut internal Dishub"


@pytest.fixture
def dishub_tu(cast):
    """The receiving OPD's pencatat (TU)."""
    tu = PegawaiFactory(
        user__username="tu_dishub",
        nama="Tri TU",
        jabatan=JabatanFactory(nama="Pengadministrasi Dishub", unit=cast.opd_lain, atasan=cast.kepala_lain.jabatan),
    )
    PeranFactory(pegawai=tu, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    return tu


@pytest.fixture
def surat_dengan_riwayat(cast, konsep):
    """A letter of Diskominfo to Dishub's kepala that was returned once with a note, then initialled with a
    note and signed: it has a rejected version and review notes."""
    surat = konsep(hal=HAL_LAMA)
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_return(actor=cast.kabid, surat=surat, catatan=CATATAN_KEMBALI)
    services.surat_update(actor=cast.staf, surat=surat, hal="Undangan rapat koordinasi")
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat, catatan=CATATAN_PARAF)
    services.sign(actor=cast.kepala, surat=surat)
    return surat


@pytest.mark.parametrize("siapa", ["kepala_lain", "dishub_tu", "pencatat"])
def test_versions_and_review_notes_stay_in_the_drafting_workflow(siapa, cast, dishub_tu, surat_dengan_riwayat, login):
    """The receiving OPD (its kepala, its TU) and the sending OPD's own TU see the signed letter, not the
    drafting work: the versions page is a 404 and no paraf or return note is on the letter page."""
    pegawai = dishub_tu if siapa == "dishub_tu" else getattr(cast, siapa)
    client = login(pegawai)
    surat = surat_dengan_riwayat
    assert client.get(reverse("surat:versi", args=[surat.pk])).status_code == 404
    page = client.get(reverse("surat:detail", args=[surat.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Undangan rapat koordinasi" in html or siapa != "kepala_lain"
    for rahasia in (CATATAN_KEMBALI, CATATAN_PARAF, HAL_LAMA, "Lihat versi dan perubahan"):
        assert rahasia not in html


@pytest.mark.parametrize("siapa", ["staf", "kabid", "kepala"])
def test_the_drafting_workflow_keeps_its_versions_and_notes(siapa, cast, surat_dengan_riwayat, login):
    client = login(getattr(cast, siapa))
    surat = surat_dengan_riwayat
    versi = client.get(reverse("surat:versi", args=[surat.pk]))
    assert versi.status_code == 200
    assert HAL_LAMA in versi.content.decode()
    html = client.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert CATATAN_KEMBALI in html and CATATAN_PARAF in html


def test_verifikator_taken_off_the_chain_loses_the_letter(cast, konsep, login):
    surat = konsep(verifikator=[cast.kabid.jabatan])
    services.surat_submit(actor=cast.staf, surat=surat)
    client = login(cast.kabid)
    assert client.get(reverse("surat:detail", args=[surat.pk])).status_code == 200
    services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki hal")
    services.surat_update(actor=cast.staf, surat=surat, verifikator=[])
    for name in ("surat:detail", "surat:versi", "surat:pdf_konsep"):
        assert client.get(reverse(name, args=[surat.pk])).status_code == 404
    services.surat_submit(actor=cast.staf, surat=surat)
    assert client.get(reverse("surat:detail", args=[surat.pk])).status_code == 404
    # The signer, still on the chain, keeps it; a replaced signer would not.
    assert login(cast.kepala).get(reverse("surat:detail", args=[surat.pk])).status_code == 200


def test_replaced_signer_loses_the_draft(cast, konsep, login):
    surat = konsep(verifikator=[], penandatangan=cast.kabid.jabatan)
    services.surat_submit(actor=cast.staf, surat=surat)
    services.signer_return(actor=cast.kabid, surat=surat, catatan="Sebaiknya Kepala Dinas")
    services.surat_update(actor=cast.staf, surat=surat, penandatangan=cast.kepala.jabatan, verifikator=[])
    services.surat_submit(actor=cast.staf, surat=surat)
    assert login(cast.kabid).get(reverse("surat:detail", args=[surat.pk])).status_code == 404


# ---------------------------------------------------------------- the receiving OPD's dispositions


@pytest.fixture
def disposisi_dishub(cast, terkirim, instruksi_dasar):
    """Diskominfo's letter at Dishub: the kepala disposed it to two staff; one reported with a file."""
    surat = terkirim()
    staf2 = PegawaiFactory(
        user__username="staf2_dishub",
        nama="Rudi Staf",
        jabatan=JabatanFactory(nama="Analis Angkutan", unit=cast.opd_lain, atasan=cast.kepala_lain.jabatan),
    )
    d1, d2 = disposisi_services.disposisi_create(
        actor=cast.kepala_lain,
        surat=surat,
        dari_jabatan=cast.kepala_lain.jabatan,
        kepada=[cast.staf_lain.jabatan, staf2.jabatan],
        instruksi=[instruksi_dasar],
        catatan=CATATAN_DISPOSISI,
    )
    berkas = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    laporan = disposisi_services.laporan_create(actor=cast.staf_lain, disposisi=d1, isi=ISI_LAPORAN, berkas=[berkas])
    return surat, d1, d2, staf2, LampiranLaporan.objects.get(laporan=laporan)


@pytest.fixture
def instruksi_dasar(db):
    from disposisi.models import InstruksiDisposisi

    return InstruksiDisposisi.objects.get_or_create(nama="Untuk ditindaklanjuti")[0]


@pytest.mark.parametrize("siapa", ["staf", "kabid", "kepala", "pencatat"])
def test_sending_opd_cannot_read_the_receivers_dispositions(siapa, cast, disposisi_dishub, login):
    surat, d1, d2, _, lampiran = disposisi_dishub
    client = login(getattr(cast, siapa))
    assert client.get(reverse("surat:detail", args=[surat.pk])).status_code == 200
    for url in (
        reverse("disposisi:detail", args=[d1.pk]),
        reverse("disposisi:detail", args=[d2.pk]),
        reverse("disposisi:lampiran", args=[lampiran.pk]),
        reverse("disposisi:pohon", args=[surat.pk]),
    ):
        assert client.get(url).status_code == 404, url
    html = client.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert CATATAN_DISPOSISI not in html and ISI_LAPORAN not in html and cast.staf_lain.jabatan.nama not in html


def test_lembar_disposisi_of_the_sender_lists_no_disposition(cast, disposisi_dishub):
    from disposisi.pohon import lembar_args

    surat = disposisi_dishub[0]
    assert lembar_args(surat, cast.kepala)["entries"] == []
    assert len(lembar_args(surat, cast.kepala_lain)["entries"]) == 2


def test_a_colleague_does_not_read_a_parallel_branch(cast, disposisi_dishub, login):
    surat, d1, d2, staf2, lampiran = disposisi_dishub
    client = login(staf2)
    assert client.get(reverse("disposisi:detail", args=[d2.pk])).status_code == 200
    assert client.get(reverse("disposisi:detail", args=[d1.pk])).status_code == 404
    assert client.get(reverse("disposisi:lampiran", args=[lampiran.pk])).status_code == 404
    pohon = client.get(reverse("disposisi:pohon", args=[surat.pk])).content.decode()
    assert ISI_LAPORAN not in pohon and CATATAN_DISPOSISI in pohon


@pytest.mark.parametrize("siapa", ["kepala_lain", "staf_lain", "dishub_tu"])
def test_the_receiving_chain_follows_its_dispositions(siapa, cast, dishub_tu, disposisi_dishub, login):
    surat, d1, _, _, lampiran = disposisi_dishub
    client = login(dishub_tu if siapa == "dishub_tu" else getattr(cast, siapa))
    assert client.get(reverse("disposisi:detail", args=[d1.pk])).status_code == 200
    assert client.get(reverse("disposisi:lampiran", args=[lampiran.pk])).status_code == 200
    pohon = client.get(reverse("disposisi:pohon", args=[surat.pk])).content.decode()
    assert ISI_LAPORAN in pohon
    assert ISI_LAPORAN in client.get(reverse("surat:detail", args=[surat.pk])).content.decode()
