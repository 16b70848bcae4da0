"""Issue 13 item 11 (part): a double submit (double click, resend, two tabs, two officials at once) never
creates duplicate dispositions, nor registers one paper letter twice with two agenda numbers."""

from __future__ import annotations

import datetime
import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from disposisi import services
from disposisi.models import Disposisi
from surat import services as surat_services
from surat.models import Agenda, JenisSurat, Surat

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _token(html: str) -> str:
    match = re.search(r'name="token" value="([0-9a-f]{32})"', html)
    assert match, "the form carries a one-use token"
    return match.group(1)


def test_double_post_of_the_disposition_form_creates_one_disposition(cast, surat_masuk, instruksi, login):
    surat = surat_masuk()
    client = login(cast.kepala)
    url = reverse("disposisi:buat", args=[surat.pk])
    data = {
        "token": _token(client.get(url).content.decode()),
        "kepada": [cast.kabid.jabatan_id],
        "instruksi": [instruksi["Untuk ditindaklanjuti"].pk],
        "catatan": "Segera",
        "prioritas": "biasa",
    }
    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Disposisi.objects.filter(surat=surat).count() == 1
    # A new page draws a new token: a deliberate second disposition to the same person is still refused
    # while the first is open (the rule of the service), with its message.
    again = client.post(url, {**data, "token": _token(client.get(url).content.decode())})
    assert again.status_code == 200 and "sudah menerima disposisi" in again.content.decode()
    assert Disposisi.objects.filter(surat=surat).count() == 1


def test_double_post_of_the_paper_letter_form_registers_one_letter(cast, login, media_tmp):
    client = login(cast.pencatat)
    url = reverse("surat:catat_masuk")
    token = _token(client.get(url).content.decode())
    today = timezone.localdate()

    def post():
        return client.post(
            url,
            {
                "token": token,
                "opd": cast.opd.pk,
                "asal_instansi": "Kementerian Dalam Negeri",
                "nomor_asal": "100/7/2026",
                "tanggal_asal": (today - datetime.timedelta(days=1)).isoformat(),
                "tanggal_terima": today.isoformat(),
                "hal": "Undangan rapat",
                "jenis": JenisSurat.objects.get(kode="surat-dinas").pk,
                "keamanan": "biasa",
                "urgensi": "biasa",
                "tujuan": cast.kepala.jabatan_id,
                "scans": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
            },
        )

    first, second = post(), post()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Surat.objects.filter(sumber=Surat.Sumber.MASUK_LUAR).count() == 1
    assert Agenda.objects.count() == 1


@pytest.fixture
def media_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _serentak(n: int, fn) -> list[BaseException]:
    """Run fn(i) in n threads released at once; the errors they raised."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            fn(i)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


@pytest.mark.postgres
def test_concurrent_submits_on_postgresql_give_one_disposition_and_one_agenda_number(
    transactional_db, cast, surat_masuk, instruksi
):
    if connection.vendor != "postgresql":
        pytest.skip("Uji serentak butuh PostgreSQL (SQLite mengunci seluruh berkas); set DATABASE_URL.")
    surat = surat_masuk()
    n = 6

    def dispose(i: int) -> None:
        # Half resend the same form (same token), half are a second tab (no token): one disposition.
        services.disposisi_create(
            actor=cast.kepala,
            surat=Surat.objects.get(pk=surat.pk),
            dari_jabatan=cast.kepala.jabatan,
            kepada=[cast.kabid.jabatan],
            instruksi=[instruksi["Untuk ditindaklanjuti"]],
            token="a" * 32 if i % 2 else "",
        )

    errors = _serentak(n, dispose)
    assert Disposisi.objects.filter(surat=surat).count() == 1
    assert all("sudah menerima disposisi" in str(e) for e in errors), errors

    today = timezone.localdate()

    def register(i: int) -> None:
        surat_services.register_paper_letter(
            actor=cast.pencatat,
            opd=cast.opd,
            jenis=None,
            asal_instansi="Kementerian Keuangan",
            nomor_asal="S-1/2026",
            tanggal_asal=today,
            tanggal_terima=today,
            hal="Permintaan data",
            tujuan=cast.kepala.jabatan,
            token="b" * 32,
        )

    before = Agenda.objects.count()
    assert _serentak(n, register) == []
    assert Surat.objects.filter(token_kirim="b" * 32).count() == 1
    assert Agenda.objects.count() == before + 1
