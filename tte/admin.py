from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from lib.admin import ReadOnlyAdminMixin
from tte import services
from tte.models import OtoritasSertifikat, OtoritasTimestamp, PermohonanSertifikat, SertifikatTte


class SertifikatAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Certificates are made by the services (commands), never typed in; keys are never shown."""

    exclude = ["kunci_terenkripsi"]


@admin.register(OtoritasSertifikat)
class OtoritasSertifikatAdmin(SertifikatAdmin):
    list_display = ["nama", "serial", "aktif", "berlaku_mulai", "berlaku_sampai"]


@admin.register(OtoritasTimestamp)
class OtoritasTimestampAdmin(SertifikatAdmin):
    list_display = ["serial", "penerbit", "aktif", "berlaku_mulai", "berlaku_sampai", "dicabut_pada"]


@admin.register(PermohonanSertifikat)
class PermohonanSertifikatAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Requests are decided on the Admin TTE page (/tte/kelola/); here they are only looked at."""

    list_display = ["pegawai", "status", "diajukan", "diputus_oleh", "diputus_pada"]
    list_filter = ["status"]
    list_select_related = ["pegawai", "diputus_oleh"]


@admin.register(SertifikatTte)
class SertifikatTteAdmin(SertifikatAdmin):
    list_display = ["subject", "pegawai", "serial", "berlaku_mulai", "berlaku_sampai", "dicabut_pada"]
    list_filter = ["dicabut_pada"]
    search_fields = ["subject", "serial", "pegawai__nama", "pegawai__nip"]
    list_select_related = ["pegawai"]
    actions = ["cabut"]

    @admin.action(description="Cabut sertifikat terpilih")
    def cabut(self, request, queryset):
        actor = getattr(request.user, "pegawai", None)
        dicabut = 0
        for sertifikat in queryset.filter(dicabut_pada__isnull=True):
            try:
                services.cabut_sertifikat(actor=actor, sertifikat=sertifikat, alasan="Dicabut oleh admin.")
                dicabut += 1
            except ValidationError:
                continue
        self.message_user(request, f"{dicabut} sertifikat dicabut.", messages.SUCCESS)
