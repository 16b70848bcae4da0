"""Who sees which letter, in which list and count; and that lists cost a constant number of queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisasi.models import Peran
from surat import beranda, rincian, selectors, services
from surat.models import Surat
from tests.factories import JabatanFactory, PegawaiFactory, PeranFactory

S = Surat.Status


@pytest.fixture
def pencatat_lain(cast):
    p = PegawaiFactory(nama="Wulan", jabatan=JabatanFactory(unit=cast.opd_lain, nama="Pengadministrasi Dishub"))
    PeranFactory(pegawai=p, jenis=Peran.Jenis.PENCATAT, opd=cast.opd_lain)
    return p


def sees(pegawai, surat) -> bool:
    manager = Surat.objects.visible_to(pegawai).filter(pk=surat.pk).exists()
    try:
        selectors.get_surat_for(pegawai, surat.pk)
    except Http404:
        assert not manager
        return False
    assert manager
    return True


def test_konsep_visible_to_drafter_only_until_submitted(cast, konsep):
    surat = konsep()
    assert sees(cast.staf, surat)
    for other in (cast.kabid, cast.kepala, cast.pencatat, cast.kepala_lain, cast.admin_opd):
        assert not sees(other, surat), other
    services.surat_submit(actor=cast.staf, surat=surat)
    assert sees(cast.kabid, surat) and sees(cast.kepala, surat)
    assert not sees(cast.pencatat, surat) and not sees(cast.kepala_lain, surat)
    assert list(selectors.perlu_paraf(cast.kabid)) == [surat]
    assert list(selectors.perlu_paraf(cast.kepala)) == []
    assert list(selectors.perlu_ttd(cast.kepala)) == []
    assert list(selectors.konsep_list(cast.staf)) == []
    assert list(selectors.konsep_list(cast.staf, proses=True)) == [surat]


@pytest.mark.parametrize("keamanan", ["biasa", "terbatas", "rahasia", "sangat_rahasia"])
def test_visibility_matrix_after_signing(cast, terkirim, pencatat_lain, keamanan):
    surat = terkirim(keamanan=keamanan, tembusan=[cast.pencatat.jabatan])
    rahasia = keamanan in ("rahasia", "sangat_rahasia")
    full = [cast.staf, cast.kabid, cast.kepala, cast.kepala_lain, cast.pencatat]  # pencatat is a tembusan here
    for p in full:
        assert sees(p, surat) and selectors.can_see_content(p, surat), p
    # the receiving OPD's pencatat keeps the agenda: register line only for secret letters
    assert sees(pencatat_lain, surat)
    assert selectors.can_see_content(pencatat_lain, surat) is (not rahasia)
    for outsider in (cast.staf_lain, cast.admin_opd, cast.admin_pemda):
        assert not sees(outsider, surat), outsider
    lampiran_ok = not rahasia
    agenda = selectors.buku_agenda(pencatat_lain, opd=cast.opd_lain, tahun=surat.tahun).get()
    assert agenda.boleh_lihat_isi is lampiran_ok


def test_sending_pencatat_sees_register_only_for_rahasia(cast, terkirim):
    surat = terkirim(keamanan="rahasia")
    assert sees(cast.pencatat, surat)
    assert not selectors.can_see_content(cast.pencatat, surat)


def test_lists_and_counters_for_addressee(cast, terkirim):
    a = terkirim(hal="Surat A")
    b = terkirim(hal="Surat B", tujuan=[cast.kabid.jabatan], tembusan=[cast.kepala_lain.jabatan])
    masuk = selectors.surat_masuk(cast.kepala_lain)
    assert [p.surat for p in masuk] == [a]
    assert [p.surat for p in selectors.tembusan_list(cast.kepala_lain)] == [b]
    assert beranda.beranda_counters(cast.kepala_lain) == {
        "perlu_paraf": 0,
        "perlu_ttd": 0,
        "ditandatangani_belum_dikirim": 0,
        "masuk_belum_dibaca": 1,
        "masuk_belum_ditindaklanjuti": 1,
        "tembusan_belum_dibaca": 1,
    }
    services.mark_read(actor=cast.kepala_lain, surat=a)
    assert beranda.beranda_counters(cast.kepala_lain)["masuk_belum_dibaca"] == 0
    assert list(selectors.surat_masuk(cast.kepala_lain, belum_dibaca=True)) == []
    assert [s.hal for s in selectors.surat_keluar(cast.kepala)] == ["Surat B", "Surat A"]
    assert [s.hal for s in selectors.surat_keluar(cast.staf)] == ["Surat B", "Surat A"]
    assert list(selectors.surat_keluar(cast.kepala_lain)) == []


def test_surat_keluar_branches_hold_the_same_letters_each_on_one_side(cast, terkirim):
    terkirim(hal="Surat A")
    terkirim(hal="Surat B")
    for who in (cast.kepala, cast.staf, cast.kepala_lain):
        branches = selectors.surat_keluar_cabang(who)
        assert sorted(s.pk for b in branches for s in b) == sorted(s.pk for s in selectors.surat_keluar(who))
        for b in branches:
            # one side only: the other side's OR would make PostgreSQL sort every letter of the jabatan
            where = str(b.query).split(" WHERE ")[1].split(" ORDER BY ")[0]
            assert (" OR " not in where) and ("jabatan_konseptor_id" in where) != ("penandatangan_id" in where)


def test_cabang_ke_names_each_branch_as_cabang_orders_them():
    """Surat Keluar's prepared branches are read one post at a time (surat.views.kotak): branch `i` must be
    the field and post `cabang` puts at `i`, else a branch's page key would be looked up in another."""
    from django.db.models import Q

    from organisasi.acting import bentuk

    ids = {31, 7, 12}
    urutan = selectors.cabang(bentuk(ids), "keluar")
    kolom = ("jabatan_konseptor_id", "penandatangan_id")
    dinamai = [selectors.cabang_ke(ids, i) for i in range(len(urutan))]
    assert [Q(**{kolom[k]: j}) for k, j in dinamai] == urutan


