"""Signing a letter as the signer experiences it: one call that numbers, renders, signs and delivers.

The PDF issue fills `_render_and_sign`: render the numbered letter, sign it with the signer's
passphrase (never stored, logged or queued), store the signed bytes. It runs inside the signing
transaction, so a failed signature rolls back the number and the delivery.
"""

from organisasi.models import Pegawai
from surat import services
from surat.models import Surat


def _render_and_sign(surat: Surat, passphrase: str) -> None:
    return None


def tandatangani(*, actor: Pegawai, surat: Surat, passphrase: str = "") -> Surat:
    """The signer signs `surat`; see surat.services.sign for the rules."""
    return services.sign(actor=actor, surat=surat, before_commit=lambda s: _render_and_sign(s, passphrase))
