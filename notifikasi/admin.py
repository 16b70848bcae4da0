from django.contrib import admin

from lib.admin import ReadOnlyAdminMixin
from notifikasi.models import Notifikasi, PreferensiNotifikasi


@admin.register(Notifikasi)
class NotifikasiAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: notices are written by the system; the admin looks up what was sent and why email failed."""

    list_display = ["dibuat", "penerima", "event", "judul", "dibaca_pada", "email_status"]
    list_filter = ["event", "email_status"]
    search_fields = ["judul", "penerima__nama", "penerima__nip"]
    list_select_related = ["penerima"]
    date_hierarchy = "dibuat"
    raw_id_fields = ["penerima", "jabatan", "surat"]


@admin.register(PreferensiNotifikasi)
class PreferensiNotifikasiAdmin(admin.ModelAdmin):
    list_display = ["pegawai", "event", "email"]
    list_filter = ["event", "email"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    list_select_related = ["pegawai"]
    raw_id_fields = ["pegawai"]
