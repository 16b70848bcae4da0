"""The disposition form for a newcomer (issue 15): direct subordinates first in hierarchy order, the
rest under "Jabatan lainnya" with each Seksi after its Bidang; never the acting official's own posts;
and an act of a Plh. reads "Plh. Kepala Dinas …" in the tree, the letter's timeline and the lembar."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from disposisi import pohon
from organisasi import acting
from organisasi.models import Jabatan, Penugasan
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory, UnitFactory


def _struktur(cast):
    """A Sekretaris and a second Bidang with a Seksi, under the Kepala of the cast's OPD."""
    sekretariat = UnitFactory(nama="Sekretariat", induk=cast.opd)
    sekretaris = JabatanFactory(
        nama="Sekretaris Dinas",
        unit=sekretariat,
        atasan=cast.kepala.jabatan,
        eselon=Jabatan.Eselon.III_A,
        is_kepala_unit=True,
        urutan=1,
    )
    bidang = UnitFactory(nama="Bidang Statistik", induk=cast.opd)
    kabid = JabatanFactory(
        nama="Kepala Bidang Statistik",
        unit=bidang,
        atasan=cast.kepala.jabatan,
        eselon=Jabatan.Eselon.III_B,
        is_kepala_unit=True,
        urutan=3,
    )
    # The Seksi is created first: an ordering by creation or unit would put it before its Bidang.
    seksi = JabatanFactory(
        nama="Kepala Seksi Data",
        unit=UnitFactory(nama="Seksi Data", induk=bidang),
        atasan=kabid,
        eselon=Jabatan.Eselon.IV_A,
        is_kepala_unit=True,
    )
    for j in (sekretaris, kabid, seksi):
        PegawaiFactory(jabatan=j)
    return sekretaris, kabid, seksi


def _nama_pilihan(html: str) -> list[str]:
    return re.findall(r'name="kepada" value="\d+" id="kepada-\d+"[^>]*>\s*<span><span class="d-block">([^<]+)<', html)


def _sekretaris_plh_kepala(cast, sekretaris):
    """The Sekretaris, named Plh. Kepala Dinas from yesterday for ten days."""
    today = timezone.localdate()
    PenugasanFactory(
        pegawai=sekretaris.pemangku,
        jabatan=cast.kepala.jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=today - datetime.timedelta(days=1),
        selesai=today + datetime.timedelta(days=10),
    )
    return sekretaris.pemangku


def test_direct_subordinates_first_then_the_rest_in_hierarchy_order(cast, login, surat_masuk):
    sekretaris, kabid, seksi = _struktur(cast)
    surat = surat_masuk()
    html = login(cast.kepala).get(reverse("disposisi:buat", args=[surat.pk])).content.decode()
    langsung, lainnya = html.split("Jabatan lainnya (")
    nama_langsung = _nama_pilihan(langsung)
    assert nama_langsung[0] == "Sekretaris Dinas"
    assert set(nama_langsung) == {
        "Sekretaris Dinas",
        "Kepala Bidang Statistik",
        "Kepala Bidang Aplikasi Informatika",
        "Pengadministrasi Umum",
        "Pengelola Sistem Informasi",
        "Pranata Komputer Ahli Muda",
    }
    nama_lain = _nama_pilihan(lainnya)
    assert "Kepala Seksi Data" in nama_lain and "Pranata Komputer Ahli Pertama" in nama_lain
    assert "<details" in langsung[-400:] and " open" not in langsung[-400:]  # closed until needed


def test_actor_never_offers_herself(cast, login, surat_masuk):
    """The Sekretaris acting as Plh. Kepala Dinas disposes: her own Sekretaris post is not a choice."""
    sekretaris, _kabid, _seksi = _struktur(cast)
    sek = _sekretaris_plh_kepala(cast, sekretaris)
    surat = surat_masuk()
    html = login(sek).get(reverse("disposisi:buat", args=[surat.pk])).content.decode()
    assert "Sekretaris Dinas" not in _nama_pilihan(html)
    assert "Kepala Bidang Statistik" in _nama_pilihan(html)
    r = login(sek).post(reverse("disposisi:buat", args=[surat.pk]), {"kepada": [sekretaris.pk], "prioritas": "biasa"})
    assert r.status_code == 200 and "di luar jangkauan" in r.content.decode()


@pytest.mark.parametrize("siap_maks", [4, 0], ids=["compiled", "built"])
def test_plh_act_reads_plh_in_tree_timeline_and_lembar(cast, login, surat_masuk, instruksi, monkeypatch, siap_maks):
    """Both ways of reading the assignments (organisasi.acting: compiled for a few people and posts, built
    for more) name the Plh."""
    monkeypatch.setattr(acting, "_SIAP_MAKS", siap_maks)
    sekretaris, kabid, _seksi = _struktur(cast)
    sek = _sekretaris_plh_kepala(cast, sekretaris)
    surat = surat_masuk()
    client = login(sek)
    r = client.post(
        reverse("disposisi:buat", args=[surat.pk]),
        {"kepada": [kabid.pk], "instruksi": [instruksi["Koordinasikan"].pk], "prioritas": "biasa"},
    )
    assert r.status_code == 302
    plh = f"Plh. {cast.kepala.jabatan.nama}"
    halaman_pohon = client.get(reverse("disposisi:pohon", args=[surat.pk])).content.decode()
    assert f"Dari</span> {plh} (" in halaman_pohon
    detail = client.get(reverse("surat:detail", args=[surat.pk])).content.decode()
    assert f"({plh})" in detail.split('id="eo-riwayat-judul"')[1]
    assert [e["dari"] for e in pohon.entries_for_lembar(surat)] == [plh]
