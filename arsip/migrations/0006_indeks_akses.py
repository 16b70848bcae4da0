"""The access keys in the search index (arsip.models.SuratIndeks.akses).

PostgreSQL also gets a GIN index on the keys (as an array) together with the words, so the search
filters visibility inside the same index scan, a newest-first index (the newest matches of a common
word), and the keys of existing rows are filled from the access rows. SQLite searches with the
visibility join (surat.models.visible_q) and needs none of them."""

from django.db import migrations, models

TERBARU = (
    "CREATE INDEX IF NOT EXISTS arsip_indeks_terbaru_idx ON arsip_suratindeks (tanggal DESC NULLS LAST, surat_id DESC)"
)
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
    schema_editor.execute(TERBARU)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS arsip_indeks_akses_dokumen_gin")
        schema_editor.execute("DROP INDEX IF EXISTS arsip_indeks_terbaru_idx")


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
        migrations.RunPython(create, drop),
    ]
