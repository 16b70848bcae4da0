"""The access matrix: every URL pattern of the project, requested by every kind of user, with the answer
each must get. A URL without an entry in `MATRIKS` fails `test_every_url_has_an_entry`, so a new page
cannot ship without someone deciding who may open it.

Answers: a status code (200, 403, 404, 405, 302 for another redirect), or `masuk` for the redirect to
the sign-in page (anonymous). An entry's spec reads "who:answer ...", e.g.
"anon:masuk pengirim,penerima:200 *:404": names are the actors of `tests/matriks/dunia.py` or the groups
below, `*` is everyone not named. Letter pages take a spec per security class (terbatas falls back to
biasa, sangat_rahasia to rahasia). One world, every request in a rolled-back savepoint (dunia.py).

`MATRIKS_TAMPILKAN=1 pytest tests/matriks -s` prints what every actor gets, to write a new entry from
(`MATRIKS_HANYA=name,name` requests only those entries).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matriks.dunia import KELAS, Dunia, bangun

AKTOR = (
    "anon",
    "konseptor",
    "verifikator",
    "penandatangan",
    "kepala",
    "pencatat",
    "admin_opd",
    "admin_pemda",
    "penerima",
    "staf_penerima",
    "plh_berakhir",
    "pegawai_lain",
    "admin_lain",
)
GRUP = {
    "login": AKTOR[1:],
    "pengirim": ("konseptor", "verifikator", "penandatangan"),
    "opd_a": ("konseptor", "verifikator", "penandatangan", "kepala", "pencatat", "admin_opd", "admin_pemda"),
    "admin": ("admin_opd", "admin_pemda", "admin_lain"),
    # Who may open the signed letters of the world: the drafting chain, the sending OPD's pencatat, the
    # addressee and the staff it was disposed to. Not the head of the drafting OPD (not on the chain), the
    # admins, the Plh whose assignment ended yesterday, nor the unrelated OPD.
    "pembaca": ("konseptor", "verifikator", "penandatangan", "pencatat", "penerima", "staf_penerima"),
}
LOGIN = reverse("akun:masuk")


@dataclass(frozen=True)
class Entri:
    kwargs: Callable[[Dunia, str], dict[str, Any]]
    harapan: str | dict[str, str] | None
    metode: str = "GET"

    @property
    def per_kelas(self) -> bool:
        return isinstance(self.harapan, dict)


def _kw(**fns: Callable[[Dunia, str], Any]) -> Callable[[Dunia, str], dict[str, Any]]:
    return lambda w, k: {name: fn(w, k) for name, fn in fns.items()}


NONE = _kw()
SURAT = _kw(pk=lambda w, k: w.surat[k].pk)
SURAT_PK = _kw(surat_pk=lambda w, k: w.surat[k].pk)
DISPOSISI = _kw(pk=lambda w, k: w.disposisi[k].pk)
KONSEP = _kw(pk=lambda w, k: w.konsep.pk)
PARAF = _kw(pk=lambda w, k: w.paraf.pk)
TTD = _kw(pk=lambda w, k: w.ttd.pk)

MATRIKS: dict[str, Entri] = {
    # ------------------------------------------------------------ public and account pages
    "beranda": Entri(NONE, "anon:masuk *:200"),
    "akun:masuk": Entri(NONE, "anon:200 *:302"),
    "akun:keluar": Entri(NONE, "*:masuk", "POST"),
    "akun:profil": Entri(NONE, "anon:masuk *:200"),
    "akun:kata_sandi": Entri(NONE, "anon:masuk *:200"),
    "akun:ukuran_huruf": Entri(NONE, "*:302", "POST"),
    "akun:lupa_kata_sandi": Entri(NONE, "*:200"),
    "akun:lupa_kata_sandi_terkirim": Entri(NONE, "*:200"),
    "akun:atur_ulang": Entri(_kw(uidb64=lambda w, k: "MQ", token=lambda w, k: "x-y"), "*:200"),
    "akun:atur_ulang_selesai": Entri(NONE, "*:200"),
    "akun:konfirmasi_email": Entri(_kw(token=lambda w, k: "token-yang-tidak-ada"), "anon:masuk *:200"),
    "akun:dua_langkah": Entri(NONE, "anon:masuk *:200"),
    "akun:dua_langkah_verifikasi": Entri(NONE, "anon:masuk *:302"),
    "akun:dua_langkah_pasang": Entri(NONE, "anon:masuk *:200"),
    "akun:dua_langkah_cadangan": Entri(NONE, "anon:masuk admin:200 *:302", "POST"),
    "akun:dua_langkah_matikan": Entri(NONE, "anon:masuk *:302", "POST"),
    "kesehatan": Entri(NONE, "*:200"),
    "bench_lantai": Entri(NONE, "anon:masuk *:404"),
    "bench_bingkai": Entri(NONE, "anon:masuk *:404"),
    # ------------------------------------------------------------ organisation
    "organisasi:struktur": Entri(NONE, "anon:masuk *:200"),
    "organisasi:pegawai_cari": Entri(NONE, "anon:masuk *:200"),
    "organisasi:kelola": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:unit_list": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:unit_create": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:unit_update": Entri(
        _kw(pk=lambda w, k: w.orang["konseptor"].jabatan.unit_id), "anon:masuk admin_opd,admin_pemda:200 *:404"
    ),
    "organisasi:jabatan_list": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:jabatan_create": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:jabatan_update": Entri(
        _kw(pk=lambda w, k: w.orang["konseptor"].jabatan_id), "anon:masuk admin_opd,admin_pemda:200 *:404"
    ),
    "organisasi:pegawai_list": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:pegawai_create": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:pegawai_update": Entri(
        _kw(pk=lambda w, k: w.orang["konseptor"].pk), "anon:masuk admin_opd,admin_pemda:200 *:404"
    ),
    "organisasi:penugasan_list": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:penugasan_create": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:penugasan_update": Entri(
        _kw(pk=lambda w, k: w.ekstra["penugasan"].pk), "anon:masuk admin_pemda:200 *:404"
    ),
    "organisasi:penugasan_delete": Entri(
        _kw(pk=lambda w, k: w.ekstra["penugasan"].pk), "anon:masuk admin_pemda:200 *:404"
    ),
    "organisasi:peran_list": Entri(NONE, "anon:masuk admin:200 *:404"),
    "organisasi:peran_revoke": Entri(
        _kw(pk=lambda w, k: w.ekstra["peran_pencatat"].pk), "anon:masuk admin_opd,admin_pemda:200 *:404"
    ),
    "organisasi:pengajuan_list": Entri(NONE, "anon:masuk admin:200 *:404"),
    # The proposer (admin_opd) sees the question; answering it is refused by the service (test_pengajuan).
    "organisasi:pengajuan_setujui": Entri(
        _kw(pk=lambda w, k: w.ekstra["pengajuan"].pk), "anon:masuk admin_opd,admin_pemda:200 *:404"
    ),
    "organisasi:pengajuan_tolak": Entri(
        _kw(pk=lambda w, k: w.ekstra["pengajuan"].pk), "anon:masuk admin_opd,admin_pemda:200 *:404"
    ),
    # ------------------------------------------------------------ letters
    "surat:konsep_baru": Entri(NONE, "anon:masuk *:200"),
    "surat:usulan_verifikator": Entri(NONE, "anon:masuk *:200"),
    "surat:klasifikasi_cari": Entri(NONE, "anon:masuk *:200"),
    "surat:jabatan_cari": Entri(NONE, "anon:masuk *:200"),
    "surat:detail": Entri(SURAT, {"biasa": "anon:masuk pembaca:200 *:404"}),
    "surat:konsep_ubah": Entri(KONSEP, "anon:masuk konseptor:200 *:404"),
    "surat:versi": Entri(SURAT, {"biasa": "anon:masuk pengirim:200 *:404"}),
    "surat:ajukan": Entri(KONSEP, "anon:masuk konseptor:302 *:404", "POST"),
    "surat:hapus": Entri(KONSEP, "anon:masuk konseptor:302 *:404", "POST"),
    "surat:paraf": Entri(PARAF, "anon:masuk pengirim:302 *:404", "POST"),
    "surat:kembalikan": Entri(PARAF, "anon:masuk konseptor,penandatangan:302 verifikator:200 *:404"),
    "surat:tandatangani": Entri(TTD, "anon:masuk penandatangan:200 *:404"),
    "surat:balas": Entri(SURAT, {"biasa": "anon:masuk pembaca:302 *:404"}, "POST"),
    "surat:tindaklanjut": Entri(SURAT, {"biasa": "anon:masuk pembaca:302 *:404"}, "POST"),
    "surat:kirim_eksternal": Entri(SURAT, {"biasa": "anon:masuk pencatat:302 *:404"}),
    "surat:lampiran": Entri(
        _kw(pk=lambda w, k: w.surat[k].lampiran.get().pk),
        {
            "biasa": "anon:masuk pembaca:200 *:404",
            "rahasia": "anon:masuk pengirim,penerima,staf_penerima:200 *:404",
        },
    ),
    "surat:teks_lampiran": Entri(
        _kw(pk=lambda w, k: w.surat[k].lampiran.get().pk),
        {
            "biasa": "anon:masuk pembaca:200 *:404",
            "rahasia": "anon:masuk pengirim,penerima,staf_penerima:200 *:404",
        },
    ),
    "surat:koreksi": Entri(
        _kw(pk=lambda w, k: w.surat[k].pk, jenis=lambda w, k: "ralat"),
        {"biasa": "anon:masuk pengirim,pencatat:302 *:404", "rahasia": "anon:masuk pengirim:302 *:404"},
        "POST",
    ),
    # A scan's page image: only a paper letter's scan has one, the world's attachments are drafted PDFs.
    "surat:pindaian": Entri(_kw(pk=lambda w, k: w.surat[k].lampiran.get().pk), {"biasa": "anon:masuk *:404"}),
    "surat:masuk": Entri(NONE, "anon:masuk *:200"),
    "surat:tembusan": Entri(NONE, "anon:masuk *:200"),
    "surat:keluar": Entri(NONE, "anon:masuk *:200"),
    "surat:konsep": Entri(NONE, "anon:masuk *:200"),
    "surat:perlu_paraf": Entri(NONE, "anon:masuk *:200"),
    "surat:perlu_ttd": Entri(NONE, "anon:masuk *:200"),
    "surat:eksternal": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "surat:agenda": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "surat:agenda_csv": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "surat:agenda_xlsx": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "surat:catat_masuk": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "surat:pdf_konsep": Entri(KONSEP, "anon:masuk konseptor:200 *:404"),
    "surat:pdf": Entri(
        SURAT,
        {
            "biasa": "anon:masuk pembaca:200 *:404",
            "rahasia": "anon:masuk pengirim,penerima,staf_penerima:200 *:404",
        },
    ),
    "surat:pdf_status": Entri(
        SURAT,
        {
            "biasa": "anon:masuk pembaca:200 *:404",
            "rahasia": "anon:masuk pengirim,penerima,staf_penerima:200 *:404",
        },
    ),
    "surat:lembar_disposisi": Entri(
        SURAT,
        {
            "biasa": "anon:masuk pembaca:200 *:404",
            "rahasia": "anon:masuk pengirim,penerima,staf_penerima:200 *:404",
        },
    ),
    "surat:agenda_pdf": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "surat:cetakan": Entri(_kw(pk=lambda w, k: w.cetakan.pk), "anon:masuk pencatat:200 *:404"),
    "surat:cetakan_status": Entri(_kw(pk=lambda w, k: w.cetakan.pk), "anon:masuk pencatat:200 *:404"),
    "surat:cetakan_unduh": Entri(_kw(pk=lambda w, k: w.cetakan.pk), "anon:masuk pencatat:302 *:404"),
    # ------------------------------------------------------------ dispositions
    "disposisi:masuk": Entri(NONE, "anon:masuk *:200"),
    "disposisi:keluar": Entri(NONE, "anon:masuk *:200"),
    "disposisi:pohon": Entri(SURAT_PK, {"biasa": "anon:masuk penerima,staf_penerima:200 *:404"}),
    "disposisi:buat": Entri(SURAT_PK, {"biasa": "anon:masuk penerima,staf_penerima:200 *:404"}),
    "disposisi:tanpa_disposisi": Entri(SURAT_PK, {"biasa": "anon:masuk penerima:302 *:404"}, "POST"),
    "disposisi:detail": Entri(DISPOSISI, {"biasa": "anon:masuk penerima,staf_penerima:200 *:404"}),
    "disposisi:laporkan": Entri(DISPOSISI, {"biasa": "anon:masuk staf_penerima:200 *:404"}, "POST"),
    "disposisi:batalkan": Entri(DISPOSISI, {"biasa": "anon:masuk penerima:200 *:404"}),
    "disposisi:lampiran": Entri(_kw(pk=lambda w, k: w.lampiran_laporan.pk), "anon:masuk penerima:200 *:404"),
    # ------------------------------------------------------------ public verification
    "verifikasi:cari": Entri(NONE, "*:200"),
    "verifikasi:detail": Entri(_kw(token=lambda w, k: "token-yang-tidak-ada"), "*:404"),
    # ------------------------------------------------------------ archives
    "arsip:index": Entri(NONE, "anon:masuk *:200"),
    "arsip:cari": Entri(NONE, "anon:masuk *:200"),
    "arsip:klasifikasi": Entri(NONE, "anon:masuk *:200"),
    "arsip:klasifikasi_jra": Entri(_kw(pk=lambda w, k: w.klasifikasi.pk), "anon:masuk admin_pemda:200 *:404"),
    "arsip:berkas_list": Entri(NONE, "anon:masuk pencatat,admin:200 *:404"),
    "arsip:berkas_baru": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "arsip:berkas_detail": Entri(
        _kw(pk=lambda w, k: w.berkas.pk), "anon:masuk pencatat,admin_opd,admin_pemda:200 *:404"
    ),
    "arsip:berkas_aksi": Entri(
        _kw(pk=lambda w, k: w.berkas.pk, aksi=lambda w, k: "tutup"),
        "anon:masuk pencatat,admin_opd,admin_pemda:302 *:404",
        "POST",
    ),
    "arsip:usulan": Entri(NONE, "anon:masuk pencatat:200 *:404"),
    "arsip:daftar": Entri(_kw(jenis=lambda w, k: "aktif"), "anon:masuk pencatat,admin:200 *:404"),
    "arsip:jatuh_tempo": Entri(NONE, "anon:masuk admin_pemda:200 *:404"),
    "arsip:berita_acara": Entri(
        _kw(pk=lambda w, k: w.berita_acara.pk), "anon:masuk pencatat,admin_opd,admin_pemda:200 *:404"
    ),
    # ------------------------------------------------------------ notifications, guide
    "notifikasi:daftar": Entri(NONE, "anon:masuk *:200"),
    "notifikasi:buka": Entri(_kw(pk=lambda w, k: w.notifikasi.pk), "anon:masuk konseptor:302 *:404"),
    "notifikasi:tandai_semua": Entri(NONE, "anon:masuk *:302", "POST"),
    "notifikasi:preferensi": Entri(NONE, "anon:masuk *:200"),
    "panduan:index": Entri(NONE, "*:200"),
    "panduan:peran": Entri(_kw(kunci=lambda w, k: "staf"), "*:200"),
    "panduan:ringkas": Entri(_kw(kunci=lambda w, k: "pejabat"), "*:200"),
    "panduan:ringkas_pdf": Entri(_kw(kunci=lambda w, k: "pencatat"), "*:200"),
    "panduan:tur_selesai": Entri(NONE, "anon:masuk *:204", "POST"),
    "panduan:tur_ulang": Entri(NONE, "anon:masuk *:302", "POST"),
    "panduan:latihan": Entri(NONE, "anon:masuk *:404"),
    "panduan:pelatih": Entri(NONE, "anon:masuk *:404"),
    # ------------------------------------------------------------ TTE
    "tte:crl": Entri(_kw(nama=lambda w, k: "tidak-ada"), "*:404"),
    "tte:ca": Entri(_kw(serial=lambda w, k: "00"), "*:404"),
    "tte:tsa": Entri(NONE, "*:415", "POST"),
    "tte:sertifikat": Entri(NONE, "anon:masuk *:200"),
    "tte:ajukan": Entri(NONE, "anon:masuk *:302", "POST"),
    "tte:buat": Entri(NONE, "anon:masuk *:404"),
    "tte:ganti": Entri(NONE, "anon:masuk *:404"),
    "tte:perpanjang": Entri(NONE, "anon:masuk *:404"),
    "tte:cabut": Entri(NONE, "anon:masuk *:404"),
    "tte:kelola": Entri(NONE, "anon:masuk *:404"),
    "tte:putuskan": Entri(_kw(pk=lambda w, k: 999999), "anon:masuk *:404", "POST"),
    "tte:kelola_cabut": Entri(_kw(pk=lambda w, k: 999999), "anon:masuk *:404"),
    # ------------------------------------------------------------ Rekap for leaders (a report job that
    # does not exist: only who gets past the gate differs)
    "rekap:index": Entri(NONE, "anon:masuk kepala,admin_pemda,penerima:200 *:404"),
    "rekap:layanan": Entri(NONE, "anon:masuk kepala,admin_pemda,penerima:200 *:404"),
    "rekap:terlambat": Entri(NONE, "anon:masuk kepala,admin_pemda,penerima:200 *:404"),
    "rekap:penghematan": Entri(NONE, "anon:masuk kepala,admin_pemda,penerima:200 *:404"),
    "rekap:biaya": Entri(NONE, "anon:masuk admin_pemda:200 *:404"),
    "rekap:unduh_xlsx": Entri(NONE, "anon:masuk kepala,admin_pemda,penerima:200 *:404"),
    "rekap:laporan": Entri(NONE, "anon:masuk *:302", "POST"),
    "rekap:laporan_detail": Entri(_kw(pk=lambda w, k: 999999), "anon:masuk *:404"),
    "rekap:laporan_status": Entri(_kw(pk=lambda w, k: 999999), "anon:masuk *:404"),
    "rekap:laporan_unduh": Entri(_kw(pk=lambda w, k: 999999), "anon:masuk *:404"),
    # ------------------------------------------------------------ the Django admin (one entry, all pages)
    "admin:*": Entri(NONE, "*:masuk_admin"),
}


def url_names() -> Iterator[str]:
    """Every named URL pattern of the project (namespaces joined), the Django admin's as `admin:*`."""

    def walk(patterns: list[Any], ns: str | None) -> Iterator[str]:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                yield from walk(p.url_patterns, inner)
            elif isinstance(p, URLPattern):
                name = p.name or f"<tanpa nama: {p.pattern}>"
                yield f"{ns}:{name}" if ns else name

    for name in walk(get_resolver().url_patterns, None):
        yield "admin:*" if name.startswith("admin:") else name


