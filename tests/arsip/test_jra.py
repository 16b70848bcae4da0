"""Retention (JRA): inheritance from the nearest parent, who may edit it, audit, bad values."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from arsip import services
from arsip.models import KlasifikasiArsip
from audit.models import AuditEvent


@pytest.fixture
def pohon(db):
    induk = KlasifikasiArsip.objects.get(kode="000")
    a = KlasifikasiArsip.objects.get_or_create(kode="000.1", defaults={"nama": "Ketatausahaan", "induk": induk})[0]
    b = KlasifikasiArsip.objects.create(kode="000.1.2", nama="Perjalanan Dinas", induk=a)
    c = KlasifikasiArsip.objects.create(kode="000.1.2.1", nama="Perjalanan Dinas Kepala Daerah", induk=b)
    return induk, a, b, c


def test_values_are_inherited_from_the_nearest_parent(pohon, arsiparis):
    induk, a, b, c = pohon
    services.klasifikasi_set_jra(
        actor=arsiparis, klasifikasi=induk, retensi_aktif=2, retensi_inaktif=3, nasib_akhir="musnah"
    )
    services.klasifikasi_set_jra(
        actor=arsiparis, klasifikasi=b, retensi_aktif=5, retensi_inaktif=None, nasib_akhir="permanen"
    )
    jra = c.jra()
    assert (jra.retensi_aktif, jra.sumber_aktif) == (5, "000.1.2")
    assert (jra.retensi_inaktif, jra.sumber_inaktif) == (3, "000")
    assert (jra.nasib_akhir, jra.nasib_akhir_label) == ("permanen", "Permanen")
    assert a.jra().retensi_aktif == 2
    services.klasifikasi_set_jra(actor=arsiparis, klasifikasi=b, retensi_aktif=None, retensi_inaktif=None)
    assert c.jra().retensi_aktif == 2 and c.jra().nasib_akhir == "musnah"


def test_change_is_audited_with_old_and_new_values(pohon, arsiparis):
    _, a, _, _ = pohon
    services.klasifikasi_set_jra(
        actor=arsiparis, klasifikasi=a, retensi_aktif=1, retensi_inaktif=4, nasib_akhir="dinilai_kembali"
    )
    event = AuditEvent.objects.filter(aksi="arsip.jra_diubah").latest("id")
    assert event.data["kode"] == "000.1" and event.data["baru"]["retensi_inaktif"] == 4
    assert event.data["lama"]["retensi_aktif"] is None and event.actor == arsiparis


def test_negative_retention_is_refused_with_a_clear_message(pohon, arsiparis):
    _, a, _, _ = pohon
    with pytest.raises(ValidationError) as exc:
        services.klasifikasi_set_jra(actor=arsiparis, klasifikasi=a, retensi_aktif=-1, retensi_inaktif=2)
    assert exc.value.message_dict["retensi_aktif"] == ["Masa retensi tidak boleh kurang dari 0 tahun."]
    a.refresh_from_db()
    assert a.retensi_aktif is None and not AuditEvent.objects.filter(aksi="arsip.jra_diubah").exists()


def test_only_unit_kearsipan_or_admin_pemda_may_edit(pohon, cast, arsiparis):
    _, a, _, _ = pohon
    with pytest.raises(PermissionDenied):
        services.klasifikasi_set_jra(actor=cast.pencatat, klasifikasi=a, retensi_aktif=1, retensi_inaktif=1)
    services.klasifikasi_set_jra(actor=cast.admin_pemda, klasifikasi=a, retensi_aktif=1, retensi_inaktif=1)


def test_jra_page_shows_error_next_to_field_and_is_hidden_from_staff(pohon, cast, arsiparis, login):
    _, a, _, _ = pohon
    url = reverse("arsip:klasifikasi_jra", args=[a.pk])
    assert login(cast.staf).get(url).status_code == 404
    client = login(arsiparis)
    resp = client.post(url, {"retensi_aktif": "-1", "retensi_inaktif": "2", "nasib_akhir": ""})
    assert resp.status_code == 200 and "Masa retensi tidak boleh kurang dari 0 tahun." in resp.content.decode()
    resp = client.post(url, {"retensi_aktif": "3", "retensi_inaktif": "2", "nasib_akhir": "musnah"}, follow=True)
    assert "Jadwal retensi kode 000.1 tersimpan." in resp.content.decode()
    page = client.get(reverse("arsip:klasifikasi"), {"q": "000.1"}).content.decode()
    assert "3 tahun" in page and "(dari 000.1)" in page  # 000.1.2 inherits from 000.1


def test_picker_search_prefix_and_words(pohon):
    assert [k.kode for k in KlasifikasiArsip.objects.aktif().search("000.1.2")] == ["000.1.2", "000.1.2.1"]
    assert [k.kode for k in KlasifikasiArsip.objects.aktif().search("perjalanan kepala")] == ["000.1.2.1"]
    assert [k.kode for k in KlasifikasiArsip.objects.aktif().search("000.1 kepala daerah")] == ["000.1.2.1"]
