"""eoffice settings. Everything that differs between machines comes from environment variables
(listed in README.md). With no configuration: SQLite file, tasks run in-process, DEBUG on."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from eoffice.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi bila DEBUG mati.")
    SECRET_KEY = "django-insecure-dev-only-eoffice-key-do-not-use-in-production"
elif not DEBUG and ("CHANGE-ME" in SECRET_KEY or len(SECRET_KEY) < 40):
    # The example env file's placeholder, or a key short enough to guess, would make reset links forgeable.
    raise ImproperlyConfigured("SECRET_KEY harus acak dan minimal 40 karakter (bukan CHANGE-ME dari contoh).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "audit",
    "outbox",
    "organisasi",
    "surat",
    "disposisi",
    "arsip",
    "tte",
    "notifikasi",
    "panduan",
    "rekap",
    "demo",
    "eoffice",  # the project shell: the frame's template tags
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "eoffice.middleware.SesiGeserMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "eoffice.middleware.BadInputMiddleware",
    "eoffice.middleware.NoStoreMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "organisasi.dua_faktor.DuaFaktorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "eoffice.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "eoffice.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eoffice.context_processors.eoffice",
                "notifikasi.context_processors.notifikasi",
            ],
            # `{% url %}` that remembers URLs without arguments (eoffice/templatetags/url_tetap.py).
            "builtins": ["eoffice.templatetags.url_tetap"],
        },
    },
]

WSGI_APPLICATION = "eoffice.wsgi.application"

# --- Database: SQLite file by default (the embedded demo), PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL + a busy timeout let the dev server and the background thread (lib/background.py) share the
    # file. IMMEDIATE transactions take the write lock when they begin, so a writer waits its turn;
    # a deferred one that read first fails at once with "database is locked" when another writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication
AUTHENTICATION_BACKENDS = ["organisasi.auth_backend.NipAtauUsernameBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "akun:masuk"
# Two-step verification (organisasi.dua_faktor): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = "eoffice"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "akun:masuk"
# Sessions end after this many minutes without activity. A request renews the clock when the session's
# last save is SESI_GESER_DETIK old or more (eoffice.middleware.SesiGeserMiddleware), not on every request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60) * 60
SESI_GESER_DETIK = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# --- Language, time, formats
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["eoffice.formats"]

# --- Static and media. Bootstrap comes from the npm registry at install time (node_modules),
# never from a CDN; whitenoise serves it.
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
# Files on this machine's disk (MEDIA_ROOT), or on S3-compatible object storage (MinIO, Ceph, a cloud)
# shared by several web and worker hosts when S3_BUCKET is set. The bucket must stay private: files
# are only ever served through the permission-checked views, never by a bucket URL.
S3_BUCKET = env_str("S3_BUCKET")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY") or None,
            "secret_key": env_str("S3_SECRET_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files live outside the static tree and are only served through permission-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/berkas-tidak-publik/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# --- Forms
# Selects written in Python, the same markup as Django's templates (lib/form_renderer.py).
FORM_RENDERER = "lib.form_renderer.Renderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "eoffice <noreply@eoffice.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Folder for EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (tests, demo without SMTP).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "email-keluar"))

# --- Celery. No broker configured: tasks run in-process (the embedded default).
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# The queue tasks go to unless routed: lets two installations (or a test worker) share one Redis.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Long work (OCR, PDFs) never runs inside a request: with a broker a worker takes it; without one, a
# thread of this process runs it after the response (lib/background.py). "inline" runs it at once.
BACKGROUND_TASKS = env_choice(
    "EOFFICE_BACKGROUND", ("celery", "thread", "inline"), "celery" if CELERY_BROKER_URL else "thread"
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_ACKS_LATE = True
# A task whose worker process died (OOM, kill) goes back on the queue instead of being lost.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a task taken by a worker that never acknowledged it (killed mid-task, acks_late)
# after this many seconds; it must exceed the longest task (perpanjang_cap_waktu: 2000 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
# Publishing while the broker is down gives up after about a second: the action has committed, its
# job row waits in the outbox and beat sends it later (outbox.services.sapu).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# The same for the result store, which Celery subscribes to on every send (its default retries 20 s).
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": CELERY_TASK_PUBLISH_RETRY_POLICY}
# A worker child that grew past this (KB) after a task is replaced: a leak or one huge input never
# keeps a big process around (prefork pool; the solo pool of the tests ignores it).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 768 * 1024)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    # Nothing lost when Redis or a worker dies: announcements stored with their transaction but never
    # sent (outbox), emails still waiting, PDF and OCR jobs left "diproses" are sent or queued again.
    "outbox-sapu": {"task": "outbox.tasks.sapu_task", "schedule": 60},
    "notifikasi-email-tertunda": {"task": "notifikasi.tasks.kirim_ulang_tertunda_task", "schedule": 5 * 60},
    "surat-pdf-macet": {"task": "surat.tasks.sapu_macet_task", "schedule": 5 * 60},
    "arsip-ocr-macet": {"task": "arsip.tasks.sapu_ocr_macet_task", "schedule": 5 * 60},
    # Disposition deadlines and unread Amat Segera letters; each reminder is sent once (notifikasi.kunci_unik).
    "notifikasi-pengingat": {"task": "notifikasi.tasks.periksa_pengingat", "schedule": 15 * 60},
    # Retention due dates (transfer, usul musnah) for the Unit Kearsipan, plus index/OCR catch-up: daily.
    "arsip-retensi-harian": {"task": "arsip.tasks.retensi_harian_task", "schedule": 24 * 60 * 60},
    # TTE: reissue the CRLs, remind signers of expiring certificates (30 and 7 days ahead), renew the
    # archive timestamps of signed letters before their TSA certificate expires. Daily.
    "tte-crl-harian": {"task": "tte.tasks.perbarui_crl_task", "schedule": 24 * 60 * 60},
    "tte-pengingat-sertifikat": {"task": "tte.tasks.pengingat_sertifikat_task", "schedule": 24 * 60 * 60},
    "tte-cap-waktu-arsip": {"task": "surat.tasks.perpanjang_cap_waktu_task", "schedule": 24 * 60 * 60},
    # Audit: anchor the chain's head outside the database every 15 minutes; check it all hourly and
    # alert admin Pemda when it is broken.
    "audit-checkpoint": {"task": "audit.tasks.checkpoint_audit_task", "schedule": 15 * 60},
    "audit-periksa": {"task": "audit.tasks.periksa_audit_task", "schedule": 60 * 60},
    # The heads' weekly digest (rekap): Monday 07.00 WIB; sent once per head per week however often it runs.
    "rekap-mingguan": {
        "task": "rekap.tasks.kirim_rekap_mingguan_task",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
}

# --- Cache: Redis when REDIS_URL is set (shared by all web processes: rate limits of the public
# verification page), else per-process memory.
# A Redis outage falls back to per-process memory (lib/cache_tahan.py): sign-in, signing and the
# verification page keep working, rate limits count per process meanwhile.
CACHES = {
    "default": {
        "BACKEND": "lib.cache_tahan.RedisTahanGangguan",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- Security. Production turns these on through the environment (see README).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# --- eoffice
# A training instance shows a "MODE LATIHAN" banner everywhere.
MODE_LATIHAN = env_bool("MODE_LATIHAN", False)
# The page benchmark's floor view and query-count header (eoffice/bench.py, docs/performance.md). Only on
# a site that answers on this machine alone: never on a deployment.
EOFFICE_BENCH = env_bool("EOFFICE_BENCH", False)
if EOFFICE_BENCH:
    if set(ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "::1", "testserver"}:
        raise ImproperlyConfigured("EOFFICE_BENCH=1 hanya untuk pengukuran: ALLOWED_HOSTS harus 127.0.0.1/localhost.")
    MIDDLEWARE.insert(0, "eoffice.bench.JumlahKueriMiddleware")
# Largest attachment or scan a user may upload, in megabytes.
EOFFICE_MAX_UPLOAD_MB = env_int("EOFFICE_MAX_UPLOAD_MB", 20)
# Caps on every parse and render of untrusted content, each in a child process (lib/terbatas.py):
# CPU seconds and memory (MB) of one PDF render, its page count; the same for reading an attachment's
# text, and the most a PDF may grow to when its streams are unpacked; the public verification upload.
PDF_MAKS_CPU_DETIK = env_int("PDF_MAKS_CPU_DETIK", 30)
PDF_MAKS_MB = env_int("PDF_MAKS_MB", 768)
PDF_MAKS_HALAMAN = env_int("PDF_MAKS_HALAMAN", 100)
BACA_MAKS_CPU_DETIK = env_int("BACA_MAKS_CPU_DETIK", 60)
BACA_MAKS_MB = env_int("BACA_MAKS_MB", 512)
BACA_MAKS_TERBUKA_MB = env_int("BACA_MAKS_TERBUKA_MB", 200)
ARSIP_OCR_MAKS_MB = env_int("ARSIP_OCR_MAKS_MB", 2048)
VERIFIKASI_MAKS_MB = env_int("VERIFIKASI_MAKS_MB", 5)
VERIFIKASI_MAKS_CPU_DETIK = env_int("VERIFIKASI_MAKS_CPU_DETIK", 10)
# Optional webhook: every notification is also POSTed there as JSON (bridge to WhatsApp/Telegram).
# With a secret, the header X-Eoffice-Signature carries "sha256=" + HMAC-SHA256 of the body.
EOFFICE_WEBHOOK_URL = env_str("EOFFICE_WEBHOOK_URL")
if EOFFICE_WEBHOOK_URL and not DEBUG and not EOFFICE_WEBHOOK_URL.lower().startswith("https://"):
    # The webhook carries notice titles (hal of letters): never in clear text over the network.
    raise ImproperlyConfigured("EOFFICE_WEBHOOK_URL harus diawali https:// bila DEBUG mati.")
EOFFICE_WEBHOOK_SECRET = env_str("EOFFICE_WEBHOOK_SECRET")
# Audit chain: rows are sealed with HMAC-SHA256 under this key, which never enters the database (so
# whoever can write the database cannot re-seal an edited row). The demo uses a fixed, clearly marked
# dev key; with DEBUG off a real key is required (eoffice.checks refuses weak ones).
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY") or (
    "dev-only-eoffice-audit-hmac-key-do-not-use-in-production" if DEBUG else ""
)
# Signed checkpoints of the chain's head are appended here by beat: keep it on another disk or host
# than the database (a mounted share shipped off-site), so rows cut from the end are noticed.
AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR", str(BASE_DIR / "audit-checkpoint")))
# Error pages and error e-mails never show passwords, passphrases or secret settings, DEBUG or not.
DEFAULT_EXCEPTION_REPORTER_FILTER = "eoffice.reporting.SecretFilter"
DEFAULT_EXCEPTION_REPORTER = "eoffice.reporting.SecretReporter"
LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint logs every rendering step at INFO; pyHanko warns about every signature it reads or makes
    # with our own CA (not in its default trust store), which is expected here.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}, "pyhanko": {"level": "ERROR"}},
}

# --- Tanda tangan elektronik (TTE), see docs/tte.md. "lokal": the Pemda's own CA kept in the database
# (its key encrypted under TTE_CA_PASSPHRASE, so several web hosts share it); "bsre": BSrE's esign API.
TTE_BACKEND = env_choice("TTE_BACKEND", ("lokal", "bsre"), "lokal")
TTE_CA_PASSPHRASE = env_str("TTE_CA_PASSPHRASE")
if not TTE_CA_PASSPHRASE:
    if not DEBUG and TTE_BACKEND == "lokal":
        raise ImproperlyConfigured("TTE_CA_PASSPHRASE wajib diisi bila DEBUG mati dan TTE_BACKEND=lokal.")
    TTE_CA_PASSPHRASE = "dev-only-eoffice-tte-ca-passphrase-do-not-use-in-production"
elif not DEBUG and "CHANGE-ME" in TTE_CA_PASSPHRASE:
    raise ImproperlyConfigured("TTE_CA_PASSPHRASE masih CHANGE-ME dari contoh; isi dengan frasa rahasia.")
# PEM file of extra trusted root/intermediate certificates (BSrE's chain) for verifying signed PDFs.
TTE_TRUST_ROOTS_PEM = env_str("TTE_TRUST_ROOTS_PEM")
# Timestamps (RFC 3161) on every signature. Empty: the Pemda's own TSA under its CA (in-process for
# signing, and served at /tte/tsa/ for others). Set it to an external TSA (BSrE's) to use that instead.
TTE_TSA_URL = env_str("TTE_TSA_URL")
if TTE_TSA_URL and not TTE_TSA_URL.lower().startswith(("https://", "http://")):
    raise ImproperlyConfigured("TTE_TSA_URL harus berupa alamat http:// atau https://.")
TTE_TSA_USERNAME = env_str("TTE_TSA_USERNAME")
TTE_TSA_PASSWORD = env_str("TTE_TSA_PASSWORD")
TTE_TSA_TIMEOUT = env_int("TTE_TSA_TIMEOUT", 10)
# Days a CRL of the Pemda's CA stays valid; it is reissued daily, on every revocation and when half
# its life has passed.
TTE_CRL_MASA_HARI = env_int("TTE_CRL_MASA_HARI", 7)
# The archive task adds a new document timestamp to a signed letter when its newest timestamp's
# certificate expires within this many days.
TTE_ARSIP_MARGIN_HARI = env_int("TTE_ARSIP_MARGIN_HARI", 180)
for _nama, _nilai in (("TTE_CRL_MASA_HARI", TTE_CRL_MASA_HARI), ("TTE_ARSIP_MARGIN_HARI", TTE_ARSIP_MARGIN_HARI)):
    if _nilai < 1:
        raise ImproperlyConfigured(f"{_nama}={_nilai}: harus minimal 1.")
BSRE_URL = env_str("BSRE_URL").rstrip("/")
BSRE_USERNAME = env_str("BSRE_USERNAME")
BSRE_PASSWORD = env_str("BSRE_PASSWORD")
BSRE_TIMEOUT = env_int("BSRE_TIMEOUT", 30)
# Which interface of BSrE's esign service: "1" (multipart, /api/sign/pdf) or "2" (JSON, /api/v2/...).
BSRE_API_VERSI = env_choice("BSRE_API_VERSI", ("1", "2"), "1")
if TTE_BACKEND == "bsre" and not BSRE_URL:
    raise ImproperlyConfigured("BSRE_URL wajib diisi bila TTE_BACKEND=bsre.")
