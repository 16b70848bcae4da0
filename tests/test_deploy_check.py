"""A production configuration passes Django's deployment checklist and its static files collect."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def production_env(tmp_path: Path) -> dict:
    return {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(45)[:60],
        "TTE_CA_PASSPHRASE": secrets.token_urlsafe(24),
        "AUDIT_HMAC_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "eoffice.example.go.id",
        "SITE_URL": "https://eoffice.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'eoffice.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_env(tmp_path) | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "site_url",
    ["http://eoffice.example.go.id", "https://localhost", "https://127.0.0.1:8000", "https://192.168.1.10"],
)
def test_check_deploy_refuses_a_site_url_that_letters_must_not_carry(tmp_path, site_url):
    result = manage(tmp_path, "check", "--deploy", SITE_URL=site_url)

    assert result.returncode != 0
    assert "eoffice.E00" in result.stderr and "SITE_URL" in result.stderr


def test_gunicorn_start_refuses_it_too(tmp_path):
    env = production_env(tmp_path) | {"SITE_URL": "http://localhost:8000"}
    result = subprocess.run(
        [sys.executable, "-c", "import eoffice.wsgi"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "SITE_URL='http://localhost:8000' harus alamat https://" in result.stderr


def test_gunicorn_start_freezes_what_the_worker_loaded_out_of_the_gcs_way(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import gc, eoffice.wsgi; print(gc.get_freeze_count())"],
        cwd=BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 50_000


def test_collectstatic_resolves_every_reference_with_bootstrap(tmp_path):
    # Production uses whitenoise's compressed manifest storage; compressing takes a minute, so the test
    # builds only the manifest, which is where a CSS url() to a missing file fails.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)

    assert (tmp_path / "staticfiles.json").exists()
    assert list((tmp_path / "vendor" / "bootstrap" / "css").glob("bootstrap.min.*.css"))
    assert list((tmp_path / "vendor" / "bootstrap-icons" / "fonts").glob("bootstrap-icons.*.woff2"))


@pytest.mark.parametrize(
    ("nama", "nilai"),
    [
        ("TTE_CA_PASSPHRASE", "x"),
        ("TTE_CA_PASSPHRASE", "aaaaaaaaaaaaaaaaaaaaaaaa"),
        ("AUDIT_HMAC_KEY", ""),
        ("AUDIT_HMAC_KEY", "CHANGE-ME"),
        ("SECRET_KEY", "ab" * 30),
    ],
)
def test_weak_production_secrets_are_refused(tmp_path, nama, nilai):
    result = manage(tmp_path, "check", "--deploy", **{nama: nilai})

    assert result.returncode != 0
    assert "eoffice.E010" in result.stderr and nama in result.stderr


def test_production_answers_carry_the_strict_csp_and_hsts_and_the_health_check_answers(tmp_path):
    # The same settings check --deploy passed, requested over HTTPS as nginx forwards it: the load
    # balancer's health check answers "ok", with HSTS and the strict CSP every response carries (pages
    # under that CSP with two-step verification: the tests/browser journeys).
    code = (
        "from django.core.management import call_command; call_command('migrate', verbosity=0)\n"
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='eoffice.example.go.id', HTTP_X_FORWARDED_PROTO='https')\n"
        "h = c.get('/kesehatan/')\n"
        "print(h.status_code, h.json()['pemeriksaan']['database']['status'], h['Strict-Transport-Security'])\n"
        "print(h['Content-Security-Policy'])\n"
    )
    result = manage(tmp_path, "shell", "-c", code, BEHIND_PROXY="1")

    assert result.returncode == 0, result.stderr
    kesehatan, csp = result.stdout.strip().splitlines()[-2:]
    assert kesehatan.startswith("200 ok max-age=31536000")
    assert "script-src 'self';" in csp and "'unsafe-eval'" not in csp and "frame-ancestors 'none'" in csp
