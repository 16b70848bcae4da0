"""Django admin for the structure (superusers' tool). Writes of units, jabatan, pegawai, Plt/Plh and roles go
through organisasi.services, so the same rules hold here as on the Kelola Struktur pages: the form runs
the service once in a savepoint that is rolled back, so its errors show next to the fields, then
`save_model` runs it for real. Inlines only show related rows, with a link to edit them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest

from audit.services import record
from organisasi import services
from organisasi.models import Jabatan, Pegawai, Pemda, Penugasan, Peran, UnitKerja
from organisasi.nip import validate_nip


def _actor(request: HttpRequest) -> Pegawai | None:
    """The acting pegawai; a superuser without one acts as the system (actor None)."""
    return Pegawai.objects.filter(user=request.user).first()


class _DryRun(Exception):
    pass


class ServiceAdminForm(forms.ModelForm):
    """Checks the object by running the admin's service inside a rolled-back savepoint."""

    model_admin: ServiceModelAdmin
    actor: Pegawai | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            with transaction.atomic():
                self.model_admin.call_service(self.actor, self.instance, cleaned)
                raise _DryRun
        except _DryRun:
            pass
        except IntegrityError:
            # A duplicate the model's own unique checks (run right after this) report next to the field.
            pass
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or "Anda tidak berwenang melakukan ini.") from exc
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            for name, errors in exc.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        return cleaned


