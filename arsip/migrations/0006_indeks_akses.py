"""The access keys in the search index (arsip.models.SuratIndeks.akses) and the newest-first index.

PostgreSQL also gets a GIN index on the keys as an array, so the search filters visibility inside the
index scan, and the keys of existing rows are filled from the access rows. SQLite searches with the
visibility join (surat.models.visible_q) and needs neither."""

from django.db import migrations, models

GIN = (
    "CREATE INDEX IF NOT EXISTS arsip_indeks_akses_dokumen_gin ON arsip_suratindeks "
    "USING gin (string_to_array(akses, ' '), dokumen)"
)
BACKFILL = """
    UPDATE arsip_suratindeks i SET akses = k.akses
    FROM (
        SELECT surat_id, string_agg(DISTINCT kunci, ' ' ORDER BY kunci) AS akses FROM (
            SELECT surat_id, 'j' || jabatan_id AS kunci FROM surat_aksessurat WHERE jabatan_id IS NOT NULL
            UNION ALL
            SELECT surat_id, 'p' || opd_id FROM surat_aksessurat WHERE opd_id IS NOT NULL AND peran = 'pencatat'
        ) a GROUP BY surat_id
    ) k
    WHERE k.surat_id = i.surat_id
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(BACKFILL)
    schema_editor.execute(GIN)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS arsip_indeks_akses_dokumen_gin")


class Migration(migrations.Migration):
    dependencies = [("arsip", "0005_indeks_saringan"), ("surat", "0005_cap_waktu_arsip")]

    operations = [
        migrations.AddField(
            model_name="suratindeks",
            name="akses",
            field=models.TextField(
                blank=True, help_text="Kunci akses dipisah spasi: j<id jabatan>, p<id OPD pencatat>."
            ),
        ),
        migrations.AddIndex(
            model_name="suratindeks",
            index=models.Index(
                models.OrderBy(models.F("tanggal"), descending=True, nulls_last=True),
                models.OrderBy(models.F("surat"), descending=True),
                name="arsip_indeks_terbaru_idx",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
