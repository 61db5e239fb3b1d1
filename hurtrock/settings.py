"""Settings for Hurtrock Music Store.

Everything comes from environment variables (12-factor) with embedded defaults that let a fresh
clone run with nothing but Python: SQLite, the in-memory channel layer, console e-mail and a local
media folder. `DEBUG=0` switches on the production behaviour (secure cookies, HSTS, manifest
static files). Every variable is listed in the README's configuration table.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from hurtrock.env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)
TESTING = env_bool("HURTROCK_TESTING", False)

SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",  # first, so that runserver serves WebSocket too
    "hurtrock.apps.HurtrockConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "channels",
    "django_filters",
    "import_export",
    "django_tasks_db",
    "catalog.apps.CatalogConfig",
    "inventory.apps.InventoryConfig",
    "shipping.apps.ShippingConfig",
    "orders.apps.OrdersConfig",
    "payments.apps.PaymentsConfig",
    "reports.apps.ReportsConfig",
    "chat.apps.ChatConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hurtrock.compression.CompressionMiddleware",  # gzip for HTML/JSON (GZIP_RESPONSES); after WhiteNoise
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "hurtrock.middleware.MalformedInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "hurtrock.sharedcache.SharedCacheMiddleware",  # the autocomplete, for every visitor
    "allauth.account.middleware.AccountMiddleware",
    "hurtrock.pagecache.PageCacheMiddleware",  # last: serves anonymous hits right before the view
]

ROOT_URLCONF = "hurtrock.urls"
WSGI_APPLICATION = "hurtrock.wsgi.application"
ASGI_APPLICATION = "hurtrock.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hurtrock.context_processors.site",
                "orders.context_processors.cart",
                "catalog.context_processors.wishlist",
            ],
            "builtins": ["hurtrock.templatetags.rupiah", "hurtrock.templatetags.formtags"],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# On PostgreSQL each process keeps a bounded pool of connections (psycopg_pool): a request borrows
# one and gives it back at its end. Under ASGI, sync views run on a thread pool, and per-thread
# persistent connections (CONN_MAX_AGE) leak one connection per thread; the pool does not.
DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", 10)
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql") and DB_POOL_MAX_SIZE > 0:
    if DATABASES["default"]["CONN_MAX_AGE"]:
        raise ImproperlyConfigured("Set DB_CONN_MAX_AGE=0 with DB_POOL_MAX_SIZE: the pool keeps the connections.")
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, DB_POOL_MAX_SIZE),
        "max_size": DB_POOL_MAX_SIZE,
        "timeout": env_int("DB_POOL_TIMEOUT", 10),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and a worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
# The few hot statements compiled once per process (the sell rule for a cart, the cart lines) run as
# prepared statements on PostgreSQL (hurtrock/rawrows.py); 0 behind a pooler that cannot keep them.
# Their plans are generic, made once per connection: they look rows up by primary key or by buyer,
# the same plan whatever the value, and PostgreSQL's default replanned the sell rule on every run
# (0.8 ms). Django's own statements are never prepared, so this setting does not reach them.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
if IS_POSTGRES and DB_PREPARED_STATEMENTS:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c plan_cache_mode=force_generic_plan".strip()

REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "hurtrock.rediscache.RedisCache", "LOCATION": REDIS_URL}}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env("CHANNEL_PREFIX", "hurtrock")},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# The active delivery areas (about a hundred rows, read three times per checkout submit) and the
# active shipping services (read twice) are kept in the cache this long; any committed write to
# either table clears its entry (shipping/selectors.py). 0: read each time.
SHIPPING_CACHE_SECONDS = env_int("SHIPPING_CACHE_SECONDS", 3600)
# Which payment gateways are usable (asked for each gateway by every checkout page and submit): kept
# this long, cleared by any committed write to their configuration (payments/selectors.py). 0: off.
PAYMENTS_CACHE_SECONDS = env_int("PAYMENTS_CACHE_SECONDS", 3600)

# The admin dashboard's order figures (sales, charts, orders by status) are cached this long (0: off).
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 60)

# Whole-page cache of the storefront for visitors without a session (hurtrock/pagecache.py).
# 0 switches it off (the default with DEBUG on). Any write to these tables starts a new version.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 60)
PAGE_CACHE_VIEWS = frozenset(
    {
        "home",
        "catalog:product_list",
        "catalog:product_detail",
        "catalog:product_detail_slug",
        "catalog:search",
    }
)
# Signed-in buyers share one copy per language and URL; their own parts are filled in per request
# (hurtrock/personal.py). Staff and visitors with a session but no login get their own pages.
PAGE_CACHE_SIGNED_IN_VIEWS = PAGE_CACHE_VIEWS
# The autocomplete is the same for signed-in and anonymous visitors: cached for both under the
# normalised query and the language (hurtrock/sharedcache.py), with the page cache's invalidation.
SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", PAGE_CACHE_SECONDS)
# A signed-in buyer's badges on a cached page (wishlist ids, cart units, chat room, whether they
# asked for a back-in-stock e-mail or may review: orders; the name in the account menu: users) are
# kept per buyer too; any write to these tables reads every buyer's again.
PAGE_CACHE_BUYER_TABLES = frozenset(
    {"orders_cartitem", "catalog_wishlistitem", "chat_chatroom", "catalog_stockalert", "orders_order", "hurtrock_user"}
)
PAGE_CACHE_TABLES = ("catalog_", "hurtrock_storeprofile")
# Written by signed-in buyers and never shown to visitors: no reason to drop every stored page.
PAGE_CACHE_TABLES_IGNORED = frozenset({"catalog_wishlistitem", "catalog_stockalert", "catalog_pricedropnotice"})

# gzip for the shop's HTML and JSON (hurtrock/compression.py); page-cache entries are compressed once
# when stored. Switch off (0) when a proxy in front compresses instead.
GZIP_RESPONSES = env_bool("GZIP_RESPONSES", True)

# Sessions in the database, read through the cache (Redis in production): any app process can
# serve any request (see README, scaling), and a request of a signed-in visitor reads its session
# without a query. Written to both, so a lost cache loses no session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Background work: the immediate backend runs a task in-process (development, tests); production
# uses the database backend and `manage.py db_worker` (django-tasks-db).
TASKS_BACKEND = env("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }.get(TASKS_BACKEND, TASKS_BACKEND)
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "hurtrock.User"
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
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "hurtrock.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hurtrock] "  # replaced by the store's name (hurtrock.accounts)
ACCOUNT_ADAPTER = "hurtrock.accounts.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed logins: 5 per minute per IP and 5 per 5 minutes per account (allauth, cache-backed).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_RATE_LIMIT", "5/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Behind the load balancer every request comes from its address: per-IP limits (allauth's, also
# used by the admin login) take the client's address from the proxy's header instead.
if env_bool("BEHIND_PROXY", False):
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", "") or None

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Limits (README "Hardening") ------------------------------------------------------------------
# One image pipeline (hurtrock.images) for every picture: bytes and pixels per picture, and the
# pixels of all the pictures of one request together.
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_int("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000)
IMAGE_UPLOAD_MAX_REQUEST_PIXELS = env_int("IMAGE_UPLOAD_MAX_REQUEST_PIXELS", 250_000_000)
# Request bodies: the storefront's largest upload is one proof of transfer (10 MB); the admin's is
# 20 product pictures of 10 MB. A little above each; the load balancer should use the admin value.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 12 * 1024 * 1024)
REQUEST_BODY_MAX_BYTES_ADMIN = env_int("REQUEST_BODY_MAX_BYTES_ADMIN", 210 * 1024 * 1024)
# Query-string and form values longer than this (or holding a NUL byte) are answered 400.
QUERY_VALUE_MAX_LENGTH = env_int("QUERY_VALUE_MAX_LENGTH", 8192)
# Product import (django-import-export): rows handled inside the request, and the most accepted.
IMPORT_SYNC_MAX_ROWS = env_int("IMPORT_SYNC_MAX_ROWS", 500)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# The file waits for the confirmation step in the shared cache (any app process can confirm it);
# only CSV and XLSX are offered (hurtrock.importing.HardenedImportExportMixin).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "hurtrock.importing.ImportCacheStorage"
# Media is served by Django itself only when SERVE_MEDIA is on (default in development).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# `make bench` only: routes /_bench/bare/, the bare view measured as the server's ceiling.
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", False)

# --- E-mail -----------------------------------------------------------------------------------------
# Django 6.1 mailers. Development prints e-mails to the console; production sends over SMTP.
EMAIL_BACKEND_PATH = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env("EMAIL_HOST_USER", ""),
        "password": env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Hurtrock Music Store <noreply@hurtrock.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the fetch() helpers read the token from the form, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        USE_X_FORWARDED_HOST = True


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# "Pay now" posts to this site, which redirects to the gateway's hosted page: browsers apply
# form-action to that redirect too, so the gateways' page origins are allowed (or the fakes' in tests).
_GATEWAY_FORM_ORIGINS = [
    origin
    for origin in (
        _origin(env("STRIPE_API_BASE", "")) or "https://checkout.stripe.com",
        _origin(env("MIDTRANS_SNAP_BASE", "")) or "https://app.midtrans.com",
        "" if env("MIDTRANS_SNAP_BASE", "") else "https://app.sandbox.midtrans.com",
    )
    if origin
]

# Content-Security-Policy (Django 6): scripts only from this site or with the per-request nonce.
# Inline style attributes stay allowed (Django's admin and Bootstrap's components use them).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, *env_list("CSP_FORM_ACTION_EXTRA", []), *_GATEWAY_FORM_ORIGINS],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Absolute links in e-mails and on shipping labels (QR code): the site's public address.
_PUBLIC_HOST = next((host.lstrip(".") for host in ALLOWED_HOSTS if host != "*"), "")
SITE_URL = env("SITE_URL", "") or (
    f"https://{_PUBLIC_HOST}" if _PUBLIC_HOST and not DEBUG else f"http://127.0.0.1:{env('PORT', '8000')}"
)
# Proofs of bank transfer show account numbers: stored outside MEDIA_ROOT, served only to the
# buyer and staff through a permission-checked view.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))

# Logging (one key=value line per record, to stderr), and the shop's own settings: orders,
# reports, returns, payments, shipping, chat.
from hurtrock.settings_logging import *  # noqa: E402,F403
from hurtrock.settings_shop import *  # noqa: E402,F403
