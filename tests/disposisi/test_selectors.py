import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disposisi import pohon, selectors, services
from disposisi.models import Disposisi, LaporanTindakLanjut
from organisasi.models import Pegawai
from tests.factories import JabatanFactory, PegawaiFactory
from tests.waktu import pada, senin_depan

S = Disposisi.Status


@pytest.fixture
def hari_ini() -> datetime.date:
    """Next week's Monday: the tests below travel there."""
    return senin_depan().date()


@pytest.fixture
def kasi(cast):
    j = JabatanFactory(nama="Kepala Seksi Layanan", unit=cast.bidang, atasan=cast.kabid.jabatan)
    return PegawaiFactory(user__username="kasi", nama="Joko Kasi", jabatan=j)


def test_tree_shows_every_branch_state_and_progress(cast, kasi, surat_masuk, dispose):
    surat = surat_masuk()
    besok = timezone.localdate() + datetime.timedelta(days=1)
    d_kabid, d_admin, d_pencatat = dispose(
        cast.kepala, surat, [cast.kabid.jabatan, cast.admin_opd.jabatan, cast.pencatat.jabatan], batas_waktu=besok
    )
    [d_kasi] = dispose(cast.kabid, surat, [kasi.jabatan], induk=d_kabid)
    services.disposisi_read(actor=cast.admin_opd, disposisi=d_admin)
    services.laporan_create(actor=kasi, disposisi=d_kasi, isi="Data terkirim.")
    services.disposisi_cancel(actor=cast.kepala, disposisi=d_pencatat)

    tree = pohon.tree(surat, cast.kepala)
    assert [n.d.kepada_jabatan for n in tree.akar] == [
        cast.kabid.jabatan,
        cast.admin_opd.jabatan,
        cast.pencatat.jabatan,
    ]
    kabid, admin, pencatat = tree.akar
    assert kabid.keadaan == "selesai"  # all its sub-branches finished
    assert [a.keadaan for a in kabid.anak] == ["selesai"]
    assert kabid.anak[0].laporan[0].isi == "Data terkirim."
    assert admin.keadaan == "dibaca" and pencatat.keadaan == "dibatalkan"
    assert kabid.instruksi == ["Untuk ditindaklanjuti"]
    assert kabid.dari_saya and admin.dari_saya and not kabid.untuk_saya and not kabid.anak[0].dari_saya
    # leaves not cancelled: kasi (selesai) and admin (dibaca)
    assert (tree.selesai, tree.total, tree.terlambat, tree.persen) == (1, 2, 0, 50)
    # The kabid follows their own chain (disposisi.akses), not the parallel branches of colleagues.
    own = pohon.tree(surat, cast.kabid)
    assert [n.d.kepada_jabatan for n in own.akar] == [cast.kabid.jabatan]
    assert own.akar[0].untuk_saya and own.akar[0].anak[0].dari_saya


def test_unread_and_overdue_states(hari_ini, cast, surat_masuk, dispose):
    with time_machine.travel(pada(hari_ini), tick=False):
        surat = surat_masuk()
        [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan], batas_waktu=hari_ini)
        assert pohon.tree(surat).akar[0].keadaan == "belum_dibaca"
        assert selectors.beranda_counters(cast.kabid) == {
            "belum_dibaca": 1,
            "belum_selesai": 1,
            "jatuh_tempo": 1,
            "terlambat": 0,
        }
    with time_machine.travel(pada(hari_ini + datetime.timedelta(days=1)), tick=False):
        tree = pohon.tree(surat)
        assert tree.akar[0].keadaan == "terlambat" and tree.terlambat == 1
        assert selectors.beranda_counters(cast.kabid)["terlambat"] == 1
        assert list(selectors.disposisi_masuk(cast.kabid, terlambat=True)) == [d]
        services.laporan_create(actor=cast.kabid, disposisi=d, isi="Sudah, maaf terlambat.")
        assert pohon.tree(surat).akar[0].keadaan == "selesai"
        assert selectors.beranda_counters(cast.kabid)["terlambat"] == 0


