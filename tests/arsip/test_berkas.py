"""Filing letters into berkas, transfer to the Unit Kearsipan and destruction with approval."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from arsip import selectors, services, tasks
from arsip.models import BeritaAcara, Berkas, ItemBerkas, KlasifikasiArsip
from audit.models import AuditEvent
from audit.services import verify_chain
from surat import services as surat_services
from surat.models import Lampiran
from tests.arsip.conftest import png_bytes

B = Berkas.Status


def _usulan(cast):
    return {r["surat"].pk: r["berkas"] for r in selectors.usulan_pemberkasan(cast.pencatat, opd=cast.opd)}


def test_sent_letter_is_proposed_incoming_only_after_it_is_acted_on(cast, terkirim, catat, jra):
    keluar = terkirim()
    masuk = catat()
    usulan = _usulan(cast)
    assert keluar.pk in usulan and masuk.pk not in usulan
    surat_services.mark_ditindaklanjuti(actor=cast.kepala, surat=masuk)
    assert masuk.pk in _usulan(cast)


def test_filing_proposals_opens_one_berkas_per_code_and_derives_kurun_waktu(cast, terkirim, jra):
    a, b = terkirim(), terkirim(hal="Laporan bulanan")
    assert services.berkas_file_usulan(actor=cast.pencatat, opd=cast.opd) == 2
    berkas = Berkas.objects.get(opd=cast.opd)
    items = list(berkas.item.order_by("nomor"))
    assert berkas.nomor == 1 and berkas.jumlah_item == 2 and [i.surat for i in items] == [a, b]
    assert items[0].uraian == "Nota Dinas tentang Undangan rapat koordinasi"
    assert items[0].tingkat_perkembangan == ItemBerkas.Tingkat.ASLI
    tahun = timezone.localdate().year
    assert berkas.kurun_waktu == str(tahun)
    assert berkas.aktif_sampai == datetime.date(tahun + 2, 12, 31)
    assert berkas.inaktif_sampai == datetime.date(tahun + 5, 12, 31) and berkas.nasib_akhir == "musnah"
    # the next letter goes into the same open berkas
    c = terkirim(hal="Surat ketiga")
    assert _usulan(cast)[c.pk] == berkas


def test_filing_rules(cast, terkirim, jra, arsiparis):
    surat = terkirim()
    lain = KlasifikasiArsip.objects.get(kode="000.2")
    salah = services.berkas_create(actor=cast.pencatat, opd=cast.opd, klasifikasi=lain, uraian="Perlengkapan 2026")
    with pytest.raises(ValidationError, match="tidak sesuai dengan berkas"):
        services.berkas_file(actor=cast.pencatat, berkas=salah, surat=surat)
    induk = services.berkas_create(actor=cast.pencatat, opd=cast.opd, klasifikasi=jra, uraian="Umum 2026")
    services.berkas_file(actor=cast.pencatat, berkas=induk, surat=surat)  # a parent code's berkas takes it
    with pytest.raises(ValidationError, match="sudah diberkaskan di berkas nomor 2"):
        services.berkas_file(actor=arsiparis, berkas=induk, surat=surat)
    with pytest.raises(PermissionDenied):
        services.berkas_create(actor=cast.staf_lain, opd=cast.opd, klasifikasi=jra, uraian="x")
    services.berkas_tutup(actor=cast.pencatat, berkas=induk)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.berkas_file(actor=cast.pencatat, berkas=induk, surat=terkirim(hal="Lain"))
    with pytest.raises(ValidationError) as exc:
        services.berkas_create(actor=cast.pencatat, opd=cast.opd, klasifikasi=None, uraian=" ")
    assert set(exc.value.message_dict) == {"uraian", "klasifikasi"}


def _berkas_penuh(cast, terkirim, **kw):
    surat = terkirim(**kw)
    services.berkas_file_usulan(actor=cast.pencatat, opd=cast.opd)
    return Berkas.objects.get(opd=cast.opd), surat


def test_transfer_waits_for_the_end_of_the_active_period_then_makes_a_berita_acara(cast, terkirim, jra, arsiparis):
    berkas, _ = _berkas_penuh(cast, terkirim)
    with pytest.raises(ValidationError, match="Masa aktif berkas ini baru berakhir pada 31 Desember"):
        services.berkas_pindahkan(actor=arsiparis, berkas=berkas)
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        assert list(selectors.jatuh_tempo()["pindah"]) == [berkas]
        with pytest.raises(PermissionDenied):
            services.berkas_pindahkan(actor=cast.pencatat, berkas=berkas)
        ba = services.berkas_pindahkan(actor=arsiparis, berkas=berkas)
    berkas.refresh_from_db()
    assert berkas.status == B.INAKTIF and berkas.diterima_oleh == arsiparis and berkas.ditutup_pada
    assert ba.jenis == BeritaAcara.Jenis.PEMINDAHAN and ba.nomor == 1
    assert ba.dokumen.open("rb").read(5) == b"%PDF-" and len(ba.sha256) == 64
    assert AuditEvent.objects.filter(aksi="arsip.berkas_dipindahkan", objek_id=str(berkas.pk)).exists()


def _inaktif_habis(cast, terkirim, arsiparis, **kw):
    berkas, surat = _berkas_penuh(cast, terkirim, **kw)
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        services.berkas_pindahkan(actor=arsiparis, berkas=berkas)
    berkas.refresh_from_db()
    return berkas, surat, berkas.inaktif_sampai + datetime.timedelta(days=1)


def test_destruction_needs_admin_approval_removes_files_keeps_metadata(
    cast, konsep, terkirim, jra, arsiparis, settings
):
    surat = konsep(tujuan=[cast.kabid.jabatan])  # no other OPD holds it (tests/arsip/test_retensi.py)
    from django.core.files.uploadedfile import SimpleUploadedFile

    lampiran = surat_services.lampiran_add(
        actor=cast.staf, surat=surat, berkas=SimpleUploadedFile("foto.png", png_bytes(), "image/png")
    )
    surat_services.surat_submit(actor=cast.staf, surat=surat)
    surat_services.paraf_approve(actor=cast.kabid, surat=surat)
    surat_services.sign(actor=cast.kepala, surat=surat)
    services.berkas_file_usulan(actor=cast.pencatat, opd=cast.opd)
    berkas = Berkas.objects.get(opd=cast.opd)
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        services.berkas_pindahkan(actor=arsiparis, berkas=berkas)
    berkas.refresh_from_db()
    nama_file = Lampiran.objects.get(pk=lampiran.pk).berkas.name
    assert default_storage.exists(nama_file)
    with time_machine.travel(berkas.inaktif_sampai + datetime.timedelta(days=1)):
        assert list(selectors.jatuh_tempo()["akhir"]) == [berkas]
        with pytest.raises(ValidationError, match="belum diusulkan musnah"):
            services.berkas_setujui_musnah(actor=cast.admin_pemda, berkas=berkas)
        services.berkas_usul_musnah(actor=arsiparis, berkas=berkas, catatan="Sesuai JRA")
        with pytest.raises(PermissionDenied):
            services.berkas_setujui_musnah(actor=arsiparis, berkas=berkas)
        with pytest.raises(ValidationError, match="alasan"):
            services.berkas_tolak_musnah(actor=cast.admin_pemda, berkas=berkas, catatan="")
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            ba = services.berkas_setujui_musnah(actor=cast.admin_pemda, berkas=berkas)
    berkas.refresh_from_db()
    assert berkas.status == B.MUSNAH and berkas.keputusan_oleh == cast.admin_pemda
    assert not default_storage.exists(nama_file)
    sisa = Lampiran.objects.get(pk=lampiran.pk)
    assert not sisa.berkas and sisa.nama_asli == "foto.png" and sisa.sha256 == lampiran.sha256
    assert berkas.item.get().surat.nomor == surat.nomor  # metadata kept
    assert ba.jenis == BeritaAcara.Jenis.PEMUSNAHAN and ba.dokumen.open("rb").read(5) == b"%PDF-"
    event = AuditEvent.objects.get(aksi="arsip.berkas_dimusnahkan")
    assert {"nama": "foto.png", "sha256": lampiran.sha256, "surat": surat.pk} in event.data["berkas"]
    assert verify_chain() is None


def test_permanent_berkas_can_never_be_destroyed(cast, terkirim, jra, arsiparis):
    services.klasifikasi_set_jra(
        actor=arsiparis, klasifikasi=jra, retensi_aktif=2, retensi_inaktif=3, nasib_akhir="permanen"
    )
    berkas, _, habis = _inaktif_habis(cast, terkirim, arsiparis)
    with time_machine.travel(habis):
        with pytest.raises(ValidationError, match="Berkas permanen tidak boleh dimusnahkan."):
            services.berkas_usul_musnah(actor=arsiparis, berkas=berkas)
        services.berkas_permanenkan(actor=arsiparis, berkas=berkas)
        with pytest.raises(ValidationError, match="Berkas permanen tidak boleh dimusnahkan."):
            services.berkas_setujui_musnah(actor=cast.admin_pemda, berkas=berkas)
    berkas.refresh_from_db()
    assert berkas.status == B.PERMANEN


def test_rejected_proposal_goes_back_to_inaktif(cast, terkirim, jra, arsiparis):
    berkas, _, habis = _inaktif_habis(cast, terkirim, arsiparis)
    with time_machine.travel(habis):
        services.berkas_usul_musnah(actor=arsiparis, berkas=berkas)
        services.berkas_tolak_musnah(actor=cast.admin_pemda, berkas=berkas, catatan="Masih dipakai untuk audit")
    berkas.refresh_from_db()
    assert berkas.status == B.INAKTIF and berkas.catatan == "Masih dipakai untuk audit"


def test_daily_job_counts_what_falls_due(cast, terkirim, jra, arsiparis):
    berkas, _ = _berkas_penuh(cast, terkirim)
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        hasil = tasks.retensi_harian_task()
    assert hasil["pindah"] == 1 and hasil["akhir"] == 0 and hasil["usul_musnah"] == 0


def test_jra_change_moves_due_dates_of_open_berkas(cast, terkirim, jra, arsiparis):
    berkas, _ = _berkas_penuh(cast, terkirim)
    services.klasifikasi_set_jra(
        actor=arsiparis, klasifikasi=jra, retensi_aktif=1, retensi_inaktif=1, nasib_akhir="musnah"
    )
    berkas.refresh_from_db()
    assert berkas.aktif_sampai == datetime.date(timezone.localdate().year + 1, 12, 31)


# ---------------------------------------------------------------- pages


def test_archive_pages_are_404_for_an_outsider(cast, terkirim, jra, login):
    berkas, _ = _berkas_penuh(cast, terkirim)
    client = login(cast.staf_lain)
    for url in (
        reverse("arsip:berkas_detail", args=[berkas.pk]),
        f"{reverse('arsip:berkas_list')}?opd={cast.opd.pk}",
        f"{reverse('arsip:daftar', args=['aktif'])}?opd={cast.opd.pk}",
        f"{reverse('arsip:usulan')}?opd={cast.opd.pk}",
        reverse("arsip:jatuh_tempo"),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("arsip:berkas_aksi", args=[berkas.pk, "tutup"])).status_code == 404


def test_pencatat_files_from_the_proposals_page(cast, terkirim, jra, login, django_assert_max_num_queries):
    surat = terkirim()
    client = login(cast.pencatat)
    url = f"{reverse('arsip:usulan')}?opd={cast.opd.pk}"
    assert surat.hal in client.get(url).content.decode()
    resp = client.post(url, {"opd": cast.opd.pk, "surat": [surat.pk]}, follow=True)
    assert "1 surat diberkaskan." in resp.content.decode()
    with django_assert_max_num_queries(25):
        page = client.get(f"{reverse('arsip:daftar', args=['aktif'])}?opd={cast.opd.pk}").content.decode()
    assert "Nota Dinas tentang Undangan rapat koordinasi" in page and "Asli" in page


def test_daftar_arsip_exports_excel_and_pdf(cast, terkirim, jra, login):
    _berkas_penuh(cast, terkirim)
    client = login(cast.pencatat)
    url = f"{reverse('arsip:daftar', args=['aktif'])}?opd={cast.opd.pk}"
    xlsx = client.get(url + "&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats") and xlsx.content[:2] == b"PK"
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(xlsx.content)).active
    assert [c.value for c in ws[4]][:3] == ["Nomor berkas", "Kode klasifikasi", "Uraian berkas"]
    assert ws["G5"].value == "Nota Dinas tentang Undangan rapat koordinasi"
    pdf = client.get(url + "&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"


def test_admin_pemda_approves_from_the_berkas_page(cast, terkirim, jra, arsiparis, login):
    berkas, _, habis = _inaktif_habis(cast, terkirim, arsiparis)
    with time_machine.travel(habis):
        client = login(arsiparis)
        client.post(reverse("arsip:berkas_aksi", args=[berkas.pk, "usul_musnah"]), {"catatan": "JRA habis"})
        client = login(cast.admin_pemda)
        page = client.get(reverse("arsip:berkas_detail", args=[berkas.pk])).content.decode()
        assert "Setujui pemusnahan" in page
        resp = client.post(reverse("arsip:berkas_aksi", args=[berkas.pk, "setujui_musnah"]), follow=True)
    assert "Pemusnahan disetujui" in resp.content.decode()
    ba = BeritaAcara.objects.get(jenis="pemusnahan")
    assert client.get(reverse("arsip:berita_acara", args=[ba.pk])).status_code == 200


def test_daily_check_notifies_the_unit_kearsipan_once_per_day(cast, terkirim, jra, arsiparis):
    from arsip import jatuh_tempo
    from notifikasi.models import Notifikasi

    berkas, _ = _berkas_penuh(cast, terkirim)
    with time_machine.travel(berkas.aktif_sampai + datetime.timedelta(days=1)):
        assert jatuh_tempo.beritahu()["notifikasi"] == 1
        assert jatuh_tempo.beritahu()["notifikasi"] == 0  # same day, same rule: never twice
    notice = Notifikasi.objects.get(penerima=arsiparis)
    assert notice.event == "retensi_jatuh_tempo" and "1 berkas" in notice.pesan
