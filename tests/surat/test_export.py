"""Buku Agenda exports: the same lines and filters as the page; secret letters as a register line only."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from surat import services
from surat.export import HAL_TERSEMBUNYI, KOLOM


@pytest.fixture
def agenda_lines(cast):
    """Three paper letters registered by the pencatat of Diskominfo: biasa, rahasia, and one whose hal
    looks like a spreadsheet formula."""
    today = timezone.localdate()

    def catat(hal, **kw):
        return services.register_paper_letter(
            actor=cast.pencatat,
            opd=cast.opd,
            jenis=None,
            asal_instansi=kw.pop("asal_instansi", "Kementerian Dalam Negeri"),
            nomor_asal=kw.pop("nomor_asal", "000.1/1/SJ"),
            tanggal_asal=datetime.date(today.year, 1, 2),
            tanggal_terima=today,
            hal=hal,
            tujuan=cast.kepala.jabatan,
            **kw,
        )

    return [
        catat("Undangan sosialisasi SPBE", ringkasan="Acara di Jakarta tanggal 5."),
        catat("Hasil audit keamanan", keamanan="rahasia", ringkasan="Temuan kerentanan", asal_instansi="BSSN"),
        catat('=HYPERLINK("http://contoh")', asal_instansi="Warga"),
    ]


def csv_rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert tuple(header) == KOLOM
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_csv_has_every_line_and_hides_secret_content(cast, login, agenda_lines):
    response = login(cast.pencatat).get(reverse("surat:agenda_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"buku-agenda-diskominfosp-{timezone.localdate().year}.csv" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [r["Nomor agenda"] for r in rows] == ["3", "2", "1"]
    by_asal = {r["Asal surat"]: r for r in rows}
    biasa = by_asal["Kementerian Dalam Negeri"]
    assert biasa["Hal"] == "Undangan sosialisasi SPBE"
    assert biasa["Ringkasan"] == "Acara di Jakarta tanggal 5."
    assert biasa["Tanggal terima"] == timezone.localdate().isoformat()
    assert biasa["Diteruskan kepada"] == cast.kepala.jabatan.nama
    rahasia = by_asal["BSSN"]
    assert rahasia["Ringkasan"] == "" and rahasia["Hal"] == HAL_TERSEMBUNYI
    assert rahasia["Klasifikasi keamanan"] == "Rahasia" and rahasia["Nomor surat"] == "000.1/1/SJ"
    assert by_asal["Warga"]["Hal"].startswith("'=")  # not run as a formula when opened


def test_exports_use_the_page_filters(cast, login, agenda_lines, monkeypatch):
    """...and do not print the filter form, which they do not show."""
    from lib import forms

    dicetak = []
    cetak = forms.render_to_string
    monkeypatch.setattr(forms, "render_to_string", lambda *a, **k: dicetak.append(a[0]) or cetak(*a, **k))
    client = login(cast.pencatat)
    rows = csv_rows(client.get(reverse("surat:agenda_csv"), {"q": "sosialisasi"}))
    assert [r["Hal"] for r in rows] == ["Undangan sosialisasi SPBE"]
    assert csv_rows(client.get(reverse("surat:agenda_csv"), {"tahun": timezone.localdate().year - 1})) == []
    assert client.get(reverse("surat:agenda_xlsx"), {"q": "sosialisasi"}).status_code == 200
    assert dicetak == []
    page = client.get(reverse("surat:agenda"), {"q": "sosialisasi"}).content.decode()
    assert len(dicetak) == 1
    assert f"{reverse('surat:agenda_csv')}?q=sosialisasi" in page
    assert "Hasil audit keamanan" not in page


def test_excel_export_opens_with_dates_and_register_line_for_secret(cast, login, agenda_lines):
    response = login(cast.pencatat).get(reverse("surat:agenda_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb["Buku Agenda"]
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == f"Buku Agenda {cast.opd.nama} Tahun {timezone.localdate().year}"
    assert values[1] == KOLOM
    lines = {row[2]: dict(zip(KOLOM, row, strict=True)) for row in values[2:]}
    assert len(lines) == 3
    biasa = lines["Kementerian Dalam Negeri"]
    assert biasa["Nomor agenda"] == 1
    assert biasa["Tanggal terima"].date() == timezone.localdate()
    assert biasa["Ringkasan"] == "Acara di Jakarta tanggal 5."
    assert lines["BSSN"]["Ringkasan"] is None and lines["BSSN"]["Hal"] == HAL_TERSEMBUNYI
    formula_cell = next(c for c in ws.iter_rows(min_row=3) if c[2].value == "Warga")[5]
    assert formula_cell.data_type == "s" and formula_cell.value.startswith("=HYPERLINK")


def test_secret_letter_recipient_pencatat_sees_hal(cast, login, agenda_lines):
    """A pencatat who is also an addressee of the secret letter may read its hal, never its ringkasan."""
    secret = agenda_lines[1]
    services.register_paper_letter(
        actor=cast.pencatat,
        opd=cast.opd,
        jenis=None,
        asal_instansi="Lembaga Sandi",
        nomor_asal="9/R",
        tanggal_asal=None,
        tanggal_terima=timezone.localdate(),
        hal="Rahasia untuk pencatat",
        tujuan=cast.pencatat.jabatan,
        keamanan="rahasia",
        ringkasan="jangan diekspor",
    )
    rows = csv_rows(login(cast.pencatat).get(reverse("surat:agenda_csv")))
    mine = next(r for r in rows if r["Asal surat"] == "Lembaga Sandi")
    assert mine["Hal"] == "Rahasia untuk pencatat" and mine["Ringkasan"] == ""
    assert secret.hal not in {r["Hal"] for r in rows}