def test_reminder_finders(hari_ini, cast, surat_masuk, dispose):
    with time_machine.travel(pada(hari_ini), tick=False):
        surat = surat_masuk()
        besok = hari_ini + datetime.timedelta(days=1)
        [d_besok] = dispose(cast.kepala, surat, [cast.kabid.jabatan], batas_waktu=besok)
        [d_hari_ini] = dispose(cast.kepala, surat, [cast.staf.jabatan], batas_waktu=hari_ini)
        [d_selesai] = dispose(cast.kepala, surat, [cast.admin_opd.jabatan], batas_waktu=hari_ini)
        services.laporan_create(actor=cast.admin_opd, disposisi=d_selesai, isi="Beres.")
    assert list(selectors.jatuh_tempo_besok(hari_ini)) == [d_besok]
    assert list(selectors.terlambat(hari_ini)) == []
    assert list(selectors.terlambat(besok)) == [d_hari_ini]
    assert list(selectors.terlambat(besok + datetime.timedelta(days=1))) == [d_besok, d_hari_ini]


def test_lists_and_filters(cast, surat_masuk, dispose):
    s1 = surat_masuk(hal="Undangan rapat SPBE")
    s2 = surat_masuk(hal="Permintaan data statistik")
    [a] = dispose(cast.kepala, s1, [cast.kabid.jabatan])
    [b] = dispose(cast.kepala, s2, [cast.kabid.jabatan])
    services.disposisi_read(actor=cast.kabid, disposisi=a)
    assert list(selectors.disposisi_masuk(cast.kabid)) == [b, a]
    assert list(selectors.disposisi_masuk(cast.kabid, status="belum_dibaca")) == [b]
    assert list(selectors.disposisi_masuk(cast.kabid, q="statistik")) == [b]
    assert list(selectors.disposisi_masuk(cast.kepala)) == []
    assert list(selectors.disposisi_keluar(cast.kepala)) == [b, a]
    assert list(selectors.disposisi_keluar(cast.kabid)) == []
    services.disposisi_cancel(actor=cast.kepala, disposisi=b)
    assert list(selectors.disposisi_masuk(cast.kabid)) == [a]  # cancelled ones vanish from the inbox


def test_entries_for_lembar(cast, surat_masuk, dispose):
    surat = surat_masuk()
    tgl = timezone.localdate() + datetime.timedelta(days=5)
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan], batas_waktu=tgl, catatan="Siapkan data.")
    dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d1)
    [batal] = dispose(cast.kepala, surat, [cast.admin_opd.jabatan])
    services.disposisi_cancel(actor=cast.kepala, disposisi=batal)
    entries = pohon.entries_for_lembar(surat)
    assert [(e["dari"], e["kepada"], e["level"]) for e in entries] == [
        (cast.kepala.jabatan.nama, cast.kabid.jabatan.nama, 0),
        (cast.kabid.jabatan.nama, cast.staf.jabatan.nama, 1),
    ]
    assert entries[0]["instruksi"] == ["Untuk ditindaklanjuti"]
    assert entries[0]["catatan"] == "Siapkan data." and entries[0]["batas_waktu"] == tgl
    assert entries[0]["paraf"] == cast.kepala.nama_lengkap
    assert entries[0]["tanggal"] == timezone.localdate()


def _grow(cast, surat, dispose, n: int) -> None:
    """n first-level dispositions, each with a report, to fresh subordinates of the kepala."""
    for i in range(n):
        j = JabatanFactory(nama=f"Staf {i}", unit=cast.opd, atasan=cast.kepala.jabatan)
        p = PegawaiFactory(jabatan=j)
        [d] = dispose(cast.kepala, surat, [j])
        services.laporan_create(actor=p, disposisi=d, isi=f"Laporan {i}")


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_tree_queries_do_not_grow(cast, surat_masuk, dispose):
    surat = surat_masuk()
    _grow(cast, surat, dispose, 3)
    kepala = Pegawai.objects.get(pk=cast.kepala.pk)
    small = _count(lambda: len(pohon.tree(surat, kepala)))
    _grow(cast, surat, dispose, 12)
    kepala = Pegawai.objects.get(pk=cast.kepala.pk)
    big = _count(lambda: len(pohon.tree(surat, kepala)))
    assert len(pohon.tree(surat)) == 15
    # 9: the dispositions, their posts and people, the instructions, reports and their files, and the
    # viewer's roles (a pencatat sees the whole tree: disposisi.akses).
    assert small == big <= 9


