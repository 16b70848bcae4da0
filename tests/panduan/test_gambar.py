"""Every picture a guide shows is a current screenshot taken by a browser test (issue 15).

Fresh means: a browser test takes it, and neither the guide steps that show it, nor the templates of the
page it shows, nor the picture itself changed since (tests/panduan/gambar.py says what is recorded).
When this fails, run the browser tests named in the message with EOFFICE_UPDATE_PANDUAN=1 and commit
static/panduan/img/ and panduan/gambar.json.
"""

import re
from pathlib import Path

from panduan.guides import GAMBAR, PERAN, TINGKAT
from tests.panduan import gambar


def _test_file_takes(nodeid: str, name: str) -> bool:
    """The recorded test still exists and still names the picture."""
    path, _, func = nodeid.partition("::")
    source = gambar.BASE_DIR / path
    if not source.exists():
        return False
    text = source.read_text()
    return f"def {func.split('[')[0]}(" in text and f'"{name}"' in text


def _stale() -> dict[str, list[str]]:
    with gambar.terkunci():
        data = gambar.load()
        png_hashes = {p.stem: gambar.png_hash(p) for p in gambar.IMG.glob("*.png")}
    out: dict[str, list[str]] = {}
    for name in sorted(GAMBAR):
        entry = data.get(name)
        if entry is None:
            out[name] = ["tidak ada uji peramban yang mengambilnya"]
            continue
        why = []
        if not _test_file_takes(entry["test"], name):
            why.append(f"uji {entry['test']} tidak ada lagi atau tidak lagi mengambilnya")
        if name not in png_hashes:
            why.append("berkas PNG tidak ada")
        elif png_hashes[name] != entry["png"]:
            why.append("PNG diubah di luar uji peramban")
        if gambar.langkah_hash(name) != entry["langkah"]:
            why.append("teks langkah panduan berubah")
        sekarang = gambar.templates_hash(entry["templates"])
        why += [f"template {t} berubah" for t, h in entry["templates"].items() if sekarang.get(t) != h]
        if why:
            out[name] = why
    return out


def test_every_guide_picture_is_taken_by_a_browser_test_and_fresh():
    stale = _stale()
    tests = sorted({gambar.load().get(name, {}).get("test", "?") for name in stale})
    assert not stale, (
        "Gambar panduan usang:\n"
        + "\n".join(f"  {name}: {'; '.join(why)}" for name, why in stale.items())
        + f"\nPerbarui: {gambar.PERINTAH} {' '.join(repr(t) for t in tests)}"
    )


def test_no_picture_or_entry_is_left_over():
    on_disk = {p.stem for p in gambar.IMG.glob("*.png")}
    assert on_disk - GAMBAR == set(), "gambar yang tidak dipakai panduan mana pun"
    assert set(gambar.load()) - GAMBAR == set(), "entri panduan/gambar.json tanpa langkah panduan"


def test_every_role_and_level_has_pictures():
    """15 role-level combinations (5 roles x dasar/lanjutan/mahir), each with at least one screenshot."""
    tanpa = [
        (peran.kunci, tingkat)
        for peran in PERAN
        for tingkat, _, daftar in peran.per_tingkat()
        if not any(step.gambar for p in daftar for step in p.langkah)
    ]
    assert len(PERAN) * len(TINGKAT) == 15 and tanpa == []


def test_a_changed_step_or_template_makes_a_picture_stale(monkeypatch, tmp_path):
    """The check itself: rewording a step or editing the page's template is noticed."""
    name = "masuk"
    entry = gambar.load()[name]
    assert entry["templates"], "the sign-in picture records the sign-in page's template"
    langkah_hash = gambar.langkah_hash
    monkeypatch.setattr(gambar, "langkah_hash", lambda n: "lain" if n == name else langkah_hash(n))
    assert "teks langkah panduan berubah" in _stale()[name]
    monkeypatch.undo()

    template = next(iter(entry["templates"]))
    copy = tmp_path / Path(template).name
    copy.write_text(gambar.template_file(template).read_text() + "\n<!-- berubah -->\n")
    original = gambar.template_file
    monkeypatch.setattr(gambar, "template_file", lambda t: copy if t == template else original(t))
    assert f"template {template} berubah" in _stale()[name]


def test_the_manifest_names_pages_by_url_name():
    for name, entry in gambar.load().items():
        assert re.fullmatch(r"[\w:]*", entry["halaman"]), name
