"""The newest-first index of the search index carries the access keys (INCLUDE akses).

arsip.pencarian reads the newest letters of the city along it and keeps those the user may open from
the index alone (an index-only scan), so only their rows are read to check the words. SQLite has none."""

from django.db import migrations

LAMA = (
    "CREATE INDEX IF NOT EXISTS arsip_indeks_terbaru_idx ON arsip_suratindeks (tanggal DESC NULLS LAST, surat_id DESC)"
)
BARU = (
    "CREATE INDEX IF NOT EXISTS arsip_indeks_terbaru_idx ON arsip_suratindeks "
    "(tanggal DESC NULLS LAST, surat_id DESC) INCLUDE (akses)"
)


def _ganti(schema_editor, sql: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS arsip_indeks_terbaru_idx")
    schema_editor.execute(sql)


def create(apps, schema_editor):
    _ganti(schema_editor, BARU)


def drop(apps, schema_editor):
    _ganti(schema_editor, LAMA)


class Migration(migrations.Migration):
    dependencies = [("arsip", "0006_indeks_akses")]

    operations = [migrations.RunPython(create, drop)]
