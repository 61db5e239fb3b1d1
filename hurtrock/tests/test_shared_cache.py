"""The autocomplete's shared cache: one stored answer per normalised query and language, served
to signed-in buyers and anonymous visitors alike, and every catalog change visible at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from catalog.models import Product
from catalog.tests.factories import ProductFactory, ProductImageFactory
from hurtrock.testing.factories import UserFactory

# Real commits: the version is bumped when a write commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

URL = "/search/autocomplete/"


@pytest.fixture(autouse=True)
def _shared_cache_on(settings):
    settings.SHARED_CACHE_SECONDS = 60


@pytest.fixture
def product():
    product = ProductFactory(name="Ibanez RG550 Genesis", price=7_250_000, stock_quantity=4)
    ProductImageFactory(product=product)
    return product


@pytest.fixture
def buyer():
    client = Client()
    client.force_login(UserFactory())
    return client


def _names(response):
    return [row["name"] for row in response.json()["results"]]


def test_signed_in_and_anonymous_get_the_same_stored_answer_without_a_query(product, buyer, django_assert_num_queries):
    anonymous = Client().get(URL, {"q": "ibanez"})
    assert anonymous["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):  # no session, no user, no search
        signed_in = buyer.get(URL, {"q": "ibanez"})
    assert signed_in["X-Page-Cache"] == "hit"
    assert signed_in.content == anonymous.content
    assert _names(signed_in) == ["Ibanez RG550 Genesis"]
    assert signed_in["Content-Type"] == anonymous["Content-Type"] == "application/json"
    assert signed_in["Cache-Control"] == anonymous["Cache-Control"]
    assert "sessionid" not in signed_in.cookies and "sessionid" not in anonymous.cookies


def test_the_key_is_the_normalised_query(product):
    Client().get(URL, {"q": "ibanez   rg550"})
    again = Client().get(URL, {"q": "  ibanez rg550 ", "utm_source": "x"})
    assert again["X-Page-Cache"] == "hit"
    assert again.json()["query"] == "ibanez rg550"
    assert Client().get(URL, {"q": "ibanez"})["X-Page-Cache"] == "miss", "another query is another entry"


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda p: Product.objects.filter(pk=p.pk).update(price=6_100_000), 6_100_000),
        (lambda p: Product.objects.filter(pk=p.pk).update(name="Ibanez RG550 Road Flare"), "Ibanez RG550 Road Flare"),
    ],
    ids=["price", "name"],
)
def test_a_catalog_change_shows_in_the_next_answer(product, buyer, change, expected):
    buyer.get(URL, {"q": "ibanez"})
    assert buyer.get(URL, {"q": "ibanez"})["X-Page-Cache"] == "hit"
    change(product)
    for client in (buyer, Client()):
        fresh = client.get(URL, {"q": "ibanez"})
        assert fresh["X-Page-Cache"] in ("miss", "hit")  # the buyer's miss stored it for the visitor
        row = fresh.json()["results"][0]
        assert expected in (row["name"], row["price"]), row


def test_a_hidden_product_leaves_the_answer_at_once(product, buyer):
    assert _names(buyer.get(URL, {"q": "ibanez"})) == ["Ibanez RG550 Genesis"]
    Product.objects.filter(pk=product.pk).update(is_active=False)
    assert _names(buyer.get(URL, {"q": "ibanez"})) == []


def test_languages_are_stored_apart(product):
    Client().get(URL, {"q": "ibanez"}, HTTP_ACCEPT_LANGUAGE="en")
    indonesian = Client().get(URL, {"q": "ibanez"}, HTTP_ACCEPT_LANGUAGE="id")
    assert indonesian["X-Page-Cache"] == "miss"
    assert Client().get(URL, {"q": "ibanez"}, HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "hit"


def test_kept_no_longer_than_the_next_sale_boundary(product):
    from hurtrock.sharedcache import MARK_HEADER

    assert int(Client().get(URL, {"q": "ibanez"})[MARK_HEADER]) == 60
    Product.objects.filter(pk=product.pk).update(
        sale_price=6_000_000, sale_starts_at=timezone.now() + timedelta(seconds=20)
    )
    assert 0 < int(Client().get(URL, {"q": "ibanez"})[MARK_HEADER]) <= 20


def test_a_sale_starting_now_is_not_served_stale(product):
    Product.objects.filter(pk=product.pk).update(
        sale_price=6_000_000, sale_starts_at=timezone.now() + timedelta(seconds=1)
    )
    Client().get(URL, {"q": "ibanez"})
    # Stored for at most the second left before the sale: ask again after it has started.
    import time

    time.sleep(1.2)
    fresh = Client().get(URL, {"q": "ibanez"})
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.json()["results"][0]["price"] == 6_000_000


def test_switched_off_with_zero_seconds(settings, product):
    settings.SHARED_CACHE_SECONDS = 0
    Client().get(URL, {"q": "ibanez"})
    assert "X-Page-Cache" not in Client().get(URL, {"q": "ibanez"})
