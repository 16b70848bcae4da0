"""Every change to the archives: the JRA of a code, opening and closing berkas, filing letters,
transfer to the Unit Kearsipan (pemindahan), destruction (usul musnah, approval, pemusnahan) and
permanent keeping. Services take keyword arguments with the acting pegawai first, check permission
(arsip.selectors holds the role rules), validate, write in one transaction and record an audit event.
Errors: PermissionDenied, ValidationError keyed by field (Indonesian), InvalidTransition."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone

from arsip import retensi, selectors
from arsip.models import BeritaAcara, Berkas, ItemBerkas, Jra, KlasifikasiArsip, NasibAkhir
from audit.services import record
from lib.errors import InvalidTransition
from organisasi.models import Pegawai, UnitKerja
from organisasi.permissions import is_admin_pemda
from surat.files import delete_stored
from surat.models import Penerima, Surat

B = Berkas.Status
MAKS_RETENSI = 100

ALLOWED: dict[str, set[str]] = {
    B.AKTIF: {B.INAKTIF},
    B.INAKTIF: {B.USUL_MUSNAH, B.PERMANEN},
    B.USUL_MUSNAH: {B.MUSNAH, B.INAKTIF},
}


def _tanggal(d: datetime.date | None) -> str:
    from surat import terbilang

    return terbilang.tanggal(d) if d else "-"


# ---------------------------------------------------------------- JRA


def _clean_retensi(value: Any, field: str, errors: dict[str, str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        errors[field] = "Isi dengan angka tahun, misalnya 2."
        return None
    if value < 0:
        errors[field] = "Masa retensi tidak boleh kurang dari 0 tahun."
    elif value > MAKS_RETENSI:
        errors[field] = f"Masa retensi paling lama {MAKS_RETENSI} tahun."
    return value


@transaction.atomic
def klasifikasi_set_jra(
    *,
    actor: Pegawai | None,
    klasifikasi: KlasifikasiArsip,
    retensi_aktif: int | None,
    retensi_inaktif: int | None,
    nasib_akhir: str = "",
) -> KlasifikasiArsip:
    """The Unit Kearsipan (or admin Pemda; None = system): set or clear (None/'' = inherit) the JRA of one
    code. The due dates of the berkas under this code are recomputed. Audited with the old and new values."""
    if actor is not None and not selectors.can_edit_jra(actor):
        raise PermissionDenied("Hanya Unit Kearsipan yang boleh mengubah jadwal retensi arsip.")
    errors: dict[str, str] = {}
    ra = _clean_retensi(retensi_aktif, "retensi_aktif", errors)
    ri = _clean_retensi(retensi_inaktif, "retensi_inaktif", errors)
    nasib_akhir = nasib_akhir or ""
    if nasib_akhir and nasib_akhir not in NasibAkhir.values:
        errors["nasib_akhir"] = "Pilih Musnah, Permanen atau Dinilai kembali."
    if errors:
        raise ValidationError(errors)
    obj = KlasifikasiArsip.objects.select_for_update().get(pk=klasifikasi.pk)
    lama = {"retensi_aktif": obj.retensi_aktif, "retensi_inaktif": obj.retensi_inaktif, "nasib_akhir": obj.nasib_akhir}
    baru = {"retensi_aktif": ra, "retensi_inaktif": ri, "nasib_akhir": nasib_akhir}
    if lama == baru:
        return obj
    KlasifikasiArsip.objects.filter(pk=obj.pk).update(**baru)
    for name, value in baru.items():
        setattr(obj, name, value)
        setattr(klasifikasi, name, value)
    record(actor=actor, aksi="arsip.jra_diubah", objek=obj, kode=obj.kode, lama=lama, baru=baru)
    refresh_retensi(Berkas.objects.filter(klasifikasi__kode__startswith=obj.kode))
    return obj


def _akhir_tahun(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def hitung_retensi(berkas: Berkas, jra: Jra) -> None:
    """Set the due dates and nasib akhir from the JRA. The periods count in whole years from the end of
    the year of the newest item (or the year the berkas was opened, while empty)."""
    dasar = (berkas.kurun_selesai or timezone.localdate(berkas.dibuat)).year
    berkas.nasib_akhir = jra.nasib_akhir
    if jra.retensi_aktif is None:
        berkas.aktif_sampai = berkas.inaktif_sampai = None
        return
    berkas.aktif_sampai = _akhir_tahun(dasar + jra.retensi_aktif)
    berkas.inaktif_sampai = (
        _akhir_tahun(dasar + jra.retensi_aktif + jra.retensi_inaktif) if jra.retensi_inaktif is not None else None
    )


def refresh_retensi(qs: Iterable[Berkas]) -> int:
    """Recompute the due dates of berkas still in the care of the archives (not musnah/permanen)."""
    berkas = [b for b in qs if b.status in (B.AKTIF, B.INAKTIF, B.USUL_MUSNAH)]
    if not berkas:
        return 0
    kka = {
        b.klasifikasi_id: b.klasifikasi
        for b in Berkas.objects.filter(pk__in=[b.pk for b in berkas]).select_related("klasifikasi")
    }
    jra = selectors.jra_map(list(kka.values()))
    for b in berkas:
        hitung_retensi(b, jra[b.klasifikasi_id])
    Berkas.objects.bulk_update(berkas, ["aktif_sampai", "inaktif_sampai", "nasib_akhir"], batch_size=500)
    return len(berkas)


# ---------------------------------------------------------------- berkas


def _require_kelola(actor: Pegawai, opd_id: int) -> None:
    if not selectors.can_kelola_berkas(actor, opd_id):
        raise PermissionDenied("Anda tidak berwenang mengelola arsip OPD ini.")


def _transition(*, actor: Pegawai | None, berkas: Berkas, to: str, **updates: Any) -> None:
    """The one place a berkas status moves (conditional UPDATE: two clicks cannot both win)."""
    dari = berkas.status
    if to not in ALLOWED.get(dari, ()):
        raise InvalidTransition(f"Berkas berstatus “{B(dari).label}” tidak dapat diubah menjadi “{B(to).label}”.")
    if not Berkas.objects.filter(pk=berkas.pk, status=dari).update(status=to, **updates):
        raise InvalidTransition("Berkas sudah diubah oleh pengguna lain. Muat ulang halaman.")
    berkas.status = to
    for name, value in updates.items():
        setattr(berkas, name, value)


@transaction.atomic
def berkas_create(
    *, actor: Pegawai | None, opd: UnitKerja, klasifikasi: KlasifikasiArsip | None, uraian: str
) -> Berkas:
    """The pencatat of the OPD or the Unit Kearsipan: open a new berkas (numbered per OPD)."""
    if actor is not None:
        _require_kelola(actor, opd.pk)
    errors = {}
    uraian = " ".join((uraian or "").split())
    if not uraian:
        errors["uraian"] = "Uraian berkas wajib diisi."
    if klasifikasi is None:
        errors["klasifikasi"] = "Pilih kode klasifikasi."
    elif not klasifikasi.aktif:
        errors["klasifikasi"] = "Kode klasifikasi ini sudah tidak dipakai."
    if not opd.is_opd:
        errors["opd"] = "Pilih OPD."
    if errors:
        raise ValidationError(errors)
    UnitKerja.objects.select_for_update().filter(pk=opd.pk).exists()  # serialises numbering per OPD
    nomor = (Berkas.objects.filter(opd=opd).aggregate(m=Max("nomor"))["m"] or 0) + 1
    berkas = Berkas(opd=opd, nomor=nomor, klasifikasi=klasifikasi, uraian=uraian[:500], dibuat_oleh=actor)
    hitung_retensi(berkas, klasifikasi.jra())
    berkas.save()
    record(actor=actor, aksi="arsip.berkas_dibuat", objek=berkas, opd=opd.pk, nomor=nomor, kode=klasifikasi.kode)
    return berkas


@transaction.atomic
def berkas_tutup(*, actor: Pegawai, berkas: Berkas) -> Berkas:
    """The pencatat of the OPD or the Unit Kearsipan: close an aktif berkas (no more letters go in)."""
    _require_kelola(actor, berkas.opd_id)
    if not Berkas.objects.filter(pk=berkas.pk, status=B.AKTIF, ditutup_pada__isnull=True).update(
        ditutup_pada=timezone.now()
    ):
        raise InvalidTransition("Berkas ini sudah ditutup.")
    berkas.refresh_from_db()
    record(actor=actor, aksi="arsip.berkas_ditutup", objek=berkas)
    return berkas


def _milik_opd(surat: Surat, opd_id: int) -> bool:
    return selectors.surat_opd(opd_id).filter(pk=surat.pk).exists()


def _uraian_item(surat: Surat) -> str:
    if surat.is_rahasia:
        return f"{surat.jenis.nama} ({surat.get_keamanan_display()})"
    return f"{surat.jenis.nama} tentang {surat.hal}"[:500]


def _tingkat_bawaan(surat: Surat, opd_id: int) -> str:
    """Salinan when the OPD only got a copy (tembusan); otherwise the OPD holds an original."""
    if surat.opd_id == opd_id:
        return ItemBerkas.Tingkat.ASLI
    tujuan = Penerima.objects.filter(surat=surat, opd_id=opd_id, jenis=Penerima.Jenis.TUJUAN).exists()
    return ItemBerkas.Tingkat.ASLI if tujuan else ItemBerkas.Tingkat.SALINAN


def berkas_refresh(berkas: Berkas) -> None:
    """System: recompute kurun waktu, item count and due dates from the items (after a data repair)."""
    _refresh_isi(berkas)


def _refresh_isi(berkas: Berkas) -> None:
    agg = berkas.item.aggregate(mulai=Min("tanggal"), selesai=Max("tanggal"), jumlah=Max("nomor"))
    berkas.kurun_mulai, berkas.kurun_selesai = agg["mulai"], agg["selesai"]
    berkas.jumlah_item = berkas.item.count()
    hitung_retensi(berkas, berkas.klasifikasi.jra())
    berkas.save(
        update_fields=["kurun_mulai", "kurun_selesai", "jumlah_item", "aktif_sampai", "inaktif_sampai", "nasib_akhir"]
    )


@transaction.atomic
def berkas_file(
    *,
    actor: Pegawai | None,
    berkas: Berkas,
    surat: Surat,
    uraian: str = "",
    tingkat_perkembangan: str = "",
    keterangan: str = "",
) -> ItemBerkas:
    """The pencatat of the OPD or the Unit Kearsipan: file a signed or registered letter of the OPD into
    one of its open berkas. The letter's code must be the berkas's code or below it."""
    berkas = Berkas.objects.select_for_update().select_related("klasifikasi").get(pk=berkas.pk)
    if actor is not None:
        _require_kelola(actor, berkas.opd_id)
    if not berkas.terbuka:
        raise InvalidTransition("Berkas ini sudah ditutup atau dipindahkan; pilih berkas lain yang masih terbuka.")
    if not surat.is_final or not _milik_opd(surat, berkas.opd_id):
        raise ValidationError({"surat": "Surat ini belum selesai atau bukan surat OPD ini."})
    if surat.klasifikasi_id and not (
        surat.klasifikasi.kode == berkas.klasifikasi.kode
        or surat.klasifikasi.kode.startswith(berkas.klasifikasi.kode + ".")
    ):
        raise ValidationError(
            {
                "berkas": f"Kode klasifikasi surat ({surat.klasifikasi.kode}) tidak sesuai dengan berkas "
                f"({berkas.klasifikasi.kode})."
            }
        )
    lain = ItemBerkas.objects.filter(opd_id=berkas.opd_id, surat=surat).select_related("berkas").first()
    if lain is not None:
        raise ValidationError({"surat": f"Surat ini sudah diberkaskan di berkas nomor {lain.berkas.nomor}."})
    tingkat = tingkat_perkembangan or _tingkat_bawaan(surat, berkas.opd_id)
    if tingkat not in ItemBerkas.Tingkat.values:
        raise ValidationError({"tingkat_perkembangan": "Pilih asli atau salinan."})
    nomor = (berkas.item.aggregate(m=Max("nomor"))["m"] or 0) + 1
    item = ItemBerkas.objects.create(
        berkas=berkas,
        opd_id=berkas.opd_id,
        surat=surat,
        nomor=nomor,
        uraian=(" ".join((uraian or "").split()) or _uraian_item(surat))[:500],
        tanggal=surat.tanggal or timezone.localdate(surat.dibuat),
        tingkat_perkembangan=tingkat,
        keterangan=(keterangan or "").strip()[:255],
        dibuat_oleh=actor,
    )
    _refresh_isi(berkas)
    record(actor=actor, aksi="arsip.surat_diberkaskan", objek=berkas, surat=surat.pk, item=nomor)
    return item


def _uraian_berkas_baru(klasifikasi: KlasifikasiArsip, tahun: int) -> str:
    return f"{klasifikasi.nama} tahun {tahun}"


@transaction.atomic
def berkas_file_usulan(*, actor: Pegawai | None, opd: UnitKerja, surat_ids: Iterable[int] | None = None) -> int:
    """The pencatat of the OPD or the Unit Kearsipan: file the proposed letters (all, or those listed)
    into their matching open berkas, opening one per code where none is open. Returns how many."""
    if actor is not None:
        _require_kelola(actor, opd.pk)
    pilih = set(surat_ids) if surat_ids is not None else None
    count = 0
    baru: dict[int, Berkas] = {}
    for row in selectors.usulan_opd(opd.pk, limit=10_000):
        surat = row["surat"]
        if pilih is not None and surat.pk not in pilih:
            continue
        berkas = row["berkas"] or baru.get(surat.klasifikasi_id)
        if berkas is None:
            tahun = (surat.tanggal or timezone.localdate()).year
            berkas = berkas_create(
                actor=actor,
                opd=opd,
                klasifikasi=surat.klasifikasi,
                uraian=_uraian_berkas_baru(surat.klasifikasi, tahun),
            )
            baru[surat.klasifikasi_id] = berkas
        berkas_file(actor=actor, berkas=berkas, surat=surat)
        count += 1
    return count


# ---------------------------------------------------------------- transfer, destruction, permanent


def _require_unit_kearsipan(actor: Pegawai) -> None:
    if not selectors.is_unit_kearsipan(actor):
        raise PermissionDenied("Hanya Unit Kearsipan yang boleh melakukannya.")


def _berita_acara(
    *, jenis: str, berkas: Berkas, pihak_pertama: Pegawai | None, pihak_kedua: Pegawai | None, ringkasan: dict
) -> BeritaAcara:
    from arsip import pdf

    today = timezone.localdate()
    nomor = (BeritaAcara.objects.filter(jenis=jenis, tahun=today.year).aggregate(m=Max("nomor"))["m"] or 0) + 1
    ba = BeritaAcara(
        jenis=jenis,
        berkas=berkas,
        tahun=today.year,
        nomor=nomor,
        tanggal=today,
        pihak_pertama=pihak_pertama,
        pihak_kedua=pihak_kedua,
        ringkasan=ringkasan,
    )
    try:
        with transaction.atomic():
            ba.save()
    except IntegrityError as exc:
        raise InvalidTransition("Nomor berita acara bentrok dengan proses lain. Silakan coba lagi.") from exc
    pdf.store_berita_acara(ba)
    return ba


def _pejabat_opd(opd_id: int) -> Pegawai | None:
    """The head of the OPD (definitive holder), who hands the files over in a transfer."""
    return Pegawai.objects.filter(jabatan__unit_id=opd_id, jabatan__is_kepala_unit=True).order_by("pk").first()


@transaction.atomic
def berkas_pindahkan(*, actor: Pegawai, berkas: Berkas, catatan: str = "") -> BeritaAcara:
    """The Unit Kearsipan: receive an aktif berkas whose active period has ended (pemindahan): it becomes
    inaktif and closed, and a berita acara PDF is made. Audited."""
    _require_unit_kearsipan(actor)
    berkas = Berkas.objects.select_for_update().select_related("klasifikasi", "opd").get(pk=berkas.pk)
    today = timezone.localdate()
    if berkas.status == B.AKTIF and (berkas.aktif_sampai is None or berkas.aktif_sampai >= today):
        if berkas.aktif_sampai is None:
            raise InvalidTransition("Jadwal retensi kode klasifikasi berkas ini belum diatur.")
        raise InvalidTransition(f"Masa aktif berkas ini baru berakhir pada {_tanggal(berkas.aktif_sampai)}.")
    now = timezone.now()
    _transition(
        actor=actor,
        berkas=berkas,
        to=B.INAKTIF,
        dipindahkan_pada=now,
        diterima_oleh=actor,
        ditutup_pada=berkas.ditutup_pada or now,
        catatan=(catatan or "").strip(),
    )
    ba = _berita_acara(
        jenis=BeritaAcara.Jenis.PEMINDAHAN,
        berkas=berkas,
        pihak_pertama=_pejabat_opd(berkas.opd_id),
        pihak_kedua=actor,
        ringkasan={"jumlah_item": berkas.jumlah_item, "catatan": berkas.catatan},
    )
    record(actor=actor, aksi="arsip.berkas_dipindahkan", objek=berkas, berita_acara=ba.pk, opd=berkas.opd_id)
    return ba


def _nasib(berkas: Berkas) -> str:
    return berkas.klasifikasi.jra().nasib_akhir or berkas.nasib_akhir


def _require_akhir_inaktif(berkas: Berkas) -> None:
    if berkas.inaktif_sampai is None:
        raise InvalidTransition("Jadwal retensi kode klasifikasi berkas ini belum diatur.")
    if berkas.inaktif_sampai >= timezone.localdate():
        raise InvalidTransition(f"Masa inaktif berkas ini baru berakhir pada {_tanggal(berkas.inaktif_sampai)}.")


PERMANEN_DITOLAK = "Berkas permanen tidak boleh dimusnahkan."


@transaction.atomic
def berkas_usul_musnah(*, actor: Pegawai, berkas: Berkas, catatan: str = "") -> Berkas:
    """The Unit Kearsipan: propose an inaktif berkas whose inactive period has ended for destruction
    (nasib akhir Musnah or Dinilai kembali). The admin Pemda decides."""
    _require_unit_kearsipan(actor)
    berkas = Berkas.objects.select_for_update().select_related("klasifikasi").get(pk=berkas.pk)
    if berkas.status == B.PERMANEN or _nasib(berkas) == NasibAkhir.PERMANEN:
        raise InvalidTransition(PERMANEN_DITOLAK)
    if berkas.status == B.INAKTIF:
        _require_akhir_inaktif(berkas)
    _transition(
        actor=actor,
        berkas=berkas,
        to=B.USUL_MUSNAH,
        diusulkan_musnah_oleh=actor,
        diusulkan_musnah_pada=timezone.now(),
        catatan=(catatan or "").strip(),
    )
    record(actor=actor, aksi="arsip.berkas_diusulkan_musnah", objek=berkas, catatan=berkas.catatan)
    return berkas


@transaction.atomic
def berkas_tolak_musnah(*, actor: Pegawai, berkas: Berkas, catatan: str) -> Berkas:
    """The admin Pemda: reject a destruction proposal (back to inaktif), with a reason."""
    if not is_admin_pemda(actor):
        raise PermissionDenied("Hanya Admin Pemda yang boleh memutuskan usul musnah.")
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": "Tuliskan alasan penolakan."})
    berkas = Berkas.objects.select_for_update().get(pk=berkas.pk)
    _transition(
        actor=actor, berkas=berkas, to=B.INAKTIF, keputusan_oleh=actor, keputusan_pada=timezone.now(), catatan=catatan
    )
    record(actor=actor, aksi="arsip.usul_musnah_ditolak", objek=berkas, catatan=catatan)
    return berkas


@transaction.atomic
def berkas_setujui_musnah(*, actor: Pegawai, berkas: Berkas) -> BeritaAcara:
    """The admin Pemda (not the proposer): approve a destruction proposal. The OPD's copy of each letter
    is destroyed (arsip.retensi): a letter another OPD still holds only leaves this OPD (its access
    goes); a letter nobody else holds loses its content and files (deleted after commit), keeping the
    register line and the hashes. A berita acara PDF is made; a permanent berkas is refused. Audited
    with the files' SHA-256 and the letters kept by other OPD."""
    if not is_admin_pemda(actor):
        raise PermissionDenied("Hanya Admin Pemda yang boleh menyetujui pemusnahan arsip.")
    berkas = Berkas.objects.select_for_update().select_related("klasifikasi", "opd").get(pk=berkas.pk)
    if berkas.status == B.PERMANEN or _nasib(berkas) == NasibAkhir.PERMANEN:
        raise InvalidTransition(PERMANEN_DITOLAK)
    if berkas.status != B.USUL_MUSNAH:
        raise InvalidTransition("Berkas ini belum diusulkan musnah oleh Unit Kearsipan.")
    if berkas.diusulkan_musnah_oleh_id == actor.pk:
        raise PermissionDenied("Usul musnah harus disetujui oleh orang lain, bukan pengusulnya.")
    surat_ids = list(berkas.item.values_list("surat_id", flat=True))
    _transition(actor=actor, berkas=berkas, to=B.MUSNAH, keputusan_oleh=actor, keputusan_pada=timezone.now())
    # Each holding OPD keeps its own copy (arsip.retensi): the content goes with the last one only.
    dipegang = retensi.masih_dipegang(surat_ids)
    ditahan = sorted(pk for pk in surat_ids if dipegang[pk])
    dihapus = [pk for pk in surat_ids if not dipegang[pk]]
    names, daftar = retensi.berkas_fisik(dihapus)
    akses_dicabut = retensi.cabut_akses(ditahan, berkas.opd_id)
    ba = _berita_acara(
        jenis=BeritaAcara.Jenis.PEMUSNAHAN,
        berkas=berkas,
        pihak_pertama=berkas.diusulkan_musnah_oleh,
        pihak_kedua=actor,
        ringkasan={"jumlah_item": berkas.jumlah_item, "berkas_dihapus": len(names), "surat_ditahan": ditahan},
    )
    retensi.hapus_isi(dihapus, keterangan=f"Berita acara pemusnahan nomor {ba.nomor}/{ba.tahun}")
    record(
        actor=actor,
        aksi="arsip.berkas_dimusnahkan",
        objek=berkas,
        berita_acara=ba.pk,
        pengusul=berkas.diusulkan_musnah_oleh_id,
        berkas=daftar,
        surat_dimusnahkan=dihapus,
        surat_ditahan={pk: sorted(dipegang[pk]) for pk in ditahan},
        akses_dicabut=akses_dicabut,
    )
    transaction.on_commit(partial(delete_stored, names))
    return ba


@transaction.atomic
def berkas_permanenkan(*, actor: Pegawai, berkas: Berkas, catatan: str = "") -> Berkas:
    """The Unit Kearsipan: keep an inaktif berkas permanently when its inactive period has ended (nasib
    akhir Permanen or Dinilai kembali). A permanent berkas can never be destroyed."""
    _require_unit_kearsipan(actor)
    berkas = Berkas.objects.select_for_update().select_related("klasifikasi").get(pk=berkas.pk)
    if berkas.status == B.INAKTIF:
        _require_akhir_inaktif(berkas)
        if _nasib(berkas) == NasibAkhir.MUSNAH:
            raise InvalidTransition("Nasib akhir kode klasifikasi berkas ini adalah Musnah.")
    _transition(
        actor=actor, berkas=berkas, to=B.PERMANEN, keputusan_oleh=actor, keputusan_pada=timezone.now(), catatan=catatan
    )
    record(actor=actor, aksi="arsip.berkas_dipermanenkan", objek=berkas)
    return berkas
