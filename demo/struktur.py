"""Seeding the demo city's structure: the Pemda, the Wali Kota and the Setda, every OPD and kecamatan of
demo.kota with its jabatan and their holders, one Plt (a vacant Kepala Disdag) and one Plh (the Kepala
Dishub away), and the roles (admin Pemda, admin OPD, a pencatat in every OPD, the Unit Kearsipan).
Each step takes the Seeder of the run."""

from __future__ import annotations

import datetime

from audit.services import record
from demo.akun import AKUN_JABATAN
from demo.kota import ASISTEN, BAGIAN, BALAI_KOTA, KECAMATAN, OPD, TELEPON_BALAI_KOTA, Bagian, J, Kecamatan, Opd
from demo.orang import E
from demo.seeder import Seeder
from organisasi import services
from organisasi.models import Jabatan, Pemda, Penugasan, Peran, UnitKerja


def step_pemda(s: Seeder) -> None:
    """Pemerintah Kota Surakarta itself (the kop of the Wali Kota's letters)."""
    pemda = Pemda.current()
    if pemda is None:
        pemda = Pemda.objects.create(
            nama_daerah="Surakarta",
            tingkat=Pemda.Tingkat.KOTA,
            alamat="Jl. Jenderal Sudirman No. 2 Surakarta",
            kode_pos="57111",
            telepon=TELEPON_BALAI_KOTA,
            faksimile="(0271) 630400",
            email="pemkot@surakarta.go.id",
            website="surakarta.go.id",
        )
        record(actor=None, aksi="pemda.buat", objek=pemda, nama=pemda.nama)
        s.dibuat["pemda"] += 1
    s.pemda = pemda


def _kop(alamat: str, telepon: str, email: str, website: str, kode_pos: str = "57111") -> dict[str, str]:
    return {"alamat": alamat, "kode_pos": kode_pos, "telepon": telepon, "email": email, "website": website}


def step_pimpinan_dan_setda(s: Seeder) -> None:
    """Wali Kota, Wakil, Sekda, the three Asisten and the seven Bagian of the Setda."""
    pemkot = s.unit(
        "PEMKOT",
        nama="Pimpinan Daerah Kota Surakarta",
        jenis=J.PEMDA,
        induk=None,
        is_opd=True,
        kode="PEMKOT",
        singkatan="Pemkot",
        **_kop(BALAI_KOTA, TELEPON_BALAI_KOTA, "pemkot@surakarta.go.id", "surakarta.go.id"),
    )
    walikota = s.jab(
        "PEMKOT.kepala",
        nama="Wali Kota Surakarta",
        unit=pemkot,
        eselon=E.KEPALA_DAERAH,
        atasan=None,
        kepala=True,
        ttd=True,
    )
    s.orang(
        "PEMKOT.kepala",
        nip=None,
        pangkat="",
        gelar_depan="Ir.",
        nama="Gunawan Wicaksono",
        gelar_belakang="M.M.",
        email="walikota@surakarta.go.id",
    )
    s.jab(
        "PEMKOT.wakil", nama="Wakil Wali Kota Surakarta", unit=pemkot, eselon=E.KEPALA_DAERAH, atasan=walikota, ttd=True
    )
    s.orang(
        "PEMKOT.wakil",
        perempuan=True,
        nip=None,
        pangkat="",
        gelar_depan="",
        nama="Ratna Kusumawardani",
        gelar_belakang="S.E., M.Si.",
        email="wakilwalikota@surakarta.go.id",
    )
    setda = s.unit(
        "SETDA",
        nama="Sekretariat Daerah",
        jenis=J.SETDA,
        induk=pemkot,
        is_opd=True,
        kode="SETDA",
        singkatan="Setda",
        **_kop(BALAI_KOTA, TELEPON_BALAI_KOTA, "setda@surakarta.go.id", "surakarta.go.id"),
    )
    sekda = s.jab_orang(
        "SETDA.kepala", nama="Sekretaris Daerah", unit=setda, eselon=E.II_A, atasan=walikota, kepala=True, ttd=True
    )
    for key, nama in ASISTEN.items():
        s.jab_orang(f"SETDA.{key}", nama=nama, unit=setda, eselon=E.II_B, atasan=sekda, ttd=True)
    for bagian in BAGIAN:
        _build_bagian(s, bagian, setda)
    # Bagian Umum keeps the mail of the Wali Kota and of the Sekda.
    s.pencatat["PEMKOT"] = "UM.jp"
    s.jab_orang(
        "UM.naskah",
        nama="Pengelola Naskah Dinas",
        unit=s.units["UM.subbag0"],
        eselon=E.PELAKSANA,
        atasan=s.jabatan["UM.subbag0"],
    )
    s.pencatat["SETDA"] = "UM.naskah"


