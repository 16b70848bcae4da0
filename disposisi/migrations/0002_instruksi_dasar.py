"""The usual instruction checkboxes of a disposition (DOMAIN.md); a Pemda edits them in the admin."""

from django.db import migrations

INSTRUKSI = (
    "Untuk diketahui",
    "Untuk ditindaklanjuti",
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan",
    "Siapkan bahan/jawaban",
    "Wakili/hadiri",
    "Dampingi saya",
    "Pelajari/telaah",
    "Monitor perkembangannya",
    "Agendakan",
    "Arsipkan",
)


def seed(apps, schema_editor):
    model = apps.get_model("disposisi", "InstruksiDisposisi")
    for urutan, nama in enumerate(INSTRUKSI, start=1):
        model.objects.get_or_create(nama=nama, defaults={"urutan": urutan * 10, "aktif": True})


class Migration(migrations.Migration):
    dependencies = [("disposisi", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
