import io

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from organisasi.csv_import import impor_pegawai
from organisasi.models import Pegawai
from tests.factories import JabatanFactory

HEADER = "nip;nik;gelar_depan;nama;gelar_belakang;pangkat;email;telepon;jabatan;username;password"


@pytest.fixture
def kosong(cast):
    """Two vacant posts in Diskominfo SP, ready to be filled by an import."""
    analis = JabatanFactory(nama="Analis Kebijakan Ahli Pertama", unit=cast.bidang, atasan=cast.kabid.jabatan)
    sandiman = JabatanFactory(nama="Sandiman Ahli Pertama", unit=cast.bidang, atasan=cast.kabid.jabatan)
    return analis, sandiman


def run(tmp_path, text, *args, encoding="utf-8"):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(text.encode(encoding))
    out = io.StringIO()
    try:
        call_command("impor_pegawai", str(path), *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


def test_import_creates_every_row_with_login_and_audit(cast, kosong, tmp_path):
    analis, sandiman = kosong
    text = (
        "\ufeff" + HEADER + "\n"
        f"19900101 201501 1 001;3372011010900001;;Bagus Prakoso;S.Kom.;III/a;bagus@surakarta.go.id;0812;{analis.pk};"
        ";Surakarta2026\n"
        "199202022019032002;;Dr.;Wulan Sari;M.T.;Penata Muda Tingkat I (III/b);;;"
        "diskominfosp|Sandiman Ahli Pertama;wulan.sari;\n"
    )
    before = Pegawai.objects.count()

    out, error = run(tmp_path, text)

    assert error is None
    assert "2 pegawai diimpor" in out
    assert Pegawai.objects.count() == before + 2
    bagus = Pegawai.objects.get(nip="199001012015011001")
    assert bagus.jabatan == analis
    assert bagus.pangkat == "III/a"
    assert bagus.nama_lengkap == "Bagus Prakoso, S.Kom."
    assert bagus.user.username == "199001012015011001"  # username defaults to the NIP
    assert bagus.user.check_password("Surakarta2026")
    wulan = Pegawai.objects.get(user__username="wulan.sari")
    assert wulan.jabatan == sandiman
    assert wulan.pangkat == "III/b"
    assert not wulan.user.has_usable_password()  # she sets one with the reset-by-email link
    assert AuditEvent.objects.filter(aksi="pegawai.buat", objek_id__in=[bagus.pk, wulan.pk]).count() == 2


def test_comma_separated_file_with_quoted_jabatan_name(cast, tmp_path):
    kepala = cast.kepala.jabatan
    cast.kepala.jabatan = None
    cast.kepala.save()
    # A NIP outside tests.factories.make_nip's range (a cast member may hold any 19800101200501 1xxx).
    text = (
        "nip,nama,pangkat,jabatan\n"
        '197502022001121003,Sutrisno Wibowo,IV/c,"DISKOMINFOSP|Kepala Dinas Komunikasi, Informatika, '
        'Statistik dan Persandian"\n'
    )

    out, error = run(tmp_path, text)

    assert error is None
    assert Pegawai.objects.get(nip="197502022001121003").jabatan == kepala


def test_bad_rows_are_all_reported_and_nothing_is_created(cast, kosong, tmp_path):
    analis, sandiman = kosong
    text = "\n".join(
        [
            HEADER,
            f"199001012015011001;;;Baris Baik;;III/a;;;{analis.pk};;",
            f"19900101 201513 1 001;;;Bulan Salah;;III/a;;;{sandiman.pk};;",
            f"199001012015011003;12345;;NIK Pendek;;Penata Sekali;;;{cast.kepala.jabatan.pk};;",
        ]
    )
    before = Pegawai.objects.count()

    out, error = run(tmp_path, text)

    assert error is not None and "Tidak ada pegawai yang disimpan" in error
    assert "Baris 3, kolom nip: Bulan TMT pada NIP" in out
    assert "Baris 4, kolom nik: NIK harus 16 angka" in out
    assert "Baris 4, kolom pangkat: Pangkat/golongan 'Penata Sekali' tidak dikenal" in out
    assert f"Baris 4, kolom jabatan: Jabatan '{cast.kepala.jabatan}' sudah dipangku oleh {cast.kepala}" in out
    assert "Baris 2" not in out
    assert Pegawai.objects.count() == before  # the good row was not saved either


def test_duplicate_nip_in_file_and_nip_already_registered(cast, kosong, tmp_path):
    analis, sandiman = kosong
    text = "\n".join(
        [
            HEADER,
            f"199001012015011001;;;Pertama;;;;;{analis.pk};;",
            f"19900101 201501 1 001;;;Kembar;;;;;{sandiman.pk};;",
            f"{cast.staf.nip};;;Sudah Ada;;;;;{sandiman.pk};;",
        ]
    )
    before = Pegawai.objects.count()

    out, error = run(tmp_path, text)

    assert error is not None
    assert "Baris 3, kolom nip: NIP ini sama dengan NIP di baris 2." in out
    assert f"Baris 4, kolom nip: NIP ini sudah terdaftar atas nama {cast.staf}." in out
    assert "Baris 4, kolom jabatan: Jabatan ini juga dipakai di baris 3." in out
    assert Pegawai.objects.count() == before


def test_unknown_jabatan_is_reported_with_the_reason(cast, tmp_path):
    text = "\n".join(
        [
            "nip;nama;jabatan",
            "199001012015011001;Satu;DISKOMINFOSP|Kepala Bidang Yang Tidak Ada",
            "199001012015011002;Dua;DINASX|Kepala Dinas X",
            "199001012015011003;Tiga;999999",
            "199001012015011004;Empat;Kepala Dinas",
        ]
    )

    out, error = run(tmp_path, text)

    assert error is not None
    assert "Baris 2, kolom jabatan: Jabatan 'Kepala Bidang Yang Tidak Ada' tidak ditemukan" in out
    assert "Baris 3, kolom jabatan: Tidak ada OPD dengan kode DINASX." in out
    assert "Baris 4, kolom jabatan: Tidak ada jabatan dengan id 999999." in out
    assert "Baris 5, kolom jabatan: 'Kepala Dinas' tidak dikenali" in out


def test_dry_run_checks_but_writes_nothing(cast, kosong, tmp_path):
    analis, _ = kosong
    before_pegawai, before_audit = Pegawai.objects.count(), AuditEvent.objects.count()

    out, error = run(tmp_path, f"nip;nama;jabatan\n199001012015011001;Bagus Prakoso;{analis.pk}\n", "--dry-run")

    assert error is None
    assert "Uji coba: 1 pegawai siap diimpor. Tidak ada yang disimpan." in out
    assert Pegawai.objects.count() == before_pegawai
    assert AuditEvent.objects.count() == before_audit


def test_missing_column_and_non_utf8_file_are_explained(cast, tmp_path):
    out, error = run(tmp_path, "nama;jabatan\nBagus;1\n")
    assert "Baris 1: Kolom wajib tidak ada: nip." in out

    out, error = run(tmp_path, "nip;nama;jabatan\n199001012015011001;Bagus Pr\u00e4koso;1\n", encoding="latin-1")
    assert "Berkas bukan teks UTF-8" in out
    assert error is not None


def test_admin_opd_cannot_import_into_another_opd(cast):
    jabatan_lain = JabatanFactory(nama="Penguji Kendaraan Bermotor", unit=cast.opd_lain)

    hasil = impor_pegawai(f"nip;nama;jabatan\n199001012015011001;Bagus;{jabatan_lain.pk}\n", actor=cast.admin_opd)

    assert not hasil.disimpan
    assert [str(m) for m in hasil.masalah] == [
        f"Baris 2, kolom jabatan: Jabatan '{jabatan_lain}' berada di luar OPD yang Anda kelola."
    ]
    assert not Pegawai.objects.filter(jabatan=jabatan_lain).exists()
