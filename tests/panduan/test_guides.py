from django.urls import NoReverseMatch, reverse

from panduan.guides import GAMBAR, HALAMAN, PANDUAN_BY_KUNCI, PERAN, TINGKAT


def test_every_role_has_guides_at_every_level():
    assert {p.kunci for p in PERAN} == {"staf", "pejabat", "pencatat", "admin", "arsiparis"}
    for peran in PERAN:
        for tingkat, label, daftar in peran.per_tingkat():
            assert daftar, f"{peran.nama} tanpa panduan tingkat {label}"
            assert tingkat in TINGKAT
            for panduan in daftar:
                assert panduan.langkah and all(step.teks for step in panduan.langkah)


def test_guide_keys_are_unique_and_pages_point_to_existing_guides():
    keys = [p.kunci for peran in PERAN for p in peran.panduan]
    assert len(keys) == len(set(keys))
    for url_name, kunci in HALAMAN.items():
        assert kunci in PANDUAN_BY_KUNCI, url_name
        try:
            reverse(url_name)
        except NoReverseMatch:
            reverse(url_name, args=[1])


def test_screenshot_names_are_plain_file_names():
    assert "masuk" in GAMBAR and "beranda-staf" in GAMBAR
    assert all(name.replace("-", "").isalnum() for name in GAMBAR)


def test_every_label_a_guide_quotes_still_exists_on_a_screen():
    """A guide quotes button and menu labels in “…”. Each must still be written somewhere the screens
    come from (templates, views, forms, scripts): a renamed button fails here, not in a training room."""
    import html
    import re
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    files = [*base.glob("templates/**/*.html"), *base.glob("static/js/*.js")]
    files += [
        p
        for p in base.glob("*/**/*.py")
        if not {".venv", "tests", "migrations", "node_modules"} & set(p.parts) and p.name != "guides.py"
    ]
    screens = html.unescape("\n".join(p.read_text(errors="ignore") for p in files))
    missing = [
        (peran.kunci, panduan.kunci, label)
        for peran in PERAN
        for panduan in peran.panduan
        for langkah in panduan.langkah
        for label in re.findall(r"\u201c([^\u201d]+)\u201d", langkah.teks)
        if label not in screens
    ]
    assert missing == []
