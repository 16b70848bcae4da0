"""Letter and agenda numbers. A number is taken from a counter row locked with SELECT ... FOR UPDATE
inside the caller's transaction, so a failure anywhere afterwards rolls the counter back too: no
gaps, and the unique constraint on Surat.nomor guards against duplicates.

Lock order. A transaction that takes several of these locks takes them in this order, so two of them
never wait on each other in a circle: the letter's row; the signing OPD's number counter (held while
the PDF is rendered and signed); the receiving OPDs' agenda counters, by OPD id ascending, taken after
the signature; the audit chain's head row, always last (audit.services.chained_at_end)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from organisasi.models import UnitKerja
from surat.models import Penomoran

POLA_BAWAAN = "{kka}/{urut}/{kode_opd}/{tahun}"
PLACEHOLDERS = ("kka", "urut", "kode_opd", "tahun", "bulan", "bulan_romawi")
_ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def bulan_romawi(bulan: int) -> str:
    return _ROMAWI[bulan - 1]


class _Kosong(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_nomor(pola: str, *, kka: str, urut: int, kode_opd: str, tanggal: datetime.date) -> str:
    """'{kka}/{urut}/{kode_opd}/{tahun}' -> '000.8.3.3/15/DISKOMINFOSP/2026'. Unknown placeholders stay
    as typed (the Pemda settings page validates the pattern)."""
    values = _Kosong(
        kka=kka,
        urut=str(urut),
        kode_opd=kode_opd,
        tahun=str(tanggal.year),
        bulan=f"{tanggal.month:02d}",
        bulan_romawi=bulan_romawi(tanggal.month),
    )
    nomor = pola.format_map(values)
    # A pattern without {kka} (or a letter without a code) must not leave doubled separators.
    while "//" in nomor:
        nomor = nomor.replace("//", "/")
    return nomor.strip("/")


def next_value(*, opd: UnitKerja, tahun: int, seri: str, kka_prefix: str = "") -> int:
    """Take the next value of a counter. Must run inside a transaction (the caller's)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_value harus dipanggil di dalam transaksi.")
    key = {"opd": opd, "tahun": tahun, "seri": seri, "kka_prefix": kka_prefix}
    row = Penomoran.objects.select_for_update().filter(**key).first()
    if row is None:
        try:
            # Two first letters of a year at once: one INSERT wins, the other waits, fails and re-reads.
            with transaction.atomic():
                Penomoran.objects.create(**key, last=0)
        except IntegrityError:
            pass
        row = Penomoran.objects.select_for_update().get(**key)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last
