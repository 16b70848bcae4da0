"""Ralat and pencabutan of a signed letter, end to end through the pages: the drafting OPD starts the
correction from the letter's page, drafts, submits, has it initialled and signed like any letter; then
the old letter's page, its recipients' inboxes and notices, and the public verification page say so,
with links both ways that never show the public a Rahasia letter's data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifikasi.models import Notifikasi
from surat import services, signing
from surat.models import Surat, SuratLog
from surat.models_dokumen import DokumenSurat

from .test_views_naskah import form_data


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _tanpa_pdf(monkeypatch):
    """The PDF and the electronic signature have their own tests; signing here only has to succeed.
    A PDF row (with its verification token) stands for the signed PDF."""

    def _dokumen(surat, passphrase):
        DokumenSurat.objects.create(surat=surat, status=DokumenSurat.Status.SIAP)

    monkeypatch.setattr(signing, "_render_and_sign", _dokumen)


def url(name, surat, *args):
    return reverse(f"surat:{name}", args=[surat.pk, *args])


def _signed(cast, login, konsep, **kw) -> Surat:
    surat = konsep(**kw)
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    login(cast.kepala).post(url("tandatangani", surat), {"passphrase": "rahasia"})
    surat.refresh_from_db()
    assert surat.status == Surat.Status.TERKIRIM
    return surat


def _token(surat: Surat) -> str:
    return DokumenSurat.objects.get(surat=surat).token_verifikasi


def test_ralat_end_to_end_through_the_pages(cast, login, konsep, kka, nota_dinas, django_capture_on_commit_callbacks):
    lama = _signed(cast, login, konsep)
    # The recipient (another OPD) is offered no correction and cannot start one.
    penerima = login(cast.kepala_lain)
    assert "Ralat surat nomor" not in penerima.get(url("detail", lama)).content.decode()
    assert penerima.post(url("koreksi", lama, "ralat")).status_code == 404

    staf = login(cast.staf)
    page = staf.get(url("detail", lama)).content.decode()
    assert f"Ralat surat nomor {lama.nomor}" in page and f"Cabut surat nomor {lama.nomor}" in page
    response = staf.post(url("koreksi", lama, "ralat"))
    baru = Surat.objects.get(koreksi_untuk=lama)
    assert response.status_code == 302 and response.url == url("konsep_ubah", baru)
    assert baru.jenis_koreksi == "ralat" and baru.status == Surat.Status.KONSEP
    assert [p.jabatan for p in baru.penerima.all()] == [cast.kepala_lain.jabatan]
    assert baru.penandatangan == cast.kepala.jabatan and baru.opd == lama.opd
    form = staf.get(url("konsep_ubah", baru)).content.decode()
    assert f"Ralat surat nomor {lama.nomor}</strong>" in form
    # The draft is the drafting OPD's internal work: nothing on the old letter's timeline yet.
    assert "ralat" not in login(cast.kepala_lain).get(url("detail", lama)).content.decode().lower()
    staf = login(cast.staf)

    # Drafted, submitted, initialled and signed like any letter (the drafting form, then the buttons).
    data = form_data(cast, kka, nota_dinas, hal=baru.hal, isi="<p>Tempat rapat diralat menjadi Ruang Sekda.</p>")
    data["aksi"] = "ajukan"
    staf.post(url("konsep_ubah", baru), data)
    baru.refresh_from_db()
    assert baru.status == Surat.Status.PARAF
    # Before it is signed the old letter says nothing to anyone.
    assert "telah diralat" not in login(cast.kepala_lain).get(url("detail", lama)).content.decode()
    login(cast.kabid).post(url("paraf", baru))
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.kepala).post(url("tandatangani", baru), {"passphrase": "rahasia"})
    baru.refresh_from_db()
    lama.refresh_from_db()
    assert baru.status == Surat.Status.TERKIRIM and baru.nomor != lama.nomor
    assert lama.dikoreksi == "diralat" and lama.dikoreksi_oleh == baru
    assert lama.log.filter(aksi=SuratLog.Aksi.DIRALAT, catatan=f"Dengan surat nomor {baru.nomor}").exists()

    # The old letter's page, both sides, links to the correction; the correction links back.
    client = login(cast.kepala_lain)
    page = client.get(url("detail", lama)).content.decode()
    assert "Surat ini telah diralat</strong> dengan surat nomor" in page
    assert f'<a href="{url("detail", baru)}">{baru.nomor}</a>' in page
    assert f"Ralat surat nomor {lama.nomor}" not in page
    balik = client.get(url("detail", baru)).content.decode()
    assert f'<a href="{url("detail", lama)}">{lama.nomor}</a>' in balik and "<strong>ralat</strong> atas" in balik
    # A signed letter can be corrected again, never edited.
    assert login(cast.staf).get(url("konsep_ubah", lama)).status_code == 302

    # The recipient's inbox shows a badge; the recipient is notified, once.
    masuk = login(cast.kepala_lain).get(reverse("surat:masuk")).content.decode()
    assert "data-eo-koreksi" in masuk and "Diralat" in masuk
    notice = Notifikasi.objects.get(event="surat_dikoreksi", penerima=cast.kepala_lain)
    assert notice.pesan == f"Surat nomor {lama.nomor} telah diralat dengan surat nomor {baru.nomor}."
    assert notice.url == url("detail", lama)
    assert not Notifikasi.objects.filter(event="surat_dikoreksi", penerima=cast.kepala).exists()  # the signer

    # The public verification page of the old letter says so and links to the correction's page.
    client.logout()
    publik = client.get(reverse("verifikasi:detail", args=[_token(lama)])).content.decode()
    assert f"Surat ini telah diralat</strong> dengan surat nomor {baru.nomor}" in publik
    assert reverse("verifikasi:detail", args=[_token(baru)]) in publik
    publik_baru = client.get(reverse("verifikasi:detail", args=[_token(baru)])).content.decode()
    assert f"ralat atas surat nomor {lama.nomor}" in publik_baru
    assert reverse("verifikasi:detail", args=[_token(lama)]) in publik_baru


def test_pencabutan_withdraws_and_nothing_more_can_follow(cast, login, konsep, django_capture_on_commit_callbacks):
    lama = _signed(cast, login, konsep)
    login(cast.kepala).post(url("koreksi", lama, "pencabutan"))  # the signer is in the drafting OPD too
    baru = Surat.objects.get(koreksi_untuk=lama)
    assert baru.jenis_koreksi == "pencabutan" and baru.jabatan_konseptor == cast.kepala.jabatan
    assert "mencabut surat kami nomor" in baru.isi
    # The signer drafted it: no paraf needed; submit and sign.
    services.surat_update(actor=cast.kepala, surat=baru, verifikator=[])
    services.surat_submit(actor=cast.kepala, surat=baru)
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.kepala).post(url("tandatangani", baru), {"passphrase": "rahasia"})
    lama.refresh_from_db()
    assert lama.dikoreksi == "dicabut"
    page = login(cast.kepala_lain).get(url("detail", lama)).content.decode()
    assert "Surat ini telah dicabut</strong>" in page and "tidak berlaku lagi" in page
    # Withdrawn: no further ralat or pencabutan is offered or accepted.
    staf = login(cast.staf)
    assert "Ralat surat nomor" not in staf.get(url("detail", lama)).content.decode()
    assert staf.post(url("koreksi", lama, "ralat")).status_code == 404
    assert staf.post(url("koreksi", lama, "lainnya")).status_code == 404
    publik = staf.get(reverse("verifikasi:detail", args=[_token(lama)])).content.decode()
    assert "Surat ini telah dicabut</strong>" in publik


def test_rahasia_correction_stays_rahasia_and_public_pages_show_no_data(
    cast, login, konsep, kka, nota_dinas, django_capture_on_commit_callbacks
):
    lama = _signed(cast, login, konsep, keamanan="rahasia", hal="Hasil audit investigasi")
    staf = login(cast.staf)
    staf.post(url("koreksi", lama, "ralat"))
    baru = Surat.objects.get(koreksi_untuk=lama)
    assert baru.keamanan == "rahasia"
    # Lowering the class is refused on the form, nothing else changes.
    data = form_data(cast, kka, nota_dinas, hal=baru.hal, keamanan="biasa", isi="<p>Ralat angka temuan.</p>")
    response = staf.post(url("konsep_ubah", baru), data)
    assert "harus berklasifikasi sekurang-kurangnya Rahasia" in response.content.decode()
    baru.refresh_from_db()
    assert baru.keamanan == "rahasia" and "Ralat angka temuan" not in baru.isi
    staf.post(url("konsep_ubah", baru), data | {"keamanan": "rahasia", "aksi": "ajukan"})
    login(cast.kabid).post(url("paraf", baru))
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.kepala).post(url("tandatangani", baru), {"passphrase": "rahasia"})
    lama.refresh_from_db()
    baru.refresh_from_db()
    assert lama.dikoreksi == "diralat" and baru.status == Surat.Status.TERKIRIM
    # The recipient's notice names no subject; the public pages show neither subject nor numbers.
    notice = Notifikasi.objects.get(event="surat_dikoreksi", penerima=cast.kepala_lain)
    assert "audit" not in notice.judul.lower() and lama.nomor not in notice.pesan
    staf.logout()
    for surat in (lama, baru):
        publik = staf.get(reverse("verifikasi:detail", args=[_token(surat)])).content.decode()
        assert "audit" not in publik.lower() and lama.nomor not in publik and baru.nomor not in publik
    publik = staf.get(reverse("verifikasi:detail", args=[_token(lama)])).content.decode()
    assert "Surat ini telah diralat</strong>." in publik
    assert reverse("verifikasi:detail", args=[_token(baru)]) in publik


def test_public_page_of_a_plain_letter_hides_the_number_of_its_rahasia_correction(
    cast, login, konsep, django_capture_on_commit_callbacks
):
    lama = _signed(cast, login, konsep)
    login(cast.staf).post(url("koreksi", lama, "ralat"))
    baru = Surat.objects.get(koreksi_untuk=lama)
    services.surat_update(actor=cast.staf, surat=baru, keamanan="sangat_rahasia")  # more secret is allowed
    services.surat_submit(actor=cast.staf, surat=baru)
    services.paraf_approve(actor=cast.kabid, surat=baru)
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.kepala).post(url("tandatangani", baru), {"passphrase": "rahasia"})
    baru.refresh_from_db()
    assert baru.status == Surat.Status.TERKIRIM
    client = login(cast.kepala_lain)
    client.logout()
    publik = client.get(reverse("verifikasi:detail", args=[_token(lama)])).content.decode()
    assert "Surat ini telah diralat</strong>." in publik and baru.nomor not in publik


def test_only_final_app_letters_can_be_corrected(cast, login, konsep):
    surat = konsep()
    client = login(cast.staf)
    assert client.post(url("koreksi", surat, "ralat")).status_code == 404
    assert not Surat.objects.filter(koreksi_untuk=surat).exists()


def test_a_ralat_still_in_draft_cannot_be_signed_once_the_letter_is_withdrawn(cast, login, konsep):
    lama = _signed(cast, login, konsep)
    ralat = services.koreksi_mulai(actor=cast.staf, surat=lama, jenis="ralat")
    cabut = services.koreksi_mulai(actor=cast.staf, surat=lama, jenis="pencabutan")
    for baru in (ralat, cabut):
        services.surat_submit(actor=cast.staf, surat=baru)
        services.paraf_approve(actor=cast.kabid, surat=baru)
    login(cast.kepala).post(url("tandatangani", cabut), {"passphrase": "rahasia"})
    response = login(cast.kepala).post(url("tandatangani", ralat), {"passphrase": "rahasia"}, follow=True)
    assert f"Surat nomor {lama.nomor} sudah dicabut" in response.content.decode()
    ralat.refresh_from_db()
    lama.refresh_from_db()
    assert ralat.status == Surat.Status.TTD and ralat.nomor is None  # nothing numbered or sent
    assert lama.dikoreksi == "dicabut" and lama.dikoreksi_oleh_id == cabut.pk
