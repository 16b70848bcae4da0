"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Fixtures for journey tests (see tests/browser/README.md):
- `browser` (session) and `page` (fresh context per test, 1280x900) / `phone_page` (390x844, touch);
  both use the live server as base URL, so `page.goto("/surat/masuk/")` works.
- `demo_city`: the demo city of `seed_demo` in the test database (sign in as `kominfo.staf` etc. with
  `DEMO_PASSWORD`). Seeding takes seconds, so on SQLite the seeded database is kept in memory and
  copied back for each later test (milliseconds); other databases seed every time.
- `masuk(page, username, password=DEMO_PASSWORD)`: signs in through the real login form.
- `shot(page, name, sorot=locator)`: screenshot to $EOFFICE_ARTIFACTS/screenshots/<test>/<nn>-<name>.png,
  with a yellow frame and an arrow on `sorot` (what the reader must press); with EOFFICE_UPDATE_PANDUAN=1
  a name used by the guides (panduan.guides.GAMBAR) is also stored, palette-reduced, as
  static/panduan/img/<name>.png and recorded in panduan/gambar.json (tests/panduan/gambar.py).
- `axe_check(page)`: runs axe-core in the page and fails on serious or critical violations.
A failed test leaves a screenshot named `gagal` in its artifact folder.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS
from django.test.signals import template_rendered
from django.urls import Resolver404, resolve

from demo.akun import DEMO_PASSWORD
from panduan.guides import GAMBAR
from tests.panduan import gambar as manifest

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls next to it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BASE_DIR = Path(django_settings.BASE_DIR)
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__test__/axe.min.js"
ARTIFACTS = Path(os.environ.get("EOFFICE_ARTIFACTS", "test-artifacts"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 15_000
T = TypeVar("T")


def pytest_collection_modifyitems(config, items) -> None:
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=f"{CHROMIUM} tidak ada: pasang dengan `apt-get install chromium` (bin/setup)")
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.eo_gagal = report.failed
    return report


def _test_dir(request: pytest.FixtureRequest) -> Path:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    return ARTIFACTS / "screenshots" / name


@pytest.fixture(autouse=True)
def _http_cookies(settings) -> None:
    """The live server speaks plain HTTP: secure-only cookies would never come back."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(scope="module")
def browser():
    """One chromium per test module, not per session: Playwright's sync API keeps an asyncio loop
    running in the test's thread while it is open, and a non-browser test that runs next on the same
    xdist worker (pyHanko signing calls asyncio.run) would fail next to it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _new_page(browser, live_server, request, **context_options):
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta", **context_options
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    if getattr(request.node, "eo_gagal", False):
        folder = _test_dir(request)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(folder / "gagal.png"), full_page=True)
        except Exception:  # noqa: BLE001 - a closed page must not hide the real failure
            pass
    context.close()


@pytest.fixture
def page(browser, live_server, request):
    yield from _new_page(browser, live_server, request, viewport=DESKTOP)


@pytest.fixture
def phone_page(browser, live_server, request):
    yield from _new_page(
        browser, live_server, request, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )


