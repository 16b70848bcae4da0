"""The search index of letters (arsip.SuratIndeks): rebuilt for one letter after every change that
the letters app announces (surat/signals.py, connected in ArsipConfig.ready) and after its
attachments' text is read; `rebuild` redoes many letters in chunks (manage.py indeks_surat, the bench).

On PostgreSQL the tsvectors use the 'simple' configuration (PostgreSQL ships no Indonesian stemmer):
hal weighs most (A), then the register line (nomor, sender, addressees: B), the body (C) and the text
of attachments and scans (D).

The row also carries the letter's access keys (`akses`, see arsip.models.SuratIndeks), rebuilt with the
row and, when a disposition gives or takes access, by `perbarui_akses` (surat.signals.akses_berubah)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.utils import timezone

from arsip.models import SuratIndeks, TeksLampiran
from surat.models import AksesSurat, Penerima, Surat
from surat.sanitize import html_to_text

MAKS_TEKS = 200_000  # characters of body/attachment text kept per letter (a tsvector must stay < 1 MB)
CHUNK = 1000


def _pengirim(surat: Surat) -> list[str]:
    if surat.sumber == Surat.Sumber.MASUK_LUAR:
        return [surat.asal_instansi]
    return [surat.ttd_jabatan, surat.ttd_nama, surat.opd.nama if surat.opd_id else ""]


def kunci_akses(surat_ids: Iterable[int]) -> dict[int, str]:
    """The access keys of each letter, from its AksesSurat rows: `j<jabatan id>` for a jabatan's row,
    `p<opd id>` for an OPD pencatat's row (the two ways of surat.models.visible_q)."""
    keys: dict[int, set[str]] = {}
    for surat_id, jabatan_id, opd_id, peran in AksesSurat.objects.filter(surat_id__in=list(surat_ids)).values_list(
        "surat_id", "jabatan_id", "opd_id", "peran"
    ):
        if jabatan_id:
            keys.setdefault(surat_id, set()).add(f"j{jabatan_id}")
        elif opd_id and peran == AksesSurat.Peran.PENCATAT:
            keys.setdefault(surat_id, set()).add(f"p{opd_id}")
    return {pk: " ".join(sorted(k)) for pk, k in keys.items()}


def perbarui_akses(surat_id: int) -> None:
    """System (surat.signals.akses_berubah): copy the letter's access keys into its index row."""
    SuratIndeks.objects.filter(surat_id=surat_id).update(akses=kunci_akses([surat_id]).get(surat_id, ""))


def build_row(
    surat: Surat,
    penerima: Iterable[Penerima],
    teks: Iterable[str],
    kode_klasifikasi: str | None = None,
    akses: str = "",
) -> SuratIndeks:
    """The index row of one letter from its fields, its recipients and its attachments' text."""
    nama_penerima = [p.nama_tampil or p.eksternal_nama or (p.jabatan.nama if p.jabatan_id else "") for p in penerima]
    register = " ".join(x for x in [surat.nomor or "", surat.nomor_asal, *_pengirim(surat), *nama_penerima] if x)
    data = " ".join(str(v) for v in (surat.data_tambahan or {}).values() if isinstance(v, (str, int)))
    isi = " ".join(x for x in [html_to_text(surat.isi or ""), surat.ringkasan, data] if x)
    return SuratIndeks(
        surat_id=surat.pk,
        tanggal=surat.tanggal,
        keamanan=surat.keamanan,
        jenis_id=surat.jenis_id,
        opd_id=surat.opd_id,
        kode_klasifikasi=kode_klasifikasi or "",
        register=register[:10_000],
        judul=surat.hal,
        isi=isi[:MAKS_TEKS],
        lampiran=" ".join(t for t in teks if t)[:MAKS_TEKS],
        akses=akses,
        diperbarui=timezone.now(),
    )


def _vectors(ids: list[int]) -> None:
    if connection.vendor != "postgresql" or not ids:
        return
    SuratIndeks.objects.filter(pk__in=ids).update(
        dokumen=SearchVector("judul", weight="A", config="simple")
        + SearchVector("register", weight="B", config="simple")
        + SearchVector("isi", weight="C", config="simple")
        + SearchVector("lampiran", weight="D", config="simple"),
        dokumen_register=SearchVector("register", config="simple"),
    )


def rebuild(surat_ids: Iterable[int]) -> int:
    """System: (re)build the index rows of these letters, CHUNK at a time. Returns how many."""
    ids = list(surat_ids)
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # A letter whose content was destroyed (arsip.retensi) has no index row: nothing of it is searchable.
        SuratIndeks.objects.filter(surat_id__in=chunk, surat__dimusnahkan_pada__isnull=False).delete()
        surat = list(
            Surat.objects.filter(pk__in=chunk, dimusnahkan_pada__isnull=True).select_related("opd", "klasifikasi")
        )
        penerima: dict[int, list[Penerima]] = {}
        for p in Penerima.objects.filter(surat_id__in=chunk).select_related("jabatan").order_by("jenis", "urutan"):
            penerima.setdefault(p.surat_id, []).append(p)
        teks: dict[int, list[str]] = {}
        for lampiran_surat, nama, isi in TeksLampiran.objects.filter(
            lampiran__surat_id__in=chunk, status=TeksLampiran.Status.SELESAI
        ).values_list("lampiran__surat_id", "lampiran__nama_asli", "teks"):
            teks.setdefault(lampiran_surat, []).extend([nama, isi])
        akses = kunci_akses(chunk)
        rows = [
            build_row(
                s,
                penerima.get(s.pk, []),
                teks.get(s.pk, []),
                s.klasifikasi.kode if s.klasifikasi_id else "",
                akses.get(s.pk, ""),
            )
            for s in surat
        ]
        SuratIndeks.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["surat"],
            update_fields=[
                "tanggal",
                "keamanan",
                "jenis_id",
                "opd_id",
                "kode_klasifikasi",
                "register",
                "judul",
                "isi",
                "lampiran",
                "akses",
                "diperbarui",
            ],
            batch_size=CHUNK,
        )
        _vectors([r.surat_id for r in rows])
        done += len(rows)
    return done


def update_surat(surat_id: int) -> None:
    """System (hooks, OCR): rebuild one letter's index row."""
    rebuild([surat_id])


def belum_diindeks(limit: int = 5000) -> list[int]:
    """Final letters with no index row yet (the daily sweep catches what a lost hook missed)."""
    return list(
        Surat.objects.filter(indeks__isnull=True, dimusnahkan_pada__isnull=True)
        .exclude(status=Surat.Status.KONSEP)
        .order_by("-id")
        .values_list("pk", flat=True)[:limit]
    )
