"""The autocomplete replayed in front of Django (hurtrock/edgecache.py), on the production server.

A real gunicorn + uvicorn worker serves the test database with the shared cache on; the test
process writes to the same database and Redis, as the admin in another process would.
"""

import gzip
import os
import urllib.error
import urllib.parse
import urllib.request

import pytest

from catalog.models import Product
from catalog.tests.factories import ProductFactory, ProductImageFactory
from hurtrock.pagecache import page_cache_invalidate
from hurtrock.testing import server as test_server

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the server and the test share Redis (CI runs it)"),
]

PATH = "/search/autocomplete/"
PER_REQUEST = {"date", "server", "x-page-cache"}  # uvicorn adds date and server itself


@pytest.fixture(scope="module", params=["threads", "asgi"])
def server(request, django_db_setup, django_db_blocker):
    """The production server, with HTTP on the thread pool and with Django's own ASGI handler
    (which sends header names as written, not lowercased)."""
    command = test_server.gunicorn_command(1)
    env = {"SHARED_CACHE_SECONDS": "60", "PAGE_CACHE_SECONDS": "60", "HTTP_HANDLER": request.param}
    with django_db_blocker.unblock():
        running = test_server.AsgiServer(extra_env=env, command=command).start()
    yield running
    running.stop()


@pytest.fixture
def product():
    page_cache_invalidate()  # nothing stored by an earlier test (a flush is not a write)
    product = ProductFactory(name="Ibanez RG550 Genesis", price=7_250_000, stock_quantity=4)
    ProductImageFactory(product=product)
    return product


def _get(server, query: str = "ibanez", **headers):
    url = f"{server.url}{PATH}?{urllib.parse.urlencode({'q': query})}"
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local test server
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_next_request_is_answered_before_django_with_the_same_headers(server, product):
    status, first_headers, first = _get(server)
    assert (status, first_headers["x-page-cache"]) == (200, "miss")
    status, headers, body = _get(server)
    assert (status, headers["x-page-cache"]) == (200, "edge")
    assert body == first and b"Ibanez RG550 Genesis" in body
    assert {k: v for k, v in headers.items() if k not in PER_REQUEST} == {
        k: v for k, v in first_headers.items() if k not in PER_REQUEST
    }
    # What the middleware adds is kept (security headers, language); the private mark is not sent.
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-language"] == "id"
    assert "x-shared-cache-seconds" not in headers and "x-shared-cache-seconds" not in first_headers
    assert "set-cookie" not in headers


def test_a_price_or_name_change_is_visible_on_the_next_request(server, product):
    _get(server)
    assert _get(server)[1]["x-page-cache"] == "edge"

    Product.objects.filter(pk=product.pk).update(price=6_500_000, name="Ibanez RG550 Genesis Purple")

    status, headers, body = _get(server)
    assert headers["x-page-cache"] == "miss"
    assert b"6500000" in body and b"Purple" in body


def test_gzip_and_each_language_get_their_own_answer(server, product):
    _get(server, **{"Accept-Encoding": "gzip"})
    _, zipped_headers, zipped = _get(server, **{"Accept-Encoding": "gzip"})
    _get(server)
    _, plain_headers, plain = _get(server)
    assert zipped_headers["x-page-cache"] == plain_headers["x-page-cache"] == "edge"
    assert zipped_headers["content-encoding"] == "gzip" and "content-encoding" not in plain_headers
    assert gzip.decompress(zipped) == plain

    _get(server, **{"Accept-Language": "en"})
    _, english, _ = _get(server, **{"Accept-Language": "en"})
    assert (english["x-page-cache"], english["content-language"]) == ("edge", "en")
    _, chosen, _ = _get(server, Cookie="django_language=en")
    assert chosen["content-language"] == "en"  # the language cookie wins, as LocaleMiddleware decides


def test_requests_django_would_refuse_are_never_answered_from_the_edge(server, product, settings):
    overlong = "a" * (settings.QUERY_VALUE_MAX_LENGTH + 1)
    assert _get(server, overlong)[0] == 400
    assert _get(server, overlong)[0] == 400  # not stored, not replayed
    wrong_host = _get(server, Host="evil.example.com")
    assert wrong_host[0] == 400  # ALLOWED_HOSTS is Django's to check: the host is in the key
