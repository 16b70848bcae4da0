"""BSrE's word on a signer and on a document, in our terms, for the pages (TTE_BACKEND=bsre):

- `untuk(pegawai)`: "Sertifikat BSrE Anda: aktif / belum terdaftar / kedaluwarsa / belum aktif", asked
  before the sign button is offered (cached a few minutes per NIK so a page of letters asks once).
- `pendapat(pdf_bytes)`: BSrE's verify endpoint as a second opinion on the public verification page.

Neither ever raises: BSrE being down gives a status that says so, and the letter page still works.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from organisasi.models import Pegawai
from tte.backends.bsre import BsreClient
from tte.errors import SertifikatTidakAda, TteError

CACHE_DETIK = 300
AKTIF, BELUM_TERDAFTAR, KEDALUWARSA, BELUM_AKTIF, TIDAK_DIKETAHUI = (
    "aktif",
    "belum terdaftar",
    "kedaluwarsa",
    "belum aktif",
    "tidak dapat diperiksa",
)
# BSrE's user statuses (public client libraries list these) -> ours.
STATUS = {
    "ISSUE": AKTIF,
    "EXPIRED": KEDALUWARSA,
    "RENEW": KEDALUWARSA,
    "NOT_REGISTERED": BELUM_TERDAFTAR,
    "NO_CERTIFICATE": BELUM_TERDAFTAR,
    "NEW": BELUM_AKTIF,
    "WAITING_FOR_VERIFICATION": BELUM_AKTIF,
    "SUSPEND": BELUM_AKTIF,
    "REVOKE": BELUM_AKTIF,
}
PETUNJUK = {
    AKTIF: "Anda dapat menandatangani surat.",
    BELUM_TERDAFTAR: "Daftarkan diri Anda ke BSrE melalui Admin TTE instansi.",
    KEDALUWARSA: "Perpanjang sertifikat Anda di BSrE melalui Admin TTE instansi.",
    BELUM_AKTIF: "Sertifikat Anda di BSrE belum aktif, dibekukan atau dicabut; hubungi Admin TTE instansi.",
}


@dataclass(frozen=True)
class StatusBsre:
    status: str  # one of the constants above
    keterangan: str

    @property
    def boleh_tanda_tangan(self) -> bool:
        return self.status == AKTIF


def untuk(pegawai: Pegawai) -> StatusBsre:
    """BSrE's status of `pegawai` (by NIK; v2 by e-mail when there is no NIK)."""
    client = BsreClient.from_settings()
    if not pegawai.nik and not (client.versi == "2" and pegawai.email):
        return StatusBsre(BELUM_TERDAFTAR, "NIK Anda belum diisi di data pegawai; hubungi Admin OPD.")
    kunci = "bsre-status:" + hashlib.sha256(f"{pegawai.nik}|{pegawai.email}".encode()).hexdigest()
    found = cache.get(kunci)
    if found is not None:
        return found
    try:
        data = client.user_status(pegawai.nik, pegawai.email)
    except SertifikatTidakAda as exc:
        hasil = StatusBsre(KEDALUWARSA if "tidak berlaku" in exc.message else BELUM_TERDAFTAR, exc.message)
    except TteError as exc:
        return StatusBsre(TIDAK_DIKETAHUI, exc.message)  # not cached: try again on the next page
    else:
        kode = str(data.get("status") or data.get("userStatus") or "").upper()
        status = STATUS.get(kode, BELUM_AKTIF if kode else TIDAK_DIKETAHUI)
        hasil = StatusBsre(status, PETUNJUK.get(status, "BSrE mengirim status yang tidak dikenali."))
    cache.set(kunci, hasil, CACHE_DETIK)
    return hasil


@dataclass(frozen=True)
class PendapatBsre:
    sah: bool | None  # None: BSrE could not be asked or said something we do not understand
    ringkasan: str


def pendapat(pdf_bytes: bytes) -> PendapatBsre | None:
    """BSrE's verdict on a signed PDF (None unless TTE_BACKEND=bsre), cached by the file's hash."""
    if settings.TTE_BACKEND != "bsre":
        return None
    kunci = "bsre-verify:" + hashlib.sha256(pdf_bytes).hexdigest()
    found = cache.get(kunci)
    if found is not None:
        return found
    try:
        data = BsreClient.from_settings().verify_pdf(pdf_bytes)
    except TteError as exc:
        return PendapatBsre(None, exc.message)
    kesimpulan = str(data.get("conclusion") or data.get("summary") or "").upper()
    if kesimpulan == "VALID":
        hasil = PendapatBsre(True, "BSrE menyatakan tanda tangan elektronik dokumen ini sah.")
    elif kesimpulan:
        keterangan = str(data.get("description") or data.get("notes") or "")[:300]
        hasil = PendapatBsre(False, f"BSrE menyatakan dokumen ini tidak sah ({kesimpulan}). {keterangan}".strip())
    else:
        hasil = PendapatBsre(None, "BSrE mengirim jawaban yang tidak dikenali.")
    cache.set(kunci, hasil, CACHE_DETIK)
    return hasil