def test_list_filters(cast, terkirim, surat_dinas):
    terkirim(hal="Pengadaan server", urgensi="segera")
    terkirim(hal="Rapat koordinasi", jenis=surat_dinas)
    hal = lambda qs: [p.surat.hal for p in qs]  # noqa: E731
    assert hal(selectors.surat_masuk(cast.kepala_lain, q="server")) == ["Pengadaan server"]
    assert hal(selectors.surat_masuk(cast.kepala_lain, urgensi="segera")) == ["Pengadaan server"]
    assert hal(selectors.surat_masuk(cast.kepala_lain, jenis=surat_dinas)) == ["Rapat koordinasi"]
    assert len(hal(selectors.surat_masuk(cast.kepala_lain, opd_pengirim=cast.opd))) == 2
    assert hal(selectors.surat_masuk(cast.kepala_lain, opd_pengirim=cast.opd_lain)) == []
    today = timezone.localdate()
    assert len(hal(selectors.surat_masuk(cast.kepala_lain, dari=today, sampai=today))) == 2


def test_counters_for_verifikator_signer_and_pencatat(cast, konsep, terkirim):
    a = konsep()
    services.surat_submit(actor=cast.staf, surat=a)
    b = konsep(verifikator=[])
    services.surat_submit(actor=cast.staf, surat=b)
    terkirim(tujuan=[{"nama": "Bank Jateng"}])
    assert beranda.beranda_counters(cast.kabid)["perlu_paraf"] == 1
    assert beranda.beranda_counters(cast.kepala)["perlu_ttd"] == 1
    assert beranda.beranda_counters(cast.pencatat)["ditandatangani_belum_dikirim"] == 1
    assert selectors.eksternal_belum_dikirim(cast.pencatat).get().eksternal_nama == "Bank Jateng"
    assert not selectors.eksternal_belum_dikirim(cast.staf).exists()


