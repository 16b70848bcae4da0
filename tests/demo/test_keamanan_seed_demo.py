"""seed_demo refuses to fill a production database with demo accounts and their public password."""

import io

import pytest
from django.core.management import CommandError, call_command

from organisasi.models import Pegawai, Pemda

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.MODE_LATIHAN = False

    with pytest.raises(CommandError, match="tampaknya server produksi.*--ya-saya-yakin"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not Pegawai.objects.exists() and not Pemda.objects.exists()
