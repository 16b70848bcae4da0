import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from panduan import selectors
from surat.models import Surat

pytestmark = pytest.mark.django_db


def _langkah(pegawai, nomor: int) -> list[bool]:
    row = next(k for k in selectors.kemajuan_for(pegawai) if k["latihan"].nomor == nomor)
    return [done for _, done in row["langkah"]]


def test_training_pages_do_not_exist_on_a_real_instance(cast, login):
    client = login(cast.admin_opd)
    assert client.get(reverse("panduan:latihan")).status_code == 404
    assert client.get(reverse("panduan:pelatih")).status_code == 404


def test_checklist_ticks_after_the_pencatat_really_registers_a_paper_letter(cast, login, latihan_mode, catat_surat):
    client = login(cast.pencatat)
    page = client.get(reverse("panduan:latihan")).content.decode()
    assert "Latihan 1: Catat surat masuk dari kertas" in page
    assert "0 dari 2 langkah selesai" in page
    assert _langkah(cast.pencatat, 1) == [False, False]

    catat_surat(asal="Kementerian Dalam Negeri")
    assert _langkah(cast.pencatat, 1) == [True, False]
    page = client.get(reverse("panduan:latihan")).content.decode()
    assert "1 dari 2 langkah selesai" in page

    catat_surat(asal="Kementerian Dalam Negeri")  # same sender: the second step wants another one
    assert _langkah(cast.pencatat, 1) == [True, False]
    catat_surat(asal="Pemerintah Provinsi Jawa Tengah")
    assert _langkah(cast.pencatat, 1) == [True, True]
    assert "1 dari 9</strong> latihan selesai" in client.get(reverse("panduan:latihan")).content.decode()
    # Someone else's work never ticks the staf's list.
    assert _langkah(cast.staf, 1) == [False, False]


def test_trainer_page_is_not_found_for_a_staf(cast, login, latihan_mode):
    assert login(cast.staf).get(reverse("panduan:pelatih")).status_code == 404


def test_trainer_sees_progress_of_the_trainees_of_own_opd(cast, login, latihan_mode, catat_surat):
    cast.pencatat.user.last_login = cast.staf_lain.user.last_login = timezone.now()
    cast.pencatat.user.save()
    cast.staf_lain.user.save()
    catat_surat()
    page = login(cast.admin_opd).get(reverse("panduan:pelatih")).content.decode()
    assert cast.pencatat.nama_lengkap in page
    assert "1/2" in page  # Latihan 1: one of two steps
    assert cast.staf_lain.nama_lengkap not in page  # another OPD
    page = login(cast.admin_pemda).get(reverse("panduan:pelatih")).content.decode()
    assert cast.staf_lain.nama_lengkap in page


def test_reset_refuses_outside_training_mode(cast, catat_surat):
    surat = catat_surat()
    with pytest.raises(CommandError, match="bukan instans latihan"):
        call_command("reset_latihan", stdout=io.StringIO())
    assert Surat.objects.filter(pk=surat.pk).exists()


def test_reset_empties_letters_and_restarts_the_checklists(cast, latihan_mode, catat_surat):
    catat_surat()
    assert _langkah(cast.pencatat, 1)[0]
    out = io.StringIO()
    call_command("reset_latihan", "--tanpa-seed", stdout=out)
    assert "siap untuk angkatan berikutnya" in out.getvalue()
    assert not Surat.objects.exists()
    assert _langkah(cast.pencatat, 1) == [False, False]
    catat_surat()
    assert _langkah(cast.pencatat, 1) == [True, False]


def test_disposition_steps_tick_from_real_dispositions(cast, latihan_mode, catat_surat):
    from disposisi import services as disposisi_services
    from surat import services as surat_services

    surat = catat_surat()
    assert _langkah(cast.kepala, 5) == [False, False]
    surat_services.mark_read(actor=cast.kepala, surat=surat)
    assert _langkah(cast.kepala, 5) == [True, False]
    [d] = disposisi_services.disposisi_create(
        actor=cast.kepala,
        surat=surat,
        dari_jabatan=cast.kepala.jabatan,
        kepada=[cast.kabid.jabatan],
        catatan="Tindak lanjuti.",
    )
    assert _langkah(cast.kepala, 5) == [True, True]
    assert _langkah(cast.kabid, 9) == [False]
    disposisi_services.disposisi_create(
        actor=cast.kabid,
        surat=surat,
        dari_jabatan=cast.kabid.jabatan,
        kepada=[cast.staf.jabatan],
        induk=d,
        catatan="Siapkan bahan.",
    )
    assert _langkah(cast.kabid, 9) == [True]


def test_trainer_page_queries_do_not_grow_with_trainees(cast, login, latihan_mode, catat_surat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.admin_pemda)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("panduan:pelatih")).status_code == 200
        return len(ctx.captured_queries)

    cast.pencatat.user.last_login = timezone.now()
    cast.pencatat.user.save()
    count()  # warms the per-process caches (the header's Pemda), which later requests skip
    one = count()
    for p in (cast.staf, cast.kabid, cast.kepala, cast.staf_lain):
        p.user.last_login = timezone.now()
        p.user.save()
    catat_surat()
    assert count() == one
