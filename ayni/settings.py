"""ayni settings: one file, driven by environment variables (see .env.example)."""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ayni.core.env import (
    ConfigError,
    email_settings,
    env_bool,
    env_float,
    env_float_list,
    env_int,
    env_list,
    env_networks,
    env_secret,
    env_str,
    env_url,
    local_site_url,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

try:
    SECRET_KEY = secret_key(VAR_DIR)
    DEBUG = env_bool("DEBUG", False)
    # Unset, it follows PORT (so `PORT=9000 make run` mails links to port 9000).
    SITE_URL = env_url("SITE_URL", local_site_url(), schemes={"http", "https"}).rstrip("/")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
    DATABASE_URL = env_url(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'ayni.sqlite3'}",
        schemes={"sqlite", "postgres", "postgresql", "pgsql"},
    )
    EMAIL_URL = env_url("EMAIL_URL", "", schemes={"smtp", "smtps", "smtp+tls"})
    TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", "")
    DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ayni <campaigns@localhost>")
    SECURE = env_bool("SECURE_COOKIES", SITE_URL.startswith("https://"))
    SIGNATURE_BURST_LIMIT = env_int("SIGNATURE_BURST_LIMIT", 10, minimum=1)
    SIGNATURE_BURST_SECONDS = env_int("SIGNATURE_BURST_SECONDS", 60, minimum=1)
    SIGNATURE_SUSTAINED_LIMIT = env_int("SIGNATURE_SUSTAINED_LIMIT", 100, minimum=1)
    SIGNATURE_SUSTAINED_SECONDS = env_int("SIGNATURE_SUSTAINED_SECONDS", 3600, minimum=1)
    # Rate limits count an IPv6 client by its network of this many bits: one home or one cloud
    # machine is usually given a whole /64 and can use any address in it.
    RATE_LIMIT_IPV6_PREFIX = env_int("RATE_LIMIT_IPV6_PREFIX", 64, minimum=32, maximum=128)
    SIGNATURE_FLAG_THRESHOLD = env_int("SIGNATURE_FLAG_THRESHOLD", 50, minimum=1)
    SIGNATURE_MAX_EMAILS = env_int("SIGNATURE_MAX_EMAILS", 5, minimum=1)
    SIGNATURE_CONFIRM_DAYS = env_int("SIGNATURE_CONFIRM_DAYS", 30, minimum=1)
    SIGNATURE_LINK_DAYS = env_int("SIGNATURE_LINK_DAYS", 400, minimum=1)
    # A form whose address is never confirmed (a signature, a registration, an adoption
    # report) is erased this many days after its last confirmation link was sent: at least a
    # day past the links' lifetime, so no link that still works names an erased form.
    UNCONFIRMED_RETENTION_DAYS = env_int(
        "UNCONFIRMED_RETENTION_DAYS",
        SIGNATURE_CONFIRM_DAYS + 1,
        minimum=SIGNATURE_CONFIRM_DAYS + 1,
    )
    # Events: reminders this many hours before the start (each once); the personal join link
    # leads to the meeting from this many minutes before the start until the end.
    EVENT_REMINDER_HOURS = env_float_list("EVENT_REMINDER_HOURS", "24,1", minimum=0.1)
    EVENT_JOIN_OPENS_MINUTES = env_int("EVENT_JOIN_OPENS_MINUTES", 15, minimum=0)
    # Motions: the largest evidence file (minutes as PDF or a photo) a reporter may upload.
    EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
    # A motion forwarded to a parent body and not heard this many days after its deadline
    # for motions is marked as not heard (lapsed).
    FORWARDING_LAPSE_DAYS = env_int("FORWARDING_LAPSE_DAYS", 30, minimum=0)
    # Motions: the largest CSV file of bodies an import reads, in bytes and in rows.
    BODY_IMPORT_MAX_BYTES = env_int("BODY_IMPORT_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
    BODY_IMPORT_MAX_ROWS = env_int("BODY_IMPORT_MAX_ROWS", 50_000, minimum=1)
    # Newsroom comments: the longest comment in characters; a comment with more links than
    # COMMENT_MAX_LINKS, or with one of COMMENT_HELD_WORDS (comma-separated, any case), waits
    # for a moderator; an article takes comments for COMMENTS_CLOSE_DAYS after publication (0:
    # always); COMMENT_REPORTS_TO_HIDE readers' reports hide a comment until a moderator looks;
    # COMMENT_REQUIRE_CHALLENGE asks the comment form for the proof-of-work (ayni.core.pow).
    COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 3000, minimum=100)
    COMMENT_MAX_LINKS = env_int("COMMENT_MAX_LINKS", 2, minimum=0)
    COMMENT_HELD_WORDS = env_list("COMMENT_HELD_WORDS", "")
    COMMENTS_CLOSE_DAYS = env_int("COMMENTS_CLOSE_DAYS", 30, minimum=0)
    COMMENT_REPORTS_TO_HIDE = env_int("COMMENT_REPORTS_TO_HIDE", 3, minimum=1)
    COMMENT_REQUIRE_CHALLENGE = env_bool("COMMENT_REQUIRE_CHALLENGE", False)
    # Members: a sign-in link works this many minutes, once. The payment provider's webhook
    # is signed with PAYMENT_WEBHOOK_SECRET (empty: the webhook is off and answers 404).
    MEMBER_SIGN_IN_MINUTES = env_int("MEMBER_SIGN_IN_MINUTES", 30, minimum=1, maximum=1440)
    PAYMENT_WEBHOOK_SECRET = env_secret("PAYMENT_WEBHOOK_SECRET")
    # The newsroom's meter: metered articles a reader may open in NEWS_METER_WINDOW_DAYS —
    # NEWS_METER_FREE anonymously, NEWS_METER_SUBSCRIBER_EXTRA more once subscribed,
    # NEWS_METER_MEMBER as a free member (a tier with full access: no limit). A browser with no
    # meter cookie meets the prompt once its keyed IP hash has opened NEWS_METER_IP_CEILING.
    NEWS_METER_FREE = env_int("NEWS_METER_FREE", 3, minimum=0)
    NEWS_METER_SUBSCRIBER_EXTRA = env_int("NEWS_METER_SUBSCRIBER_EXTRA", 3, minimum=0)
    NEWS_METER_MEMBER = env_int("NEWS_METER_MEMBER", 10, minimum=0)
    NEWS_METER_WINDOW_DAYS = env_int("NEWS_METER_WINDOW_DAYS", 30, minimum=1, maximum=366)
    NEWS_METER_IP_CEILING = env_int("NEWS_METER_IP_CEILING", 10, minimum=1)
    ROLLUP_INTERVAL = env_float("ROLLUP_INTERVAL", 3.0, minimum=0.1)
    EMAIL_DISPATCH_INTERVAL = env_float("EMAIL_DISPATCH_INTERVAL", 1.0, minimum=0.1)
    EMAIL_MAX_PER_SECOND = env_float("EMAIL_MAX_PER_SECOND", 50.0, minimum=0.0)
    RECONCILE_INTERVAL = env_float("RECONCILE_INTERVAL", 86400.0, minimum=1.0)
    COUNT_MAX_AGE = env_int("COUNT_MAX_AGE", 5, minimum=0)
    WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 30, minimum=10)
    WORKER_NICE = env_int("WORKER_NICE", 10, minimum=0)
    TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 8, minimum=1)
    POW_MAX_NUMBER = env_int("POW_MAX_NUMBER", 150_000, minimum=1000)
    # Back-office logins: failures per account, and per client, before a lockout; how long the
    # first lockout lasts (it doubles with each failure while locked out) and at most.
    LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
    LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1)
    LOGIN_COOLOFF_MAX_MINUTES = env_int("LOGIN_COOLOFF_MAX_MINUTES", 24 * 60, minimum=1)
