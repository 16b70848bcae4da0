"""Django admin pieces every app uses."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """For a ModelAdmin or an inline whose rows change only through the services (audited) or are
    written by the system: the admin may look, never add, change or delete. Put it before the admin
    base class: `class SuratAdmin(ReadOnlyAdminMixin, admin.ModelAdmin)`."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