def test_every_url_has_an_entry():
    names = set(url_names())
    assert not sorted(names - set(MATRIKS)), "URL tanpa entri di MATRIKS"
    assert not sorted(set(MATRIKS) - names), "entri MATRIKS tanpa URL"


def parse(spec: str) -> dict[str, str]:
    """'anon:masuk pengirim,penerima:200 *:404' -> the answer of every actor."""
    jawaban: dict[str, str] = {}
    bawaan = None
    for bagian in spec.split():
        siapa, _, kode = bagian.partition(":")
        for nama in siapa.split(","):
            if nama == "*":
                bawaan = kode
            else:
                for aktor in GRUP.get(nama, (nama,)):
                    assert aktor in AKTOR, f"aktor tidak dikenal: {aktor}"
                    jawaban[aktor] = kode
    for aktor in AKTOR:
        if aktor not in jawaban:
            assert bawaan is not None, f"{spec!r} tidak menyebut {aktor}"
            jawaban[aktor] = bawaan
    return jawaban


def _harapan(entri: Entri, kelas: str) -> dict[str, str] | None:
    if entri.harapan is None or entri.harapan == {}:
        return None
    if isinstance(entri.harapan, str):
        return parse(entri.harapan)
    cadangan = {"terbatas": "biasa", "rahasia": "biasa", "sangat_rahasia": "rahasia"}
    while kelas not in entri.harapan:
        kelas = cadangan[kelas]
    return parse(entri.harapan[kelas])


