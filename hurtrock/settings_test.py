"""Settings for the test suite: production settings plus fast hashing and test-only knobs.

DATABASE_URL / REDIS_URL decide the backends as in production (PostgreSQL + Redis in CI).
"""

import os

os.environ.setdefault("HURTROCK_TESTING", "1")

from hurtrock.settings import *  # noqa: E402,F403
from hurtrock.settings import BASE_DIR, DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / ".test-media"))

if "DB_POOL_MAX_SIZE" not in os.environ:
    # pytest-django's per-test transactions want one plain connection per thread; the pool is
    # tested by starting the production server with DB_POOL_MAX_SIZE set (hurtrock/tests/test_server_load.py).
    DATABASES["default"].get("OPTIONS", {}).pop("pool", None)

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not :memory:, so that a real server process started by the tests shares it.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_SQLITE_NAME", str(BASE_DIR / ".test-db.sqlite3"))}
WHITENOISE_USE_FINDERS = True
# Off for the suite (tests change data between requests in other processes' caches); the page
# cache's own tests switch it on (hurtrock/tests/test_page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
WHITENOISE_AUTOREFRESH = True
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "0"))  # hurtrock/tests/test_shared_cache.py
# Off too: without REDIS_URL the test server process keeps its own local-memory cache, which the
# suite's cache.clear() cannot reach, so one browser test's dashboard figures were served to the
# next within the minute (the order counts of an earlier test's data). Its own tests switch it on
# (hurtrock/tests/test_dashboard_figures.py).
DASHBOARD_CACHE_SECONDS = int(os.environ.get("DASHBOARD_CACHE_SECONDS", "0"))
# Tests change delivery areas, services and gateway settings inside one transaction (no commit, so
# no clearing): the caches' own tests switch them on (shipping/tests/test_shipping_cache.py,
# payments/tests/test_gateways_cache.py).
SHIPPING_CACHE_SECONDS = 0
PAYMENTS_CACHE_SECONDS = 0
CHECKOUT_CONCURRENCY = int(
    os.environ.get("CHECKOUT_CONCURRENCY", "0")
)  # the race tests race; orders/tests/test_admission.py
