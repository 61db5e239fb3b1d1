"""The anonymous page cache: hits skip the view, each visitor keeps their own CSRF token and CSP
nonce, and every change a visitor could see is visible on the very next request."""

import re

import pytest
from django.test import Client

from catalog.models import Category, Product
from catalog.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory
from hurtrock.models import StoreProfile
from hurtrock.testing.factories import UserFactory
from inventory.models import StockMovement
from inventory.services.stock import stock_adjust

# Real commits: the page cache is invalidated when a write commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.SHARED_CACHE_SECONDS = 60  # the autocomplete (hurtrock/sharedcache.py)


@pytest.fixture
def product():
    product = ProductFactory(name="Ibanez RG550 Genesis", price=7_250_000, stock_quantity=4)
    ProductImageFactory(product=product)
    return product


def _get(url, client=None, **headers):
    return (client or Client()).get(url, **headers)


def test_second_visitor_gets_the_stored_page_without_a_query(product, django_assert_num_queries):
    url = product.get_absolute_url()
    first = _get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = _get(url)
    assert second["X-Page-Cache"] == "hit"
    assert "Ibanez RG550 Genesis" in second.content.decode()


def test_each_visitor_gets_their_own_csrf_token_and_it_works(product):
    url = product.get_absolute_url()
    _get(url)
    visitor = Client(enforce_csrf_checks=True)
    hit = visitor.get(url)
    assert hit["X-Page-Cache"] == "hit"
    tokens = set(TOKEN.findall(hit.content.decode()))
    assert len(tokens) == 1, "the page's add-to-cart form carries a CSRF token"
    assert "csrftoken" in hit.cookies, "the visitor's own CSRF cookie is set on a hit"
    answer = visitor.post(f"/cart/add/{product.pk}/", {"quantity": "1", "csrfmiddlewaretoken": tokens.pop()})
    assert answer.status_code in (200, 302)  # not 403: the token belongs to this visitor's cookie
    assert Client(enforce_csrf_checks=True).post(f"/cart/add/{product.pk}/", {"quantity": "1"}).status_code == 403


def test_the_csp_nonce_of_a_hit_matches_its_header(product):
    url = product.get_absolute_url()
    first_nonces = set(NONCE.findall(_get(url).content.decode()))
    hit = _get(url)
    nonces = set(NONCE.findall(hit.content.decode()))
    assert len(nonces) == 1 and nonces != first_nonces
    assert f"'nonce-{nonces.pop()}'" in hit["Content-Security-Policy"]


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda p: Product.objects.filter(pk=p.pk).update(price=6_100_000), "6.100.000"),
        (lambda p: Product.objects.filter(pk=p.pk).update(name="Ibanez RG550 Road Flare"), "Road Flare"),
        (lambda p: Category.objects.filter(pk=p.category_id).update(name="Gitar Elektrik Baru"), "Gitar Elektrik Baru"),
        (lambda p: ProductImageFactory(product=p, is_main=False, display="products/test/new-angle.webp"), "new-angle"),
    ],
    ids=["price", "name", "category", "image"],
)
def test_a_change_is_visible_on_the_next_request(product, change, expected):
    url = product.get_absolute_url()
    _get(url)
    assert _get(url)["X-Page-Cache"] == "hit"
    change(product)
    fresh = _get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert expected in fresh.content.decode()


def test_stock_changes_through_the_ledger_invalidate_the_list_and_the_page(product):
    pages = [product.get_absolute_url(), "/products/", "/"]
    for url in pages:
        _get(url)
        assert _get(url)["X-Page-Cache"] == "hit"
    stock_adjust(product=product, quantity=-4, reason=StockMovement.Reason.ADJUSTMENT, note="damaged")
    for url in pages:
        assert _get(url)["X-Page-Cache"] == "miss", url


def test_a_rolled_back_change_keeps_the_cache_and_a_committed_one_does_not(product):
    from django.db import transaction

    url = "/products/"
    _get(url)
    with pytest.raises(RuntimeError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price=1)
        raise RuntimeError
    assert _get(url)["X-Page-Cache"] == "hit"
    with transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price=2)
    assert _get(url)["X-Page-Cache"] == "miss"


def test_store_profile_changes_invalidate(product):
    _get("/")
    StoreProfile.objects.filter(pk=1).update(tagline="Rock on, Bandung")
    fresh = _get("/")
    assert fresh["X-Page-Cache"] == "miss"


def test_languages_are_stored_apart(product):
    url = "/products/"
    english = _get(url, HTTP_ACCEPT_LANGUAGE="en")
    indonesian = _get(url, HTTP_ACCEPT_LANGUAGE="id")
    assert indonesian["X-Page-Cache"] == "miss", "another language is another page"
    assert _get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode().count('lang="en"') == 1
    assert english["Content-Language"] != indonesian["Content-Language"]


def test_visitors_with_a_session_are_never_served_from_it(product):
    # Signed-in buyers have their own copies: hurtrock/tests/test_page_cache_signed_in.py.
    url = product.get_absolute_url()
    _get(url)
    visitor = Client()
    visitor.post(f"/cart/add/{product.pk}/", {"quantity": "1"})  # a session cart now
    page = visitor.get(url)
    assert "X-Page-Cache" not in page


def test_only_listed_read_only_pages_are_stored():
    CategoryFactory()
    assert "X-Page-Cache" not in _get("/contact/")
    assert "X-Page-Cache" not in _get("/accounts/login/")
    assert _get("/search/autocomplete/?q=gitar")["X-Page-Cache"] == "miss"


def test_switched_off_with_zero_seconds(settings, product):
    settings.PAGE_CACHE_SECONDS = 0
    url = product.get_absolute_url()
    _get(url)
    assert "X-Page-Cache" not in _get(url)


def test_a_buyers_wishlist_does_not_drop_the_stored_pages(product):
    from catalog.models_reviews import WishlistItem

    _get("/products/")
    WishlistItem.objects.create(user=UserFactory(), product=product, price_when_added=product.price)
    assert _get("/products/")["X-Page-Cache"] == "hit"


def test_pages_are_kept_no_longer_than_the_next_sale_start_or_end(product):
    from datetime import timedelta

    from django.utils import timezone

    from hurtrock.pagecache import page_timeout

    assert page_timeout() == 60
    Product.objects.filter(pk=product.pk).update(
        sale_price=6_000_000, sale_starts_at=timezone.now() + timedelta(seconds=20)
    )
    assert 0 < page_timeout() <= 20
    Product.objects.filter(pk=product.pk).update(sale_starts_at=timezone.now() - timedelta(days=1))
    assert page_timeout() == 60, "a sale already running and with no end changes nothing by the clock"