except ConfigError as error:
    sys.exit(f"ayni configuration error: {error}")

# Malformed or unknown database URLs stop start-up too.
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
except (ValueError, KeyError) as error:
    sys.exit(f"ayni configuration error: DATABASE_URL is malformed ({error}).")

if _db["ENGINE"] == "django.db.backends.sqlite3":
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on
        # the busy timeout instead of failing with "database is locked" mid-transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000; PRAGMA cache_size=-20000;"
        ),
    }
    # Persistent connections avoid re-running the PRAGMAs on every request.
    _db["CONN_MAX_AGE"] = None
    _db["CONN_HEALTH_CHECKS"] = False
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "ayni.core",
    "ayni.supporters",
    "ayni.statements",
    "ayni.events",
    "ayni.motions",
    "ayni.newsroom",
    "ayni.members",
]

MIDDLEWARE = [
    "ayni.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the app itself answers (the embedded default has no proxy in front);
    # after WhiteNoise, which serves static files already compressed, and outside everything
    # that sets headers, so the pages cached whole go through it too.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ayni.core.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Before anything reads a POST body: only UTF-8 is read, and an unreadable body is a 400.
    "ayni.core.middleware.RequestEncodingMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ayni.core.middleware.TimezoneMiddleware",
    # Last: turns a login that axes locked out into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ayni.urls"
WSGI_APPLICATION = "ayni.wsgi.application"

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
                "django.template.context_processors.i18n",
                "ayni.core.context_processors.site",
                "ayni.core.context_processors.page_languages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as the campaign writes them ("27 November 2026"), the same on every page.
FORMAT_MODULE_PATH = ["ayni.core.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
LANGUAGE_COOKIE_NAME = "ayni_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploads that are never served to the public (a report's evidence): outside MEDIA_ROOT, which
# /media/ serves; only back-office views hand them out, as downloads (ayni.core.private_files).
PRIVATE_FILES_ROOT = VAR_DIR / "private"
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
WHITENOISE_MAX_AGE = 3600

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ayni",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

vars().update(email_settings(EMAIL_URL, VAR_DIR))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email"],
    }
}

# Security: everything below is what `manage.py check --deploy` asks for.
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = [SITE_URL]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
if SECURE_SSL_REDIRECT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", "")

LOGIN_URL = "admin:login"
# Where a login goes when its `next` is missing or off-site (Django's default, /accounts/profile/,
# does not exist here).
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes, see ayni/core/login.py): the first backend refuses a login
# while its account or client is locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: account, client
AXES_CLIENT_IP_CALLABLE = "ayni.core.login.login_client"
AXES_COOLOFF_TIME = "ayni.core.login.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True  # each record expires after its own (backed-off) cool-off
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ayni.core.login.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_COOLOFF_MESSAGE = _("Too many failed logins. Please try again later.")
AXES_VERBOSE = False  # no banner on every start; failures and lockouts are still logged

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_errors_one_line": {"()": "ayni.core.logs.ClientErrorsOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A 403 or 404 is the visitor's doing, not a fault: one line, no traceback.
        "django.request": {"filters": ["client_errors_one_line"]},
        # Login failures and lockouts are warnings; the step-by-step notes are not needed.
        "axes": {"level": "WARNING"},
    },
}
