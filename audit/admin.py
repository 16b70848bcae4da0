from django.contrib import admin

from audit.models import AuditEvent
from lib.admin import ReadOnlyAdminMixin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log is append-only: nobody edits or deletes it, not even a superuser."""

    list_display = ["waktu", "actor_label", "aksi", "objek_tipe", "objek_id"]
    list_filter = ["aksi", "objek_tipe"]
    search_fields = ["actor_label", "aksi", "objek_id"]
    date_hierarchy = "waktu"
