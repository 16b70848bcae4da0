"""seed_demo runs once for this module (inside a transaction rolled back at the end); each test then
runs in its own savepoint on top of the seeded city."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from audit.services import verify_chain
from demo.akun import DEMO_ACCOUNTS, DEMO_PASSPHRASE, DEMO_PASSWORD
from demo.riwayat import HAL_RIWAYAT
from demo.surat import HAL_PENANDA
from organisasi import acting
from organisasi.models import Jabatan, Pegawai, Pemda, Penugasan, Peran, UnitKerja
from organisasi.nip import format_nip, validate_nip
from surat import rincian, selectors, signing, utas
from surat.models import Penerima, Surat

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")  # signed PDFs and scans of the demo letters
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command("seed_demo", "--ya-saya-yakin", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_builds_pemkot_surakarta_and_prints_how_to_sign_in(seeded, db):
    pemda = Pemda.current()
    assert pemda.nama == "Pemerintah Kota Surakarta"
    assert pemda.alamat == "Jl. Jenderal Sudirman No. 2 Surakarta" and pemda.kode_pos == "57111"
    assert pemda.website == "surakarta.go.id"
    assert "Masuk sebagai kominfo.staf / Surakarta2026" in seeded
    assert verify_chain() is None


def test_every_opd_has_a_kepala_and_a_pencatat(seeded, db):
    opds = list(UnitKerja.objects.opd())
    dinas_dan_badan = [u for u in opds if u.jenis not in (UnitKerja.Jenis.BAGIAN, UnitKerja.Jenis.PEMDA)]
    assert len(dinas_dan_badan) >= 12
    assert {"DISKOMINFOSP", "DISHUB", "BPPKAD", "KEC.LWY", "PEM", "PBJ", "SETDA", "PEMKOT"} <= {u.kode for u in opds}
    for opd in opds:
        kepala = Jabatan.objects.get(unit=opd, is_kepala_unit=True)
        acting = Pegawai.objects.filter(jabatan=kepala).exists() or kepala.penugasan.berlaku_pada().exists()
        assert acting, f"{opd} tanpa kepala"
        assert Peran.objects.filter(opd=opd, jenis=Peran.Jenis.PENCATAT).exists(), f"{opd} tanpa pencatat"


def test_kepala_bagian_reports_to_an_asisten_and_kabid_chain_reaches_sekda(seeded, db):
    kabag_hukum = Jabatan.objects.get(nama="Kepala Bagian Hukum")
    assert kabag_hukum.atasan.nama == "Asisten Pemerintahan dan Kesejahteraan Rakyat"
    staf = Pegawai.objects.get(user__username="kominfo.staf")
    assert [j.nama for j in staf.jabatan.rantai_atasan()] == [
        "Kepala Seksi Pengembangan dan Integrasi Aplikasi",
        "Kepala Bidang Aplikasi Informatika",
        "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "Sekretaris Daerah",
        "Wali Kota Surakarta",
    ]


def test_exactly_one_active_plt_on_vacant_post_and_one_plh(seeded, db):
    aktif = Penugasan.objects.berlaku_pada().select_related("jabatan", "pegawai__user")
    plt = [p for p in aktif if p.jenis == Penugasan.Jenis.PLT]
    plh = [p for p in aktif if p.jenis == Penugasan.Jenis.PLH]
    assert len(plt) == 1 and len(plh) == 1
    assert plt[0].jabatan.nama == "Kepala Dinas Perdagangan"
    assert plt[0].pegawai.user.username == "disdag.sekretaris"
    assert not Pegawai.objects.filter(jabatan=plt[0].jabatan).exists()
    assert plh[0].jabatan.nama == "Kepala Dinas Perhubungan"
    assert plh[0].pegawai.user.username == "dishub.sekretaris"
    assert acting.fresh(plh[0].pegawai).acts_in(plh[0].jabatan_id)


def test_nips_are_valid_and_unique_with_two_pppk_and_signers_have_nik(seeded, db):
    nips = list(Pegawai.objects.exclude(nip=None).values_list("nip", "pangkat"))
    assert len(nips) > 200
    assert all(validate_nip(nip) == nip for nip, _ in nips)
    assert len({nip for nip, _ in nips}) == len(nips)
    pppk = [(nip, pangkat) for nip, pangkat in nips if nip[12:14] == "21"]
    assert len(pppk) == 2 and all(pangkat == "" for _, pangkat in pppk)
    for nik in Pegawai.objects.filter(jabatan__dapat_menandatangani=True).values_list("nik", flat=True):
        assert len(nik) == 16 and nik.isdigit()


def test_demo_accounts_hold_their_jabatan_and_roles(seeded, db):
    for username, _peran, jabatan in DEMO_ACCOUNTS:
        pegawai = Pegawai.objects.select_related("jabatan", "user").get(user__username=username)
        assert jabatan.startswith(pegawai.jabatan.nama), username
    admin = Pegawai.objects.get(user__username="adminpemda")
    assert admin.user.is_superuser and admin.user.is_staff
    assert admin.peran.filter(jenis=Peran.Jenis.ADMIN_PEMDA).exists()
    assert Peran.objects.get(pegawai__user__username="kominfo.admin").opd.kode == "DISKOMINFOSP"
    assert Peran.objects.get(pegawai__user__username="arsip.unit").jenis == Peran.Jenis.ARSIPARIS
    assert Peran.objects.filter(pegawai__user__username="kominfo.tu", jenis=Peran.Jenis.PENCATAT).exists()


def test_demo_user_signs_in_with_nip_typed_with_spaces(seeded, db, client):
    pegawai = Pegawai.objects.exclude(nip=None).filter(user__username__regex=r"^\d{18}$").first()

    response = client.post(reverse("akun:masuk"), {"username": format_nip(pegawai.nip), "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(pegawai.user_id)


def test_second_run_changes_nothing(seeded, db):
    before = _counts()
    out = io.StringIO()

    call_command("seed_demo", "--ya-saya-yakin", stdout=out)

    assert _counts() == before  # audit events included: nothing new was recorded
    assert "tidak ada yang diubah" in out.getvalue()


def _orang(username: str) -> Pegawai:
    return Pegawai.objects.select_related("jabatan").get(user__username=username)


def test_demo_letters_exist_in_every_state(seeded, db):
    S = Surat.Status
    assert {S.KONSEP, S.PARAF, S.TTD, S.TERKIRIM, S.TERCATAT} <= set(Surat.objects.values_list("status", flat=True))
    staf, kabid, kepala = _orang("kominfo.staf"), _orang("kominfo.kabid"), _orang("kominfo.kepala")
    konsep = list(selectors.konsep_list(staf))
    assert len(konsep) >= 2
    kembali = [s for s in konsep if s.log.filter(aksi="dikembalikan").exists()]
    assert kembali and "jadwal pelatihan" in kembali[0].log.get(aksi="dikembalikan").catatan
    assert selectors.perlu_paraf(kabid).exists()
    assert selectors.perlu_ttd(kepala).exists()
    assert Surat.objects.filter(keamanan=Surat.Keamanan.RAHASIA, status=S.TERKIRIM).exists()
    assert Surat.objects.filter(urgensi=Surat.Urgensi.AMAT_SEGERA, status=S.TERKIRIM).exists()
    assert selectors.eksternal_belum_dikirim(_orang("kominfo.tu")).exists()
    kertas = Surat.objects.exclude(hal__in=HAL_RIWAYAT).get(status=S.TERCATAT, opd__kode="DISHUB")
    assert kertas.agenda.get().dicatat_oleh == _orang("dishub.tu") and kertas.lampiran.count() == 1


def test_delivered_letter_reached_dishub_and_sekda_with_a_reply_thread(seeded, db):
    surat = Surat.objects.get(hal=HAL_PENANDA)
    assert surat.nomor.endswith("/DISKOMINFOSP/" + str(surat.tahun))
    plh, sekda = _orang("dishub.sekretaris"), _orang("sekda")
    masuk = selectors.surat_masuk(plh).get(surat=surat)
    assert masuk.dibaca_pada is not None and masuk.agenda_nomor
    assert masuk.ditindaklanjuti_pada is not None
    assert selectors.tembusan_list(sekda, belum_dibaca=True).filter(surat=surat).exists()
    jawaban = surat.balasan.get()
    assert jawaban.ttd_sebutan == "Plh." and jawaban.status == Surat.Status.TERKIRIM
    assert [s.pk for s in utas.thread(_orang("kominfo.kepala"), surat)] == [surat.pk, jawaban.pk]
    pembaca = list(rincian.pembaca(surat))
    assert [p.jenis for p in pembaca] == [Penerima.Jenis.TUJUAN, Penerima.Jenis.TEMBUSAN]


def test_signed_demo_letters_carry_signed_pdfs_and_signers_can_sign_with_the_demo_passphrase(seeded, db):
    permohonan = Surat.objects.get(hal=HAL_PENANDA)
    for surat in (permohonan, permohonan.balasan.get()):
        assert surat.dokumen.ditandatangani_tte_pada is not None and surat.dokumen.sha256
        assert surat.dokumen.berkas.open("rb").read(5) == b"%PDF-"
    kepala = _orang("kominfo.kepala")
    surat = selectors.perlu_ttd(kepala).first()

    signing.tandatangani(actor=kepala, surat=surat, passphrase=DEMO_PASSPHRASE)

    assert surat.status == Surat.Status.TERKIRIM and surat.nomor


def _demo_tte_pdfs() -> list[bytes]:
    from surat.models_dokumen import DokumenSurat

    found = []
    for dokumen in DokumenSurat.objects.filter(ditandatangani_tte_pada__isnull=False):
        with dokumen.berkas.open("rb") as fh:
            found.append(fh.read())
    return found


def test_every_signed_demo_letter_is_b_lta_for_pyhanko_today_and_three_years_on(seeded, db, client):
    """pyHanko's own AdES long-term validator, trusting only the Pemda's root and requiring revocation
    data: every TTE-signed demo letter passes now, and with the clock 3 years ahead (past the signers'
    2-year certificates) using only the TSA list the installation publishes then."""
    import datetime

    import time_machine
    from django.utils import timezone

    from tests.tte.test_ltv import ades_lta
    from tte import selectors as tte_selectors
    from tte import services as tte_services
    from tte.verification import verify_pdf

    letters = _demo_tte_pdfs()
    ca = tte_selectors.ca_aktif()
    assert len(letters) >= 5
    for data in letters:
        now = ades_lta(data, ca)
        assert now.ades_subindic.name == "OK", now.api_status.summary()
        assert "EXTENDED_WITH_LTA_UPDATES" in now.api_status.summary()
        assert verify_pdf(data).level == "B-LTA"
    with time_machine.travel(timezone.now() + datetime.timedelta(days=365 * 3), tick=False):
        tte_services.perbarui_semua_crl()
        published = client.get(reverse("tte:crl", kwargs={"nama": f"{ca.serial}-tsa"})).content
        for data in letters:
            later = ades_lta(data, ca, crls=[published])
            assert later.ades_subindic.name == "OK", later.api_status.summary()
            assert verify_pdf(data).status_sertifikat_kini == "kedaluwarsa"


def test_pyhanko_cli_and_pdfsig_say_every_signed_demo_letter_is_valid(seeded, db, tmp_path):
    """Tools nobody here wrote, as an outside validator would run them: `pyhanko sign adesverify`
    (AdES long-term validation, revocation data required) and poppler's `pdfsig` with an NSS database
    that trusts the Pemda's root."""
    import datetime
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from tests.tte.test_signing import _nss_trusting
    from tte import selectors as tte_selectors

    ca = tte_selectors.ca_aktif()
    root = tmp_path / "pemda-root.pem"
    root.write_text(ca.sertifikat_pem)
    nss = _nss_trusting(ca, tmp_path)
    pyhanko = Path(sys.executable).with_name("pyhanko")
    if not pyhanko.exists() or shutil.which("pdfsig") is None:
        pytest.skip("pyhanko-cli or poppler-utils missing; run bin/setup")
    from django.utils import timezone

    from tests.waktu import jam_nyata_tertinggal

    # The tools run on the machine's clock; with --jam-maju the certificates lie in its future.
    mundur = jam_nyata_tertinggal() > datetime.timedelta(hours=1)
    waktu = ["--validation-time", timezone.now().isoformat()] if mundur else []
    for i, data in enumerate(_demo_tte_pdfs()):
        path = tmp_path / f"surat-{i}.pdf"
        path.write_bytes(data)
        ades = subprocess.run(
            [str(pyhanko), "sign", "adesverify", *waktu, "--trust", str(root), "--trust-replace", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ades.returncode == 0, ades.stdout + ades.stderr
        assert "INTACT:TRUSTED,TIMESTAMP_TOKEN<INTACT:TRUSTED>,EXTENDED_WITH_LTA_UPDATES" in ades.stdout
        sig = subprocess.run(["pdfsig", *nss, str(path)], capture_output=True, text=True, timeout=60).stdout
        first = sig.split("Signature #2")[0]
        assert "Signature is Valid" in first, sig
        assert mundur or "Certificate is Trusted" in first, sig


def test_demo_history_gives_the_rekap_months_of_figures(seeded, db):
    import datetime

    from django.utils import timezone

    from rekap import periode, ringkasan
    from rekap.jangkauan import lingkup_for

    today = timezone.localdate()
    r = ringkasan.hitung(lingkup_for(_orang("sekda")), periode.khusus(today - datetime.timedelta(days=200), today))
    bulan_bersurat = [b for b, h in r.penghematan.per_bulan if h.surat]
    assert len(bulan_bersurat) >= 6
    assert sum(1 for b in r.baris if b.volume["ditandatangani"]) >= 15  # most OPDs sign letters
    assert r.total.layanan["laporan"]["n"] > 100 and r.total.tepat_waktu["persen"] is not None
    assert r.total.terlambat < 10  # the history is finished: it adds nothing overdue
