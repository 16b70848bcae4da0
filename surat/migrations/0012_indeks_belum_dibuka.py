"""The pencatat's "not opened yet" reads the OPD's unopened TUJUAN receipts newest first
(surat.tiba.belum_dibuka_terbaru): the index keeps them in that order, so an OPD that left thousands of
old letters unopened (its first months on the system) no longer walks its whole Buku Agenda to find
the newest few. It replaces the (opd, id) index of every unopened receipt, tembusan included."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisasi', '0003_pengajuan_kewenangan'),
        ('surat', '0011_indeks_nomor_awalan'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='penerima',
            name='penerima_opd_belum_dibaca_idx',
        ),
        migrations.AddIndex(
            model_name='penerima',
            index=models.Index(condition=models.Q(('dibaca_pada__isnull', True), ('diterima_pada__isnull', False), ('jenis', 'tujuan')), fields=['opd', '-diterima_pada', '-id'], name='penerima_opd_belum_dibuka_idx'),
        ),
    ]
