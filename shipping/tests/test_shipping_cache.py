"""The active delivery areas and shipping services are kept in the cache; any committed write to
either table is seen on the next read."""

import pytest
from django.core.cache import cache

from shipping.models import Destination, ShippingService
from shipping.selectors import (
    DESTINATIONS_CACHE_KEY,
    _snapshot,
    destination_active_get,
    destination_for,
    destinations_active,
    destinations_for_select,
    services_active,
)
from shipping.services import shipping_quote, shipping_quote_for_service
from shipping.tests.factories import DestinationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SHIPPING_CACHE_SECONDS = 3600


def _garut() -> Destination:
    return Destination.objects.get(city="Garut")


def test_a_warm_cache_answers_every_checkout_lookup_without_a_query(django_assert_num_queries):
    garut = _garut()
    destinations_active()

    with django_assert_num_queries(0):
        assert destination_for(city="Kab. Garut", province="Jawa Barat") == garut
        assert destination_active_get(str(garut.pk)) == garut
        assert any(garut.pk in dict(cities) for _province, cities in destinations_for_select())


def test_an_area_switched_off_by_an_update_is_gone_on_the_next_read(django_capture_on_commit_callbacks):
    garut = _garut()
    assert destination_active_get(garut.pk) == garut  # cached now

    with django_capture_on_commit_callbacks(execute=True):
        Destination.objects.filter(pk=garut.pk).update(is_active=False)

    assert destination_active_get(garut.pk) is None
    assert destination_for(city="Garut", province="Jawa Barat") != garut


def test_a_new_distance_and_a_new_area_are_seen_on_the_next_read(django_capture_on_commit_callbacks):
    garut = _garut()
    destinations_active()

    with django_capture_on_commit_callbacks(execute=True):
        garut.distance_km = 999
        garut.save()
        added = DestinationFactory(province="Jawa Barat", city="Pangandaran", distance_km=220)

    assert destination_active_get(garut.pk).distance_km == 999
    assert destination_for(city="Pangandaran", province="Jawa Barat") == added


def test_the_cache_is_cleared_only_when_the_write_commits(django_capture_on_commit_callbacks):
    garut = _garut()
    destinations_active()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Destination.objects.filter(pk=garut.pk).update(distance_km=1)

    # Not committed yet (the test's transaction): other processes must not cache the uncommitted row.
    assert destination_active_get(garut.pk).distance_km != 1
    assert len(callbacks) == 1


def _quote_lines():
    from catalog.tests.factories import ProductFactory

    return [(ProductFactory(weight_grams=4000, length_cm=110, width_cm=45, height_cm=15), 1)]


def test_a_warm_cache_quotes_a_submit_twice_without_reading_the_services(django_assert_num_queries):
    lines, garut = _quote_lines(), _garut()
    services_active()
    destinations_active()

    with django_assert_num_queries(0):
        quotes = shipping_quote(lines=lines, destination=garut)  # the page's quotes
        chosen = shipping_quote_for_service(lines=lines, destination=garut, service=quotes[0].service)  # order_place's
    assert chosen == quotes[0]


def test_a_new_price_and_a_switched_off_service_are_seen_on_the_next_quote(django_capture_on_commit_callbacks):
    lines, garut = _quote_lines(), _garut()
    before = {quote.service.pk: quote.cost for quote in shipping_quote(lines=lines, destination=garut)}
    first, second = services_active()[:2]

    with django_capture_on_commit_callbacks(execute=True):
        ShippingService.objects.filter(pk=first.pk).update(base_price=first.base_price + 5000)
        second.is_active = False
        second.save()

    after = {quote.service.pk: quote.cost for quote in shipping_quote(lines=lines, destination=garut)}
    assert after[first.pk] == before[first.pk] + 5000
    assert second.pk in before and second.pk not in after


def test_a_service_write_is_not_seen_by_others_before_it_commits(django_capture_on_commit_callbacks):
    first = services_active()[0]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ShippingService.objects.filter(pk=first.pk).update(base_price=1)

    assert services_active()[0].base_price == first.base_price
    assert len(callbacks) == 1


# --- Each process holds the rows; the shared cache holds only a token ---------------------------


def test_the_shared_cache_holds_a_token_and_each_process_the_rows(django_assert_num_queries):
    garut = _garut()
    destinations_active()

    assert isinstance(cache.get(DESTINATIONS_CACHE_KEY), str)  # not a hundred pickled rows per read
    with django_assert_num_queries(0):
        assert destinations_active() is destinations_active()
        assert destination_active_get(garut.pk) is destination_active_get(garut.pk)


def test_a_write_committed_by_another_process_is_read_again_here(django_assert_num_queries):
    garut = _garut()
    destinations_active()

    # What the other process's commit hook does: the token goes, this process's rows are stale.
    cache.delete(DESTINATIONS_CACHE_KEY)
    with django_assert_num_queries(1):
        assert destination_active_get(garut.pk) == garut
    with django_assert_num_queries(0):
        destinations_for_select()


def test_a_write_that_commits_while_the_rows_are_read_is_not_held_past_it(django_assert_num_queries):
    reads = []

    def rows_read():
        reads.append(1)
        cache.delete("test:snapshot")  # a write commits after the token was read, before the rows
        return ["old rows"]

    assert _snapshot("test:snapshot", rows_read).rows == ["old rows"]
    assert _snapshot("test:snapshot", lambda: ["new rows"]).rows == ["new rows"]
    assert _snapshot("test:snapshot", rows_read).rows == ["new rows"]
    assert len(reads) == 1


def test_switched_off_the_rows_are_read_every_time(settings, django_assert_num_queries):
    settings.SHIPPING_CACHE_SECONDS = 0
    destinations_active()
    with django_assert_num_queries(2):
        destinations_active()
        services_active()
