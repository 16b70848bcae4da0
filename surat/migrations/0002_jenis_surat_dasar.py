"""Seed the basic kinds of naskah dinas (Permendagri 1/2023). A Pemda may add or deactivate rows."""

from django.db import migrations

JENIS = [
    ("surat-dinas", "Surat Dinas", "SD", "korespondensi_ekstern", []),
    ("nota-dinas", "Nota Dinas", "ND", "korespondensi_intern", []),
    (
        "surat-undangan",
        "Surat Undangan",
        "SU",
        "khusus",
        [
            {"name": "hari_tanggal", "label": "Hari/tanggal", "type": "date", "required": True},
            {"name": "waktu", "label": "Waktu", "type": "text", "required": True},
            {"name": "tempat", "label": "Tempat", "type": "text", "required": True},
            {"name": "acara", "label": "Acara", "type": "textarea", "required": True},
        ],
    ),
    ("surat-edaran", "Surat Edaran", "SE", "khusus", []),
    (
        "surat-tugas",
        "Surat Tugas",
        "ST",
        "penugasan",
        [
            {"name": "dasar", "label": "Dasar", "type": "list"},
            {"name": "ditugaskan", "label": "Kepada (pegawai yang ditugaskan)", "type": "pegawai_list", "required": True},
            {"name": "untuk", "label": "Untuk", "type": "textarea", "required": True},
        ],
    ),
]


def seed(apps, schema_editor):
    JenisSurat = apps.get_model("surat", "JenisSurat")
    for urutan, (kode, nama, singkatan, keluarga, kolom) in enumerate(JENIS, start=1):
        JenisSurat.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "singkatan": singkatan,
                "keluarga": keluarga,
                "kolom_tambahan": kolom,
                "urutan": urutan * 10,
            },
        )


def unseed(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("surat", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
