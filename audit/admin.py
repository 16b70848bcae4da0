from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["waktu", "actor_label", "aksi", "objek_tipe", "objek_id"]
    list_filter = ["aksi", "objek_tipe"]
    search_fields = ["actor_label", "aksi", "objek_id"]
    date_hierarchy = "waktu"

    # The log is append-only: nobody edits or deletes it, not even a superuser.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
