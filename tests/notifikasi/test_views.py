"""The bell, the list, opening a notice, mark all read, preferences; someone else's notice is a 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from disposisi import services as disposisi_services
from notifikasi import selectors, services
from notifikasi.models import Event, Notifikasi, PreferensiNotifikasi
from surat import services as surat_services

E = Event


def buat(pegawai, n=1, **kw) -> list[Notifikasi]:
    values = {
        "event": E.SURAT_MASUK,
        "judul": "Surat masuk: Undangan rapat",
        "pesan": "Dari Dinas Perhubungan.",
        "url": "/surat/1/",
    }
    return [Notifikasi.objects.create(penerima=pegawai, **(values | kw)) for _ in range(n)]


def test_bell_shows_unread_count_for_screen_readers(cast, login):
    buat(cast.kabid, 4)
    services.mark_read(actor=cast.kabid, notifikasi=buat(cast.kabid)[0])
    buat(cast.staf, 5)
    html = login(cast.kabid).get(reverse("beranda")).content.decode()
    assert "4 notifikasi belum dibaca" in html
    assert reverse("notifikasi:daftar") in html


def test_bell_counts_up_to_a_hundred(cast, login):
    Notifikasi.objects.bulk_create(
        Notifikasi(penerima=cast.kabid, event=E.SURAT_MASUK, judul="Surat masuk", url="/surat/1/") for _ in range(130)
    )
    assert selectors.jumlah_belum_dibaca(cast.kabid.pk) == selectors.BATAS_LONCENG + 1
    html = login(cast.kabid).get(reverse("beranda")).content.decode()
    assert "99+</span>" in html and "Lebih dari 99 notifikasi belum dibaca" in html


def test_bell_without_unread(cast, login):
    html = login(cast.kabid).get(reverse("notifikasi:daftar")).content.decode()
    assert "Notifikasi: tidak ada yang belum dibaca" in html
    assert "Belum ada notifikasi untuk Anda." in html


def test_list_newest_first_unread_bold_own_only(cast, login):
    lama = buat(cast.kabid, judul="Surat lama")[0]
    baru = buat(cast.kabid, judul="Surat baru")[0]
    services.mark_read(actor=cast.kabid, notifikasi=lama)
    buat(cast.staf, judul="Milik orang lain")
    html = login(cast.kabid).get(reverse("notifikasi:daftar")).content.decode()
    assert html.index("Surat baru") < html.index("Surat lama")
    assert "Milik orang lain" not in html
    assert f'fs-5 fw-bold">{baru.judul}' in html
    assert f'fs-5">{lama.judul}' in html
    assert "Tandai semua sudah dibaca" in html


def test_list_query_count_stays_flat(cast, login, django_assert_max_num_queries):
    client = login(cast.kabid)
    buat(cast.kabid, 3)
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("notifikasi:daftar"))
    buat(cast.kabid, 22)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("notifikasi:daftar"))
    assert response.content.decode().count('class="list-group-item') == 25


def test_list_is_paginated(cast, login):
    buat(cast.kabid, 26)
    client = login(cast.kabid)
    assert "Halaman 1 dari 2" in client.get(reverse("notifikasi:daftar")).content.decode()
    page2 = client.get(reverse("notifikasi:daftar"), {"halaman": 2}).content.decode()
    assert page2.count('class="list-group-item') == 1


def test_open_marks_read_and_redirects_to_the_page(cast, login):
    [n] = buat(cast.kabid, url="/surat/42/")
    response = login(cast.kabid).get(reverse("notifikasi:buka", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/surat/42/"
    n.refresh_from_db()
    assert n.dibaca_pada is not None


def test_open_someone_elses_notice_is_404(cast, login):
    [n] = buat(cast.staf)
    assert login(cast.kabid).get(reverse("notifikasi:buka", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.dibaca_pada is None


def test_open_never_redirects_off_site(cast, login):
    [n] = buat(cast.kabid, url="https://jahat.example/")
    response = login(cast.kabid).get(reverse("notifikasi:buka", args=[n.pk]))
    assert response["Location"] == reverse("notifikasi:daftar")


def test_mark_all_read_is_post_only_and_touches_own_only(cast, login):
    buat(cast.kabid, 2)
    [lain] = buat(cast.staf)
    client = login(cast.kabid)
    assert client.get(reverse("notifikasi:tandai_semua")).status_code == 405
    response = client.post(reverse("notifikasi:tandai_semua"), follow=True)
    assert "2 notifikasi ditandai sudah dibaca." in response.content.decode()
    assert not Notifikasi.objects.filter(penerima=cast.kabid, dibaca_pada__isnull=True).exists()
    lain.refresh_from_db()
    assert lain.dibaca_pada is None


def test_opening_the_letter_marks_its_notices_read(cast, konsep, run_hooks, login):
    surat = konsep()
    with run_hooks():
        surat_services.surat_submit(actor=cast.staf, surat=surat)
    [n] = Notifikasi.objects.filter(penerima=cast.kabid)
    client = login(cast.kabid)
    with run_hooks():  # surat_dibuka is sent when mark_read commits, before the page is drawn
        assert client.get(reverse("surat:detail", args=[surat.pk])).status_code == 200
    n.refresh_from_db()
    assert n.dibaca_pada is not None


def test_opening_the_disposition_marks_its_notices_read(cast, disposisi, login, run_hooks):
    d = disposisi()
    with run_hooks():
        disposisi_services.laporan_create(actor=cast.kabid, disposisi=d, isi="Sudah dikerjakan.")
    for pegawai in (cast.kabid, cast.kepala):  # the recipient, and the giver with the report notice
        assert Notifikasi.objects.filter(penerima=pegawai, disposisi_id=d.pk, dibaca_pada__isnull=True).exists()
        assert login(pegawai).get(reverse("disposisi:detail", args=[d.pk])).status_code == 200
        assert not Notifikasi.objects.filter(penerima=pegawai, disposisi_id=d.pk, dibaca_pada__isnull=True).exists()


def test_marking_a_disposition_read_counts_once(cast, disposisi):
    d = disposisi()
    assert services.tandai_dibaca_untuk(cast.kabid, disposisi_id=d.pk) == 1
    assert services.tandai_dibaca_untuk(cast.kabid, disposisi_id=d.pk) == 0
    assert Notifikasi.objects.get(penerima=cast.kabid, disposisi_id=d.pk).url == reverse(
        "disposisi:detail", args=[d.pk]
    )


def test_preferences_page_saves_checkboxes(cast, login):
    client = login(cast.kabid)
    html = client.get(reverse("notifikasi:preferensi")).content.decode()
    assert "Kirim email" in html and "Tembusan masuk" in html
    assert f'name="{E.PERLU_TTD}" id="id_{E.PERLU_TTD}" checked' in html
    assert f'name="{E.TEMBUSAN_MASUK}" id="id_{E.TEMBUSAN_MASUK}">' in html
    checked = {e: "on" for e in E.values if e not in (E.PERLU_PARAF,)}
    response = client.post(reverse("notifikasi:preferensi"), checked, follow=True)
    assert "Pilihan email notifikasi tersimpan." in response.content.decode()
    assert dict(PreferensiNotifikasi.objects.filter(pegawai=cast.kabid).values_list("event", "email")) == {
        E.PERLU_PARAF: False,
        E.TEMBUSAN_MASUK: True,
    }


def test_preferences_page_warns_without_email(cast, login):
    cast.kabid.email = ""
    cast.kabid.save()
    html = login(cast.kabid).get(reverse("notifikasi:preferensi")).content.decode()
    assert "Alamat email Anda belum tercatat" in html


@pytest.mark.parametrize("name", ["notifikasi:daftar", "notifikasi:preferensi"])
def test_pages_need_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_list_hides_hal_of_letters_no_longer_open(cast, login, surat_luar):
    surat = surat_luar(hal="Rencana mutasi pejabat eselon III")
    Notifikasi.objects.filter(surat=surat).delete()
    buat(cast.kepala, judul=f"Surat masuk: {surat.hal}", pesan="Dari Kementerian.", surat=surat)
    buat(cast.kabid, judul=f"Surat masuk: {surat.hal}", pesan="Dari Kementerian.", surat=surat)
    buat(cast.kabid, judul="Pengumuman tanpa surat")

    kepala = login(cast.kepala).get(reverse("notifikasi:daftar")).content.decode()
    assert "Rencana mutasi pejabat eselon III" in kepala
    kabid = login(cast.kabid).get(reverse("notifikasi:daftar")).content.decode()
    assert "Rencana mutasi pejabat eselon III" not in kabid
    assert "Dari Kementerian." not in kabid
    assert "Surat yang tidak lagi dapat Anda buka" in kabid
    assert "Pengumuman tanpa surat" in kabid


def test_list_with_letters_keeps_query_count_flat(cast, login, surat_luar, django_assert_max_num_queries):
    surat = surat_luar()
    client = login(cast.kabid)
    buat(cast.kabid, 3, surat=surat)
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("notifikasi:daftar"))
    buat(cast.kabid, 22, surat=surat)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("notifikasi:daftar"))
    assert response.content.decode().count("Surat yang tidak lagi dapat Anda buka") == 25


def test_opening_a_letter_marks_only_that_pegawais_notices_about_it(cast, surat_luar):
    """The UPDATE written in SQL (notifikasi.services.tandai_dibaca_untuk): this letter, this pegawai,
    unread ones, stamped now; a notice already read keeps its time."""
    surat, lain = surat_luar(), surat_luar()
    kemarin = timezone.now() - datetime.timedelta(days=1)
    [baru] = buat(cast.kabid, surat=surat)
    [lama] = buat(cast.kabid, surat=surat, dibaca_pada=kemarin)
    [surat_lain] = buat(cast.kabid, surat=lain)
    [orang_lain] = buat(cast.staf, surat=surat)
    sebelum = timezone.now()
    assert services.tandai_dibaca_untuk(cast.kabid.pk, surat_id=surat.pk) == 1
    for n in (baru, lama, surat_lain, orang_lain):
        n.refresh_from_db()
    assert sebelum <= baru.dibaca_pada <= timezone.now()
    assert lama.dibaca_pada == kemarin
    assert surat_lain.dibaca_pada is None and orang_lain.dibaca_pada is None
