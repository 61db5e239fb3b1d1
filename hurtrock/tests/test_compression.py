"""gzip for HTML and JSON (hurtrock/compression.py): page-cache hits come from a copy compressed
once, with each visitor's own CSRF token and CSP nonce; clients without gzip get plain HTML."""

import gzip
import re

import pytest
from django.test import Client

from catalog.tests.factories import ProductFactory, ProductImageFactory
from hurtrock.testing.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def _caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.SHARED_CACHE_SECONDS = 60
    settings.GZIP_RESPONSES = True


@pytest.fixture
def product():
    product = ProductFactory(name="Ibanez RG550 Genesis", price=7_250_000, stock_quantity=4)
    ProductImageFactory(product=product)
    return product


def _html(response) -> str:
    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content).decode()


def test_a_page_cache_hit_is_gzip_with_this_visitors_token_and_nonce(product):
    url = product.get_absolute_url()
    miss = Client().get(url, **GZIP)
    assert miss["X-Page-Cache"] == "miss"
    first = _html(miss)
    visitor = Client(enforce_csrf_checks=True)
    hit = visitor.get(url, **GZIP)
    assert hit["X-Page-Cache"] == "hit"
    assert "Accept-Encoding" in hit["Vary"]
    assert int(hit["Content-Length"]) == len(hit.content) < len(first.encode()) / 2
    assert len(hit.content) < 1.3 * len(miss.content), "primed pieces: about a whole-page gzip"
    html = _html(hit)  # a valid gzip stream: gzip checks its CRC and length
    assert "Ibanez RG550 Genesis" in html and html.count("<html") == 1
    (nonce,) = set(NONCE.findall(html))
    assert f"'nonce-{nonce}'" in hit["Content-Security-Policy"]
    (token,) = set(TOKEN.findall(html))
    # The secrets are not compressed with the page (nothing for BREACH to measure): they are there verbatim.
    assert token.encode() in hit.content and nonce.encode() in hit.content
    answer = visitor.post(f"/cart/add/{product.pk}/", {"quantity": "1", "csrfmiddlewaretoken": token})
    assert answer.status_code in (200, 302), "the token in the gzip copy belongs to this visitor's cookie"
    # The same page as the plain copy, but for the token and the nonce.
    plain = Client().get(url)
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    scrub = lambda text: NONCE.sub("", TOKEN.sub("", text))  # noqa: E731
    assert scrub(html) == scrub(plain.content.decode()) == scrub(first)


def test_a_client_without_gzip_gets_plain_html(product):
    url = "/products/"
    Client().get(url, **GZIP)
    for headers in ({}, {"HTTP_ACCEPT_ENCODING": "identity"}):
        response = Client().get(url, **headers)
        assert response["X-Page-Cache"] == "hit"
        assert "Content-Encoding" not in response
        assert response.content.decode().lstrip().lower().startswith("<!doctype html")


def test_pages_that_are_not_cached_are_compressed_too(product):
    buyer = Client()
    buyer.force_login(UserFactory())
    buyer.post(f"/cart/add/{product.pk}/", {"quantity": "1"})
    response = buyer.get("/cart/", **GZIP)
    assert "X-Page-Cache" not in response
    assert "Ibanez RG550 Genesis" in _html(response)
    assert "Accept-Encoding" in response["Vary"]
    # A signed-in buyer's page-cache hit (their own parts filled in) is compressed whole.
    buyer.get("/products/", **GZIP)
    hit = buyer.get("/products/", **GZIP)
    assert hit["X-Page-Cache"] == "hit" and "Ibanez RG550 Genesis" in _html(hit)


def test_the_shared_autocomplete_is_compressed_once_and_equal_for_everyone(product):
    import json

    url = "/search/autocomplete/?q=ibanez"
    miss = Client().get(url, **GZIP)
    buyer = Client()
    buyer.force_login(UserFactory())
    hit = buyer.get(url, **GZIP)
    assert hit["X-Page-Cache"] == "hit"
    assert json.loads(_html(hit)) == json.loads(_html(miss)) == Client().get(url).json()


def test_switched_off(settings, product):
    settings.GZIP_RESPONSES = False
    url = "/products/"
    Client().get(url, **GZIP)
    hit = Client().get(url, **GZIP)
    assert hit["X-Page-Cache"] == "hit" and "Content-Encoding" not in hit


def test_static_files_are_left_to_whitenoise():
    from django.contrib.staticfiles import finders

    assert finders.find("css/site.css") or True
    response = Client().get("/static/css/site.css", **GZIP)
    if response.status_code == 200 and response.get("Content-Encoding") == "gzip":
        # WhiteNoise's own pre-compressed file: one layer of gzip, not two.
        assert gzip.decompress(b"".join(response.streaming_content))[:1] != b"\x1f"


def test_pieces_round_trip_primed_unprimed_and_a_value_of_another_length():
    from hurtrock.compression import pieces_compress, pieces_join

    mark = "\x00csrf\x00"
    card = '<form><input name="csrfmiddlewaretoken" value="' + mark + '"><h3>Gibson Les Paul Standard</h3></form>\n'
    for body in (card * 40, card * 40 + "odd \x01 byte"):  # the second cannot be primed: still correct
        pieces = pieces_compress(body, {mark: 64}, "utf-8")
        token = "A" * 32 + "b" * 32
        plain = body.replace(mark, token).encode()
        assert gzip.decompress(pieces_join(pieces, {mark: token}, plain, "utf-8")) == plain
        assert pieces_join(pieces, {mark: "short"}, plain, "utf-8") is None
    primed = pieces_compress(card * 40, {mark: 64}, "utf-8")
    unprimed = pieces_compress(card * 40 + "\x01", {mark: 64}, "utf-8")
    assert (
        sum(len(p) for p in primed if isinstance(p, bytes)) < sum(len(p) for p in unprimed if isinstance(p, bytes)) / 3
    )
