"""Letters the browser tests start from, made through the services (outside Playwright's event loop)."""

from __future__ import annotations

from arsip.models import KlasifikasiArsip
from organisasi.models import Pegawai
from surat import services
from surat.models import JenisSurat, Surat


def nota_dinas_ditandatangani(
    *, konseptor: Pegawai, penandatangan: Pegawai, tujuan: Pegawai, hal: str, isi: str
) -> Surat:
    """A Nota Dinas drafted by `konseptor`, signed by `penandatangan` without paraf, sent to `tujuan`."""
    surat = services.surat_create(
        actor=konseptor,
        jabatan_konseptor=konseptor.jabatan,
        jenis=JenisSurat.objects.get(kode="nota-dinas"),
        hal=hal,
        klasifikasi=KlasifikasiArsip.objects.get(kode="000.1"),
        isi=isi,
        penandatangan=penandatangan.jabatan,
        tujuan=[tujuan.jabatan],
        verifikator=[],
    )
    services.surat_submit(actor=konseptor, surat=surat)
    services.sign(actor=penandatangan, surat=surat)
    return surat
