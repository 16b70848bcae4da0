"""The letter fixtures (konsep) for the outbox tests."""

from tests.surat.conftest import kka, konsep, nota_dinas  # noqa: F401
