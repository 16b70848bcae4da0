"""Guessing a signer's passphrase: after 5 wrong ones in 15 minutes signing is refused for 15 minutes,
without asking the backend, and the attempts are audited (never the passphrase)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from audit.models import AuditEvent
from tte import signing
from tte.errors import PassphraseSalah, TerlaluBanyakPercobaan, TteError
from tte.signing import record_failure, sign_pdf

from .conftest import PASSPHRASE


def _sign(pegawai, pdf_bytes, passphrase):
    try:
        return sign_pdf(pegawai=pegawai, passphrase=passphrase, pdf_bytes=pdf_bytes, reason="Uji", location="Solo")
    except TteError as exc:
        record_failure(exc)
        raise


def test_five_wrong_passphrases_lock_signing_for_15_minutes(cast, sertifikat, pdf_bytes, monkeypatch):
    with time_machine.travel(timezone.now(), tick=False) as mesin:
        for _ in range(signing.BATAS_SALAH - 1):
            with pytest.raises(PassphraseSalah):
                _sign(cast.kepala, pdf_bytes, "tebakan-salah")
        with pytest.raises(TerlaluBanyakPercobaan) as excinfo:
            _sign(cast.kepala, pdf_bytes, "tebakan-salah")
        assert "coba lagi dalam 15 menit" in excinfo.value.message

        # Locked: the right passphrase does not help and the backend is not called at all.
        called = []
        monkeypatch.setattr(signing, "get_backend", lambda: lambda **kw: called.append(kw))
        with pytest.raises(TerlaluBanyakPercobaan):
            _sign(cast.kepala, pdf_bytes, PASSPHRASE)
        assert called == []
        monkeypatch.undo()

        mesin.shift(datetime.timedelta(minutes=16))
        assert _sign(cast.kepala, pdf_bytes, PASSPHRASE).sertifikat_serial == sertifikat.serial


def test_lock_is_per_signer(cast, sertifikat, pdf_bytes):
    from tte import services

    services.terbitkan_sertifikat(actor=None, pegawai=cast.kabid, passphrase=PASSPHRASE)
    for _ in range(signing.BATAS_SALAH):
        with pytest.raises(TteError):  # wrong, then locked
            _sign(cast.kepala, pdf_bytes, "salah")

    assert _sign(cast.kabid, pdf_bytes, PASSPHRASE).pdf_bytes


def test_correct_passphrase_resets_the_count(cast, sertifikat, pdf_bytes):
    for _ in range(signing.BATAS_SALAH - 1):
        with pytest.raises(PassphraseSalah):
            _sign(cast.kepala, pdf_bytes, "salah")
    _sign(cast.kepala, pdf_bytes, PASSPHRASE)

    with pytest.raises(PassphraseSalah):  # counting starts again: not locked at the 5th wrong in total
        _sign(cast.kepala, pdf_bytes, "salah")


def test_wrong_passphrases_and_the_lock_are_audited_without_the_passphrase(cast, sertifikat, pdf_bytes):
    for _ in range(signing.BATAS_SALAH + 1):
        with pytest.raises(TteError):
            _sign(cast.kepala, pdf_bytes, "Tebakan-Rahasia-99")

    aksi = list(AuditEvent.objects.filter(actor=cast.kepala).order_by("id").values_list("aksi", flat=True))
    assert aksi == ["tte.passphrase_salah"] * signing.BATAS_SALAH + ["tte.dikunci", "tte.ditolak_terkunci"]
    assert not any("Tebakan-Rahasia-99" in str(e.data) for e in AuditEvent.objects.all())
