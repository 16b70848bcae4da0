import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disposisi import reach, services, signals
from disposisi.models import Disposisi
from surat import selectors as surat_selectors
from surat.models import AksesSurat, Penerima, Surat, SuratLog
from tests.factories import JabatanFactory, PegawaiFactory

S = Disposisi.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pesan(exc: ValidationError, field: str) -> str:
    return " ".join(exc.value.message_dict[field])


# ---------------------------------------------------------------- reach


def test_kepala_disposes_to_kabid_and_kabid_to_staf(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    [d2] = dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d1)
    assert (d1.kepada_jabatan, d2.kepada_jabatan) == (cast.kabid.jabatan, cast.staf.jabatan)
    assert d2.induk == d1


def test_kepala_reaches_staf_two_levels_down(cast, surat_masuk, dispose):
    [d] = dispose(cast.kepala, surat_masuk(), [cast.staf.jabatan])
    assert d.kepada_jabatan == cast.staf.jabatan


def test_staf_cannot_dispose_up_to_kepala(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    [d2] = dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d1)
    with pytest.raises(ValidationError) as exc:
        dispose(cast.staf, surat, [cast.kepala.jabatan], induk=d2)
    assert "di luar jangkauan Anda" in pesan(exc, "kepada")
    assert cast.kepala.jabatan.nama in pesan(exc, "kepada")


def test_kepala_cannot_dispose_to_other_opd(cast, surat_masuk, dispose):
    with pytest.raises(ValidationError) as exc:
        dispose(cast.kepala, surat_masuk(), [cast.staf_lain.jabatan])
    assert "Disposisi hanya dapat diberikan kepada bawahan Anda." in pesan(exc, "kepada")
    assert not Disposisi.objects.exists()


def test_disposing_to_oneself_is_refused(cast, surat_masuk, dispose):
    with pytest.raises(ValidationError) as exc:
        dispose(cast.kepala, surat_masuk(), [cast.kepala.jabatan])
    assert pesan(exc, "kepada") == "Anda tidak dapat mendisposisikan surat kepada diri sendiri."


def test_walikota_and_sekda_dispose_to_any_opd(cast, pimpinan, surat_masuk, dispose):
    surat = surat_masuk(tujuan=pimpinan.walikota.jabatan, actor=pimpinan.pencatat, opd=pimpinan.pemkot)
    [d_sekda] = dispose(pimpinan.walikota, surat, [pimpinan.sekda.jabatan])
    got = dispose(pimpinan.sekda, surat, [cast.kepala.jabatan, cast.kepala_lain.jabatan], induk=d_sekda)
    assert {d.kepada_jabatan for d in got} == {cast.kepala.jabatan, cast.kepala_lain.jabatan}
    # and further down inside the OPD as usual
    [d] = dispose(cast.kepala_lain, surat, [cast.staf_lain.jabatan], induk=got[1])
    assert d.kepada_jabatan == cast.staf_lain.jabatan


def test_sekda_cannot_dispose_up_to_walikota(cast, pimpinan, surat_masuk, dispose):
    surat = surat_masuk(tujuan=pimpinan.sekda.jabatan, actor=pimpinan.pencatat, opd=pimpinan.setda)
    with pytest.raises(ValidationError) as exc:
        dispose(pimpinan.sekda, surat, [pimpinan.walikota.jabatan])
    assert "di luar jangkauan" in pesan(exc, "kepada")


def test_pimpinan_rule(cast, pimpinan):
    assert reach.is_pimpinan_daerah(pimpinan.walikota.jabatan)
    assert reach.is_pimpinan_daerah(pimpinan.sekda.jabatan)
    assert not reach.is_pimpinan_daerah(pimpinan.pencatat.jabatan)
    assert not reach.is_pimpinan_daerah(cast.kepala.jabatan)


