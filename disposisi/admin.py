from django.contrib import admin

from disposisi.models import Disposisi, InstruksiDisposisi, LaporanTindakLanjut
from lib.admin import ReadOnlyAdminMixin


@admin.register(InstruksiDisposisi)
class InstruksiDisposisiAdmin(admin.ModelAdmin):
    list_display = ("nama", "urutan", "aktif")
    list_editable = ("urutan", "aktif")
    search_fields = ("nama",)


@admin.register(Disposisi)
class DisposisiAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only view for support: dispositions change only through the pages (services)."""

    list_display = ("surat", "dari_jabatan", "kepada_jabatan", "status", "batas_waktu", "dibuat")
    list_filter = ("status", "prioritas")
    list_select_related = ("surat", "dari_jabatan", "kepada_jabatan")
    # No letter content: the notes and the subject stay on the scoped pages (surat.admin's rule).
    search_fields = ("surat__nomor",)
    exclude = ("catatan",)
    raw_id_fields = ("surat", "induk", "dari_jabatan", "dari_pegawai", "kepada_jabatan", "dibaca_oleh")
    show_full_result_count = False


@admin.register(LaporanTindakLanjut)
class LaporanTindakLanjutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("disposisi", "pegawai", "dibuat")
    exclude = ("isi",)
    raw_id_fields = ("disposisi", "pegawai", "jabatan")
