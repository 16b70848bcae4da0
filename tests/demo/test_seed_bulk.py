"""seed_bulk on a small city: 300 letters with the indexes set aside and rebuilt (so every foreign key and
unique constraint is checked again when it comes back), then 120 more with the constraints in place.
The bulk rows are committed by worker processes, so the module seeds once outside the test transaction
and empties the database at the end. The invariants are read through the app's own selectors."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse

from arsip import indeks
from arsip.models import SuratIndeks
from disposisi.models import Disposisi
from organisasi import acting
from organisasi.models import Jabatan, Pegawai, Peran, UnitKerja
from surat import selectors
from surat.models import Agenda, Penerima, Penomoran, Surat, Verifikator

POSTGRES = connection.vendor == "postgresql"
AKUN = ("kominfo.kepala", "kominfo.tu", "kominfo.staf", "walikota")


@pytest.fixture(scope="module")
def bulk(django_db_setup, django_db_blocker, tmp_path_factory):
    if not POSTGRES:
        pytest.skip(
            "seed_bulk menulis dengan COPY dari beberapa proses: hanya PostgreSQL (DATABASE_URL=postgres://...)"
        )
    media = tmp_path_factory.mktemp("media")
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media),
    ):
        try:
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr("demo.bulk.run.BATAS_INDEKS", 1)  # the path of a million letters, on 300
                call_command("seed_bulk", "--surat", "300", "--ya-saya-yakin", stdout=out)
            call_command("seed_bulk", "--surat", "120", "--seed", "2", "--ya-saya-yakin", stdout=out)
            yield out.getvalue()
        finally:
            call_command("flush", "--no-input", verbosity=0)  # the reference data comes back (eoffice/apps.py)


def _pelaksana(jabatan_id: int) -> list[Pegawai]:
    return acting.pegawai_per_jabatan([jabatan_id]).get(jabatan_id, [])


def test_seed_bulk_reports_what_it_wrote(bulk, db):
    assert "indeks dan constraint disisihkan" in bulk and "dibangun lagi" in bulk
    assert Surat.objects.filter(hal__regex=r"^(Undangan|Permohonan|Laporan|Pemberitahuan|Penyampaian|Usulan)").count()
    statuses = set(Surat.objects.values_list("status", flat=True))
    assert {"terkirim", "tercatat"} <= statuses
    assert Surat.objects.count() >= 420
    assert Surat.objects.values("tanggal__year").distinct().count() >= 4  # several years of mail
    assert Surat.objects.filter(status__in=["konsep", "paraf", "ttd"]).exists() or "surat" in bulk


def test_every_index_and_constraint_set_aside_is_back_and_checked(bulk, db):
    from demo.bulk import db as bulk_db

    tables = list(bulk_db.TABLE.values())
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", [bulk_db.SISIHAN])
        assert cur.fetchone()[0] is None
        cur.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND NOT convalidated", [tables]
        )
        assert cur.fetchall() == []
        cur.execute(
            "SELECT count(*) FILTER (WHERE contype = 'f'), count(*) FILTER (WHERE contype = 'u') FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[])",
            [tables],
        )
        fk, unik = cur.fetchone()
        cur.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = ANY(%s::regclass[])", [tables])
        indexes = {name for (name,) in cur.fetchall()}
    assert fk >= 30 and unik >= 3
    assert {"arsip_indeks_dokumen_gin", "agenda_surat_unik", "penerima_belum_tl_idx"} <= indexes


def test_every_letter_is_visible_to_whoever_wrote_signed_received_registered_or_got_it_disposed(bulk, db):
    expected: dict[int, set[int]] = defaultdict(set)  # pegawai -> letters they must see
    for s in Surat.objects.all():
        if s.konseptor_id:
            expected[s.konseptor_id].add(s.pk)
        if s.status != Surat.Status.KONSEP and s.penandatangan_id:
            for p in _pelaksana(s.penandatangan_id):
                expected[p.pk].add(s.pk)
    for v in Verifikator.objects.exclude(surat__status=Surat.Status.KONSEP):
        for p in _pelaksana(v.jabatan_id):
            expected[p.pk].add(v.surat_id)
    masuk: dict[int, set[int]] = defaultdict(set)
    for r in Penerima.objects.filter(jabatan__isnull=False, diterima_pada__isnull=False):
        for p in _pelaksana(r.jabatan_id):
            expected[p.pk].add(r.surat_id)
            if r.jenis == Penerima.Jenis.TUJUAN:
                masuk[p.pk].add(r.surat_id)
    pencatat = defaultdict(list)
    for pegawai_id, opd_id in Peran.objects.filter(jenis=Peran.Jenis.PENCATAT).values_list("pegawai_id", "opd_id"):
        pencatat[opd_id].append(pegawai_id)
    for a in Agenda.objects.all():
        for pegawai_id in pencatat[a.opd_id]:
            expected[pegawai_id].add(a.surat_id)
    for d in Disposisi.objects.all():
        for p in _pelaksana(d.kepada_jabatan_id):
            expected[p.pk].add(d.surat_id)
    assert len(expected) > 50
    for pegawai in Pegawai.objects.filter(pk__in=expected):
        actor = acting.fresh(pegawai)
        visible = set(Surat.objects.visible_to(actor).values_list("pk", flat=True))
        assert expected[pegawai.pk] <= visible, pegawai
        if masuk[pegawai.pk]:
            assert masuk[pegawai.pk] <= set(selectors.surat_masuk(actor).values_list("surat_id", flat=True))
    # And nobody sees everything: a staf sees only the letters their own jabatan has access to.
    staf = acting.fresh(Pegawai.objects.get(user__username="dishub.staf"))
    assert Surat.objects.visible_to(staf).count() < Surat.objects.count() / 10
    assert not Surat.objects.visible_to(staf).exclude(akses__jabatan__in=staf.jabatan_ids).exists()


def test_letter_and_agenda_numbers_are_unique_gapless_and_the_counters_continue_after_them(bulk, db):
    nomor = list(Surat.objects.exclude(nomor=None).values_list("nomor", flat=True))
    assert len(nomor) == len(set(nomor)) > 200
    # Letter numbers count per OPD of the signer (its code is in the number), agenda numbers per
    # receiving OPD; both per year, from 1 without a gap, and the app's counter stands at the last one.
    kode = dict(UnitKerja.objects.opd().values_list("kode", "pk"))
    surat = [
        (kode[n.split("/")[2]], t, u)
        for n, t, u in Surat.objects.exclude(nomor=None).values_list("nomor", "tahun", "nomor_urut")
    ]
    for seri, rows in (
        (Penomoran.Seri.SURAT, surat),
        (Penomoran.Seri.AGENDA, Agenda.objects.values_list("opd_id", "tahun", "nomor")),
    ):
        per = defaultdict(list)
        for opd_id, tahun, n in rows:
            per[(opd_id, tahun)].append(n)
        last = {(p.opd_id, p.tahun): p.last for p in Penomoran.objects.filter(seri=seri, kka_prefix="")}
        assert len(per) > 20
        for key, urut in per.items():
            assert sorted(urut) == list(range(1, len(urut) + 1)), (seri, key)
            assert last[key] == len(urut), (seri, key)
    final = Surat.objects.filter(status=Surat.Status.TERKIRIM, sumber=Surat.Sumber.NASKAH).exclude(nomor=None)
    contoh = final.select_related("opd", "klasifikasi").first()
    assert contoh.nomor == f"{contoh.klasifikasi.kode}/{contoh.nomor_urut}/{contoh.opd.kode}/{contoh.tahun}"
    assert not Surat.objects.filter(status=Surat.Status.KONSEP).exclude(nomor=None).exists()


def test_disposition_trees_are_well_formed_and_some_have_fifty_nodes(bulk, db):
    nodes = {d.pk: d for d in Disposisi.objects.all()}
    tujuan = set(Penerima.objects.filter(jenis=Penerima.Jenis.TUJUAN).values_list("surat_id", "jabatan_id"))
    atasan = dict(Jabatan.objects.values_list("pk", "atasan_id"))
    for d in nodes.values():
        if d.induk_id is None:
            assert (d.surat_id, d.dari_jabatan_id) in tujuan
        else:
            induk = nodes[d.induk_id]
            assert induk.surat_id == d.surat_id and induk.kepada_jabatan_id == d.dari_jabatan_id
            assert induk.pk < d.pk  # parents first: no cycles
        j, chain = d.kepada_jabatan_id, []
        while j is not None and len(chain) < 20:
            chain.append(j)
            j = atasan[j]
        assert d.dari_jabatan_id in chain[1:], "disposed only to someone below"
    besar = Disposisi.objects.values("surat").annotate(n=Count("id")).filter(n__gte=50)
    assert besar.exists()
    surat = Surat.objects.get(pk=besar.order_by("surat")[0]["surat"])
    root = surat.disposisi.filter(induk=None).first()
    kepala = Pegawai.objects.get(pk=_pelaksana(root.dari_jabatan_id)[0].pk)
    tree = selectors.get_surat_for(acting.fresh(kepala), surat.pk)
    assert tree.pk == surat.pk


def test_the_well_run_opd_opens_and_finishes_everything_but_an_old_backlog(bulk, db):
    """Dishub keeps its mail in order (demo.bulk.plan.OPD_RAPI): every letter it received in the last two
    years opened, every disposition it was given finished; elsewhere letters wait to be opened."""
    import datetime

    from django.utils import timezone

    from demo.bulk import plan
    from demo.bulk.rows import HARI_BACKLOG_RAPI, peluang_dibuka

    dishub = UnitKerja.objects.get(kode="DISHUB")
    rapi, hari_ini = plan.load().rapi, timezone.localdate()
    assert rapi == dishub.pk
    for hari, dishub_buka, lain_buka in ((3, 1.0, 0.5), (300, 1.0, 0.95), (HARI_BACKLOG_RAPI + 30, 0.7, 0.95)):
        tanggal = hari_ini - datetime.timedelta(days=hari)
        assert peluang_dibuka(dishub.pk, tanggal, hari_ini, rapi) == dishub_buka
        assert peluang_dibuka(dishub.pk + 1, tanggal, hari_ini, rapi) == lain_buka
    # The demo city's own letters (seed_demo, through the services) arrive now and wait to be opened.
    kemarin = timezone.now() - datetime.timedelta(days=1)
    batas = timezone.now() - datetime.timedelta(days=HARI_BACKLOG_RAPI - 1)
    diterima = Penerima.objects.filter(jabatan__isnull=False, diterima_pada__isnull=False)
    baru = diterima.filter(opd=dishub, diterima_pada__gte=batas, diterima_pada__lt=kemarin)
    assert baru.exists() and not baru.filter(dibaca_pada__isnull=True).exists()
    assert diterima.exclude(opd=dishub).filter(dibaca_pada__isnull=True).exists()
    diberi = Disposisi.objects.filter(kepada_jabatan__unit__opd=dishub, dibuat__lt=kemarin)
    assert diberi.exists() and set(diberi.values_list("status", flat=True)) == {Disposisi.Status.SELESAI}


def test_index_rows_are_what_the_app_would_write(bulk, db):
    assert SuratIndeks.objects.filter(dokumen__isnull=False).count() >= 420
    bulk_ids = list(Surat.objects.order_by("-pk").values_list("pk", flat=True)[:150])
    for s in Surat.objects.filter(pk__in=bulk_ids).select_related("opd", "klasifikasi"):
        penerima = list(s.penerima.select_related("jabatan").order_by("jenis", "urutan"))
        want = indeks.build_row(s, penerima, [], s.klasifikasi.kode, indeks.kunci_akses([s.pk]).get(s.pk, ""))
        got = SuratIndeks.objects.get(pk=s.pk)
        assert (got.register, got.judul, got.isi, got.kode_klasifikasi, got.opd_id, got.akses) == (
            want.register,
            want.judul,
            want.isi,
            want.kode_klasifikasi,
            want.opd_id,
            want.akses,
        ), s.pk


def test_the_pages_open_for_the_seeded_users(bulk, client):
    for username in AKUN:
        pegawai = Pegawai.objects.get(user__username=username)
        actor = acting.fresh(pegawai)
        client.force_login(pegawai.user)
        pages = [
            "/",
            reverse("surat:masuk"),
            reverse("surat:keluar"),
            reverse("surat:konsep"),
            reverse("disposisi:masuk"),
        ]
        pages += [reverse("arsip:cari") + "?q=rapat", reverse("surat:masuk") + "?halaman=2"]
        if actor.pencatat_opd_ids:
            pages.append(reverse("surat:agenda"))
        for url in pages:
            assert client.get(url).status_code == 200, (username, url)
        terbaru = selectors.surat_masuk(actor).select_related("surat").first()
        if terbaru is not None:
            page = client.get(reverse("surat:masuk")).content.decode()
            assert terbaru.surat.hal in page or terbaru.surat.is_rahasia
            detail = client.get(reverse("surat:detail", args=[terbaru.surat_id]))
            assert detail.status_code == 200
    kepala = Pegawai.objects.get(user__username="kominfo.kepala")
    assert selectors.surat_masuk(acting.fresh(kepala)).count() > 20  # the largest OPD's head gets mail


def test_seed_bulk_refuses_sqlite_with_a_clear_message(db):
    if POSTGRES:
        pytest.skip("pesan untuk SQLite")
    with pytest.raises(CommandError, match="butuh PostgreSQL"):
        call_command("seed_bulk", "--surat", "10", "--ya-saya-yakin", stdout=io.StringIO())