@pytest.fixture(params=["ponsel", "laptop"])
def layar(browser, live_server, request):
    """The same test on a 390x844 phone (touch) and a 1280x800 laptop; `layar.eo_layar` names which."""
    if request.param == "ponsel":
        options = {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
    else:
        options = {"viewport": LAPTOP}
    for page in _new_page(browser, live_server, request, **options):
        page.eo_layar = request.param
        yield page


def tanpa_geser_samping(page) -> None:
    """Assert the page needs no sideways scroll, and no table inside it either (a cut-off column).
    Measured after the load event: before the stylesheets arrive the bare page is wider than a phone."""
    page.wait_for_load_state("load")
    lebar = page.evaluate(
        """() => {
          const doc = document.documentElement;
          const lebih = [...document.querySelectorAll('table, .table-responsive, .eo-daftar-bungkus')]
            .filter(el => el.scrollWidth > el.clientWidth + 1 && el.getClientRects().length)
            .map(el => el.className || el.tagName);
          return {doc: doc.scrollWidth, layar: window.innerWidth, lebih};
        }"""
    )
    assert lebar["doc"] <= lebar["layar"], f"{page.url} lebih lebar dari layar: {lebar}"
    assert not lebar["lebih"], f"{page.url}: tabel terpotong di samping: {lebar}"


def pantau_keamanan(page) -> list[str]:
    """For a journey run as in production: assert the health check answers "ok" and the strict
    Content-Security-Policy is sent, then collect every CSP refusal of the page (Chromium reports each on
    the console). The journey ends with `assert pelanggaran == []`: the policy is on and refused nothing
    the pages need."""
    jawaban = page.request.get("/kesehatan/")
    assert jawaban.status == 200 and jawaban.json()["status"] == "ok", jawaban.text()
    assert "script-src 'self';" in jawaban.headers["content-security-policy"]
    pelanggaran: list[str] = []
    page.on("console", lambda m: pelanggaran.append(m.text) if "Content Security Policy" in m.text else None)
    return pelanggaran


# ---------------------------------------------------------------- data

_SNAPSHOTS: dict[str, sqlite3.Connection] = {}


def _outside_loop(fn: Callable[..., T], *args, **kwargs) -> T:
    """Run fn in a worker thread. Playwright's sync API keeps an asyncio loop running in the test's
    thread, so code that calls asyncio.run (pyHanko signing a PDF) fails there. The worker shares the
    test's in-memory SQLite connection, as the live server thread does."""
    from django.db import connections

    conn = connections[DEFAULT_DB_ALIAS]
    shared = conn.vendor == "sqlite" and conn.is_in_memory_db()
    outcome: dict[str, object] = {}

    def run() -> None:
        if shared:
            connections[DEFAULT_DB_ALIAS] = conn
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = exc
        finally:
            if not shared:
                connections.close_all()

    if shared:
        conn.inc_thread_sharing()
    try:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    finally:
        if shared:
            conn.dec_thread_sharing()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


@pytest.fixture
def outside_playwright() -> Callable[..., object]:
    """outside_playwright(fn, *args, **kwargs): call a service that signs a PDF (or otherwise uses
    asyncio) while arranging data, e.g. outside_playwright(services.sign, actor=kabid, surat=surat)."""
    return _outside_loop


class AntreanLatar:
    """Long work (OCR, PDFs) the pages queued, held as the demo's background thread would hold it after
    the response; `jalankan()` runs it now, as that thread would, outside Playwright's loop and on the
    test's database (an in-memory SQLite database cannot be opened by a second thread)."""

    def __init__(self) -> None:
        self.tugas: list[tuple[object, tuple, dict]] = []

    def tambah(self, task, *args, **kwargs) -> None:
        self.tugas.append((task, args, kwargs))

    def jalankan(self) -> int:
        done = 0
        while self.tugas:
            task, args, kwargs = self.tugas.pop(0)
            _outside_loop(task.apply, args=args, kwargs=kwargs)
            done += 1
        return done


@pytest.fixture
def pekerja_latar(monkeypatch) -> AntreanLatar:
    from lib import background

    antrean = AntreanLatar()
    monkeypatch.setattr(background, "enqueue", antrean.tambah)
    return antrean


def _seed() -> None:
    _outside_loop(call_command, "seed_demo", "--ya-saya-yakin", stdout=io.StringIO())


@pytest.fixture
def demo_city(transactional_db):
    """The demo city of seed_demo in the test database; returns DEMO_PASSWORD.

    An earlier transactional test's flush left the rows of the data migrations in place (jenis surat,
    klasifikasi, instruksi disposisi: eoffice/apps.py writes them again after a flush). No
    serialized rollback: after a plain transactional test's flush, post_migrate has recreated the content
    types under new ids, and reloading the serialized ones would collide with them (PostgreSQL)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        _seed()
        return DEMO_PASSWORD
    key = connection.settings_dict["NAME"]
    snapshot = _SNAPSHOTS.get(key)
    if snapshot is None:
        _seed()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _SNAPSHOTS[key] = snapshot
    else:
        snapshot.backup(connection.connection)
        ContentType.objects.clear_cache()
    return DEMO_PASSWORD


# ---------------------------------------------------------------- helpers


def _kode_dua_langkah(page, username: str) -> None:
    """The demo admins' second step: the code of the demo key, as their authenticator app shows it. A
    code is accepted once, so a second sign-in within the same 30 s uses the next step's code (django-otp
    accepts one step of drift) after the short wait django-otp imposes after a refused code."""
    from django_otp.oath import TOTP

    from demo.dua_langkah import kunci_hex

    for drift in (0, 1, 2):
        kode = str(TOTP(bytes.fromhex(kunci_hex()), drift=drift).token()).zfill(6)
        page.get_by_label("Kode").fill(kode)
        with page.expect_navigation():
            page.get_by_role("button", name="Lanjutkan").click()
        if "/akun/dua-langkah/verifikasi/" not in page.url:
            return
        page.wait_for_timeout(1100 * 2**drift)
    raise AssertionError(f"Verifikasi dua langkah gagal untuk {username}")


@pytest.fixture
def masuk(demo_city) -> Callable[..., None]:
    """masuk(page, username, password=DEMO_PASSWORD, lewati_tur=True): sign in through the login form and
    land on the Beranda. The first sign-in shows the guided tour; by default it is skipped with its
    "Lewati tur" button, as a user would, so journeys see the plain page."""

    def _masuk(page, username: str, password: str = DEMO_PASSWORD, *, lewati_tur: bool = True) -> None:
        page.goto("/akun/masuk/")
        page.get_by_label("NIP atau nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Masuk", exact=True).click()
        if "/akun/masuk/" in page.url:
            alert = page.locator(".alert-danger")
            pesan = alert.inner_text() if alert.count() else "(tanpa pesan)"
            raise AssertionError(f"Gagal masuk sebagai {username}: {pesan}")
        if "/akun/dua-langkah/verifikasi/" in page.url:
            _kode_dua_langkah(page, username)
        tur = page.locator("#eo-tur")
        if lewati_tur and tur.count():
            with page.expect_response(lambda r: "/panduan/tur/selesai/" in r.url):
                tur.get_by_role("button", name="Lewati tur").click()

    return _masuk


@pytest.fixture
def ganti_pengguna(masuk) -> Callable[..., None]:
    """ganti_pengguna(page, username): sign out through the account menu ("Keluar"), then masuk() as
    the next person of a journey, in the same page (so a failure screenshot shows the current screen)."""

    def _ganti(page, username: str) -> None:
        page.wait_for_load_state()  # the account menu needs Bootstrap's deferred script
        page.locator(".eo-pengguna").get_by_role("button").first.click()
        with page.expect_navigation():
            page.get_by_role("button", name="Keluar").click()
        masuk(page, username)

    return _ganti


class _TemplateHalaman:
    """The templates each page (request path) was last rendered from, as the live server renders them
    (pytest-django instruments template rendering), for the guide pictures' manifest."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.per_path: dict[str, tuple[object, set[str]]] = {}

    def __call__(self, sender, template, context, **kwargs) -> None:
        request = getattr(context, "request", None)
        if request is None or not template.name:
            return
        with self.lock:
            last, names = self.per_path.get(request.path, (None, set()))
            if last is not request:
                names = set()
                self.per_path[request.path] = (request, names)
            names.add(template.name)

    def of(self, path: str) -> set[str]:
        with self.lock:
            return set(self.per_path.get(path, (None, set()))[1])


