"""Letter and agenda numbers. A number is taken from a counter row locked by the UPDATE that increments
it (UPDATE ... RETURNING: the lock of SELECT ... FOR UPDATE and the value in one statement) inside the
caller's transaction, so a failure anywhere afterwards rolls the counter back too: no
gaps, and the unique constraint on Surat.nomor guards against duplicates.

Lock order. A transaction that takes several of these locks takes them in this order, so two of them
never wait on each other in a circle: the letter's row; the signing OPD's number counter (held while
the PDF is rendered and signed); the receiving OPDs' agenda counters, by OPD id ascending, taken after
the signature; the audit chain's head row, always last (audit.services.chained_at_end)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import IntegrityError, connection, transaction
from django.db.models import Max

from lib.pola_nomor import PLACEHOLDERS, POLA_BAWAAN  # noqa: F401  (validated on the Pemda form)
from organisasi.models import UnitKerja
from surat.models import Penomoran, Surat

# Numbers skipped at most while looking for a free one (a counter restarted below numbers already given).
MAKS_LEWATI = 100_000
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


def next_value(
    *, opd: UnitKerja | int, tahun: int, seri: str, kka_prefix: str = "", awal: Callable[[], int] | None = None
) -> int:
    """Take the next value of a counter. Must run inside a transaction (the caller's). A counter made
    now starts after `awal()` (default 0)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_value harus dipanggil di dalam transaksi.")
    opd_id = opd.pk if isinstance(opd, UnitKerja) else opd
    key = {"opd_id": opd_id, "tahun": tahun, "seri": seri, "kka_prefix": kka_prefix}
    value = _increment(key)
    if value is None:
        try:
            # Two first letters of a year at once: one INSERT wins, the other waits, fails and re-reads.
            with transaction.atomic():
                Penomoran.objects.create(**key, last=awal() if awal else 0)
        except IntegrityError:
            pass
        value = _increment(key)
    return value


def _increment(key: dict[str, object]) -> int | None:
    """The counter's next value, or None when it does not exist yet. One UPDATE ... RETURNING: it takes
    the row lock (held until the caller's transaction ends, like SELECT ... FOR UPDATE) and the value."""
    qn = connection.ops.quote_name
    where = " AND ".join(f"{qn(k)} = %s" for k in key)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {qn(Penomoran._meta.db_table)} SET {qn('last')} = {qn('last')} + 1 WHERE {where} "
            f"RETURNING {qn('last')}",
            list(key.values()),
        )
        row = cursor.fetchone()
    return row[0] if row else None


def nomor_surat_bebas(
    *, opd: UnitKerja, tahun: int, kka: str, per_kka: bool, pola: str, kode_opd: str, tanggal: datetime.date
) -> tuple[int, str]:
    """The next letter number (urut, formatted) that no letter carries yet.

    Switching to per-KKA numbering mid-year (or changing the pattern) starts fresh counters whose first
    values the old sequence already gave out; the unique number would then refuse every signing for the
    rest of the year. So a new per-KKA counter starts after the highest urut its code already has in
    that OPD and year, and any number still taken is skipped (the sequence of the new counter goes on
    from there, without gaps of its own)."""

    def awal() -> int:
        if not per_kka:
            return 0
        taken = Surat.objects.filter(opd=opd, tahun=tahun, klasifikasi__kode=kka, nomor_urut__isnull=False)
        return taken.aggregate(m=Max("nomor_urut"))["m"] or 0

    for _ in range(MAKS_LEWATI):
        urut = next_value(opd=opd, tahun=tahun, seri=Penomoran.Seri.SURAT, kka_prefix=kka if per_kka else "", awal=awal)
        nomor = format_nomor(pola, kka=kka, urut=urut, kode_opd=kode_opd, tanggal=tanggal)
        if not Surat.objects.filter(nomor=nomor).exists():
            return urut, nomor
    raise RuntimeError(f"Tidak ada nomor bebas setelah {MAKS_LEWATI} percobaan untuk {opd} {tahun}.")
