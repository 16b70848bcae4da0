"""Backups (issue 13): `cadangkan` saves the database and the files together; after a wipe `pulihkan`
brings back the letters, their signed PDFs (same bytes, still signed) and an intact audit chain, and
refuses a backup whose files changed since."""

import io
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from pyhanko.pdf_utils.reader import PdfFileReader

from audit.models import AuditEvent
from audit.services import verify_chain
from surat.models import Surat
from surat.models_dokumen import DokumenSurat

perlu_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore: the backup test runs on PostgreSQL (CI)"
)


def _cadangkan(folder) -> str:
    out = io.StringIO()
    call_command("cadangkan", str(folder), stdout=out)
    return out.getvalue()


@perlu_postgres
def test_backup_wipe_restore_brings_back_letters_pdfs_signatures_and_the_audit_chain(
    transactional_db, ditandatangani, tmp_path
):
    surat = ditandatangani(hal="Laporan keuangan triwulan III")
    dokumen = DokumenSurat.objects.get(surat=surat)
    pdf_asli = dokumen.berkas.open("rb").read()
    audit_asli = AuditEvent.objects.count()
    assert audit_asli > 0 and verify_chain() is None

    pesan = _cadangkan(tmp_path / "cadangan")
    assert "1 PDF surat" in pesan and f"{audit_asli} peristiwa audit" in pesan

    # The disaster: every row and every file gone.
    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Surat.objects.exists() and not AuditEvent.objects.exists()

    out = io.StringIO()
    call_command("pulihkan", str(tmp_path / "cadangan"), "--ya-saya-yakin", stdout=out)
    assert "rantai utuh" in out.getvalue() and "1 PDF bertanda tangan sesuai SHA-256-nya" in out.getvalue()

    pulih = Surat.objects.get(pk=surat.pk)
    assert pulih.hal == "Laporan keuangan triwulan III" and pulih.nomor == surat.nomor
    data = DokumenSurat.objects.get(surat=pulih).berkas.open("rb").read()
    assert data == pdf_asli
    assert len(PdfFileReader(io.BytesIO(data)).embedded_signatures) >= 1
    assert AuditEvent.objects.count() == audit_asli and verify_chain() is None


@perlu_postgres
def test_a_backup_whose_files_changed_is_refused_and_nothing_is_touched(transactional_db, ditandatangani, tmp_path):
    surat = ditandatangani()
    _cadangkan(tmp_path / "c")
    with open(tmp_path / "c" / "media.tar", "ab") as fh:
        fh.write(b"\0" * 512)
    Surat.objects.filter(pk=surat.pk).update(hal="Diubah sesudah cadangan")

    with pytest.raises(CommandError, match="media.tar hilang atau isinya berubah"):
        call_command("pulihkan", str(tmp_path / "c"), "--ya-saya-yakin")
    assert Surat.objects.get(pk=surat.pk).hal == "Diubah sesudah cadangan"


def test_restore_asks_for_confirmation_and_a_backup_folder(tmp_path, db):
    with pytest.raises(CommandError, match="--ya-saya-yakin"):
        call_command("pulihkan", str(tmp_path))
    with pytest.raises(CommandError, match="bukan folder cadangan eoffice"):
        call_command("pulihkan", str(tmp_path), "--ya-saya-yakin")
    (tmp_path / "isi").mkdir()
    (tmp_path / "isi" / "lain.txt").write_text("x")
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("cadangkan", str(tmp_path / "isi"))
