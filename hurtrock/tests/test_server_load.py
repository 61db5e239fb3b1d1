"""The production server (gunicorn + uvicorn workers + psycopg pool) under concurrent load.

Under ASGI, Django runs sync views on a thread pool; with per-thread persistent connections
(`CONN_MAX_AGE`) each thread keeps its own connection and the count grows until PostgreSQL
refuses clients. With the pool (`DB_POOL_MAX_SIZE`) every worker holds at most that many, so the
web tier never opens more than workers × pool size, and no request fails while they are shared.
"""

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from catalog.tests.factories import ProductFactory
from hurtrock.testing import server as test_server

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the pool is PostgreSQL's (CI runs it)"),
]

WORKERS, POOL_SIZE, CLIENTS, REQUESTS = 2, 3, 16, 320
APPLICATION_NAME = "hurtrock-pool-under-load"


def _server_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [APPLICATION_NAME])
        return cursor.fetchone()[0]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local test server
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_database_connections_stay_bounded_under_concurrent_load():
    products = ProductFactory.create_batch(12)
    command = test_server.gunicorn_command(WORKERS)
    env = {
        "DATABASE_URL": f"{test_server.test_database_url()}?application_name={APPLICATION_NAME}",
        "DB_POOL_MAX_SIZE": str(POOL_SIZE),
        "DB_CONN_MAX_AGE": "0",
    }
    server = test_server.AsgiServer(extra_env=env, command=command).start()
    try:
        paths = ["/products/", "/healthz", "/search/autocomplete/?q=gitar", products[0].get_absolute_url()]
        peak, done = 0, threading.Event()
        with ThreadPoolExecutor(CLIENTS) as clients:
            futures = [clients.submit(_get, server.url + paths[i % len(paths)]) for i in range(REQUESTS)]
            threading.Thread(target=lambda: (all(f.result() for f in futures), done.set()), daemon=True).start()
            while not done.is_set():
                peak = max(peak, _server_connections())
                time.sleep(0.05)
            statuses = [future.result() for future in futures]
        after = _server_connections()
    finally:
        server.stop()

    assert statuses.count(200) == REQUESTS, {status: statuses.count(status) for status in set(statuses)}
    assert 0 < peak <= WORKERS * POOL_SIZE, peak
    assert after <= WORKERS * POOL_SIZE
