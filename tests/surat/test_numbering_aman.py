"""Numbering configuration that used to block signing: a pattern typo (refused on save, with a preview)
and per-KKA numbering switched on mid-year (continues past the numbers already given)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lib.pola_nomor import contoh, periksa_pola
from organisasi.models import Pemda
from surat import services
from tests.surat.test_numbering import ttd_siap


@pytest.mark.parametrize(
    ("pola", "pesan"),
    [
        ("{kka}/{urut/{kode_opd}/{tahun}", "tidak berpasangan"),
        ("{kka}/{nomor}/{kode_opd}/{tahun}", "{nomor} tidak dikenal"),
        ("{kka}/{urut:05d}/{kode_opd}", "{urut:05d} tidak dikenal"),
        ("{kka}/{kode_opd}/{tahun}", "wajib memuat {urut}"),
        ("{kka.upper}/{urut}", "tidak dikenal"),
    ],
)
def test_bad_patterns_are_refused_with_a_clear_message(pola, pesan):
    with pytest.raises(ValidationError, match=pesan.replace("{", r"\{").replace("}", r"\}")):
        periksa_pola(pola)


def test_per_kka_numbering_needs_the_code_in_the_pattern():
    periksa_pola("{urut}/{kode_opd}/{tahun}")
    with pytest.raises(ValidationError, match="per kode klasifikasi"):
        periksa_pola("{urut}/{kode_opd}/{tahun}", per_kka=True)


def test_admin_page_refuses_a_typo_and_previews_a_good_pattern(cast, client):
    user = cast.admin_pemda.user
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    pemda = Pemda.objects.get()
    url = reverse("admin:organisasi_pemda_change", args=[pemda.pk])
    data = {"nama_daerah": pemda.nama_daerah, "tingkat": pemda.tingkat, "pola_nomor": "{kka}/{urt}/{kode_opd}/{tahun}"}

    page = client.post(url, data).content.decode()
    assert "{urt} tidak dikenal" in page
    pemda.refresh_from_db()
    assert pemda.pola_nomor == "{kka}/{urut}/{kode_opd}/{tahun}"

    data["pola_nomor"] = "{kka}/{urut}/{kode_opd}/{bulan_romawi}/{tahun}"
    response = client.post(url, data, follow=True)
    assert f"Contoh nomor surat dengan pola ini: {contoh(data['pola_nomor'])}" in response.content.decode()


def test_switching_to_per_kka_numbering_mid_year_continues_past_taken_numbers(cast, konsep):
    for _ in range(2):
        services.sign(actor=cast.kepala, surat=ttd_siap(cast, konsep))
    Pemda.objects.update(nomor_per_kka=True)

    a, b = ttd_siap(cast, konsep), ttd_siap(cast, konsep)
    services.sign(actor=cast.kepala, surat=a)
    services.sign(actor=cast.kepala, surat=b)

    tahun = a.tanggal.year
    assert a.nomor == f"000.1/3/DISKOMINFOSP/{tahun}"
    assert b.nomor == f"000.1/4/DISKOMINFOSP/{tahun}"


def test_a_number_taken_by_hand_is_skipped_not_fatal(cast, konsep):
    """A counter behind the numbers given (e.g. restored from an older backup) skips to a free one."""
    from surat.models import Penomoran

    pertama = ttd_siap(cast, konsep)
    services.sign(actor=cast.kepala, surat=pertama)
    Penomoran.objects.filter(seri=Penomoran.Seri.SURAT).update(last=0)

    kedua = ttd_siap(cast, konsep)
    services.sign(actor=cast.kepala, surat=kedua)
    assert kedua.nomor == f"000.1/2/DISKOMINFOSP/{kedua.tanggal.year}"