def test_buku_agenda_only_for_pencatat_of_that_opd(cast, terkirim, pencatat_lain):
    surat = terkirim()
    with pytest.raises(PermissionDenied):
        selectors.buku_agenda(cast.pencatat, opd=cast.opd_lain, tahun=surat.tahun)
    with pytest.raises(PermissionDenied):
        selectors.buku_agenda(cast.kepala_lain, opd=cast.opd_lain, tahun=surat.tahun)
    assert selectors.buku_agenda(pencatat_lain, opd=cast.opd_lain, tahun=surat.tahun).get().surat == surat


def test_aksi_tersedia_follow_the_flow(cast, konsep):
    surat = konsep()
    assert selectors.aksi_tersedia(cast.staf, surat) == {"ubah", "ajukan", "hapus"}
    assert selectors.aksi_tersedia(cast.kabid, surat) == set()
    services.surat_submit(actor=cast.staf, surat=surat)
    assert selectors.aksi_tersedia(cast.kabid, surat) == {"paraf", "kembalikan_paraf"}
    services.paraf_return(actor=cast.kabid, surat=surat, catatan="Perbaiki hal.")
    # Once submitted, a returned draft can be changed but no longer deleted.
    assert selectors.aksi_tersedia(cast.staf, surat) == {"ubah", "ajukan"}
    services.surat_submit(actor=cast.staf, surat=surat)
    services.paraf_approve(actor=cast.kabid, surat=surat)
    assert selectors.aksi_tersedia(cast.kepala, surat) == {"tandatangani", "kembalikan_ttd"}
    services.sign(actor=cast.kepala, surat=surat)
    assert selectors.aksi_tersedia(cast.kepala_lain, surat) == {"balas", "tindaklanjut"}


def test_usulan_verifikator(cast):
    staf, kabid, kepala = cast.staf.jabatan, cast.kabid.jabatan, cast.kepala.jabatan
    assert selectors.usulan_verifikator(staf, kepala) == [kabid]
    assert selectors.usulan_verifikator(staf, kabid) == []
    assert selectors.usulan_verifikator(kepala, kepala) == []


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _use_masuk(pegawai) -> list:
    return [(p.surat.hal, p.agenda_nomor, p.diterima_pada) for p in selectors.surat_masuk(pegawai)]


def _use_keluar(pegawai) -> list:
    return [(s.hal, s.nomor, s.tanggal) for s in selectors.surat_keluar(pegawai)]


@pytest.mark.parametrize("n", [3, 30])
def test_list_queries_constant(cast, terkirim, django_assert_max_num_queries, n):
    """The list selectors read their rows in one query (the joins a table prints are the view's: see
    tests/surat/test_views_kotak.py::test_list_pages_cost_constant_queries)."""
    for i in range(n):
        terkirim(hal=f"Surat {i}", verifikator=[])
    for fn, who in ((_use_masuk, cast.kepala_lain), (_use_keluar, cast.kepala)):
        who.__dict__.pop("_actor", None)  # resolve the acting actor again, as a new request would
        with django_assert_max_num_queries(4):
            assert len(fn(who)) == n
    with django_assert_max_num_queries(5):
        beranda.beranda_counters(cast.pencatat)
    assert selectors.surat_masuk(cast.kepala_lain).count() == n


