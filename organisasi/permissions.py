"""Who may do what with the structure. Services call these; views and templates may call them to hide
buttons, but the service check is the one that holds. The roles come from the acting actor
(organisasi.acting), resolved once per request."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from organisasi import acting
from organisasi.acting import Who
from organisasi.models import UnitKerja


def is_admin_pemda(pegawai: Who | None) -> bool:
    return pegawai is not None and acting.of(pegawai).is_admin_pemda


def is_admin_tte(pegawai: Who | None) -> bool:
    """Approves signers' certificate requests and revokes certificates (tte), Pemda-wide."""
    return pegawai is not None and acting.of(pegawai).is_admin_tte


def managed_opd_ids(pegawai: Who | None) -> set[int] | None:
    """OPD ids whose structure this pegawai may edit; None means every OPD (admin Pemda)."""
    if pegawai is None:
        return set()
    ids = acting.of(pegawai).managed_opd_ids
    return None if ids is None else set(ids)


def is_admin(pegawai: Who | None) -> bool:
    ids = managed_opd_ids(pegawai)
    return ids is None or bool(ids)


def pencatat_opd_ids(pegawai: Who) -> set[int]:
    """OPD ids whose incoming mail and agenda book this pegawai keeps."""
    return set(acting.of(pegawai).pencatat_opd_ids)


def arsiparis_opd_ids(pegawai: Who) -> set[int]:
    return set(acting.of(pegawai).arsiparis_opd_ids)


def can_manage_opd(pegawai: Who | None, opd_id: int | None) -> bool:
    ids = managed_opd_ids(pegawai)
    return ids is None or (opd_id is not None and opd_id in ids)


def require_manage_opd(pegawai: Who | None, opd_id: int | None) -> None:
    if not can_manage_opd(pegawai, opd_id):
        raise PermissionDenied("Anda tidak berwenang mengelola OPD ini.")


def require_admin_pemda(pegawai: Who | None) -> None:
    if not is_admin_pemda(pegawai):
        raise PermissionDenied("Hanya Admin Pemda yang boleh melakukan ini.")


def opd_of_unit(unit: UnitKerja | None) -> int | None:
    return unit.opd_id if unit is not None else None
