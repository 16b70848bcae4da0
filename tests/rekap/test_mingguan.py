"""The weekly digest (once per head per week, opt-out) and the one-page monthly PDF (PDF/A)."""

from __future__ import annotations

import datetime
import io

import pikepdf
import pytest

from notifikasi.models import Event, Notifikasi, PreferensiNotifikasi
from rekap import mingguan, periode, ringkasan
from rekap.jangkauan import lingkup_for
from rekap.pdf import render_laporan_bulanan
from tests import pdfa
from tests.factories import OpdFactory
from tests.surat.pdfutil import pdf_text
from tests.waktu import tanggal_id

from .conftest import HAL_RAHASIA

pytestmark = pytest.mark.django_db


@pytest.fixture
def beralamat(dunia):
    for pegawai in (dunia.cast.kepala, dunia.cast.kepala_lain):
        pegawai.email = f"{pegawai.user.username}@contoh.go.id"
        pegawai.save(update_fields=["email"])
    return dunia


def _digest(pegawai):
    return list(Notifikasi.objects.filter(penerima=pegawai, event=Event.REKAP_MINGGUAN))


def test_each_head_gets_one_digest_per_week_with_email(beralamat, mailoutbox, django_capture_on_commit_callbacks):
    d = beralamat
    c = d.cast
    with django_capture_on_commit_callbacks(execute=True):
        assert mingguan.kirim_rekap_mingguan(on=d.hari_ini) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert mingguan.kirim_rekap_mingguan(on=d.hari_ini) == 0
    [a] = _digest(c.kepala)
    [b] = _digest(c.kepala_lain)
    assert _digest(c.kabid) == [] and _digest(c.staf) == []
    minggu = periode.hitung("minggu_lalu", d.hari_ini)
    assert a.judul == f"Rekap mingguan {minggu.label}"
    assert a.url == "/rekap/?periode=minggu_lalu"
    assert (
        f"Permintaan data SPBE — Kepala Bidang Aplikasi Informatika, batas {tanggal_id(d.hari_ini - datetime.timedelta(days=1))}"
        in a.pesan
    )
    assert "Undangan rapat SPBE — Kepala Bidang Lalu Lintas" in b.pesan
    assert "1 disposisi melewati batas waktu, 1 surat segera belum dibaca" in b.pesan
    assert sorted(m.to[0] for m in mailoutbox) == ["kepala@contoh.go.id", "kepala_lain@contoh.go.id"]
    assert all(HAL_RAHASIA not in m.body for m in mailoutbox)
    # One figure per line, in the email's HTML too.
    html = mailoutbox[0].alternatives[0][0]
    assert "<br>- Surat ditandatangani:" in html


def test_next_week_brings_a_new_digest(beralamat):
    c = beralamat.cast
    mingguan.kirim_rekap_mingguan(on=beralamat.hari_ini)
    mingguan.kirim_rekap_mingguan(on=beralamat.hari_ini + datetime.timedelta(days=7))
    assert len(_digest(c.kepala)) == 2


def test_head_who_opted_out_gets_nothing(beralamat, login):
    c = beralamat.cast
    login(c.kepala).post("/notifikasi/preferensi/", {e: "on" for e in Event.values if e != Event.REKAP_MINGGUAN})
    assert PreferensiNotifikasi.objects.filter(pegawai=c.kepala, event=Event.REKAP_MINGGUAN, email=False).exists()
    assert mingguan.kirim_rekap_mingguan(on=beralamat.hari_ini) == 1
    assert _digest(c.kepala) == [] and len(_digest(c.kepala_lain)) == 1


def test_plt_head_gets_the_digest_of_the_opd_held(beralamat):
    from organisasi.models import Penugasan
    from tests.factories import PegawaiFactory, PenugasanFactory

    c = beralamat.cast
    plh = PegawaiFactory(user__username="plh_kepala", nama="Plh Kepala")
    PenugasanFactory(
        pegawai=plh,
        jabatan=c.kepala.jabatan,
        jenis=Penugasan.Jenis.PLH,
        mulai=beralamat.hari_ini,
        selesai=beralamat.hari_ini,
    )
    mingguan.kirim_rekap_mingguan(on=beralamat.hari_ini)
    [n] = _digest(plh)
    assert c.opd.nama in n.pesan


def test_monthly_report_is_one_pdfa_page_even_for_many_opds(dunia):
    for i in range(25):
        OpdFactory(nama=f"Kelurahan Contoh {i}")
    r = ringkasan.susun(lingkup_for(dunia.cast.admin_pemda), periode.bulan_penuh(dunia.hari_ini))
    data = render_laporan_bulanan(r)
    assert pdfa.problems(data) == []
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.pages) == 1
    text = pdf_text(data)
    # The cast's two OPDs and 25 more: the 11 busiest by name, the other 16 in one line.
    assert "LAPORAN BULANAN E-OFFICE" in text and "16 OPD" in text and "lainnya" in text
    assert HAL_RAHASIA not in text
