"""Indexes for finding a letter by the start of its number (arsip.pencarian._urutan_nomor).

The search matches `nomor` and `nomor_asal` with `istartswith`, which Django writes on PostgreSQL as
`UPPER(col::text) LIKE UPPER('…%')`: these expression indexes with text_pattern_ops serve exactly that.
SQLite searches a small database and needs none."""

from django.db import migrations

INDEKS = {
    "surat_nomor_upper_idx": "nomor",
    "surat_nomor_asal_upper_idx": "nomor_asal",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nama, kolom in INDEKS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {nama} ON surat_surat (UPPER({kolom}::text) text_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for nama in INDEKS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {nama}")


class Migration(migrations.Migration):
    dependencies = [("surat", "0010_indeks_pencatat")]

    operations = [migrations.RunPython(create, drop)]
