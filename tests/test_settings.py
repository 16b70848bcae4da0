"""Settings come from the environment with strict parsing: a typo stops the start with a clear message.

Each case imports eoffice.settings in a fresh process with exactly the given environment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET = "x" * 60

DUMP = """
import json
from eoffice import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "DEBUG": s.DEBUG, "ALLOWED_HOSTS": s.ALLOWED_HOSTS, "ENGINE": db["ENGINE"], "DB_NAME": str(db["NAME"]),
    "CONN_MAX_AGE": db["CONN_MAX_AGE"], "EAGER": s.CELERY_TASK_ALWAYS_EAGER, "BROKER": s.CELERY_BROKER_URL,
    "SSL_REDIRECT": s.SECURE_SSL_REDIRECT, "HSTS": s.SECURE_HSTS_SECONDS, "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "PROXY_HEADER": getattr(s, "SECURE_PROXY_SSL_HEADER", None), "SESSION_COOKIE_AGE": s.SESSION_COOKIE_AGE,
    "EMAIL_BACKEND": s.EMAIL_BACKEND, "MODE_LATIHAN": s.MODE_LATIHAN, "SITE_URL": s.SITE_URL,
}))
"""


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean_env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(BASE_DIR), **env}
    return subprocess.run(
        [sys.executable, "-c", DUMP], cwd=BASE_DIR, env=clean_env, capture_output=True, text=True, timeout=60
    )


def settings_with(**env: str) -> dict:
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_no_configuration_gives_the_embedded_demo():
    s = settings_with()

    assert s["DEBUG"] is True
    assert s["ENGINE"].endswith("sqlite3")
    assert s["DB_NAME"].endswith("db.sqlite3")
    assert s["EAGER"] is True
    assert s["SSL_REDIRECT"] is False
    assert "console" in s["EMAIL_BACKEND"]


def test_production_environment_turns_security_on():
    s = settings_with(
        DEBUG="0",
        SECRET_KEY=SECRET,
        TTE_CA_PASSPHRASE="y" * 32,
        ALLOWED_HOSTS=" eoffice.example.go.id , www.eoffice.example.go.id ,",
        DATABASE_URL="postgres://eoffice:rahasia@db.internal:5432/eoffice",
        DB_CONN_MAX_AGE="60",
        REDIS_URL="redis://redis.internal:6379/0",
        BEHIND_PROXY="yes",
    )

    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["eoffice.example.go.id", "www.eoffice.example.go.id"]
    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert s["CONN_MAX_AGE"] == 60
    assert s["EAGER"] is False
    assert s["BROKER"] == "redis://redis.internal:6379/0"
    assert s["SSL_REDIRECT"] is True
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["HSTS"] == 31536000
    assert s["PROXY_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert "smtp" in s["EMAIL_BACKEND"]


def test_session_idle_minutes_and_flags_are_read():
    s = settings_with(SESSION_IDLE_MINUTES="15", MODE_LATIHAN="on", SITE_URL="https://eoffice.example.go.id/")

    assert s["SESSION_COOKIE_AGE"] == 15 * 60
    assert s["MODE_LATIHAN"] is True
    assert s["SITE_URL"] == "https://eoffice.example.go.id"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe': gunakan salah satu dari 1/0, true/false, yes/no, on/off."),
        ({"DEBUG": "0"}, "SECRET_KEY wajib diisi bila DEBUG mati."),
        ({"SESSION_IDLE_MINUTES": "satu jam"}, "SESSION_IDLE_MINUTES='satu jam': harus berupa bilangan bulat."),
        ({"EMAIL_PORT": "25a"}, "EMAIL_PORT='25a': harus berupa bilangan bulat."),
        ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL='verbose': pilihan yang sah: DEBUG, INFO, WARNING, ERROR."),
        ({"BEHIND_PROXY": "ya"}, "BEHIND_PROXY='ya'"),
    ],
)
def test_invalid_value_stops_start_with_clear_message(env, message):
    result = load_settings(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_every_variable_is_documented():
    source = (BASE_DIR / "eoffice" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|choice)\(\s*"([A-Z0-9_]+)"', source))
    readme = (BASE_DIR / "README.md").read_text()
    example = (BASE_DIR / "deploy" / "eoffice.env.example").read_text()

    assert len(names) > 30
    assert sorted(name for name in names if f"`{name}`" not in readme) == [], "missing from README.md"
    assert sorted(name for name in names if not re.search(rf"^#? ?{name}=", example, re.M)) == [], (
        "missing from deploy/eoffice.env.example"
    )


def test_every_demo_account_is_listed_in_readme():
    from demo.akun import DEMO_ACCOUNTS, DEMO_PASSWORD

    readme = (BASE_DIR / "README.md").read_text()

    assert [a.username for a in DEMO_ACCOUNTS if f"| `{a.username}` | {a.jabatan} |" not in readme] == []
    assert DEMO_PASSWORD in readme


def test_demo_signers_and_their_passphrase_are_in_readme_and_the_demo_hint():
    """A newcomer finds the TTE passphrase where they look: the README's demo section and bin/demo."""
    from demo.akun import DEMO_PASSPHRASE
    from demo.surat import PENANDATANGAN_DEMO

    readme = (BASE_DIR / "README.md").read_text()
    section = readme[readme.index("### Demo accounts") : readme.index("## Glossary")]
    assert "TTE passphrase** of the signer's certificate" in section and f"**`{DEMO_PASSPHRASE}`**" in section
    assert [u for u in PENANDATANGAN_DEMO if f"`{u}`" not in section] == []
    assert "DEMO_PASSPHRASE" in (BASE_DIR / "bin" / "demo").read_text()


def test_pyhanko_logs_errors_only():
    """pyHanko warns on every signature made with the Pemda's own CA; the log keeps only its errors."""
    from django.conf import settings

    assert settings.LOGGING["loggers"]["pyhanko"]["level"] == "ERROR"


def test_placeholder_secret_key_is_refused_in_production():
    result = load_settings(DEBUG="0", SECRET_KEY="CHANGE-ME", TTE_CA_PASSPHRASE="y" * 32, ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY harus acak" in result.stderr


def test_webhook_without_https_is_refused_in_production():
    prod = {"DEBUG": "0", "SECRET_KEY": SECRET, "TTE_CA_PASSPHRASE": "y" * 32, "ALLOWED_HOSTS": "x"}

    refused = load_settings(**prod, EOFFICE_WEBHOOK_URL="http://bridge.example.go.id/hook")
    accepted = load_settings(**prod, EOFFICE_WEBHOOK_URL="https://bridge.example.go.id/hook")
    demo = load_settings(EOFFICE_WEBHOOK_URL="http://localhost:9000/hook")

    assert refused.returncode != 0
    assert "EOFFICE_WEBHOOK_URL harus diawali https:// bila DEBUG mati." in refused.stderr
    assert accepted.returncode == 0, accepted.stderr
    assert demo.returncode == 0, demo.stderr