TEMPLATE_HALAMAN = _TemplateHalaman()
template_rendered.connect(TEMPLATE_HALAMAN, dispatch_uid="eo-gambar-panduan")

# A yellow frame around what the reader must press and an arrow pointing at it, drawn for the screenshot
# only (styles set through the CSSOM, which the page's Content-Security-Policy allows), then removed.
_SOROT_JS = """async (el) => {
  // A smooth scroll may still be moving the page: measure once it has stood still for a few frames.
  const frame = () => new Promise(requestAnimationFrame);
  for (let diam = 0, y = scrollY; diam < 3; ) { await frame(); diam = scrollY === y ? diam + 1 : 0; y = scrollY; }
  const r = el.getBoundingClientRect();
  const pad = 6;
  const kotak = document.createElement('div');
  kotak.className = 'eo-uji-sorot';
  Object.assign(kotak.style, {
    position: 'absolute', left: `${r.left + scrollX - pad}px`, top: `${r.top + scrollY - pad}px`,
    width: `${r.width + 2 * pad}px`, height: `${r.height + 2 * pad}px`, border: '5px solid #ffcc00',
    borderRadius: '10px', boxShadow: '0 0 0 3px #000', zIndex: 2147483646, pointerEvents: 'none',
  });
  const panah = document.createElement('div');
  panah.className = 'eo-uji-sorot';
  panah.textContent = '\u279c';
  // The arrow goes where it covers nothing a reader needs: left of the element pointing right, else above
  // pointing down, below pointing up, or right pointing left; above when every side is taken.
  const S = 60;
  const isi = [...document.querySelectorAll('a, button, input, select, textarea, label, p, h1, h2, h3, li, td, th, dt, dd, img, .badge')]
    .filter(e => e !== el && !e.contains(el) && !el.contains(e) && e.getClientRects().length)
    .map(e => e.getBoundingClientRect());
  const bebas = (x, y) => x >= 0 && y >= 0 && x + S <= innerWidth && y + S <= innerHeight &&
    !isi.some(b => x < b.right && x + S > b.left && y < b.bottom && y + S > b.top);
  const tengahY = r.top + r.height / 2 - S / 2;
  const tengahX = r.left + Math.min(r.width / 2, 60) - S / 2;
  const calon = [
    [r.left - pad - S - 2, tengahY, 0], [tengahX, r.top - pad - S - 2, 90],
    [tengahX, r.bottom + pad + 2, -90], [r.right + pad + 2, tengahY, 180],
  ];
  const [x, y, putar] = calon.find(([cx, cy]) => bebas(cx, cy)) || calon[1];
  Object.assign(panah.style, {
    position: 'absolute', left: `${x + scrollX}px`, top: `${y + scrollY}px`,
    width: `${S}px`, height: `${S}px`, font: `bold ${S}px/${S}px sans-serif`, textAlign: 'center', color: '#d40000',
    zIndex: 2147483647, pointerEvents: 'none', textShadow: '0 0 4px #fff, 0 0 4px #fff',
    transform: `rotate(${putar}deg)`,
  });
  document.body.append(kotak, panah);
}"""