def _build_bagian(s: Seeder, bagian: Bagian, setda: UnitKerja) -> None:
    k = bagian.kode
    unit = s.unit(
        k,
        nama=bagian.nama,
        jenis=J.BAGIAN,
        induk=setda,
        is_opd=True,
        kode=k,
        **_kop(BALAI_KOTA, TELEPON_BALAI_KOTA, f"{bagian.email}@surakarta.go.id", "surakarta.go.id"),
    )
    kabag = s.jab_orang(
        f"{k}.kepala",
        nama=f"Kepala {bagian.nama}",
        unit=unit,
        eselon=E.III_A,
        atasan=s.jabatan[f"SETDA.{bagian.asisten}"],
        kepala=True,
        ttd=True,
    )
    for i, nama in enumerate(bagian.subbagian):
        sub = s.unit(f"{k}.subbag{i}", nama=nama, jenis=J.SUBBAGIAN, induk=unit)
        s.jab_orang(f"{k}.subbag{i}", nama=f"Kepala {nama}", unit=sub, eselon=E.IV_A, atasan=kabag, kepala=True)
    s.jab_orang(
        f"{k}.pencatat",
        nama="Pengadministrasi Umum",
        unit=s.units[f"{k}.subbag0"],
        eselon=E.PELAKSANA,
        atasan=s.jabatan[f"{k}.subbag0"],
    )
    s.pencatat[k] = f"{k}.pencatat"
    s.jab_orang(f"{k}.jf", nama=bagian.fungsional, unit=unit, eselon=E.FUNGSIONAL, atasan=kabag)
    s.jab_orang(
        f"{k}.jp",
        nama=bagian.pelaksana,
        unit=s.units[f"{k}.subbag0"],
        eselon=E.PELAKSANA,
        atasan=s.jabatan[f"{k}.subbag0"],
    )


def _sekretariat(
    s: Seeder, k: str, *, induk: UnitKerja, nama: str, sekretaris: str, eselon: str, atasan: Jabatan, ilmu: str = "umum"
) -> tuple[UnitKerja, Jabatan, UnitKerja, Jabatan]:
    """The sekretariat of OPD `k` with its sekretaris, and its Subbagian Umum dan Kepegawaian with the
    head and the pencatat who registers the OPD's mail."""
    sekretariat = s.unit(f"{k}.sekretariat", nama=nama, jenis=J.SEKRETARIAT, induk=induk)
    jabatan = s.jab_orang(
        f"{k}.sekretaris",
        nama=sekretaris,
        unit=sekretariat,
        eselon=eselon,
        atasan=atasan,
        kepala=True,
        ttd=True,
        ilmu=ilmu,
    )
    umum = s.unit(f"{k}.umum", nama="Subbagian Umum dan Kepegawaian", jenis=J.SUBBAGIAN, induk=sekretariat)
    kasubbag = s.jab_orang(
        f"{k}.kasubbag_umum",
        nama="Kepala Subbagian Umum dan Kepegawaian",
        unit=umum,
        eselon=E.IV_A,
        atasan=jabatan,
        kepala=True,
    )
    s.jab_orang(f"{k}.pencatat", nama="Pengadministrasi Umum", unit=umum, eselon=E.PELAKSANA, atasan=kasubbag)
    s.pencatat[k] = f"{k}.pencatat"
    return sekretariat, jabatan, umum, kasubbag


