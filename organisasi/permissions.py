"""Who may do what with the structure. Services call these; views and templates may call them to hide
buttons, but the service check is the one that holds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from organisasi.models import Pegawai, Peran, UnitKerja


def _peran_opd_ids(pegawai: Pegawai, jenis: str) -> set[int]:
    cache = getattr(pegawai, "_peran_cache", None)
    if cache is None:
        cache = list(pegawai.peran.values_list("jenis", "opd_id"))
        pegawai._peran_cache = cache
    return {opd_id for j, opd_id in cache if j == jenis and opd_id is not None}


def _has_pemda_role(pegawai: Pegawai | None, jenis: str) -> bool:
    if pegawai is None:
        return False
    if pegawai.user.is_superuser:
        return True
    cache = getattr(pegawai, "_peran_cache", None)
    if cache is None:
        _peran_opd_ids(pegawai, jenis)
        cache = pegawai._peran_cache
    return any(j == jenis for j, _ in cache)


def is_admin_pemda(pegawai: Pegawai | None) -> bool:
    return _has_pemda_role(pegawai, Peran.Jenis.ADMIN_PEMDA)


def is_admin_tte(pegawai: Pegawai | None) -> bool:
    """Approves signers' certificate requests and revokes certificates (tte), Pemda-wide."""
    return _has_pemda_role(pegawai, Peran.Jenis.ADMIN_TTE)


def managed_opd_ids(pegawai: Pegawai | None) -> set[int] | None:
    """OPD ids whose structure this pegawai may edit; None means every OPD (admin Pemda)."""
    if pegawai is None:
        return set()
    if is_admin_pemda(pegawai):
        return None
    return _peran_opd_ids(pegawai, Peran.Jenis.ADMIN_OPD)


def is_admin(pegawai: Pegawai | None) -> bool:
    ids = managed_opd_ids(pegawai)
    return ids is None or bool(ids)


def pencatat_opd_ids(pegawai: Pegawai) -> set[int]:
    """OPD ids whose incoming mail and agenda book this pegawai keeps."""
    return _peran_opd_ids(pegawai, Peran.Jenis.PENCATAT)


def arsiparis_opd_ids(pegawai: Pegawai) -> set[int]:
    return _peran_opd_ids(pegawai, Peran.Jenis.ARSIPARIS)


def can_manage_opd(pegawai: Pegawai | None, opd_id: int | None) -> bool:
    ids = managed_opd_ids(pegawai)
    return ids is None or (opd_id is not None and opd_id in ids)


def require_manage_opd(pegawai: Pegawai | None, opd_id: int | None) -> None:
    if not can_manage_opd(pegawai, opd_id):
        raise PermissionDenied("Anda tidak berwenang mengelola OPD ini.")


def require_admin_pemda(pegawai: Pegawai | None) -> None:
    if not is_admin_pemda(pegawai):
        raise PermissionDenied("Hanya Admin Pemda yang boleh melakukan ini.")


def opd_of_unit(unit: UnitKerja | None) -> int | None:
    return unit.opd_id if unit is not None else None
