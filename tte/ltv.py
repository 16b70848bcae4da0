"""What a long-term signature carries besides the signer's key (tte.pades.BuktiJangkaPanjang): the
timestamper (the Pemda's own TSA in-process, or TTE_TSA_URL), the trust roots and the current CRLs of
the Pemda's CAs, fresh ones issued first when needed (tte.services.crl_terkini)."""

from __future__ import annotations

from django.conf import settings

from tte import pades, selectors, services, tsa


def bukti() -> pades.BuktiJangkaPanjang:
    """System, inside the signing or archiving transaction (it may create the TSA or reissue a CRL)."""
    eksternal = tsa.eksternal()
    stamper = eksternal or tsa.tsa_pemda(services.pastikan_tsa())
    return pades.BuktiJangkaPanjang(
        timestamper=stamper,
        trust_roots=selectors.trust_roots(),
        crls=services.crl_semua_terkini(),
        other_certs=selectors.sertifikat_tsa(),
        # Certificates from elsewhere (an external TSA's, BSrE's) need their revocation data fetched.
        ambil_daring=eksternal is not None or settings.TTE_BACKEND == "bsre",
    )
