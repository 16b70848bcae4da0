"""Django admin for letters (superusers' tool). Kinds of letters are configuration and may be edited
here; letters themselves change only through surat.services, so their admin pages are read-only.

The admin shows no letter content: never the body, the summary or a note, and the subject only of a
letter that is not Rahasia (the app's pages answer 404 to whoever is not an addressee of one). Support
work needs the register data, not what the letter says."""

from __future__ import annotations

from django.contrib import admin

from lib.admin import ReadOnlyAdminMixin
from surat.models import Agenda, JenisSurat, Penerima, Surat, SuratLog, Verifikator


@admin.register(JenisSurat)
class JenisSuratAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "singkatan", "keluarga", "aktif", "urutan"]
    list_filter = ["keluarga", "aktif"]
    search_fields = ["nama", "kode"]


class PenerimaInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Penerima
    extra = 0
    fields = ["jenis", "nama_tampil", "jabatan", "eksternal_nama", "diterima_pada", "dibaca_pada", "kirim_status"]


class VerifikatorInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Verifikator
    extra = 0
    fields = ["urutan", "jabatan", "status", "pegawai", "waktu"]


class SuratLogInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SuratLog
    extra = 0
    fields = ["waktu", "aksi", "actor", "jabatan", "dari_status", "ke_status"]


@admin.display(description="hal")
def hal_tampil(surat: Surat) -> str:
    return "(Rahasia)" if surat.is_rahasia else surat.hal


# Letter content never shown in the admin (see the module docstring).
ISI_SURAT = ["hal", "isi", "ringkasan"]


@admin.register(Surat)
class SuratAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "nomor", hal_tampil, "jenis", "status", "keamanan", "opd", "tanggal"]
    list_filter = ["status", "sumber", "keamanan", "jenis"]
    search_fields = ["nomor", "nomor_asal"]
    list_select_related = ["jenis", "opd"]
    raw_id_fields = ["balasan_untuk"]
    exclude = ISI_SURAT
    readonly_fields = [hal_tampil]
    inlines = [VerifikatorInline, PenerimaInline, SuratLogInline]

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Agenda)
class AgendaAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["opd", "tahun", "nomor", "surat", "tanggal_terima"]
    list_filter = ["tahun", "opd"]
    list_select_related = ["opd", "surat"]
