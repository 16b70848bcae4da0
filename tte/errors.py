"""Errors of electronic signing. Their messages are shown to the signer as they are, so they are
Indonesian and never carry the passphrase (nor anything a server sent back that might echo it)."""


class TteError(Exception):
    """Base class: signing did not happen; `str(exc)` is a message for the user."""

    default_message = "Tanda tangan elektronik gagal; surat belum ditandatangani."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)
        # Audit events about the failure (wrong passphrase, lockout) that must outlive the rollback of
        # the caller's transaction: see tte.signing.record_failure.
        self.audit_tertunda: list[tuple[object, str, dict]] = []

    @property
    def message(self) -> str:
        return str(self.args[0])


class PassphraseSalah(TteError):
    default_message = "Frasa sandi TTE salah."


class SertifikatTidakAda(TteError):
    default_message = (
        "Anda belum memiliki sertifikat elektronik yang berlaku. Ajukan aktivasi di menu Sertifikat TTE saya."
    )


class LayananTteGagal(TteError):
    default_message = "Layanan tanda tangan elektronik sedang bermasalah; surat belum ditandatangani, coba lagi nanti."


class TerlaluBanyakPercobaan(TteError):
    default_message = (
        "Frasa sandi TTE sudah 5 kali salah. Demi keamanan, tanda tangan elektronik Anda dikunci sementara; "
        "coba lagi dalam 15 menit."
    )
