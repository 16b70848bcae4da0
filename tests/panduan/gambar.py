"""The guide pictures' manifest: what each screenshot in static/panduan/img/ was taken of.

A picture is *fresh* while nothing it shows or explains has changed since a browser test took it. For
every picture a guide names (panduan.guides.GAMBAR), panduan/gambar.json records:
- `test`: the browser test that took it (a picture no test takes cannot be regenerated);
- `halaman`: the page (URL name) on screen;
- `langkah`: a hash of the text of the guide steps that show it (reworded steps may need another picture);
- `templates`: a hash of each template the page was rendered from, the shared layout (base.html,
  includes/) left out so a menu change does not stale every picture;
- `png`: a hash of the picture itself (a hand-edited picture is not a screenshot).
The browser tests write pictures and entries when EOFFICE_UPDATE_PANDUAN=1 (tests/browser/conftest.py,
`shot`); tests/panduan/test_gambar.py fails while any entry differs from what the sources say now.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from panduan.guides import PERAN

BASE_DIR = Path(settings.BASE_DIR)
MANIFEST = BASE_DIR / "panduan" / "gambar.json"
IMG = BASE_DIR / "static" / "panduan" / "img"
# Shared by every page: a change there is not a change of what a guide's picture is about.
TATA_LETAK = ("base.html", "includes/", "panduan/_halaman.html", "panduan/_tur.html")
PERINTAH = "EOFFICE_UPDATE_PANDUAN=1 .venv/bin/pytest -p no:randomly"


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def langkah_hash(gambar: str) -> str:
    """Hash of the text of every guide step that shows `gambar`, in guide order."""
    teks = [
        step.teks for peran in PERAN for panduan in peran.panduan for step in panduan.langkah if step.gambar == gambar
    ]
    return _hash("\n".join(teks).encode())


def template_file(name: str) -> Path | None:
    """The file of one of our templates, None for a package's (Django's widgets, crispy) or a missing one."""
    try:
        origin = Path(get_template(name).origin.name).resolve()
    except TemplateDoesNotExist:
        return None
    if BASE_DIR not in origin.parents or ".venv" in origin.parts or "node_modules" in origin.parts:
        return None
    return origin


def templates_hash(names: Iterable[str]) -> dict[str, str]:
    """{template name: hash of its file} for the page's own templates (our files, not the shared layout)."""
    out = {}
    for name in sorted(set(names)):
        if name.startswith(TATA_LETAK):
            continue
        path = template_file(name)
        out[name] = _hash(path.read_bytes()) if path else "hilang"
    return out


def png_hash(path: Path) -> str:
    return _hash(path.read_bytes())


def load() -> dict[str, dict]:
    return json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}


@contextlib.contextmanager
def terkunci() -> Iterator[None]:
    """Parallel test workers (xdist) write pictures and one manifest: a picture and its entry change
    together, and a reader holding this lock sees both old or both new."""
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    with open(MANIFEST.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record(gambar: str, *, test: str, halaman: str, templates: Iterable[str], png: Path) -> None:
    """Store a picture just taken (`png`, a finished file moved into static/panduan/img/) and its entry."""
    entry = {
        "test": test,
        "halaman": halaman,
        "langkah": langkah_hash(gambar),
        "templates": templates_hash(templates),
        "png": png_hash(png),
    }
    with terkunci():
        IMG.mkdir(parents=True, exist_ok=True)
        os.replace(png, IMG / f"{gambar}.png")
        data = load()
        data[gambar] = entry
        tmp = MANIFEST.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(dict(sorted(data.items())), indent=1, ensure_ascii=False) + "\n")
        os.replace(tmp, MANIFEST)
