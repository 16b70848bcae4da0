"""PostgreSQL only: pg_trgm and the indexes of the search (GIN on the tsvectors, trigram on the register
text and on the names of the classification codes). Nothing happens on SQLite (LIKE fallback)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = (
    ("arsip_indeks_dokumen_gin", "CREATE INDEX IF NOT EXISTS {name} ON arsip_suratindeks USING gin (dokumen)"),
    (
        "arsip_indeks_register_gin",
        "CREATE INDEX IF NOT EXISTS {name} ON arsip_suratindeks USING gin (dokumen_register)",
    ),
    (
        "arsip_indeks_register_trgm",
        "CREATE INDEX IF NOT EXISTS {name} ON arsip_suratindeks USING gin (upper(register) gin_trgm_ops)",
    ),
    (
        "arsip_kka_nama_trgm",
        "CREATE INDEX IF NOT EXISTS {name} ON arsip_klasifikasiarsip USING gin (upper(nama) gin_trgm_ops)",
    ),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, sql in INDEXES:
        schema_editor.execute(sql.format(name=name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("arsip", "0003_jra_berkas_ocr_indeks")]
    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
