"""Reads of the structure: the tree, search, who acts in which jabatan on a day, admin scoping."""

import datetime

from django.utils import timezone

from organisasi import selectors
from organisasi.models import Penugasan
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory, UnitFactory


def _hari() -> datetime.date:
    """A day next week (relative to the clock, never a calendar date)."""
    return timezone.localdate() + datetime.timedelta(days=7)


def _plh(cast, mulai=None, selesai=None):
    mulai = mulai or _hari()
    selesai = selesai or mulai + datetime.timedelta(days=4)
    return PenugasanFactory(
        pegawai=cast.kabid, jabatan=cast.kepala.jabatan, jenis=Penugasan.Jenis.PLH, mulai=mulai, selesai=selesai
    )


def _find(nodes, nama):
    for node in nodes:
        if node.unit.nama == nama:
            return node
        found = _find(node.anak, nama)
        if found:
            return found
    return None


def test_tree_nests_units_with_kepala_first(cast):
    tree = selectors.struktur_tree()
    assert {n.unit.nama for n in tree} >= {cast.opd.nama, "Dinas Perhubungan"}
    opd = _find(tree, cast.opd.nama)
    assert [a.unit for a in opd.anak] == [cast.bidang]
    assert opd.jabatan[0].jabatan == cast.kepala.jabatan
    bidang = opd.anak[0]
    assert [j.pemangku for j in bidang.jabatan] == [cast.kabid, cast.staf]


def test_tree_counts_vacant_posts_up_the_tree(cast):
    seksi = UnitFactory(induk=cast.bidang, nama="Seksi Aplikasi")
    JabatanFactory(unit=seksi)
    JabatanFactory(unit=seksi)
    opd = _find(selectors.struktur_tree(), cast.opd.nama)
    assert _find(opd.anak, "Seksi Aplikasi").jumlah_kosong == 2
    assert opd.jumlah_kosong == 2


def test_tree_for_one_opd_has_it_as_only_root(cast):
    tree = selectors.struktur_tree(opd_id=cast.opd_lain.pk)
    assert [n.unit for n in tree] == [cast.opd_lain]


def test_tree_skips_inactive_units_and_jabatan(cast):
    JabatanFactory(unit=cast.bidang, nama="Jabatan Lama", aktif=False)
    UnitFactory(induk=cast.opd, nama="Bidang Lama", aktif=False)
    tree = selectors.struktur_tree()
    assert _find(tree, "Bidang Lama") is None
    names = [j.jabatan.nama for j in _find(tree, cast.bidang.nama).jabatan]
    assert "Jabatan Lama" not in names


def test_tree_shows_plh_only_within_dates(cast):
    _plh(cast)
    hari = _hari()

    def plh_on(day):
        kepala = _find(selectors.struktur_tree(on=day), cast.opd.nama).jabatan[0]
        return [p.pegawai for p in kepala.penugasan]

    assert plh_on(hari - datetime.timedelta(days=1)) == []
    assert plh_on(hari) == [cast.kabid]
    assert plh_on(hari + datetime.timedelta(days=4)) == [cast.kabid]
    assert plh_on(hari + datetime.timedelta(days=5)) == []


def test_tree_query_count_is_constant(cast, django_assert_num_queries):
    for i in range(5):
        unit = UnitFactory(induk=cast.opd)
        PegawaiFactory(jabatan=JabatanFactory(unit=unit, nama=f"J{i}"))
    with django_assert_num_queries(3):
        tree = selectors.struktur_tree()
        for node in tree:
            for j in node.jabatan:
                str(j.pemangku)


def test_search_by_name_or_nip_with_spaces(cast):
    cast.staf.nip = "199001012015032003"
    cast.staf.save()
    assert list(selectors.pegawai_search("dewi")) == [cast.staf]
    assert list(selectors.pegawai_search("19900101 201503 2 003")) == [cast.staf]
    assert list(selectors.pegawai_search("19900101")) == [cast.staf]
    assert list(selectors.pegawai_search("  ")) == []


def test_admin_lists_are_scoped_to_managed_opd(cast):
    assert set(selectors.units_managed_by(cast.admin_opd)) == {cast.opd, cast.bidang}
    assert cast.staf_lain not in selectors.pegawai_managed_by(cast.admin_opd)
    assert cast.staf_lain in selectors.pegawai_managed_by(cast.admin_pemda)
    assert cast.kepala_lain.jabatan not in selectors.jabatan_managed_by(cast.admin_opd)
    assert not selectors.units_managed_by(cast.staf).exists()


def test_peran_managed_by_hides_admin_pemda_role_from_admin_opd(cast):
    jenis_opd = {p.jenis for p in selectors.peran_managed_by(cast.admin_opd)}
    assert jenis_opd == {"pencatat", "admin_opd"}
    assert "admin_pemda" in {p.jenis for p in selectors.peran_managed_by(cast.admin_pemda)}
    assert not selectors.peran_managed_by(cast.staf).exists()


def test_pegawai_short_list_is_the_opd_plus_the_chosen(cast, monkeypatch):
    dasar = selectors.pegawai_pilihan_dasar({cast.opd.pk})
    assert cast.staf in dasar and cast.kepala_lain not in dasar
    assert [p.nama for p in dasar] == sorted(p.nama for p in dasar)
    assert cast.kepala_lain in selectors.pegawai_pilihan_dasar({cast.opd.pk}, termasuk=[cast.kepala_lain.pk])
    monkeypatch.setattr(selectors, "PEGAWAI_DASAR_MAKS", 2)
    assert len(selectors.pegawai_pilihan_dasar({cast.opd.pk})) == 2


def test_pegawai_label_names_the_post_or_its_absence(cast):
    from tests.factories import PegawaiFactory

    assert selectors.pegawai_label(cast.staf_lain) == "Agus Salim — Pengelola Lalu Lintas"
    assert selectors.pegawai_label(PegawaiFactory(nama="Tanpa Pos", jabatan=None)) == "Tanpa Pos — (tanpa jabatan)"
