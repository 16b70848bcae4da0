"""The demo city: `seed()` runs the steps in `STEPS` in order inside one transaction, each taking the
Seeder of the run (demo.seeder), which holds the units, jabatan and pegawai built so far, keyed like
"DISKOMINFOSP.bidang0.jf" (see demo.akun.AKUN_JABATAN), and `seeder.today`. Every step looks up what it
would create first, so running the seed again changes nothing and writes no audit rows. New demo data
is a new step function appended to `STEPS`."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from demo import kotak_masuk
from demo.arsip import step_arsip
from demo.dua_langkah import step_dua_langkah
from demo.riwayat import step_riwayat
from demo.seeder import Seeder
from demo.struktur import step_kecamatan, step_opd, step_pemda, step_peran, step_pimpinan_dan_setda, step_plt_plh
from demo.surat import step_sertifikat_tte, step_surat
from lib import reference_data


def step_data_rujukan(s: Seeder) -> None:
    """The migrations' reference rows, when a flush removed them (the letters need the kinds of letters)."""
    reference_data.restore()


STEPS: list[Callable[[Seeder], None]] = [
    step_data_rujukan,
    step_pemda,
    step_pimpinan_dan_setda,
    step_opd,
    step_kecamatan,
    step_plt_plh,
    step_peran,
    step_dua_langkah,
    step_sertifikat_tte,
    step_surat,
    step_arsip,
    step_riwayat,
]


def seed(*, today: datetime.date | None = None) -> Seeder:
    """Build (or complete) the demo city; a second run creates nothing. System job: no actor."""
    seeder = Seeder(today=today or timezone.localdate())
    # The demo letters notify their recipients when the seed commits; the demo people's email addresses
    # must not get (nor the console print) dozens of emails about a history that never happened.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        for step in STEPS:
            step(seeder)
    if seeder.dibuat:
        kotak_masuk.rapikan()  # after the commit, when the letters have notified their recipients
    return seeder
