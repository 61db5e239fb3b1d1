"""Which gateways are usable is kept in the cache (every checkout page and submit asks): a warm
cache answers without a query, any committed change to a configuration is seen on the next read,
and new keys in the environment are never answered from the old keys' entry.

These tests commit (transaction=True): the cache is cleared by the commit of a write, as the admin's
save or a script's update commits it."""

import pytest
from django.core.cache import cache
from django.db import transaction

from orders.models import PaymentMethod
from orders.selectors import payment_methods_available
from orders.tests.factories import bank_account_configure
from payments.crypto import secret_encrypt
from payments.models import PaymentConfiguration, Provider
from payments.selectors import GATEWAYS_CACHE_KEY, gateway_is_available, gateways_available
from payments.tests.conftest import configure_midtrans, configure_stripe

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _cache_on(settings, gateways):
    settings.PAYMENTS_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


def test_a_warm_cache_answers_both_gateways_without_a_query(django_assert_num_queries):
    configure_stripe()
    configure_midtrans()
    with django_assert_num_queries(1):  # both configurations in one query
        assert gateways_available() == {Provider.STRIPE, Provider.MIDTRANS}

    with django_assert_num_queries(0):
        assert gateway_is_available(Provider.STRIPE)
        assert gateway_is_available(Provider.MIDTRANS)


def test_the_cache_holds_the_providers_names_and_never_a_key():
    configure_stripe()
    gateways_available()

    # The environment keys it was worked out with (none set here) and the providers' names.
    assert cache.get(GATEWAYS_CACHE_KEY) == ("000", frozenset({Provider.STRIPE}))


def test_a_gateway_switched_off_by_an_admin_is_gone_from_the_next_checkout():
    bank_account_configure()
    config = configure_stripe()
    assert PaymentMethod.STRIPE in payment_methods_available()  # cached now

    config.is_active = False
    config.save()

    assert payment_methods_available() == [PaymentMethod.BANK_TRANSFER]


def test_keys_entered_by_an_update_are_offered_on_the_next_read():
    configure_midtrans(secret_key="")
    assert not gateway_is_available(Provider.MIDTRANS)  # cached: no key yet

    PaymentConfiguration.objects.filter(provider=Provider.MIDTRANS).update(
        secret_key_encrypted=secret_encrypt("SB-Mid-server-new")
    )

    assert gateway_is_available(Provider.MIDTRANS)


def test_the_cache_is_cleared_when_the_write_commits_not_before():
    configure_stripe()
    assert gateway_is_available(Provider.STRIPE)

    with transaction.atomic():
        PaymentConfiguration.objects.filter(provider=Provider.STRIPE).update(is_active=False)
        # Not committed yet: the entry stays (another process must not cache the uncommitted row).
        assert cache.get(GATEWAYS_CACHE_KEY) == ("000", {Provider.STRIPE})

    assert not gateway_is_available(Provider.STRIPE)


def test_keys_set_in_the_environment_take_effect_at_the_restart_not_at_the_cache_timeout(settings):
    assert not gateway_is_available(Provider.STRIPE)  # nothing stored, nothing in the environment: cached

    # A deploy sets the keys in the environment (settings are read at start): no stale "unavailable".
    settings.STRIPE_SECRET_KEY = "sk_test_hurtrock_env"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_hurtrock_env"
    assert gateway_is_available(Provider.STRIPE)