def test_form_choices_follow_reach(cast, pimpinan):
    kepala = set(reach.tujuan_disposisi_pilihan(cast.kepala.jabatan))
    assert {cast.kabid.jabatan, cast.staf.jabatan} <= kepala
    assert cast.kepala.jabatan not in kepala and cast.staf_lain.jabatan not in kepala
    assert set(reach.tujuan_disposisi_pilihan(cast.staf.jabatan)) == set()
    wk = set(reach.tujuan_disposisi_pilihan(pimpinan.walikota.jabatan))
    assert {pimpinan.sekda.jabatan, cast.kepala.jabatan, cast.kepala_lain.jabatan} <= wk
    assert pimpinan.walikota.jabatan not in wk


# ---------------------------------------------------------------- who may dispose at all


def test_only_the_addressee_may_dispose_first_level(cast, surat_masuk, dispose):
    surat = surat_masuk()
    with pytest.raises(PermissionDenied, match="tidak ditujukan"):
        dispose(cast.kabid, surat, [cast.staf.jabatan])


def test_actor_must_act_in_dari_jabatan(cast, surat_masuk, dispose):
    with pytest.raises(PermissionDenied, match="tidak sedang menjabat"):
        dispose(cast.kabid, surat_masuk(), [cast.staf.jabatan], dari_jabatan=cast.kepala.jabatan)


def test_plt_acts_for_the_kepala(cast, surat_masuk, dispose):
    from organisasi.models import Penugasan

    today = timezone.localdate()
    Penugasan.objects.create(pegawai=cast.kabid, jabatan=cast.kepala.jabatan, jenis="plh", mulai=today, selesai=today)
    [d] = dispose(cast.kabid, surat_masuk(), [cast.staf.jabatan], dari_jabatan=cast.kepala.jabatan)
    assert d.dari_pegawai == cast.kabid and d.dari_jabatan == cast.kepala.jabatan


def test_parent_must_be_theirs(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    with pytest.raises(PermissionDenied):
        dispose(cast.staf, surat, [cast.staf.jabatan], induk=d1, dari_jabatan=cast.staf.jabatan)


def test_finished_parent_cannot_be_forwarded(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    services.laporan_create(actor=cast.kabid, disposisi=d1, isi="Sudah dikerjakan.")
    with pytest.raises(ValidationError) as exc:
        dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d1)
    assert "sudah selesai" in pesan(exc, "induk")


# ---------------------------------------------------------------- bad input


def test_deadline_in_the_past_is_refused(cast, surat_masuk, dispose):
    kemarin = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan], batas_waktu=kemarin)
    assert pesan(exc, "batas_waktu") == "Batas waktu tidak boleh sebelum hari ini."


def test_empty_instructions_without_note_are_refused(cast, surat_masuk, dispose):
    with pytest.raises(ValidationError) as exc:
        dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan], instruksi=[], catatan="  ")
    assert pesan(exc, "instruksi") == "Pilih sedikitnya satu instruksi atau tuliskan catatan."


def test_note_alone_is_enough(cast, surat_masuk, dispose):
    [d] = dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan], instruksi=[], catatan="Hadiri rapatnya.")
    assert d.catatan == "Hadiri rapatnya." and not d.instruksi.exists()


def test_no_recipient_is_refused(cast, surat_masuk, dispose):
    with pytest.raises(ValidationError) as exc:
        dispose(cast.kepala, surat_masuk(), [])
    assert pesan(exc, "kepada") == "Pilih sedikitnya satu penerima disposisi."


def test_same_open_disposition_twice_is_refused(cast, surat_masuk, dispose):
    surat = surat_masuk()
    dispose(cast.kepala, surat, [cast.kabid.jabatan])
    with pytest.raises(ValidationError) as exc:
        dispose(cast.kepala, surat, [cast.kabid.jabatan])
    assert "sudah menerima disposisi surat ini" in pesan(exc, "kepada")


# ---------------------------------------------------------------- effects


