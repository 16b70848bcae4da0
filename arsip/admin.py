from django.contrib import admin

from arsip.models import KlasifikasiArsip


@admin.register(KlasifikasiArsip)
class KlasifikasiArsipAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "level", "aktif"]
    list_filter = ["level", "aktif"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["induk"]
    readonly_fields = ["level"]
