"""What destroying a berkas does to its letters (called by arsip.services.berkas_setujui_musnah).

Each OPD that holds a letter keeps its own copy under its own retention: the sending (or registering)
OPD, every OPD whose agenda it entered, and every OPD that received it as addressee or copy. The copies
share one set of files and one body text, counted by holder:

- An OPD releases its copy when the berkas it filed the letter into is destroyed. The OPD forgets the
  letter: its staff and pencatat lose access (the register line stays in its daftar arsip, agenda book
  and berita acara). A holder that has not filed the letter (still working on it, a disposition open)
  still keeps it.
- When the last holder releases it, the content goes for everyone: body text, summary, extra fields,
  saved versions, paraf and return notes, disposition notes, follow-up reports and their files,
  attachments, scans, OCR copies and text, the letter's PDF, its search index row and the notices' text.
  What stays: the register line (number, date, kind, subject, sender, addressees, security class), the
  files' names and SHA-256 hashes, the PDF's hash and verification token (an outside copy can still be
  matched), the timeline without notes, and the berita acara.

Files are deleted after commit (surat.files.delete_stored), never while another holder keeps them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from arsip.models import Berkas, ItemBerkas, SuratIndeks, TeksLampiran
from disposisi.models import Disposisi, LampiranLaporan, LaporanTindakLanjut
from notifikasi.models import Notifikasi
from surat.models import Agenda, AksesSurat, Lampiran, Penerima, Surat, SuratLog, SuratVersi, Verifikator
from surat.models_dokumen import DokumenSurat


def pemegang(surat_ids: Iterable[int]) -> dict[int, set[int]]:
    """The OPD holding each letter (arsip.selectors.surat_opd the other way round)."""
    ids = list(surat_ids)
    found: dict[int, set[int]] = defaultdict(set)
    for pk, opd_id in Surat.objects.filter(pk__in=ids).values_list("pk", "opd_id"):
        found[pk].add(opd_id)
    for pk, opd_id in Agenda.objects.filter(surat_id__in=ids).values_list("surat_id", "opd_id"):
        found[pk].add(opd_id)
    diterima = Penerima.objects.filter(surat_id__in=ids, opd__isnull=False, diterima_pada__isnull=False)
    for pk, opd_id in diterima.values_list("surat_id", "opd_id"):
        found[pk].add(opd_id)
    return found


def dilepas(surat_ids: Iterable[int]) -> dict[int, set[int]]:
    """The OPD whose copy of each letter is destroyed (filed in a berkas that is musnah)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = ItemBerkas.objects.filter(surat_id__in=list(surat_ids), berkas__status=Berkas.Status.MUSNAH)
    for pk, opd_id in rows.values_list("surat_id", "opd_id"):
        found[pk].add(opd_id)
    return found


def masih_dipegang(surat_ids: Iterable[int]) -> dict[int, set[int]]:
    """Per letter, the OPD that still keep their copy (empty set: nobody does)."""
    ids = list(surat_ids)
    semua, lepas = pemegang(ids), dilepas(ids)
    return {pk: semua.get(pk, set()) - lepas.get(pk, set()) for pk in ids}


def cabut_akses(surat_ids: list[int], opd_id: int) -> int:
    """The OPD forgets these letters: the access rows of its jabatan and of its pencatat go."""
    qs = AksesSurat.objects.filter(surat_id__in=surat_ids).filter(
        Q(opd_id=opd_id) | Q(jabatan__unit__opd_id=opd_id) | Q(jabatan__unit_id=opd_id)
    )
    return qs.delete()[0]


def berkas_fisik(surat_ids: list[int]) -> tuple[list[str], list[dict]]:
    """(storage names, [{surat, nama, sha256}] for the audit) of every file of these letters."""
    names: list[str] = []
    daftar: list[dict] = []
    for lamp in Lampiran.objects.filter(surat_id__in=surat_ids).exclude(berkas=""):
        names.append(lamp.berkas.name)
        daftar.append({"surat": lamp.surat_id, "nama": lamp.nama_asli, "sha256": lamp.sha256})
    for dok in DokumenSurat.objects.filter(surat_id__in=surat_ids).exclude(berkas=""):
        names.append(dok.berkas.name)
        daftar.append({"surat": dok.surat_id, "nama": "PDF surat", "sha256": dok.sha256})
    for teks in TeksLampiran.objects.filter(lampiran__surat_id__in=surat_ids).exclude(berkas_ocr=""):
        names.append(teks.berkas_ocr.name)
    laporan = LampiranLaporan.objects.filter(laporan__disposisi__surat_id__in=surat_ids).exclude(berkas="")
    for lamp in laporan.select_related("laporan__disposisi"):
        names.append(lamp.berkas.name)
        daftar.append({"surat": lamp.laporan.disposisi.surat_id, "nama": lamp.nama_asli, "sha256": lamp.sha256})
    return names, daftar


def hapus_isi(surat_ids: list[int], *, keterangan: str) -> None:
    """The last holder released these letters: empty every content field (the caller deletes the files
    after commit) and log it on each letter's timeline."""
    if not surat_ids:
        return
    now = timezone.now()
    Surat.objects.filter(pk__in=surat_ids).update(isi="", ringkasan="", data_tambahan={}, dimusnahkan_pada=now)
    SuratVersi.objects.filter(surat_id__in=surat_ids).delete()
    Verifikator.objects.filter(surat_id__in=surat_ids).update(catatan="")
    SuratLog.objects.filter(surat_id__in=surat_ids).update(catatan="")
    Lampiran.objects.filter(surat_id__in=surat_ids).update(berkas="")
    DokumenSurat.objects.filter(surat_id__in=surat_ids).update(berkas="")
    TeksLampiran.objects.filter(lampiran__surat_id__in=surat_ids).update(
        berkas_ocr="", teks="", status=TeksLampiran.Status.DIMUSNAHKAN, pesan="Berkas sudah dimusnahkan."
    )
    Disposisi.objects.filter(surat_id__in=surat_ids).update(catatan="")
    LaporanTindakLanjut.objects.filter(disposisi__surat_id__in=surat_ids).update(isi="")
    LampiranLaporan.objects.filter(laporan__disposisi__surat_id__in=surat_ids).update(berkas="")
    # Notices quote disposition notes and reports; their title (the subject) is register data.
    Notifikasi.objects.filter(surat_id__in=surat_ids).update(pesan="")
    SuratIndeks.objects.filter(surat_id__in=surat_ids).delete()
    SuratLog.objects.bulk_create(
        [SuratLog(surat_id=pk, waktu=now, aksi=SuratLog.Aksi.DIMUSNAHKAN, catatan=keterangan) for pk in surat_ids]
    )