def test_lampiran_download_follows_content_rule(cast, konsep, pencatat_lain, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    surat = konsep(keamanan="rahasia", verifikator=[])
    lampiran = services.lampiran_add(
        actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("data.pdf", pdf, "application/pdf")
    )
    assert lampiran.mime == "application/pdf" and lampiran.ukuran == len(pdf)
    assert not lampiran.berkas.name.endswith("data.pdf")  # stored under a random name
    services.surat_submit(actor=cast.staf, surat=surat)
    services.sign(actor=cast.kepala, surat=surat)
    assert selectors.get_lampiran_for(cast.staf, lampiran.pk) == lampiran
    assert selectors.get_lampiran_for(cast.kepala_lain, lampiran.pk) == lampiran
    for p in (pencatat_lain, cast.staf_lain):
        with pytest.raises(Http404):
            selectors.get_lampiran_for(p, lampiran.pk)


def test_pembaca_lists_addressees_before_copies_in_the_drafters_order(cast, terkirim):
    surat = terkirim(
        tujuan=[cast.kepala_lain.jabatan, {"nama": "PT Contoh"}],
        tembusan=[cast.kabid.jabatan, cast.staf_lain.jabatan],
        verifikator=[],
    )
    assert [p.nama for p in rincian.pembaca(surat)] == [
        cast.kepala_lain.jabatan.nama,
        "PT Contoh",
        cast.kabid.jabatan.nama,
        cast.staf_lain.jabatan.nama,
    ]


def test_jabatan_cari_by_jabatan_opd_code_and_holder_name(cast):
    lain = cast.kepala_lain.jabatan
    assert lain in selectors.jabatan_cari("perhubungan")
    assert lain in selectors.jabatan_cari("DISHUB")
    assert list(selectors.jabatan_cari("Hendro")) == [lain]
    assert list(selectors.jabatan_cari("kepala hendro")) == [lain]  # every word must match
    assert cast.staf.jabatan in selectors.jabatan_cari("pranata komputer")
    assert list(selectors.jabatan_cari("   ")) == []
    assert len(selectors.jabatan_cari("a", limit=2)) == 2
    # Heads of units come first; the whole phrase in the name before that.
    assert selectors.jabatan_cari("DISHUB")[0] == lain
    assert selectors.jabatan_cari("kepala dinas")[0] in (lain, cast.kepala.jabatan)
    assert selectors.jabatan_cari("pengelola lalu")[0] == cast.staf_lain.jabatan


def test_jabatan_pilihan_dasar_is_opd_heads_own_opd_and_the_chosen(cast):
    dasar = set(selectors.jabatan_pilihan_dasar(cast.staf))
    assert {cast.kepala_lain.jabatan, cast.kepala.jabatan, cast.kabid.jabatan, cast.pencatat.jabatan} <= dasar
    assert cast.staf_lain.jabatan not in dasar  # a staff post of another OPD: found by searching
    assert cast.staf_lain.jabatan in selectors.jabatan_pilihan_dasar(cast.staf, termasuk=[cast.staf_lain.jabatan_id])


def test_surat_masuk_belum_ditindaklanjuti_and_tugas_hari_ini(cast, terkirim):
    biasa = terkirim(hal="Biasa", verifikator=[])
    segera = terkirim(hal="Segera", urgensi="segera", verifikator=[])
    amat = terkirim(hal="Amat segera", urgensi="amat_segera", verifikator=[])
    services.mark_ditindaklanjuti(actor=cast.kepala_lain, surat=biasa)
    belum = selectors.surat_masuk(cast.kepala_lain, belum_ditindaklanjuti=True)
    assert {p.surat.hal for p in belum} == {"Segera", "Amat segera"}
    # Urgent letters not yet acted on, the most urgent first; a read one stays until it is acted on.
    tugas = beranda.tugas_hari_ini(cast.kepala_lain)
    assert [(t.surat.hal, t.aksi) for t in tugas] == [("Amat segera", "Baca"), ("Segera", "Baca")]
    services.mark_read(actor=cast.kepala_lain, surat=amat)
    tugas = beranda.tugas_hari_ini(cast.kepala_lain)
    assert [(t.surat.hal, t.aksi) for t in tugas] == [("Amat segera", "Tindak lanjuti"), ("Segera", "Baca")]
    services.mark_ditindaklanjuti(actor=cast.kepala_lain, surat=amat)
    assert [t.surat for t in beranda.tugas_hari_ini(cast.kepala_lain)] == [segera]


def test_eksternal_belum_dikirim_takes_the_common_filters(cast, terkirim):
    terkirim(hal="Kerja sama jaringan", tujuan=[{"nama": "PT Telkom"}], verifikator=[])
    terkirim(hal="Undangan seminar", tujuan=[{"nama": "Universitas Sebelas Maret"}], urgensi="segera")
    pencatat = cast.pencatat
    assert selectors.eksternal_belum_dikirim(pencatat).count() == 2
    assert selectors.eksternal_belum_dikirim(pencatat, q="jaringan").get().eksternal_nama == "PT Telkom"
    assert selectors.eksternal_belum_dikirim(pencatat, urgensi="segera").get().surat.hal == "Undangan seminar"
