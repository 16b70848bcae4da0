from arsip.models import KlasifikasiArsip, kunci_urut


def test_base_set_has_ten_top_levels_and_their_children(db):
    tops = KlasifikasiArsip.objects.filter(level=1)
    assert [k.kode for k in tops] == ["000", "100", "200", "300", "400", "500", "600", "700", "800", "900"]
    assert KlasifikasiArsip.objects.get(kode="600").nama == "Pekerjaan Umum dan Ketenagaan"
    kode = KlasifikasiArsip.objects.get(kode="000.8")
    assert kode.nama == "Organisasi dan Tata Laksana" and kode.induk.kode == "000" and kode.level == 2


def test_codes_sort_numerically():
    assert kunci_urut("400.2") < kunci_urut("400.10") < kunci_urut("500")


def test_children_ordered_numerically(db):
    anak = list(KlasifikasiArsip.objects.filter(induk__kode="400").values_list("kode", flat=True))
    assert anak[:3] == ["400.1", "400.2", "400.3"] and anak[-1] == "400.14"


def test_search_by_code_prefix_or_name(db):
    assert {k.kode for k in KlasifikasiArsip.objects.search("000.8")} == {"000.8"}
    assert "500.12" in {k.kode for k in KlasifikasiArsip.objects.search("informatika")}


def test_save_derives_level_and_sort_key(db):
    k = KlasifikasiArsip.objects.create(
        kode="000.8.3", nama="Tata Laksana", induk=KlasifikasiArsip.objects.get(kode="000.8")
    )
    assert k.level == 3 and k.kunci == "0000.0008.0003"