def test_create_gives_access_logs_and_marks_letter_acted_on(
    cast, surat_masuk, dispose, django_capture_on_commit_callbacks
):
    surat = surat_masuk()
    calls = []

    def record(sender, signal, **ids):
        calls.append(ids)

    signals.disposisi_diterima.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            got = dispose(cast.kepala, surat, [cast.kabid.jabatan, cast.staf.jabatan], batas_waktu=timezone.localdate())
    finally:
        signals.disposisi_diterima.disconnect(record)
    assert sorted(calls, key=lambda c: c["disposisi_id"]) == [{"disposisi_id": d.pk} for d in got]
    assert {d.status for d in got} == {S.TERKIRIM}
    for pegawai in (cast.kabid, cast.staf):
        assert Surat.objects.visible_to(pegawai).filter(pk=surat.pk).exists()
        assert surat_selectors.can_see_content(pegawai, surat)
    penerima = Penerima.objects.get(surat=surat, jabatan=cast.kepala.jabatan)
    assert penerima.ditindaklanjuti_pada is not None
    log = SuratLog.objects.filter(surat=surat, aksi=services.LOG_DISPOSISI).get()
    assert cast.kabid.jabatan.nama in log.catatan and log.actor == cast.kepala


def test_forwarding_marks_parent_diteruskan(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d1)
    d1.refresh_from_db()
    assert d1.status == S.DITERUSKAN and d1.dibaca_pada is not None


def test_read_marks_first_open_only(cast, surat_masuk, dispose):
    [d] = dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan])
    assert not services.disposisi_read(actor=cast.kepala, disposisi=d)  # the sender opening it
    assert services.disposisi_read(actor=cast.kabid, disposisi=d)
    assert not services.disposisi_read(actor=cast.kabid, disposisi=d)
    d.refresh_from_db()
    assert d.status == S.DIBACA and d.dibaca_oleh == cast.kabid


def test_cancel_while_unread_removes_access(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    services.disposisi_cancel(actor=cast.kepala, disposisi=d)
    d.refresh_from_db()
    assert d.status == S.DIBATALKAN and d.dibatalkan_pada is not None
    assert not AksesSurat.objects.filter(surat=surat, jabatan=cast.kabid.jabatan).exists()
    assert not Surat.objects.visible_to(cast.kabid).filter(pk=surat.pk).exists()
    # the kepala may dispose to the same kabid again afterwards
    dispose(cast.kepala, surat, [cast.kabid.jabatan])


def test_cancel_refused_once_read(cast, surat_masuk, dispose):
    [d] = dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan])
    services.disposisi_read(actor=cast.kabid, disposisi=d)
    with pytest.raises(ValidationError) as exc:
        services.disposisi_cancel(actor=cast.kepala, disposisi=d)
    assert exc.value.messages == ["Disposisi sudah dibaca oleh penerimanya, sehingga tidak dapat dibatalkan."]
    d.refresh_from_db()
    assert d.status == S.DIBACA


def test_only_sender_may_cancel(cast, surat_masuk, dispose):
    [d] = dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan])
    with pytest.raises(PermissionDenied):
        services.disposisi_cancel(actor=cast.kabid, disposisi=d)


def test_cancel_keeps_access_given_by_another_disposition(cast, surat_masuk, dispose):
    surat = surat_masuk()
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    [d_staf] = dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d1)
    [d_staf2] = dispose(cast.kepala, surat, [cast.staf.jabatan])
    services.disposisi_cancel(actor=cast.kepala, disposisi=d_staf2)
    assert Surat.objects.visible_to(cast.staf).filter(pk=surat.pk).exists()
    # cancelling the only sub-branch puts the parent back to "dibaca"
    services.disposisi_cancel(actor=cast.kabid, disposisi=d_staf)
    d1.refresh_from_db()
    assert d1.status == S.DIBACA


