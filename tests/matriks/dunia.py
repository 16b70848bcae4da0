"""The world of the access matrix: one Pemda, three OPD, one person per role, and one object of each
kind a URL can point at. Built once per test (about a second); every request then runs in a savepoint
that is rolled back, so a POST that would change something leaves the world as it was.

- OPD A (the cast's Diskominfo) drafts: konseptor (staf) -> verifikator (kabid) -> penandatangan (a
  Sekretaris, so the head of the OPD is not in the chain); its pencatat, admin OPD and the admin Pemda.
- OPD B (the cast's Dishub) receives: `penerima` (its kepala, the addressee), who disposes to
  `staf_penerima`; a `plh_berakhir` was Plh. of that kepala until yesterday.
- OPD C has nothing to do with the letters: `pegawai_lain` and its admin OPD `admin_lain`.
- A signed letter in each security class (`surat[kelas]`) with an attachment and a disposition; a draft
  (`konsep`), a draft waiting for the kabid's paraf (`paraf`), one waiting for the signature (`ttd`).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from arsip.models import BeritaAcara, Berkas, KlasifikasiArsip
from disposisi import services as disposisi_services
from disposisi.models import Disposisi, InstruksiDisposisi, LampiranLaporan
from notifikasi.models import Notifikasi
from organisasi.models import Jabatan, Pegawai, Penugasan, Peran
from surat import services
from surat.models import JenisSurat, Surat
from surat.models_dokumen import Cetakan
from tests.factories import JabatanFactory, OpdFactory, PegawaiFactory, PenugasanFactory, PeranFactory

KELAS = tuple(Surat.Keamanan.values)  # biasa, terbatas, rahasia, sangat_rahasia
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Dunia:
    orang: dict[str, Pegawai | None]
    surat: dict[str, Surat]
    disposisi: dict[str, Disposisi]
    konsep: Surat
    paraf: Surat
    ttd: Surat
    lampiran_laporan: LampiranLaporan
    cetakan: Cetakan
    notifikasi: Notifikasi
    berkas: Berkas
    berita_acara: BeritaAcara
    klasifikasi: KlasifikasiArsip
    ekstra: dict[str, Any] = field(default_factory=dict)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("lampiran.pdf", PDF, content_type="application/pdf")


def bangun(cast) -> Dunia:
    today = timezone.localdate()
    kka = KlasifikasiArsip.objects.get_or_create(kode="000.1.1", defaults={"nama": "Ketatausahaan"})[0]
    jenis = JenisSurat.objects.get_or_create(
        kode="nota-dinas", defaults={"nama": "Nota Dinas", "keluarga": "korespondensi_intern"}
    )[0]
    instruksi = InstruksiDisposisi.objects.get_or_create(nama="Untuk ditindaklanjuti")[0]

    j_sekretaris = JabatanFactory(
        nama="Sekretaris Dinas",
        unit=cast.opd,
        atasan=cast.kepala.jabatan,
        eselon=Jabatan.Eselon.III_A,
        dapat_menandatangani=True,
    )
    penandatangan = PegawaiFactory(user__username="sekretaris", nama="Sekar Sekretaris", jabatan=j_sekretaris)
    opd_c = OpdFactory(nama="Dinas Kesehatan", kode="DINKES")
    j_kepala_c = JabatanFactory(nama="Kepala Dinas Kesehatan", unit=opd_c, is_kepala_unit=True)
    pegawai_lain = PegawaiFactory(
        user__username="pegawai_lain",
        nama="Lina Lain",
        jabatan=JabatanFactory(nama="Perawat", unit=opd_c, atasan=j_kepala_c),
    )
    admin_lain = PegawaiFactory(
        user__username="admin_lain",
        nama="Adi Admin",
        jabatan=JabatanFactory(nama="Pranata Komputer Dinkes", unit=opd_c, atasan=j_kepala_c),
    )
    PeranFactory(pegawai=admin_lain, jenis=Peran.Jenis.ADMIN_OPD, opd=opd_c)
    plh = PegawaiFactory(
        user__username="plh_berakhir",
        nama="Purnomo Plh",
        jabatan=JabatanFactory(nama="Analis Dinkes", unit=opd_c, atasan=j_kepala_c),
    )
    PenugasanFactory(
        pegawai=plh,
        jabatan=cast.kepala_lain.jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=today - datetime.timedelta(days=10),
        selesai=today - datetime.timedelta(days=1),
    )

    def draf(keamanan: str = Surat.Keamanan.BIASA, **kw) -> Surat:
        surat = services.surat_create(
            actor=cast.staf,
            jabatan_konseptor=cast.staf.jabatan,
            jenis=jenis,
            hal=f"Surat {keamanan}",
            isi="<p>Isi surat.</p>",
            klasifikasi=kka,
            keamanan=keamanan,
            penandatangan=j_sekretaris,
            verifikator=[cast.kabid.jabatan],
            tujuan=[cast.kepala_lain.jabatan],
            **kw,
        )
        services.lampiran_add(actor=cast.staf, surat=surat, berkas=_pdf())
        return surat

    surat: dict[str, Surat] = {}
    disposisi: dict[str, Disposisi] = {}
    for kelas in KELAS:
        s = draf(kelas)
        services.surat_submit(actor=cast.staf, surat=s)
        services.paraf_approve(actor=cast.kabid, surat=s)
        services.sign(actor=penandatangan, surat=s)
        surat[kelas] = s
        [disposisi[kelas]] = disposisi_services.disposisi_create(
            actor=cast.kepala_lain,
            surat=s,
            dari_jabatan=cast.kepala_lain.jabatan,
            kepada=[cast.staf_lain.jabatan],
            instruksi=[instruksi],
            catatan="Tindak lanjuti.",
        )
    # A finished branch with a report file (on a second jabatan of OPD B: one open branch per pair).
    j_kasi_b = JabatanFactory(nama="Kepala Seksi Angkutan", unit=cast.opd_lain, atasan=cast.kepala_lain.jabatan)
    kasi_b = PegawaiFactory(user__username="kasi_b", nama="Kasi B", jabatan=j_kasi_b)
    [d_lapor] = disposisi_services.disposisi_create(
        actor=cast.kepala_lain,
        surat=surat["biasa"],
        dari_jabatan=cast.kepala_lain.jabatan,
        kepada=[j_kasi_b],
        instruksi=[instruksi],
    )
    laporan = disposisi_services.laporan_create(actor=kasi_b, disposisi=d_lapor, isi="Selesai.", berkas=[_pdf()])

    konsep = draf()
    paraf = draf()
    services.surat_submit(actor=cast.staf, surat=paraf)
    ttd = draf()
    services.surat_submit(actor=cast.staf, surat=ttd)
    services.paraf_approve(actor=cast.kabid, surat=ttd)

    cetakan = Cetakan.objects.create(
        jenis=Cetakan.Jenis.BUKU_AGENDA, pemohon=cast.pencatat, opd=cast.opd, dari=today, sampai=today
    )
    notifikasi = Notifikasi.objects.create(
        penerima=cast.staf, event=Notifikasi._meta.get_field("event").choices[0][0], judul="Uji", url="/"
    )
    berkas = Berkas.objects.create(opd=cast.opd, nomor=1, klasifikasi=kka, uraian="Berkas uji")
    ba = BeritaAcara(jenis=BeritaAcara.Jenis.PEMINDAHAN, berkas=berkas, tahun=today.year, nomor=1, tanggal=today)
    ba.dokumen.save("ba.pdf", ContentFile(PDF), save=False)
    ba.sha256 = hashlib.sha256(PDF).hexdigest()
    ba.save()

    orang = {
        "anon": None,
        "konseptor": cast.staf,
        "verifikator": cast.kabid,
        "penandatangan": penandatangan,
        "kepala": cast.kepala,
        "pencatat": cast.pencatat,
        "admin_opd": cast.admin_opd,
        "admin_pemda": cast.admin_pemda,
        "penerima": cast.kepala_lain,
        "staf_penerima": cast.staf_lain,
        "plh_berakhir": plh,
        "pegawai_lain": pegawai_lain,
        "admin_lain": admin_lain,
    }
    return Dunia(
        orang=orang,
        surat=surat,
        disposisi=disposisi,
        konsep=konsep,
        paraf=paraf,
        ttd=ttd,
        lampiran_laporan=LampiranLaporan.objects.get(laporan=laporan),
        cetakan=cetakan,
        notifikasi=notifikasi,
        berkas=berkas,
        berita_acara=ba,
        klasifikasi=kka,
        ekstra={"d_lapor": d_lapor},
    )
