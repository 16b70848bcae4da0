"""The small helpers of lib/: upload fields, export escaping, the read-only admin, signals on commit."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.dispatch import Signal
from django.test import RequestFactory

from lib.admin import ReadOnlyAdminMixin
from lib.export import escape_formula
from lib.forms import MultipleFileField
from lib.signals import send_on_commit


def _file(name: str, content: bytes = b"isi") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_multiple_file_field_cleans_to_a_list_and_caps_the_count():
    field = MultipleFileField(required=False, maks=2)
    assert field.clean(None) == []
    assert [f.name for f in field.clean([_file("a.pdf"), _file("b.pdf")])] == ["a.pdf", "b.pdf"]
    with pytest.raises(ValidationError, match="Paling banyak 2 berkas sekaligus."):
        field.clean([_file("a.pdf"), _file("b.pdf"), _file("c.pdf")])


def test_multiple_file_field_required_and_empty_files_are_refused():
    with pytest.raises(ValidationError):
        MultipleFileField().clean([])
    with pytest.raises(ValidationError):
        MultipleFileField(required=False).clean([_file("kosong.pdf", b"")])


def test_multiple_file_field_names_each_file_a_content_check_refuses():
    def only_pdf(berkas):
        if not berkas.name.endswith(".pdf"):
            raise ValidationError("Jenis berkas tidak diizinkan.")

    field = MultipleFileField(required=False, validate=only_pdf)
    with pytest.raises(ValidationError) as exc:
        field.clean([_file("a.pdf"), _file("b.exe"), _file("c.sh")])
    assert exc.value.messages == ["b.exe: Jenis berkas tidak diizinkan.", "c.sh: Jenis berkas tidak diizinkan."]


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value):
    assert escape_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Undangan rapat", "", 12, None])
def test_other_values_pass_unchanged(value):
    assert escape_formula(value) == value


def test_read_only_admin_allows_nothing_but_looking():
    request = RequestFactory().get("/")
    admin = ReadOnlyAdminMixin()
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, object())
    assert not admin.has_delete_permission(request, object())


@pytest.mark.django_db
def test_signal_is_sent_after_commit_only_and_a_failing_receiver_is_logged(django_capture_on_commit_callbacks, caplog):
    signal = Signal()
    seen = []

    def broken(**kwargs):
        raise RuntimeError("penerima rusak")

    signal.connect(broken, weak=False)
    signal.connect(lambda sender, **kwargs: seen.append(kwargs["surat_id"]), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            send_on_commit(signal, sender=None, surat_id=7)
            assert seen == []
    assert seen == [7]
    assert "penerima rusak" in caplog.text


def test_reference_data_is_named_by_each_app_and_restore_puts_back_what_is_missing(db):
    from arsip.models import KlasifikasiArsip
    from disposisi.models import InstruksiDisposisi
    from lib import reference_data
    from surat.models import JenisSurat

    assert reference_data.migrations() == [
        "surat.migrations.0002_jenis_surat_dasar",
        "disposisi.migrations.0002_instruksi_dasar",
        "arsip.migrations.0002_kka_dasar",
    ]
    before = (JenisSurat.objects.count(), InstruksiDisposisi.objects.count(), KlasifikasiArsip.objects.count())
    assert all(before)
    JenisSurat.objects.all().delete()
    InstruksiDisposisi.objects.all().delete()
    reference_data.restore()
    reference_data.restore()  # idempotent
    assert (JenisSurat.objects.count(), InstruksiDisposisi.objects.count(), KlasifikasiArsip.objects.count()) == before


def test_a_flush_writes_the_reference_data_again_at_once(transactional_db, cast):
    """`manage.py flush` (and the end of every transactional test) sends post_migrate without a plan:
    eoffice/apps.py writes the letter kinds, instructions and KKA base set again, nothing else."""
    from django.core.management import call_command

    from arsip.models import KlasifikasiArsip
    from disposisi.models import InstruksiDisposisi
    from organisasi.models import Pemda
    from surat.models import JenisSurat

    models = (JenisSurat, InstruksiDisposisi, KlasifikasiArsip)
    before = [m.objects.count() for m in models]
    assert all(before) and Pemda.objects.exists()

    call_command("flush", "--no-input", verbosity=0)

    assert [m.objects.count() for m in models] == before
    assert not Pemda.objects.exists()


def test_connect_links_each_receiver_once_however_often_ready_runs():
    from lib.signals import connect

    signal, calls = Signal(), []

    def tell(sender, **kwargs):
        calls.append(kwargs["n"])

    for _ in range(2):
        connect("uji", [(signal, tell)])
    signal.send(sender=None, n=1)
    assert calls == [1]
