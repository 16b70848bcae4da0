from django.contrib import admin

from arsip.models import BeritaAcara, Berkas, ItemBerkas, KlasifikasiArsip, TeksLampiran
from lib.admin import ReadOnlyAdminMixin


@admin.register(KlasifikasiArsip)
class KlasifikasiArsipAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "level", "retensi_aktif", "retensi_inaktif", "nasib_akhir", "aktif"]
    list_filter = ["level", "aktif", "nasib_akhir"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["induk"]
    # JRA values change through the JRA page (audited); the admin shows them only.
    readonly_fields = ["level", "retensi_aktif", "retensi_inaktif", "nasib_akhir"]


class ItemBerkasInline(admin.TabularInline):
    model = ItemBerkas
    extra = 0
    can_delete = False
    raw_id_fields = ["surat"]
    readonly_fields = ["nomor", "surat", "tanggal", "tingkat_perkembangan", "keterangan", "opd"]
    exclude = ["dibuat_oleh", "uraian"]  # the item's uraian repeats the letter's subject

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Berkas)
class BerkasAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: berkas change through the archive pages (services, audit)."""

    list_display = ["opd", "nomor", "klasifikasi", "uraian", "status", "aktif_sampai", "inaktif_sampai"]
    list_filter = ["status", "opd"]
    search_fields = ["uraian", "klasifikasi__kode"]
    inlines = [ItemBerkasInline]


@admin.register(BeritaAcara)
class BeritaAcaraAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["jenis", "nomor", "tahun", "tanggal", "berkas"]
    list_filter = ["jenis", "tahun"]


@admin.register(TeksLampiran)
class TeksLampiranAdmin(admin.ModelAdmin):
    """The state of reading an attachment, never the text read (it is letter content, Rahasia too)."""

    list_display = ["lampiran", "status", "sumber", "halaman", "selesai", "pesan"]
    list_filter = ["status", "sumber"]
    exclude = ["teks", "berkas_ocr"]
    readonly_fields = [f.name for f in TeksLampiran._meta.fields if f.name not in ("teks", "berkas_ocr")]

    def has_add_permission(self, request) -> bool:
        return False
