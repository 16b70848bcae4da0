"""The Beranda's letter part (templates/surat/_beranda.html): the counter cards and today's short to-do
list; the page itself is eoffice.views.beranda."""

from __future__ import annotations

from typing import Any

from lib.tautan import alamat
from organisasi import acting
from organisasi.acting import Who
from surat import beranda


def beranda_context(pegawai: Who) -> dict[str, Any]:
    """What templates/surat/_beranda.html needs: the counter cards and today's short to-do list."""
    actor = acting.of(pegawai)
    counters = beranda.beranda_counters(actor)
    is_pencatat = bool(actor.pencatat_opd_ids)
    masuk_url, tembusan_url = alamat("surat:masuk"), alamat("surat:tembusan")
    kartu = [
        ("perlu_ttd", "Perlu ditandatangani", alamat("surat:perlu_ttd")),
        ("perlu_paraf", "Perlu diparaf", alamat("surat:perlu_paraf")),
        ("masuk_belum_dibaca", "Surat masuk belum dibaca", f"{masuk_url}?status=belum_dibaca"),
        (
            "masuk_belum_ditindaklanjuti",
            "Surat masuk belum ditindaklanjuti",
            f"{masuk_url}?status=belum_ditindaklanjuti",
        ),
        ("tembusan_belum_dibaca", "Tembusan belum dibaca", f"{tembusan_url}?status=belum_dibaca"),
    ]
    if is_pencatat:
        # The clerk's own inbox is nearly empty: what counts for her is the OPD's mail (issue 15).
        kartu[:0] = [
            ("opd_hari_ini", "Surat tiba untuk OPD hari ini", f"{masuk_url}#tiba-hari-ini"),
            ("opd_belum_dibuka", "Surat OPD belum dibuka penerimanya", f"{masuk_url}#belum-dibuka"),
        ]
        kartu.append(
            (
                "ditandatangani_belum_dikirim",
                "Sudah ditandatangani, belum dikirim ke penerima luar",
                alamat("surat:eksternal"),
            )
        )
    return {
        "counters": counters,
        "kartu": [
            {"kunci": k, "label": label, "url": url, "jumlah": beranda.angka_kartu(counters.get(k, 0))}
            for k, label, url in kartu
        ],
        "tugas": beranda.tugas_hari_ini(actor),
        "is_pencatat": is_pencatat,
    }