def _jawaban(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "masuk"
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "masuk_admin"
    return str(response.status_code)


def _minta(client: Client, metode: str, url: str) -> str:
    """One request, undone afterwards: its writes rolled back, the client's cookies restored (a sign-out
    or a new session must not change who the next request is)."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        try:
            response = client.generic(metode, url)
            return _jawaban(response)
        except Exception as exc:  # noqa: BLE001 - a crash is an answer the matrix reports
            return f"galat:{type(exc).__name__}"
        finally:
            transaction.set_rollback(True)
            client.cookies = cookies


def test_access_matrix(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = bangun(cast)
    from organisasi import services
    from organisasi.models import Penugasan, Peran

    w.ekstra["penugasan"] = Penugasan.objects.get(pegawai=w.orang["plh_berakhir"])
    w.ekstra["peran_pencatat"] = Peran.objects.get(pegawai=cast.pencatat, jenis=Peran.Jenis.PENCATAT)
    w.ekstra["pengajuan"] = services.peran_grant(
        actor=w.orang["admin_opd"], pegawai=cast.staf, jenis=Peran.Jenis.PENCATAT, opd=cast.opd
    )
    klien = {}
    for aktor, pegawai in w.orang.items():
        c = Client()
        if pegawai is not None:
            c.force_login(pegawai.user)
        klien[aktor] = c

    tampilkan = os.environ.get("MATRIKS_TAMPILKAN")
    hanya = set(filter(None, os.environ.get("MATRIKS_HANYA", "").split(",")))
    salah: list[str] = []
    for nama, entri in sorted(MATRIKS.items()):
        if hanya and nama not in hanya:
            continue
        for kelas in KELAS if entri.per_kelas else ("biasa",):
            url = reverse("admin:index") if nama == "admin:*" else reverse(nama, kwargs=entri.kwargs(w, kelas))
            dapat = {aktor: _minta(klien[aktor], entri.metode, url) for aktor in AKTOR}
            harapan = _harapan(entri, kelas)
            label = f"{nama}[{kelas}]" if entri.per_kelas else nama
            if tampilkan or harapan is None:
                kelompok: dict[str, list[str]] = {}
                for aktor, kode in dapat.items():
                    kelompok.setdefault(kode, []).append(aktor)
                print(f"{label}: " + " ".join(f"{','.join(a)}:{k}" for k, a in kelompok.items()))
            if harapan is None:
                salah.append(f"{label}: tanpa harapan")
                continue
            for aktor in AKTOR:
                if dapat[aktor] != harapan[aktor]:
                    salah.append(f"{label} {entri.metode} {aktor}: dapat {dapat[aktor]}, harus {harapan[aktor]}")
    assert not salah, "\n".join(salah)
