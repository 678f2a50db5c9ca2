"""Settings for the coalition platform.

One module for every environment: production differs from development only
through environment variables (listed in the README and `.env.example`).
The defaults are safe for a developer laptop: SQLite, a broker that needs no
server, mail written to files.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from coalition import api_settings as api
from coalition.env import (
    env_bool,
    env_int,
    env_keys,
    env_list,
    env_str,
    env_url,
    filesystem_broker_options,
)
from coalition.logging import logging_config

# --- Paths and environment ------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
# Local state of the embedded defaults (SQLite file, file broker, mail files).
VAR_DIR.mkdir(parents=True, exist_ok=True)

# --- Core and security ----------------------------------------------------
DEBUG = env_bool("DEBUG", True)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY.strip() in ("", _DEV_SECRET):
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The coalition's name in emails, the authenticator app and calendars; its phone number
# and privacy contact on every public page and email (the defaults are invented).
SITE_NAME = "Coalitie Informele Steun Tilburg"
COALITION_PHONE = env_str("COALITION_PHONE", "013 000 00 00")
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "privacy@coalitie-tilburg.example.org")
# Links follow where the platform runs: `make run`'s HOST and PORT in development.
_served_on = (
    f"http://{env_str('HOST', 'localhost')}:{env_int('PORT', 8000, minimum=1)}"
    if DEBUG
    else "http://localhost:8000"
)
SITE_URL = env_url("SITE_URL", _served_on, schemes=("http", "https")).rstrip("/")
REST_FRAMEWORK, SPECTACULAR_SETTINGS = api.REST_FRAMEWORK, api.spectacular_settings(SITE_URL)
OAUTH2_PROVIDER, OAUTH2_PROVIDER_APPLICATION_MODEL = api.OAUTH2_PROVIDER, api.APPLICATION_MODEL
ROOT_URLCONF = "coalition.urls"
WSGI_APPLICATION = "coalition.wsgi.application"

_behind_tls_proxy = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _behind_tls_proxy else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer and the container health check call /health/ over plain
# HTTP from inside the network: no redirect to HTTPS for that one path.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# django-csp 4: no inline scripts or styles anywhere; every asset is our own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
# A session never outlives a working day, idle or not.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024, minimum=1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400

# --- Apps, middleware, templates ------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    *api.API_APPS,  # the partner API: its settings are in coalition/api_settings.py
    # The foundation, lowest first, then the domain apps, then the workspace (imports go one way).
    "coalition.programmes",
    "coalition.people",
    "coalition.notifications",
    "coalition.privacy",
    "families",
    "volunteers",
    "matching",
    "coordinators",
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "coalition.http_methods.served_methods_middleware",  # GET, HEAD, POST; else 405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Runs before any view hook (CSRF reads the body there): an oversized form gets a clear
    # 413, an undecodable body or a NUL byte a 400.
    "families.middleware.RequestInputMiddleware",
    "csp.middleware.CSPMiddleware",
    "coalition.people.middleware.AdminLoginThroughAllauthMiddleware",
    "coalition.people.middleware.IdleTimeoutMiddleware",
    "coalition.people.middleware.StaffMfaRequiredMiddleware",
    "coordinators.dashboard_cache.DashboardCacheMiddleware",
    "coalition.people.middleware.PrivacyHeadersMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coalition.context.coalition_contact",
            ],
        },
    },
]
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'coalition.sqlite3'}")
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            # Persistent connections: about ten times the throughput on PostgreSQL.
            conn_max_age=env_int("CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
        )
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL={DATABASE_URL!r} is not valid: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so a Celery worker subprocess can open the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_coalition.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler kicks in by estimated cost and then spends ~100 ms
    # compiling queries that run in ~10 ms (the matching engine's volunteer pool);
    # short web queries never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# The database cache is shared by every process (so allauth's rate limits are
# real across gunicorn workers) and keeps working when Redis is down.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    },
    # Rendered dashboards, per session and per web process (coordinators/dashboard_cache.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# --- Authentication, allauth, MFA -----------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "coordinators:after_login"
LOGOUT_REDIRECT_URL = "coordinators:home"
# Staff and partners are logged out after this many minutes without a request (the
# name is kept so existing deployments keep their value).
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30, minimum=1)
ACCOUNT_ADAPTER = "coalition.people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
# Failed logins: 5 per 5 minutes per address and per account (kept in the database cache).
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key", "reset_password": "10/m/ip,3/5m/key"}
# Behind the TLS proxy every request comes from the proxy: the rate limits and the
# audit log take the client address it adds to X-Forwarded-For (the right-most one).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", int(_behind_tls_proxy), minimum=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
MFA_TOTP_TOLERANCE = 1
MFA_ADAPTER = "coalition.people.adapters.MFAAdapter"  # TOTP secrets encrypted at rest
MFA_ENCRYPTION_KEYS = env_keys(
    "MFA_ENCRYPTION_KEY", f"dev-only:{SECRET_KEY}", required=not DEBUG, not_equal=SECRET_KEY
)

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
]
# Staff pages are offered in Dutch and English; the public pages in all six.
STAFF_LANGUAGES = ("nl", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static files, media, uploads -----------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
# Screening documents (VOG scans) are PDFs or photos, never large.
SCREENING_DOCUMENT_MAX_BYTES = env_int("SCREENING_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024, minimum=1)
SCREENING_DOCUMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")

# --- Email ----------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Coalitie Informele Steun Tilburg <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery and beat ------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    env_url("REDIS_URL", REDIS_URL, schemes=("redis", "rediss"))
CELERY_BROKER_URL = env_url(
    "CELERY_BROKER_URL",
    REDIS_URL or "filesystem://",
    schemes=("redis", "rediss", "filesystem", "memory", "amqp"),
)
CELERY_BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(CELERY_BROKER_DIR)
else:
    # Publishing must never hang a web request when Redis is down: fail fast,
    # the database row is the source of truth and the sweep catches up later.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
        "max_retries": 1,
        "visibility_timeout": 3600,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULE = {
    # Every few minutes, whatever is due and unsent: a missed or doubled run does no harm.
    "notifications-sweep": {
        "task": "coalition.notifications.tasks.notifications_sweep",
        "schedule": env_int("NOTIFICATION_SWEEP_SECONDS", 120, minimum=10),
    },
    "reminders-plan": {
        "task": "coalition.notifications.tasks.reminders_plan",
        "schedule": crontab(minute="*/15"),
    },
    # Monday 08:00 Europe/Amsterdam (CELERY_TIMEZONE), on both sides of a DST change.
    "weekly-digests": {
        "task": "coalition.notifications.tasks.weekly_digests",
        "schedule": crontab(minute=0, hour=8, day_of_week="mon"),
    },
    # At night, when nobody works: 03:15 Europe/Amsterdam.
    "retention-daily": {
        "task": "coalition.privacy.tasks.retention_sweep",
        "schedule": crontab(hour=3, minute=15),
    },
    # Duplicate families: each new one is checked in a task; this catches a lost task.
    "duplicates-sweep": {"task": "families.tasks.duplicates_sweep", "schedule": crontab(minute=40)},
    **api.API_BEAT_SCHEDULE,  # the partner API's webhook sweep
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Logging --------------------------------------------------------------
# `LOG_FORMAT=json` for production: one JSON object per line (coalition/logging.py);
# `plain` for a developer's terminal. Both mask personal data (coalition/privacy/logging.py).
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} must be 'plain' or 'json'.")
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)
# With JSON, Celery keeps Django's handlers so worker and beat log the same way.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
# Error reports never carry what a family typed in.
DEFAULT_EXCEPTION_REPORTER_FILTER = "coalition.privacy.logging.PersonalDataReporterFilter"

# --- Coalition practice ---------------------------------------------------
# A coordinator contacts a family within this many working days (the intake promise).
INTAKE_PROMISE_WORKING_DAYS = env_int("INTAKE_PROMISE_WORKING_DAYS", 5, minimum=1)
# A parent's private status link stops working this many days after the request closed.
STATUS_LINK_DAYS_AFTER_CLOSURE = env_int("STATUS_LINK_DAYS_AFTER_CLOSURE", 30, minimum=1)
# Public forms: submissions per IP address per hour (a community centre's wifi is one address).
PUBLIC_FORM_SUBMISSIONS_PER_HOUR = env_int("PUBLIC_FORM_SUBMISSIONS_PER_HOUR", 60, minimum=1)
# How long a coordinator's rendered "today's work" page is reused (0: never).
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 60, minimum=0)
# A claimed notification whose send did not complete is taken again after this;
# one found half-sent ("sending") is flagged for a coordinator instead.
NOTIFICATION_LEASE_SECONDS = env_int("NOTIFICATION_LEASE_SECONDS", 600, minimum=10)
# Test-only: a worker pauses this long before each SMTP call (lets a test kill it mid-send).
NOTIFICATION_TEST_PAUSE_SECONDS = env_int("NOTIFICATION_TEST_PAUSE_SECONDS", 0, minimum=0)

# Retention in days, per kind of record (reasons in docs/processing-register.md).
RETENTION_CLOSED_REQUEST_DAYS = env_int("RETENTION_CLOSED_REQUEST_DAYS", 2 * 365, minimum=1)
RETENTION_ENDED_MATCH_DAYS = env_int("RETENTION_ENDED_MATCH_DAYS", 2 * 365, minimum=1)
RETENTION_REJECTED_VOLUNTEER_DAYS = env_int("RETENTION_REJECTED_VOLUNTEER_DAYS", 183, minimum=1)
RETENTION_STOPPED_VOLUNTEER_DAYS = env_int("RETENTION_STOPPED_VOLUNTEER_DAYS", 2 * 365, minimum=1)
RETENTION_NOTIFICATION_DAYS = env_int("RETENTION_NOTIFICATION_DAYS", 365, minimum=1)
RETENTION_AUDIT_DAYS = env_int("RETENTION_AUDIT_DAYS", 5 * 365, minimum=365)