def _simpan_gambar_panduan(src: Path, dest: Path) -> None:
    """A 128-colour palette PNG: screens are flat colours, so it reads the same at a third of the size."""
    from PIL import Image

    with Image.open(src) as im:
        im.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            dest, optimize=True
        )


def _url_name(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


@pytest.fixture
def shot(request) -> Iterator[Callable[..., Path]]:
    """shot(page, name, full_page=False, sorot=None) -> path of the saved screenshot (numbered in call
    order). `sorot`: a locator of what the reader must press, framed and pointed at in the picture."""
    from urllib.parse import urlparse

    folder = _test_dir(request)
    counter = iter(range(1, 1000))
    update_guides = os.environ.get("EOFFICE_UPDATE_PANDUAN") == "1"

    def _shot(page, name: str, *, full_page: bool = False, sorot=None) -> Path:
        page.wait_for_load_state("load")  # never a guide picture of the page before its stylesheets
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{next(counter):02d}-{name}.png"
        if sorot is not None:
            sorot.scroll_into_view_if_needed()
            sorot.evaluate(_SOROT_JS)
        page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
        if sorot is not None:
            page.evaluate("() => document.querySelectorAll('.eo-uji-sorot').forEach(el => el.remove())")
        if update_guides and name in GAMBAR:
            kecil = folder / f"{path.stem}.panduan.png"
            _simpan_gambar_panduan(path, kecil)
            url_path = urlparse(page.url).path
            manifest.record(
                name,
                test=request.node.nodeid,
                halaman=_url_name(url_path),
                templates=TEMPLATE_HALAMAN.of(url_path),
                png=kecil,
            )
        return path

    yield _shot


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... dan {len(v['nodes']) - 5} elemen lain")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def _axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} tidak ada: jalankan `npm install` (bin/setup) untuk memasang axe-core.")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def axe_check(_axe_source) -> Callable[..., list[dict]]:
    """axe_check(page, include=None, exclude_rules=()) asserts no serious/critical axe violation on the
    page as it is now, once its stylesheets have arrived (the load event: a page followed by a click can be
    checked bare, every colour the browser's default, which failed color-contrast once in CI); returns all
    violations (any impact) for further checks."""

    def _check(page, *, include: str | None = None, exclude_rules: tuple[str, ...] = ()) -> list[dict]:
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Served from the page's own origin: the Content-Security-Policy (script-src 'self') stays on.
            if not getattr(page, "_eo_axe_route", False):
                page.route(
                    f"**{AXE_URL}",
                    lambda route: route.fulfill(body=_axe_source, content_type="application/javascript"),
                )
                page._eo_axe_route = True
            page.add_script_tag(url=AXE_URL)
        options = {"rules": {rule: {"enabled": False} for rule in exclude_rules}}
        violations = page.evaluate(
            "([ctx, opts]) => axe.run(ctx || document, opts).then(r => r.violations)", [include, options]
        )
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe-core: pelanggaran aksesibilitas di {page.url}:\n{_format_violations(serious)}"
        return violations

    return _check


@pytest.fixture
def akun(demo_city) -> Callable[[str], object]:
    """akun("kominfo.staf") -> that demo account's Pegawai (for arranging data through the services)."""
    from organisasi.models import Pegawai

    return lambda username: Pegawai.objects.select_related("jabatan", "user").get(user__username=username)