def test_lembar_args_for_the_pdf(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d1, instruksi=[], catatan="Kerjakan.")
    args = pohon.lembar_args(surat)
    assert [e.kepada for e in args["entries"]] == [cast.kabid.jabatan.nama, cast.staf.jabatan.nama]
    assert args["entries"][0].dari == f"{cast.kepala.jabatan.nama} — {cast.kepala.nama_lengkap}"
    assert args["entries"][0].instruksi == ("Untuk ditindaklanjuti",)
    assert "Untuk ditindaklanjuti" in args["instruksi"]


def test_dispositions_the_viewer_may_not_see_are_read_without_their_people(cast, surat_masuk, dispose, monkeypatch):
    """The letter page's tree and buttons share `disposisi_surat`: for a viewer who sees none of the
    dispositions (another OPD's head here) their posts and people are not read; for one who sees them
    they come with every row, so the tree prints without a query per node."""
    surat = surat_masuk()
    dispose(cast.kepala, surat, [cast.kabid.jabatan])
    dibaca = []
    for nama in ("_JABATAN_DISPOSISI", "_PEGAWAI_DISPOSISI"):
        asli = getattr(pohon, nama)
        monkeypatch.setattr(pohon, nama, lambda asli=asli, nama=nama, **kw: dibaca.append(nama) or asli(**kw))

    rows = pohon.disposisi_surat(surat, cast.kepala_lain)
    assert len(rows) == 1 and dibaca == []
    assert not Disposisi.dari_pegawai.field.is_cached(rows[0])
    assert pohon.tree(surat, cast.kepala_lain, rows).akar == []
    rows = pohon.disposisi_surat(surat, cast.kepala)
    assert len(dibaca) == 2 and Disposisi.dari_pegawai.field.is_cached(rows[0])
    with CaptureQueriesContext(connection) as cetak:
        assert rows[0].kepada_jabatan == cast.kabid.jabatan and rows[0].dari_pegawai == cast.kepala
    assert len(cetak) == 0


def test_a_report_names_its_author_from_the_people_the_tree_read(cast, surat_masuk, dispose):
    """Who reports has opened the disposition: the tree takes the author from the reader it read with the
    rows (the same instance, no join). An author who is not the reader (another holder of the post)
    costs one read for all such authors."""
    surat = surat_masuk()
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    services.laporan_create(actor=cast.kabid, disposisi=d, isi="Sudah dikerjakan.")
    kepala = Pegawai.objects.get(pk=cast.kepala.pk)
    sebelum = _count(lambda: pohon.tree(surat, kepala))
    node = pohon.tree(surat, kepala).akar[0]
    assert node.laporan[0].pegawai is node.d.dibaca_oleh and node.d.dibaca_oleh.pk == cast.kabid.pk

    lain = PegawaiFactory(nama="Sri Pengganti", jabatan=JabatanFactory(unit=cast.bidang))
    LaporanTindakLanjut.objects.create(disposisi=d, pegawai=lain, jabatan=cast.kabid.jabatan, isi="Tambahan.")
    kepala = Pegawai.objects.get(pk=cast.kepala.pk)
    assert _count(lambda: pohon.tree(surat, kepala)) == sebelum + 1
    node = pohon.tree(surat, kepala).akar[0]
    assert [lap.pegawai.nama for lap in node.laporan] == [cast.kabid.nama, "Sri Pengganti"]
