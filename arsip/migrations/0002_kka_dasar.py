"""Seed the base set of KKA codes (levels 1-2 of Permendagri 83/2022) from arsip/data/kka_dasar.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "kka_dasar.csv"


def _kunci(kode):
    return ".".join(p.zfill(4) if p.isdigit() else p for p in kode.split("."))


def seed(apps, schema_editor):
    Klasifikasi = apps.get_model("arsip", "KlasifikasiArsip")
    by_kode = {}
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kode = row["kode"].strip()
            induk_kode = kode.rsplit(".", 1)[0] if "." in kode else None
            obj, _ = Klasifikasi.objects.get_or_create(
                kode=kode,
                defaults={
                    "nama": row["nama"].strip(),
                    "induk": by_kode.get(induk_kode),
                    "level": kode.count(".") + 1,
                    "kunci": _kunci(kode),
                },
            )
            by_kode[kode] = obj


def unseed(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("arsip", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
