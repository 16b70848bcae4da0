"""manage.py impor_klasifikasi: the full Permendagri 83/2022 list, idempotence, and bad files."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from arsip import impor
from arsip.models import KlasifikasiArsip
from audit.models import AuditEvent

KKA_LENGKAP = Path(__file__).resolve().parents[3] / "shared" / "data" / "kka_permendagri_83_2022.csv"
perlu_kka_lengkap = pytest.mark.skipif(
    not KKA_LENGKAP.exists(), reason=f"{KKA_LENGKAP} tidak ada (daftar KKA lengkap hanya di folder shared)"
)


def _run(path, *args) -> str:
    out = io.StringIO()
    call_command("impor_klasifikasi", str(path), *args, stdout=out, stderr=out)
    return out.getvalue()


def test_orphan_row_is_reported_and_nothing_is_imported_by_default(db, tmp_path):
    """A code whose parent is neither in the file nor in the database stops the whole import."""
    before = KlasifikasiArsip.objects.count()
    f = tmp_path / "yatim.csv"
    f.write_text("kode,nama\n000.1.95,Kode Baik\n270.04.05,Kode Yatim\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        _run(f)
    assert "perbaiki 1 kesalahan" in str(exc.value) and "Baris 3: kode induk 270.04" in str(exc.value)
    assert KlasifikasiArsip.objects.count() == before


def test_orphan_row_is_skipped_with_lewati_salah(db, tmp_path):
    f = tmp_path / "yatim.csv"
    f.write_text("kode,nama\n000.1.95,Kode Baik\n270.04.05,Kode Yatim\n", encoding="utf-8")
    out = _run(f, "--lewati-salah")
    assert "1 baris dilewati" in out and "Baris 3" in out
    assert KlasifikasiArsip.objects.filter(kode="000.1.95").exists()
    assert not KlasifikasiArsip.objects.filter(kode="270.04.05").exists()


@perlu_kka_lengkap
def test_full_list_imports_cleanly_with_parents_and_second_run_changes_nothing(db):
    first = _run(KKA_LENGKAP)
    kode = {k.kode: k for k in KlasifikasiArsip.objects.select_related("induk")}
    assert len(kode) == 2981 and "dilewati" not in first
    assert kode["200.2.4.5"].nama == "Peta Daerah Pemilihan" and kode["200.2.4.5"].induk.kode == "200.2.4"
    sop = kode["000.1.2.1"]
    assert sop.induk.kode == "000.1.2" and sop.level == 4
    assert all(k.induk.kode == c.rsplit(".", 1)[0] for c, k in kode.items() if "." in c)
    events = AuditEvent.objects.filter(aksi="arsip.klasifikasi_diimpor").count()
    assert "0 kode baru, 0 nama diperbarui" in _run(KKA_LENGKAP)
    assert AuditEvent.objects.filter(aksi="arsip.klasifikasi_diimpor").count() == events
    assert KlasifikasiArsip.objects.count() == 2981


def test_renamed_code_is_updated(db, tmp_path):
    f = tmp_path / "kka.csv"
    f.write_text("kode,nama\n000,Umum dan Ketatausahaan\n000.1.99,Kode Baru Uji\n", encoding="utf-8")
    assert "1 kode baru, 1 nama diperbarui" in _run(f)
    assert KlasifikasiArsip.objects.get(kode="000").nama == "Umum dan Ketatausahaan"
    assert KlasifikasiArsip.objects.get(kode="000.1.99").induk.kode == "000.1"


def test_malformed_csv_lists_every_bad_row_and_writes_nothing(db, tmp_path):
    before = KlasifikasiArsip.objects.count()
    f = tmp_path / "rusak.csv"
    f.write_text(
        "kode,nama\n000.1.98,Baik\nABC,Kode huruf\n000.1.97,\n000.1.98,Ganda\n123.4.5,Induk tidak ada\n000.1.96,a,b\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        _run(f)
    pesan = str(exc.value)
    assert "Tidak ada yang diimpor" in pesan
    for bagian in (
        "Baris 3: kode 'ABC'",
        "Baris 4: nama",
        "Baris 5: kode 000.1.98 sudah ada di baris 2",
        "Baris 6: kode induk 123.4",
        "Baris 7: harus ada 2 kolom",
    ):
        assert bagian in pesan
    assert KlasifikasiArsip.objects.count() == before


def test_wrong_header_and_missing_file_are_clear(db, tmp_path):
    f = tmp_path / "salah.csv"
    f.write_text("code;name\n000;Umum\n", encoding="utf-8")
    with pytest.raises(impor.ImporGagal, match="judul kolom harus 'kode,nama'"):
        impor.baca_csv(f)
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _run(tmp_path / "tidak-ada.csv")
