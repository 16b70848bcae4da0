"""Paper letters from outside: the pencatat registers one (TERCATAT), it gets an agenda number and lands
in the addressee's Surat Masuk."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from arsip.models import KlasifikasiArsip  # layer: the KKA code table (arsip) is reference data under the letters
from organisasi import acting
from organisasi.models import Jabatan, Pegawai, UnitKerja
from rekap import fakta  # layer: the Rekap's summary rows change in the same transaction as the letters
from surat import signals
from surat.models import AksesSurat, JenisSurat, Penerima, Surat
from surat.services.base import A, S, _announce, _audit, _grant, _log
from surat.services.delivery import _agenda
from surat.services.lampiran import _lampiran_create
from surat.services.validation import _validate_basic


@transaction.atomic
def register_paper_letter(
    *,
    actor: Pegawai,
    opd: UnitKerja,
    jenis: JenisSurat | None,
    asal_instansi: str,
    nomor_asal: str,
    tanggal_asal: datetime.date | None,
    tanggal_terima: datetime.date,
    hal: str,
    tujuan: Jabatan,
    keamanan: str = Surat.Keamanan.BIASA,
    urgensi: str = Surat.Urgensi.BIASA,
    ringkasan: str = "",
    klasifikasi: KlasifikasiArsip | None = None,
    tembusan: Sequence[Jabatan] = (),
    scans: Sequence[UploadedFile] = (),
    token: str = "",
) -> Surat:
    """The pencatat of `opd`: register a paper letter from outside (TERCATAT), give it an agenda number
    and put it in the addressee's Surat Masuk. A repeated `token` (the form's, submitted twice) returns
    the letter the first submit registered: one paper letter, one agenda number."""
    if opd.pk not in acting.fresh(actor).pencatat_opd_ids:
        raise PermissionDenied("Anda bukan pencatat surat OPD ini.")
    if token:
        sudah = Surat.objects.filter(token_kirim=token, opd=opd).first()
        if sudah is not None:
            return sudah
    jenis = jenis or JenisSurat.objects.filter(kode="surat-dinas").first() or JenisSurat.objects.first()
    today = timezone.localdate()
    errors: dict[str, str] = {}
    asal_instansi, hal = (asal_instansi or "").strip(), (hal or "").strip()
    if not asal_instansi:
        errors["asal_instansi"] = "Asal surat wajib diisi."
    if not hal:
        errors["hal"] = "Hal wajib diisi."
    if tanggal_terima is None:
        errors["tanggal_terima"] = "Tanggal terima wajib diisi."
    elif tanggal_terima > today:
        errors["tanggal_terima"] = "Tanggal terima tidak boleh di masa depan."
    if tanggal_asal and tanggal_terima and tanggal_asal > tanggal_terima:
        errors["tanggal_asal"] = "Tanggal surat tidak boleh setelah tanggal terima."
    for item, key in [(tujuan, "tujuan"), *((t, "tembusan") for t in tembusan)]:
        unit_opd = Jabatan.objects.filter(pk=item.pk, aktif=True).values_list("unit__opd_id", flat=True).first()
        if unit_opd != opd.pk:
            errors[key] = "Pilih jabatan di OPD ini."
    if errors:
        raise ValidationError(errors)
    _validate_basic({"keamanan": keamanan, "urgensi": urgensi, "hal": hal, "klasifikasi": klasifikasi})
    try:
        # A savepoint: a concurrent submit with the same token waits on the unique index, then lands here.
        with transaction.atomic():
            surat = Surat.objects.create(
                jenis=jenis,
                sumber=Surat.Sumber.MASUK_LUAR,
                status=S.TERCATAT,
                opd=opd,
                klasifikasi=klasifikasi,
                keamanan=keamanan,
                urgensi=urgensi,
                hal=hal,
                asal_instansi=asal_instansi,
                nomor_asal=(nomor_asal or "").strip(),
                tanggal_asal=tanggal_asal,
                tanggal_terima=tanggal_terima,
                tanggal=tanggal_terima,
                ringkasan=(ringkasan or "").strip(),
                token_kirim=token or None,
            )
    except IntegrityError:
        sudah = Surat.objects.filter(token_kirim=token, opd=opd).first() if token else None
        if sudah is None:
            raise
        return sudah
    now = timezone.now()
    rows = [
        Penerima(
            surat=surat,
            jenis=Penerima.Jenis.TUJUAN,
            urutan=1,
            jabatan=tujuan,
            opd=opd,
            nama_tampil=tujuan.nama,
            diterima_pada=now,
        )
    ]
    rows += [
        Penerima(
            surat=surat,
            jenis=Penerima.Jenis.TEMBUSAN,
            urutan=i,
            jabatan=t,
            opd=opd,
            nama_tampil=t.nama,
            diterima_pada=now,
        )
        for i, t in enumerate(tembusan, start=1)
        if t.pk != tujuan.pk
    ]
    Penerima.objects.bulk_create(rows)
    fakta.baru(surat.pk)
    tujuan_row = surat.penerima.get(jenis=Penerima.Jenis.TUJUAN)
    _grant(surat, AksesSurat.Peran.TUJUAN, jabatan_ids=[tujuan.pk])
    _grant(surat, AksesSurat.Peran.TEMBUSAN, jabatan_ids=[t.pk for t in tembusan if t.pk != tujuan.pk])
    _grant(surat, AksesSurat.Peran.PENCATAT, opd_ids=[opd.pk])
    agenda = _agenda(surat, opd_id=opd.pk, tahun=today.year, penerima=tujuan_row, tanggal=tanggal_terima, actor=actor)
    _log(surat, actor, A.DICATAT, ke=S.TERCATAT, catatan=f"Nomor agenda {agenda.nomor}/{agenda.tahun}")
    _log(surat, actor, A.DITERIMA, jabatan=tujuan.pk, penerima=tujuan_row)
    for scan in scans:
        _lampiran_create(actor, surat, scan)
    _audit(actor, "dicatat", surat, agenda=agenda.nomor, asal=asal_instansi, nomor_asal=surat.nomor_asal)
    _announce(signals.surat_dicatat, surat)
    _announce(signals.surat_diterima, surat)
    return surat