def test_report_finishes_branch_with_files(cast, surat_masuk, dispose, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    [d] = dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan])
    laporan = services.laporan_create(
        actor=cast.kabid,
        disposisi=d,
        isi="Data sudah dikirim ke Kementerian.",
        berkas=[SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")],
    )
    d.refresh_from_db()
    assert d.status == S.SELESAI and d.selesai_pada is not None
    [f] = laporan.lampiran.all()
    assert f.nama_asli == "bukti.pdf" and f.mime == "application/pdf" and len(f.sha256) == 64


def test_report_on_someone_elses_branch_is_refused(cast, surat_masuk, dispose):
    [d] = dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan])
    with pytest.raises(
        PermissionDenied, match="hanya dapat melaporkan tindak lanjut disposisi yang ditujukan kepada Anda"
    ):
        services.laporan_create(actor=cast.staf, disposisi=d, isi="Saya laporkan.")
    with pytest.raises(PermissionDenied):
        services.laporan_create(actor=cast.kepala, disposisi=d, isi="Saya laporkan.")


def test_report_needs_text_and_checked_files(cast, surat_masuk, dispose):
    [d] = dispose(cast.kepala, surat_masuk(), [cast.kabid.jabatan])
    with pytest.raises(ValidationError) as exc:
        services.laporan_create(actor=cast.kabid, disposisi=d, isi=" ")
    assert pesan(exc, "isi") == "Tuliskan isi laporan tindak lanjut."
    with pytest.raises(ValidationError) as exc:
        services.laporan_create(
            actor=cast.kabid, disposisi=d, isi="Ok", berkas=[SimpleUploadedFile("x.pdf", b"MZ\x90\x00 program")]
        )
    assert "Jenis berkas tidak diizinkan" in pesan(exc, "berkas")
    d.refresh_from_db()
    assert d.status == S.TERKIRIM


def test_finished_sub_branches_finish_the_forwarded_parent(cast, surat_masuk, dispose):
    surat = surat_masuk()
    j_kasi = JabatanFactory(nama="Kepala Seksi Layanan", unit=cast.bidang, atasan=cast.kabid.jabatan)
    kasi = PegawaiFactory(user__username="kasi", jabatan=j_kasi)
    [d1] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    d_staf, d_kasi = dispose(cast.kabid, surat, [cast.staf.jabatan, j_kasi], induk=d1)
    services.laporan_create(actor=cast.staf, disposisi=d_staf, isi="Selesai.")
    d1.refresh_from_db()
    assert d1.status == S.DITERUSKAN
    services.laporan_create(actor=kasi, disposisi=d_kasi, isi="Selesai juga.")
    d1.refresh_from_db()
    assert d1.status == S.SELESAI


def test_tanpa_disposisi_marks_letter_filed(cast, surat_masuk):
    surat = surat_masuk()
    services.surat_tanpa_disposisi(actor=cast.kepala, surat=surat, catatan="Cukup diketahui.")
    p = Penerima.objects.get(surat=surat, jabatan=cast.kepala.jabatan)
    assert p.ditindaklanjuti_pada is not None
    assert SuratLog.objects.filter(surat=surat, aksi=services.LOG_TANPA, catatan="Cukup diketahui.").exists()
    with pytest.raises(ValidationError, match="sudah ditindaklanjuti"):
        services.surat_tanpa_disposisi(actor=cast.kepala, surat=surat)
    with pytest.raises(PermissionDenied):
        services.surat_tanpa_disposisi(actor=cast.kabid, surat=surat)


def test_rahasia_letter_visible_only_to_the_tree(cast, surat_masuk, dispose):
    surat = surat_masuk(keamanan=Surat.Keamanan.RAHASIA)
    [d] = dispose(cast.kepala, surat, [cast.kabid.jabatan])
    assert surat_selectors.can_see_content(cast.kabid, surat)
    for outsider in (cast.staf, cast.admin_opd, cast.kepala_lain):
        assert not surat_selectors.can_see_content(outsider, surat)
    assert not surat_selectors.can_see_content(cast.pencatat, surat)  # register line only
    dispose(cast.kabid, surat, [cast.staf.jabatan], induk=d)
    assert surat_selectors.can_see_content(cast.staf, surat)
