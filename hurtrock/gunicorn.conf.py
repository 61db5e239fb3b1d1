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