def step_opd(s: Seeder) -> None:
    """Dinas, badan, Inspektorat and Satpol PP: kepala, sekretariat with two subbagian, bidang, seksi."""
    for opd in OPD:
        _build_opd(s, opd)


def _build_opd(s: Seeder, spec: Opd) -> None:
    k, ilmu = spec.kode, spec.ilmu
    opd = s.unit(
        k,
        nama=spec.nama,
        jenis=spec.jenis,
        induk=s.units["PEMKOT"],
        is_opd=True,
        kode=k,
        singkatan=spec.singkatan,
        **_kop(spec.alamat, spec.telepon, f"{k.lower()}@surakarta.go.id", spec.website),
    )
    kepala = s.jab(
        f"{k}.kepala",
        nama=spec.kepala or f"Kepala {spec.nama}",
        unit=opd,
        eselon=E.II_B,
        atasan=s.jabatan["SETDA.kepala"],
        kepala=True,
        ttd=True,
    )
    if not spec.kepala_kosong:
        s.orang(f"{k}.kepala", ilmu=ilmu)
    sekretariat, sekretaris, umum, kasubbag_umum = _sekretariat(
        s,
        k,
        induk=opd,
        nama="Sekretariat",
        sekretaris=f"Sekretaris {spec.nama}",
        eselon=E.III_A,
        atasan=kepala,
        ilmu=ilmu,
    )
    s.jab_orang(
        f"{k}.kepegawaian",
        nama="Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        unit=umum,
        eselon=E.FUNGSIONAL,
        atasan=kasubbag_umum,
    )
    keuangan = s.unit(f"{k}.keuangan", nama="Subbagian Keuangan", jenis=J.SUBBAGIAN, induk=sekretariat)
    kasubbag_keuangan = s.jab_orang(
        f"{k}.kasubbag_keuangan",
        nama="Kepala Subbagian Keuangan",
        unit=keuangan,
        eselon=E.IV_A,
        atasan=sekretaris,
        kepala=True,
        ilmu="ekonomi",
    )
    s.jab_orang(
        f"{k}.bendahara", nama="Bendahara Pengeluaran", unit=keuangan, eselon=E.PELAKSANA, atasan=kasubbag_keuangan
    )
    for i, bidang in enumerate(spec.bidang):
        b = f"{k}.bidang{i}"
        unit = s.unit(b, nama=bidang.nama, jenis=J.BIDANG, induk=opd)
        kabid = s.jab_orang(
            f"{b}.kepala",
            nama=bidang.kepala or f"Kepala {bidang.nama}",
            unit=unit,
            eselon=E.III_B,
            atasan=kepala,
            kepala=True,
            ttd=True,
            ilmu=ilmu,
        )
        unit_jf, atasan_jf = unit, kabid
        if bidang.seksi:
            unit_jf = s.unit(f"{b}.seksi", nama=bidang.seksi, jenis=J.SEKSI, induk=unit)
            atasan_jf = s.jab_orang(
                f"{b}.kasi",
                nama=f"Kepala {bidang.seksi}",
                unit=unit_jf,
                eselon=E.IV_A,
                atasan=kabid,
                kepala=True,
                ilmu=ilmu,
            )
        s.jab_orang(f"{b}.jf", nama=bidang.fungsional, unit=unit_jf, eselon=E.FUNGSIONAL, atasan=atasan_jf, ilmu=ilmu)
        s.jab_orang(f"{b}.jp", nama=bidang.pelaksana, unit=unit, eselon=E.PELAKSANA, atasan=kabid)


def step_kecamatan(s: Seeder) -> None:
    """Camat -> Sekretaris Kecamatan -> Kasi, with two kelurahan each led by a Lurah."""
    for spec in KECAMATAN:
        _build_kecamatan(s, spec)


