"""Signing a letter as the signer experiences it: one call that numbers, renders, signs and delivers.

`_render_and_sign` runs inside the signing transaction (services.sign's before_commit), after the
number, the date and the signature snapshot are set: it renders the final PDF (number, date and the
QR code to the verification page in it), signs it with the signer's passphrase and stores the signed
bytes untouched. A TteError (wrong passphrase, no certificate, service down) propagates, so the whole
signing rolls back: no number is used and the letter stays waiting for the signature.

The passphrase is never stored, logged or put on a queue.
"""

from __future__ import annotations

from django.views.decorators.debug import sensitive_variables

from organisasi.models import Pegawai, Pemda
from surat import dokumen, pdf, services
from surat.models import Surat
from tte import signing as tte_signing
from tte.errors import TteError


@sensitive_variables("passphrase")
def _render_and_sign(surat: Surat, passphrase: str) -> None:
    berkas = dokumen.dokumen_for(surat)
    pemda = Pemda.current()
    # The layout runs in its child while the signer's key is opened (scrypt, ~0.1 s) here.
    with pdf.mulai_render_surat_pdf(surat, konsep=False, token=berkas.token_verifikasi, tte=True) as render:
        result = tte_signing.sign_pdf(
            pegawai=surat.penandatangan_pegawai,
            passphrase=passphrase,
            pdf_bytes=render.hasil,
            reason=f"Penandatanganan naskah dinas {surat.nomor}",
            location=pemda.nama_daerah if pemda else "",
            link_qr=pdf.verifikasi_url(berkas.token_verifikasi),
        )
    dokumen.store_signed(
        surat=surat,
        dokumen=berkas,
        pdf_bytes=result.pdf_bytes,
        signed_at=result.signed_at,
        serial=result.sertifikat_serial,
        id_dokumen=result.id_dokumen,
        cap_waktu_sampai=result.cap_waktu_sampai,
    )


@sensitive_variables("passphrase")
def tandatangani(*, actor: Pegawai, surat: Surat, passphrase: str = "") -> Surat:
    """The signer signs `surat`; see surat.services.sign for the rules. Raises tte.errors.TteError
    (show `exc.message`) when the electronic signature fails; nothing is changed then, except the audit
    events of wrong passphrases and lockouts, recorded after the rollback."""
    try:
        return services.sign(actor=actor, surat=surat, before_commit=lambda s: _render_and_sign(s, passphrase))
    except TteError as exc:
        tte_signing.record_failure(exc)
        raise
