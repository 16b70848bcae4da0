"""The Beranda's "Yang perlu Anda kerjakan hari ini" lists dispositions waiting for the user with their
deadlines, most urgent first, next to the letters to sign (issue 15)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone


def _todo(client) -> str:
    return client.get(reverse("beranda")).content.decode().split("Yang perlu Anda kerjakan hari ini")[-1]


def test_dispositions_waiting_show_with_deadline_most_urgent_first(cast, login, surat_masuk, dispose):
    hari_ini = timezone.localdate()
    santai = surat_masuk(hal="Undangan pameran")
    mendesak = surat_masuk(hal="Data SPBE untuk besok")
    dispose(cast.kepala, santai, kepada=[cast.kabid.jabatan], batas_waktu=hari_ini + datetime.timedelta(days=20))
    (d,) = dispose(cast.kepala, mendesak, kepada=[cast.kabid.jabatan], batas_waktu=hari_ini)
    todo = _todo(login(cast.kabid))
    assert todo.index("Data SPBE untuk besok") < todo.index("Undangan pameran")
    assert f'href="{reverse("disposisi:detail", args=[d.pk])}"' in todo
    assert f"Batas waktu {hari_ini.day} " in todo
    assert "Disposisi dari Kepala Dinas Komunikasi" in todo


def test_finished_or_cancelled_dispositions_leave_the_list(cast, login, surat_masuk, dispose):
    from disposisi import services

    surat = surat_masuk(hal="Sudah dibatalkan")
    (d,) = dispose(cast.kepala, surat, kepada=[cast.kabid.jabatan])
    services.disposisi_cancel(actor=cast.kepala, disposisi=d)
    assert "Sudah dibatalkan" not in _todo(login(cast.kabid))
    assert "Sudah dibatalkan" not in _todo(login(cast.staf_lain))


def test_urgent_letter_stays_on_the_kepala_list_until_acted_on(cast, login, surat_masuk, dispose):
    surat = surat_masuk(hal="Rapat mendadak", urgensi="amat_segera")
    client = login(cast.kepala)
    client.get(reverse("surat:detail", args=[surat.pk]))  # opened: still to do
    assert "Rapat mendadak" in _todo(client)
    assert f'href="{reverse("disposisi:buat", args=[surat.pk])}"' in _todo(client)  # one tap to the form
    dispose(cast.kepala, surat, kepada=[cast.kabid.jabatan])
    assert "Rapat mendadak" not in _todo(client)


def test_urgent_letters_get_the_dispose_link_without_a_query_each(cast, login, surat_masuk, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.kepala)
    surat = [surat_masuk(hal="Rapat mendadak 1", urgensi="amat_segera")]
    client.get(reverse("beranda"))
    with CaptureQueriesContext(connection) as satu:
        _todo(client)
    surat += [surat_masuk(hal=f"Rapat mendadak {i}", urgensi="segera") for i in range(2, 6)]
    with django_assert_num_queries(len(satu.captured_queries)):
        todo = _todo(client)
    for s in surat:
        assert f'href="{reverse("disposisi:buat", args=[s.pk])}"' in todo
