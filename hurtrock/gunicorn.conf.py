"""gunicorn settings for production: uvicorn workers serve HTTP and WebSocket (Channels).

    gunicorn hurtrock.asgi:application -c hurtrock/gunicorn.conf.py

Environment: PORT (8000), WEB_CONCURRENCY (workers, default 2 per CPU core), GUNICORN_TIMEOUT.
Each worker keeps its own database pool of DB_POOL_MAX_SIZE connections (settings.py), so the
database sees at most WEB_CONCURRENCY × DB_POOL_MAX_SIZE connections from the web tier.
"""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
worker_class = "uvicorn_worker.UvicornWorker"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def post_worker_init(worker):
    """Load the URLconf (every view module), then move everything loaded so far into the garbage
    collector's permanent generation (`gc.freeze()`): the older-generation collections that scan
    all of Django's long-lived objects stop scanning them. In-process, over 600 list-page requests,
    the longest pause went from 14.8 ms to 6.3 ms (docs/performance.md). GC_FREEZE=0 skips it."""
    import gc

    if os.environ.get("GC_FREEZE", "1") == "0":
        return
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module now, before the freeze
    gc.collect()
    gc.freeze()