class ServiceModelAdmin(admin.ModelAdmin):
    """save_model calls `call_service` instead of obj.save(); subclasses say which service."""

    form = ServiceAdminForm

    def call_service(self, actor: Pegawai | None, instance: models.Model, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def get_form(self, request: HttpRequest, obj: models.Model | None = None, **kwargs: Any) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, **kwargs)
        # modelform_factory made a fresh class for this request, so class attributes are safe here.
        form.model_admin = self
        form.actor = _actor(request)
        return form

    def save_model(self, request: HttpRequest, obj: models.Model, form: forms.ModelForm, change: bool) -> None:
        original = self.model.objects.get(pk=obj.pk) if change else self.model()
        saved = self.call_service(_actor(request), original, form.cleaned_data)
        obj.pk = saved.pk


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama_daerah", "tingkat", "email", "telepon"]
    readonly_fields = ["contoh_nomor"]

    @admin.display(description="contoh nomor surat")
    def contoh_nomor(self, obj: Pemda) -> str:
        return obj.contoh_nomor if obj.pk else "(tampil setelah disimpan)"

    def save_model(self, request: HttpRequest, obj: Pemda, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        messages.info(request, f"Contoh nomor surat dengan pola ini: {obj.contoh_nomor}")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One Pemda per installation.
        return not Pemda.objects.exists()


class ShownInline(admin.TabularInline):
    """Rows listed on their parent's page, read-only there: each is changed on its own admin page,
    through the services."""

    extra = 0
    show_change_link = True
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(self.fields)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class JabatanInline(ShownInline):
    model = Jabatan
    fk_name = "unit"
    fields = ["nama", "eselon", "is_kepala_unit", "dapat_menandatangani", "aktif"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(ServiceModelAdmin):
    list_display = ["nama", "kode", "jenis", "induk", "is_opd", "opd", "aktif"]
    list_filter = ["jenis", "is_opd", "aktif"]
    search_fields = ["nama", "kode", "singkatan"]
    list_select_related = ["induk", "opd"]
    autocomplete_fields = ["induk"]
    inlines = [JabatanInline]

    def call_service(self, actor: Pegawai | None, instance: models.Model, data: dict[str, Any]) -> models.Model:
        if instance.pk:
            return services.unit_update(actor=actor, unit=instance, **data)
        return services.unit_create(actor=actor, **data)


class PenugasanInline(ShownInline):
    model = Penugasan
    fields = ["jenis", "pegawai", "jabatan", "mulai", "selesai", "nomor_sk"]


@admin.register(Jabatan)
class JabatanAdmin(ServiceModelAdmin):
    list_display = ["nama", "unit", "atasan", "eselon", "is_kepala_unit", "dapat_menandatangani", "aktif"]
    list_filter = ["eselon", "is_kepala_unit", "dapat_menandatangani", "aktif"]
    search_fields = ["nama", "unit__nama"]
    list_select_related = ["unit", "atasan"]
    autocomplete_fields = ["unit", "atasan"]
    inlines = [PenugasanInline]

    def call_service(self, actor: Pegawai | None, instance: models.Model, data: dict[str, Any]) -> models.Model:
        if instance.pk:
            return services.jabatan_update(actor=actor, jabatan=instance, **data)
        return services.jabatan_create(actor=actor, **data)


class PegawaiAdminForm(ServiceAdminForm):
    nip = forms.CharField(label="NIP", max_length=30, required=False, help_text="18 angka; boleh diketik dengan spasi.")

    def clean_nip(self) -> str | None:
        raw = self.cleaned_data.get("nip", "").strip()
        return validate_nip(raw) if raw else None


class PeranInline(ShownInline):
    model = Peran
    fields = ["jenis", "opd"]


class PenugasanPegawaiInline(PenugasanInline):
    fk_name = "pegawai"


@admin.register(Pegawai)
class PegawaiAdmin(ServiceModelAdmin):
    form = PegawaiAdminForm
    list_display = ["nama", "nip", "jabatan", "user"]
    search_fields = ["nama", "nip", "nik", "user__username"]
    list_select_related = ["jabatan__unit", "user"]
    autocomplete_fields = ["jabatan", "user"]
    inlines = [PeranInline, PenugasanPegawaiInline]

    def call_service(self, actor: Pegawai | None, instance: models.Model, data: dict[str, Any]) -> models.Model:
        if instance.pk:
            return services.pegawai_update(actor=actor, pegawai=instance, **data)
        # Linking an existing login (e.g. a superuser's) to a new pegawai: pegawai_create would make a
        # new login, so this one write stays here, audited like the service's.
        pegawai = Pegawai.objects.create(**data)
        record(actor=actor, aksi="pegawai.buat", objek=pegawai, nip=pegawai.nip, jabatan=pegawai.jabatan_id)
        return pegawai


@admin.register(Penugasan)
class PenugasanAdmin(ServiceModelAdmin):
    list_display = ["jabatan", "jenis", "pegawai", "mulai", "selesai", "nomor_sk"]
    list_filter = ["jenis"]
    search_fields = ["pegawai__nama", "pegawai__nip", "jabatan__nama", "nomor_sk"]
    list_select_related = ["pegawai", "jabatan"]
    autocomplete_fields = ["pegawai", "jabatan"]
    date_hierarchy = "mulai"

    def call_service(self, actor: Pegawai | None, instance: models.Model, data: dict[str, Any]) -> models.Model:
        if instance.pk:
            return services.penugasan_update(actor=actor, penugasan=instance, **data)
        return services.penugasan_create(actor=actor, **data)

    def delete_model(self, request: HttpRequest, obj: Penugasan) -> None:
        services.penugasan_delete(actor=_actor(request), penugasan=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actor = _actor(request)
        for penugasan in queryset.select_related("jabatan__unit"):
            services.penugasan_delete(actor=actor, penugasan=penugasan)


@admin.register(Peran)
class PeranAdmin(ServiceModelAdmin):
    list_display = ["pegawai", "jenis", "opd"]
    list_filter = ["jenis"]
    search_fields = ["pegawai__nama", "pegawai__nip", "opd__nama"]
    list_select_related = ["pegawai", "opd"]
    autocomplete_fields = ["pegawai", "opd"]

    def call_service(self, actor: Pegawai | None, instance: models.Model, data: dict[str, Any]) -> models.Model:
        if instance.pk:
            # A role is granted or revoked, never edited: revoke this one and grant the new one.
            services.peran_revoke(actor=actor, peran=instance)
        return services.peran_grant(actor=actor, **data)

    def delete_model(self, request: HttpRequest, obj: Peran) -> None:
        services.peran_revoke(actor=_actor(request), peran=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actor = _actor(request)
        for peran in queryset:
            services.peran_revoke(actor=actor, peran=peran)