def _build_kecamatan(s: Seeder, spec: Kecamatan) -> None:
    k, slug = spec.kode, spec.nama.lower()
    kec = s.unit(
        k,
        nama=f"Kecamatan {spec.nama}",
        jenis=J.KECAMATAN,
        induk=s.units["PEMKOT"],
        is_opd=True,
        kode=k,
        singkatan=f"Kec. {spec.nama}",
        **_kop(spec.alamat, spec.telepon, f"kec.{slug}@surakarta.go.id", f"kec{slug}.surakarta.go.id"),
    )
    camat = s.jab_orang(
        f"{k}.kepala",
        nama=f"Camat {spec.nama}",
        unit=kec,
        eselon=E.III_A,
        atasan=s.jabatan["SETDA.kepala"],
        kepala=True,
        ttd=True,
    )
    _, sekcam, _, _ = _sekretariat(
        s,
        k,
        induk=kec,
        nama="Sekretariat Kecamatan",
        sekretaris=f"Sekretaris Kecamatan {spec.nama}",
        eselon=E.III_B,
        atasan=camat,
    )
    for i, (seksi, staf) in enumerate(
        (
            ("Seksi Pemerintahan", "Pengadministrasi Pemerintahan"),
            ("Seksi Ketenteraman dan Ketertiban Umum", "Pengelola Ketenteraman dan Ketertiban"),
        )
    ):
        unit = s.unit(f"{k}.seksi{i}", nama=seksi, jenis=J.SEKSI, induk=kec)
        kasi = s.jab_orang(
            f"{k}.seksi{i}", nama=f"Kepala {seksi}", unit=unit, eselon=E.IV_A, atasan=sekcam, kepala=True
        )
        s.jab_orang(f"{k}.seksi{i}.jp", nama=staf, unit=unit, eselon=E.PELAKSANA, atasan=kasi)
    for i, kelurahan in enumerate(spec.kelurahan):
        kel = s.unit(f"{k}.kel{i}", nama=f"Kelurahan {kelurahan}", jenis=J.KELURAHAN, induk=kec)
        lurah = s.jab_orang(
            f"{k}.kel{i}", nama=f"Lurah {kelurahan}", unit=kel, eselon=E.IV_A, atasan=camat, kepala=True, ttd=True
        )
        seklur = s.jab_orang(
            f"{k}.kel{i}.sekretaris", nama=f"Sekretaris Kelurahan {kelurahan}", unit=kel, eselon=E.IV_B, atasan=lurah
        )
        s.jab_orang(f"{k}.kel{i}.jp", nama="Pengadministrasi Kelurahan", unit=kel, eselon=E.PELAKSANA, atasan=seklur)


def step_plt_plh(s: Seeder) -> None:
    """The Kepala Disdag post is vacant (its Sekretaris is Plt); the Kepala Dishub is away (Plh)."""
    tahun = s.today.year
    s.penugasan(
        jenis=Penugasan.Jenis.PLT,
        jabatan="DISDAG.kepala",
        pegawai="DISDAG.sekretaris",
        mulai=services.add_months(s.today, -3),
        selesai=services.add_months(s.today, 3),
        nomor_sk=f"800.1.3.3/112/BKPSDM/{tahun}",
    )
    s.penugasan(
        jenis=Penugasan.Jenis.PLH,
        jabatan="DISHUB.kepala",
        pegawai="DISHUB.sekretaris",
        mulai=s.today - datetime.timedelta(days=7),
        selesai=s.today + datetime.timedelta(days=7),
        nomor_sk=f"800.1.3.3/118/BKPSDM/{tahun}",
    )


def step_peran(s: Seeder) -> None:
    """Admin Pemda (also Admin TTE: approves signing certificates), admin OPD of Diskominfo SP, a
    pencatat in every OPD and the Unit Kearsipan."""
    s.peran(key=AKUN_JABATAN["adminpemda"], jenis=Peran.Jenis.ADMIN_PEMDA)
    s.peran(key=AKUN_JABATAN["adminpemda"], jenis=Peran.Jenis.ADMIN_TTE)
    s.peran(key=AKUN_JABATAN["kominfo.admin"], jenis=Peran.Jenis.ADMIN_OPD, opd="DISKOMINFOSP")
    for kode, key in s.pencatat.items():
        s.peran(key=key, jenis=Peran.Jenis.PENCATAT, opd=kode)
    s.peran(key=AKUN_JABATAN["arsip.unit"], jenis=Peran.Jenis.ARSIPARIS, opd="DISARPUS")
