from django.contrib import admin

from rekap.models import BiayaSatuan


@admin.register(BiayaSatuan)
class BiayaSatuanAdmin(admin.ModelAdmin):
    list_display = ("harga_kertas", "harga_toner", "biaya_kurir", "halaman_per_surat", "diubah")
    readonly_fields = ("diubah", "diubah_oleh")
