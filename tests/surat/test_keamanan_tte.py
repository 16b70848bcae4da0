"""Wrong passphrases when signing a letter: audited although the signing rolls back, and locked after 5."""

import pytest

from audit.models import AuditEvent
from surat.models import Surat
from tests.surat.pdfutil import PASSPHRASE
from tte import signing as tte_signing
from tte.errors import PassphraseSalah


def test_wrong_passphrase_is_audited_although_signing_rolls_back(cast, siap_ttd, sertifikat_kepala, media):
    from surat import signing

    surat = siap_ttd()
    with pytest.raises(PassphraseSalah):
        signing.tandatangani(actor=cast.kepala, surat=surat, passphrase="Tebakan-Salah-1")

    assert Surat.objects.get(pk=surat.pk).status == Surat.Status.TTD
    event = AuditEvent.objects.get(aksi="tte.passphrase_salah")
    assert event.actor == cast.kepala
    assert "Tebakan-Salah-1" not in str(event.data)


def test_sign_page_says_signing_is_locked_after_five_wrong_passphrases(cast, siap_ttd, sertifikat_kepala, media, login):
    surat = siap_ttd()
    client = login(cast.kepala)
    for _ in range(tte_signing.BATAS_SALAH):
        client.post(f"/surat/{surat.pk}/tandatangani/", {"passphrase": "salah-ketik-123"})

    response = client.post(f"/surat/{surat.pk}/tandatangani/", {"passphrase": PASSPHRASE})

    assert "dikunci sementara; coba lagi dalam 15 menit" in response.content.decode()
    assert Surat.objects.get(pk=surat.pk).status == Surat.Status.TTD
    assert AuditEvent.objects.filter(aksi="tte.dikunci", actor=cast.kepala).count() == 1
