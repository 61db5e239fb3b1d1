"""The active delivery areas are kept in the cache; any committed write to them is seen next read."""

import pytest

from shipping.models import Destination
from shipping.selectors import destination_active_get, destination_for, destinations_active, destinations_for_select
from shipping.tests.factories import DestinationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SHIPPING_DESTINATIONS_CACHE_SECONDS = 3600


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
