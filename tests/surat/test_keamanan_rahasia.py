"""Rahasia letters seen as a register line only (a pencatat without own access): their hal never shows
in a reply thread, on the external-sending page, nor through a list search (security review S2, S6)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisasi.models import Peran
from surat import selectors, services
from surat.models import Surat
from tests.factories import PeranFactory

HAL_RAHASIA = "Insiden kebocoran data kepegawaian"


@pytest.fixture
def balasan_rahasia(cast, terkirim):
    """Kominfo sends a Biasa nota dinas to Dishub; Dishub's kepala replies to Kominfo as Rahasia. Kominfo's
    pencatat keeps both in its agenda book but may read only the first one."""
    asli = terkirim(hal="Permintaan data kepegawaian")
    balasan = services.surat_create(
        actor=cast.kepala_lain,
        jabatan_konseptor=cast.kepala_lain.jabatan,
        jenis=asli.jenis,
        hal=HAL_RAHASIA,
        isi="<p>Isi rahasia.</p>",
        klasifikasi=asli.klasifikasi,
        keamanan=Surat.Keamanan.RAHASIA,
        penandatangan=cast.kepala_lain.jabatan,
        tujuan=[cast.kepala.jabatan],
        verifikator=[],
        balasan_untuk=asli,
    )
    services.surat_submit(actor=cast.kepala_lain, surat=balasan)
    services.sign(actor=cast.kepala_lain, surat=balasan)
    assert selectors.get_surat_for(cast.pencatat, balasan.pk)
    assert not selectors.can_see_content(cast.pencatat, balasan)
    return asli, balasan


def test_thread_hides_hal_of_a_rahasia_reply_from_a_register_only_pencatat(cast, login, balasan_rahasia):
    asli, balasan = balasan_rahasia
    page = login(cast.pencatat).get(reverse("surat:detail", args=[asli.pk])).content.decode()
    assert "Surat terkait (balasan)" in page
    assert HAL_RAHASIA not in page
    assert "Surat rahasia" in page and balasan.nomor in page
    # the addressee reads the reply, so the thread names it
    page = login(cast.kepala).get(reverse("surat:detail", args=[asli.pk])).content.decode()
    assert HAL_RAHASIA in page


def test_agenda_search_does_not_match_hidden_hal(cast, login, balasan_rahasia):
    _asli, balasan = balasan_rahasia
    client = login(cast.pencatat)
    url = reverse("surat:agenda")
    assert balasan.nomor not in client.get(url, {"opd": cast.opd.pk, "q": "kebocoran"}).content.decode()
    assert "Buka catatan surat" in client.get(url, {"opd": cast.opd.pk, "q": balasan.nomor}).content.decode()
    assert not selectors.buku_agenda(cast.pencatat, opd=cast.opd, tahun=balasan.tahun, q="kebocoran").exists()
    assert selectors.buku_agenda(cast.pencatat, opd=cast.opd, tahun=balasan.tahun, q=balasan.nomor).exists()


def test_agenda_search_still_matches_hal_for_a_pencatat_who_may_read_it(cast, balasan_rahasia):
    _asli, balasan = balasan_rahasia
    PeranFactory(pegawai=cast.kepala, jenis=Peran.Jenis.PENCATAT, opd=cast.opd)  # the addressee keeps the book
    (baris,) = selectors.buku_agenda(cast.kepala, opd=cast.opd, tahun=balasan.tahun, q="kebocoran")
    assert baris.surat == balasan and baris.boleh_lihat_isi


def test_external_sending_list_search_and_page_hide_rahasia_hal(cast, login, terkirim):
    luar = [{"nama": "PT Bank Jateng", "email": "cs@bankjateng.co.id"}]
    rahasia = terkirim(hal=HAL_RAHASIA, keamanan=Surat.Keamanan.RAHASIA, tujuan=luar)
    biasa = terkirim(hal="Permohonan data nasabah", tujuan=luar)
    assert not selectors.can_see_content(cast.pencatat, rahasia)
    assert [p.surat for p in selectors.eksternal_belum_dikirim(cast.pencatat, q="kebocoran")] == []
    assert [p.surat for p in selectors.eksternal_belum_dikirim(cast.pencatat, q=rahasia.nomor)] == [rahasia]
    assert [p.surat for p in selectors.eksternal_belum_dikirim(cast.pencatat, q="nasabah")] == [biasa]
    client = login(cast.pencatat)
    assert rahasia.nomor not in client.get(reverse("surat:eksternal"), {"q": "kebocoran"}).content.decode()
    page = client.get(reverse("surat:kirim_eksternal", args=[rahasia.pk])).content.decode()
    assert rahasia.nomor in page and "PT Bank Jateng" in page
    assert HAL_RAHASIA not in page


@pytest.mark.parametrize(
    "nama", ["konsep_list", "perlu_paraf", "perlu_ttd", "surat_keluar", "surat_masuk", "tembusan_list"]
)
def test_no_list_of_a_register_only_pencatat_matches_hidden_hal(cast, balasan_rahasia, nama):
    assert list(getattr(selectors, nama)(cast.pencatat, q="kebocoran")) == []


def test_the_content_rule_reads_the_same_in_lists_and_on_one_letter(cast, balasan_rahasia, konsep):
    """`content_q` has a short form for rows already visible (lists); both forms and can_see_content
    agree for everyone, and only letters the user may open are ever readable."""
    from surat.models import content_q

    konsep(keamanan=Surat.Keamanan.SANGAT_RAHASIA, verifikator=[])
    for who in (cast.kepala, cast.kabid, cast.staf, cast.pencatat, cast.kepala_lain, cast.staf_lain):
        visible = Surat.objects.visible_to(who)
        readable = set(Surat.objects.readable_by(who))
        assert readable <= set(visible), who
        short = {s for s in visible.annotate(boleh=content_q(who, known_visible=True)) if s.boleh}
        assert short == readable, who
        assert {s for s in Surat.objects.all() if selectors.can_see_content(who, s)} == readable, who
    _asli, balasan = balasan_rahasia
    assert balasan in Surat.objects.visible_to(cast.pencatat)
    assert balasan not in Surat.objects.readable_by(cast.pencatat)
